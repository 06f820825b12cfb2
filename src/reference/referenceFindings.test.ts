import { describe, expect, it } from 'vitest';
import { referenceSetById } from './referenceCurves';
import { referenceFindings } from './referenceFindings';

describe('referenceFindings (the verdict read from the PyTorch reference curves)', () => {
  it('at 40 epochs: degradation, the residual fix and deeper-helps all show, each labelled as the reference', () => {
    const found = referenceFindings(referenceSetById('pytorch-40')!);
    expect(found.map((finding) => [finding.id, finding.status])).toEqual([
      ['degradation', 'shown'],
      ['rescue', 'shown'],
      ['deeperHelps', 'shown'],
    ]);
    expect(found[0].text).toBe(
      'In the PyTorch reference (not this browser), after 40 epochs: plain-56 ends with a higher training error than plain-20, 34.1% vs 10.8%: the degradation problem.',
    );
    expect(found[1].text).toContain('plain-56 ends with a higher training error than ResNet-56, 34.1% vs 5.9%');
    expect(found[2].text).toContain('ResNet-20 ends with a higher training error than ResNet-56, 8.0% vs 5.9%');
    for (const finding of found) expect(finding.text).toMatch(/^In the PyTorch reference \(not this browser\)/);
  });

  it('at 15 epochs ResNet-56 and ResNet-20 are tied: deeper-helps is not shown there', () => {
    const found = referenceFindings(referenceSetById('pytorch-15')!);
    expect(found.find((finding) => finding.id === 'deeperHelps')).toMatchObject({ status: 'notShown' });
    expect(found.find((finding) => finding.id === 'deeperHelps')!.text).toContain('deeper does not help yet at this length');
    expect(found.find((finding) => finding.id === 'degradation')).toMatchObject({ status: 'shown' });
  });
});

import { describe, expect, it } from 'vitest';
import { clearGap, expectedFindings } from './expectedFindings';

const expected = (epochs: number) => Object.fromEntries(expectedFindings(epochs).map((f) => [f.id, f.expected]));

describe('what a run of a given length can show, from the PyTorch reference curves', () => {
  it('degradation and its residual fix from one epoch on (reference at epoch 1: plain-56 85.7%, plain-20 65.9%, ResNet-56 76.3%)', () => {
    for (const epochs of [1, 2, 3, 6, 10, 15, 30]) {
      expect(expected(epochs)).toMatchObject({ degradation: true, rescue: true });
    }
    const [degradation, rescue] = expectedFindings(3);
    expect(degradation.evidence).toBe('In the PyTorch reference after 3 epochs, plain-56 has 69.8% training error and plain-20 38.8%.');
    expect(rescue.evidence).toBe('In the PyTorch reference after 3 epochs, ResNet-56 has 42.5% training error, plain-56 69.8%.');
  });

  it('"deeper helps" only at 40 epochs: tied at the end of the 15-epoch reference (15.4% vs 15.1%), ahead at 40 (5.9% vs 8.0%)', () => {
    expect(expected(1).deeperHelps).toBe(false);
    expect(expected(15).deeperHelps).toBe(false);
    expect(expected(39).deeperHelps).toBe(false);
    expect(expected(40).deeperHelps).toBe(true);
    expect(expected(60).deeperHelps).toBe(true);
    expect(expectedFindings(15)[2].evidence).toBe(
      'Needs a full schedule of about 40 epochs: in the PyTorch reference ResNet-56 vs ResNet-20 training error is 15.4% vs 15.1% at 15 epochs, 5.9% vs 8.0% at 40 epochs.',
    );
  });

  it('reads the 40-epoch reference for lengths past 15 epochs', () => {
    expect(expectedFindings(20)[0].evidence).toMatch(/after 20 epochs/);
    expect(expectedFindings(100)[0].evidence).toMatch(/after 40 epochs/);
  });

  it('calls a gap clear at 2 points and 10% of the larger error', () => {
    expect(clearGap(8, 5.9)).toBe(true);
    expect(clearGap(15.4, 15.1)).toBe(false);
    expect(clearGap(85, 77)).toBe(false);
    expect(clearGap(85, 76)).toBe(true);
  });
});

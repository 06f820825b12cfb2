import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../config';
import { describeArchitecture } from './architecture';
import { residualConfig } from './testing/configs';

const resnet = (depth: number, extra: Partial<ModelConfig> = {}): ModelConfig => residualConfig(depth, 16, extra);

describe('describeArchitecture', () => {
  it('lays out §4.2: 16/32/64 filters, n blocks per stage, stride 2 at the start of stages 2 and 3', () => {
    const a = describeArchitecture(resnet(20));
    expect(a.stemChannels).toBe(16);
    expect(a.stages.map((s) => s.length)).toEqual([3, 3, 3]);
    expect(a.stages.map((s) => s.map((b) => b.stride))).toEqual([
      [1, 1, 1],
      [2, 1, 1],
      [2, 1, 1],
    ]);
    expect(a.stages.map((s) => s[0].inChannels)).toEqual([16, 16, 32]);
    expect(a.stages.map((s) => s[0].outChannels)).toEqual([16, 32, 64]);
    expect(a.featureChannels).toBe(64);
    expect(a.classes).toBe(10);
  });

  it('bottleneck (extension): 1x1-3x3-1x1 with inner width 16/32/64 and outputs 64/128/256', () => {
    const a = describeArchitecture(resnet(29, { block: 'bottleneck' }));
    expect(a.stages.map((s) => s.length)).toEqual([3, 3, 3]);
    expect(a.stages.map((s) => s[0].innerChannels)).toEqual([16, 32, 64]);
    expect(a.stages.map((s) => s[0].inChannels)).toEqual([16, 64, 128]);
    expect(a.stages.map((s) => s[0].outChannels)).toEqual([64, 128, 256]);
    expect(a.featureChannels).toBe(256);
  });

  it.each([21, 0, -4, NaN, 2, 7, 19.5, Infinity, 11, 29])('rejects basic depth %s and names the valid ones', (depth) => {
    expect(() => describeArchitecture(resnet(depth))).toThrow(/6n\+2.*8, 14, 20, 26, 32.*20, 32, 44, 56, 110 and 1202/);
  });

  it.each([14, 12, 8])('rejects bottleneck depth %s (needs 9n+2)', (depth) => {
    expect(() => describeArchitecture(resnet(depth, { block: 'bottleneck' }))).toThrow(/9n\+2.*11, 20, 29/);
  });

  it.each([0, -16, 2.5, NaN])('rejects width %s', (width) => {
    expect(() => describeArchitecture(resnet(20, { width }))).toThrow(/width/);
  });
});

import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../config';
import { TABLE6_ITERATIONS, TABLE6_RESNETS, table6ForModels, table6Label, table6Result, table6Title } from './paperTable6';

const model = (depth: number, blockType: ModelConfig['blockType'] = 'residual', block: ModelConfig['block'] = 'basic'): ModelConfig => ({
  depth,
  blockType,
  shortcut: 'A',
  block,
  width: 16,
});

describe("the paper's Table 6", () => {
  it('holds the ResNet test errors of He et al. 2015, after 64k iterations', () => {
    expect(TABLE6_RESNETS.map((r) => [r.depth, r.testError])).toEqual([
      [20, 8.75],
      [32, 7.51],
      [44, 7.17],
      [56, 6.97],
      [110, 6.43],
      [1202, 7.93],
    ]);
    expect(table6Result(110)!.detail).toBe('best of 5 runs; mean 6.61 ± 0.16');
    expect(TABLE6_ITERATIONS).toBe(64_000);
    expect(table6Result(8)).toBeUndefined();
  });

  it('labels each number as the paper’s, not a run of this browser', () => {
    expect(table6Label(table6Result(56)!)).toBe('paper ResNet-56: 6.97%');
    expect(table6Title(table6Result(110)!)).toMatch(/Table 6.*6\.43%.*mean 6\.61 ± 0\.16.*64,000 iterations.*not a result of this browser.*Plain nets have no Table 6 entry/);
  });

  it('picks the table depths of the visible basic-block nets, plain or residual, and none for other depths', () => {
    const depths = (models: ModelConfig[]) => table6ForModels(models).map((r) => r.depth);
    expect(depths([model(56), model(20), model(56, 'plain'), model(56)])).toEqual([20, 56]);
    expect(depths([])).toEqual([]);
    // A plain net is compared with the ResNet of its depth; the micro net and bottleneck nets are not in the table.
    expect(depths([model(20, 'plain'), model(56, 'plain')])).toEqual([20, 56]);
    expect(depths([model(8)])).toEqual([]);
    expect(depths([model(56, 'residual', 'bottleneck'), model(110)])).toEqual([110]);
  });
});

import { describe, expect, it } from 'vitest';
import { modelName } from '../config';
import { queueParts, totalSeconds } from '../engine/wallTime';
import { certainlyTooSlow, experimentConfigs, FIT_MARGIN, probeConfig, sizeExperiment } from './sizeExperiment';

const TRAIN = 50_000;
const TEST = 10_000;
/** A device where plain-n costs n/20 of plain-20's step (roughly what layers cost), evaluation a third of it. */
const device = (msPerStepPlain20: number) => (depth: number) => ({
  msPerStep: (msPerStepPlain20 * depth) / 20,
  msPerEvalImage: (msPerStepPlain20 * depth) / 20 / 128 / 3,
});
const minutes = (m: number) => m * 60;

describe('sizing the first-visit experiment to this device', () => {
  it('times the paper-size networks: plain-20 and plain-56, 16 filters, batch 128, the whole training set', () => {
    for (const depth of [20, 56] as const) {
      const config = probeConfig(depth);
      expect(config.model).toMatchObject({ depth, blockType: 'plain', width: 16 });
      expect(config).toMatchObject({ batchSize: 128, learningRate: 0.1, trainSubset: null, augment: true });
    }
  });

  it('proposes the longest Figure 6 that fits, with the findings that length shows', () => {
    // A fast GPU: 20 ms per plain-20 step. Figure 6 at 10 epochs = 3,910 steps per network.
    const sizing = sizeExperiment(device(20), minutes(15), TRAIN, TEST);
    expect(sizing.fits).toBe(true);
    if (!sizing.fits) return;
    const { proposal } = sizing;
    expect(proposal.experiment).toBe('figure6');
    expect(proposal.configs.map((config) => modelName(config.model))).toEqual(['plain-20', 'plain-56', 'ResNet-20 (option A)', 'ResNet-56 (option A)']);
    expect(proposal.seconds * FIT_MARGIN).toBeLessThanOrEqual(minutes(15));
    // The next longer candidate would not have fitted.
    const longer = totalSeconds(queueParts(experimentConfigs('figure6', 15), (c) => device(20)(c.model.depth), TRAIN, TEST)!);
    expect(FIT_MARGIN * longer).toBeGreaterThan(minutes(15));
    expect(proposal.epochs).toBe(10);
    expect(proposal.configs.every((config) => config.epochs === 10 && config.schedule === 'quick')).toBe(true);
    expect(Object.fromEntries(proposal.findings.map((f) => [f.id, f.expected]))).toEqual({ degradation: true, rescue: true, deeperHelps: false });
  });

  it('promises "deeper helps" only when 40 epochs fit', () => {
    const sizing = sizeExperiment(device(5), minutes(60), TRAIN, TEST);
    expect(sizing.fits && sizing.proposal.epochs).toBe(40);
    expect(sizing.fits && sizing.proposal.findings.find((f) => f.id === 'deeperHelps')?.expected).toBe(true);
  });

  it('falls back to the degradation pair when Figure 6 does not fit even at one epoch', () => {
    // 300 ms per plain-20 step: Figure 6 at 1 epoch is 391 x (0.3 + 0.84) x 2 s ≈ 15 min; the pair ≈ 7.4 min.
    const sizing = sizeExperiment(device(300), minutes(5), TRAIN, TEST);
    expect(sizing.fits).toBe(false);
    const bigger = sizeExperiment(device(300), minutes(15), TRAIN, TEST);
    expect(bigger.fits && bigger.proposal.experiment).toBe('degradation');
    expect(bigger.fits && bigger.proposal.configs.map((c) => modelName(c.model))).toEqual(['plain-20', 'plain-56']);
  });

  it('counts building, shader compilation, chart points and checkpoints in a proposal, not only the steps', () => {
    // 20 ms per plain-20 step, and 40 s of shader compilation per network not yet compiled in this page.
    const withParts = (depth: number) => ({ ...device(20)(depth), msBuild: 500, msCompile: 40_000, msEvaluationCompile: 5_000, msPerSample: 30, msPerCheckpoint: 200 });
    const stepsOnly = sizeExperiment(device(20), minutes(15), TRAIN, TEST);
    const fresh = sizeExperiment(withParts, minutes(15), TRAIN, TEST);
    expect(stepsOnly.fits && fresh.fits).toBe(true);
    if (!stepsOnly.fits || !fresh.fits) return;
    // Four networks of one width share their shaders: compiled once (40 s + 5 s), built four times (2 s).
    const parts = queueParts(fresh.proposal.configs, (c) => withParts(c.model.depth), TRAIN, TEST)!;
    expect(parts.compile).toBeCloseTo(45, 6);
    expect(parts.build).toBeCloseTo(2, 6);
    expect(fresh.proposal.seconds).toBeCloseTo(totalSeconds(parts), 6);
    expect(fresh.proposal.seconds).toBeGreaterThan(totalSeconds(queueParts(fresh.proposal.configs, (c) => device(20)(c.model.depth), TRAIN, TEST)!) + 45);
    // Measured in this page, the shaders are compiled already, and 10,000 test images are 50 full batches of the
    // shape the measurement evaluated: nothing left to compile.
    const measuredHere = sizeExperiment((depth) => ({ ...withParts(depth), measuredThisPage: true }), minutes(15), TRAIN, TEST);
    expect(measuredHere.fits && queueParts(measuredHere.proposal.configs, (c) => ({ ...withParts(c.model.depth), measuredThisPage: true }), TRAIN, TEST)!.compile).toBe(0);
  });

  it('says so, with the smallest version and its time, on a device too slow for one epoch', () => {
    // SwiftShader-like: 40 s per plain-20 step at batch 128.
    const sizing = sizeExperiment(device(40_000), minutes(60), TRAIN, TEST);
    expect(sizing.fits).toBe(false);
    if (sizing.fits) return;
    expect(sizing.smallest.experiment).toBe('degradation');
    expect(sizing.smallest.epochs).toBe(1);
    expect(sizing.smallest.seconds).toBeGreaterThan(minutes(60) * 10);
  });

  it('decides "too slow" from a small-batch lower bound: 2 networks x 390 steps x the bound', () => {
    // 390 steps per epoch at batch 128; 2 x 390 x 4.7 s = 61 min > 60 min.
    expect(certainlyTooSlow(4_700, minutes(60), TRAIN)).toBe(true);
    expect(certainlyTooSlow(4_500, minutes(60), TRAIN)).toBe(false);
    expect(certainlyTooSlow(20, minutes(60), TRAIN)).toBe(false);
  });
});

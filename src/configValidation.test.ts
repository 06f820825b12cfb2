import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, PRESETS, blocksPerStage, modelName, presetById, type TrainConfig } from './config';
import { validateConfig } from './configValidation';

const withModel = (change: Partial<TrainConfig['model']>): TrainConfig => ({ ...DEFAULT_CONFIG, model: { ...DEFAULT_CONFIG.model, ...change } });

describe('depth rules', () => {
  it('accepts 6n+2 for basic and 9n+2 for bottleneck blocks', () => {
    expect([20, 32, 44, 56, 110, 1202].map((d) => blocksPerStage(d, 'basic'))).toEqual([3, 5, 7, 9, 18, 200]);
    expect(blocksPerStage(8, 'basic')).toBe(1);
    expect(blocksPerStage(29, 'bottleneck')).toBe(3);
    expect(blocksPerStage(21, 'basic')).toBeNull();
    expect(blocksPerStage(20, 'bottleneck')).toBe(2);
    expect(blocksPerStage(56, 'bottleneck')).toBe(6);
    expect(blocksPerStage(2, 'basic')).toBeNull();
    expect(blocksPerStage(Number.NaN, 'basic')).toBeNull();
    expect(blocksPerStage(20.5, 'basic')).toBeNull();
  });
});

describe('validateConfig', () => {
  it('accepts every preset', () => {
    PRESETS.forEach((preset) => expect(validateConfig(preset.config), preset.id).toEqual({}));
  });

  it('explains a wrong depth with the valid ones', () => {
    expect(validateConfig(withModel({ depth: 21 })).depth).toMatch(/6n\+2.*20, 32, 44, 56, 110/);
    expect(validateConfig(withModel({ depth: 32, block: 'bottleneck' })).depth).toMatch(/9n\+2/);
    expect(validateConfig(withModel({ depth: Number.NaN })).depth).toMatch(/number/);
    expect(validateConfig(withModel({ depth: -4 })).depth).toBeDefined();
  });

  it('refuses a learning rate of -1, 0, NaN or Infinity', () => {
    for (const learningRate of [-1, 0, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(validateConfig({ ...DEFAULT_CONFIG, learningRate }).learningRate, String(learningRate)).toMatch(/positive/);
    }
  });

  it('refuses fractional or absurd counts and a training set smaller than a batch', () => {
    expect(validateConfig({ ...DEFAULT_CONFIG, batchSize: 12.5 }).batchSize).toBeDefined();
    expect(validateConfig({ ...DEFAULT_CONFIG, epochs: 0 }).epochs).toBeDefined();
    expect(validateConfig({ ...DEFAULT_CONFIG, trainSubset: 100, batchSize: 128 }).trainSubset).toMatch(/smaller than one batch/);
    expect(validateConfig({ ...DEFAULT_CONFIG, testSubset: 10_001 }).testSubset).toBeDefined();
    expect(validateConfig({ ...DEFAULT_CONFIG, seed: -1 }).seed).toBeDefined();
  });

  it('names an unknown schedule in words, and refuses on/off settings that are not booleans', () => {
    const unknown = { ...DEFAULT_CONFIG, schedule: 'fast' } as unknown as TrainConfig;
    expect(validateConfig(unknown).schedule).toMatch(/Schedule "fast" is unknown: choose paper \(64,000 iterations, §4\.2\) or quick/);
    expect(validateConfig({ ...DEFAULT_CONFIG, validationSplit: 'yes' } as unknown as TrainConfig).validationSplit).toMatch(/switched on or off/);
    expect(validateConfig({ ...DEFAULT_CONFIG, warmup: 1 } as unknown as TrainConfig).warmup).toMatch(/switched on or off/);
    expect(validateConfig({ ...DEFAULT_CONFIG, schedule: 'paper', validationSplit: true, warmup: true })).toEqual({});
  });

  // Found by the URL fuzz test: a schedule from a link or a file was quoted whole, kilobytes of it.
  it('quotes an unknown schedule short', () => {
    const long = { ...DEFAULT_CONFIG, schedule: 'q'.repeat(10_000) } as unknown as TrainConfig;
    expect(validateConfig(long).schedule).toMatch(/^Schedule "q{40}…" is unknown/);
  });

  it('allows at most 45,000 training images when 5,000 are held out for validation', () => {
    expect(validateConfig({ ...DEFAULT_CONFIG, validationSplit: true, trainSubset: 45_000 })).toEqual({});
    expect(validateConfig({ ...DEFAULT_CONFIG, validationSplit: true, trainSubset: 45_001 }).trainSubset).toMatch(/at most 45,000 training images/);
    expect(validateConfig({ ...DEFAULT_CONFIG, validationSplit: false, trainSubset: 50_000 })).toEqual({});
  });

  it('runs the paper preset on the paper schedule and every other preset on a quick one, without split or warm-up', () => {
    expect(presetById('paper').config.schedule).toBe('paper');
    PRESETS.filter((p) => p.id !== 'paper').forEach((p) => expect(p.config.schedule, p.id).toBe('quick'));
    PRESETS.forEach((p) => expect([p.config.validationSplit, p.config.warmup], p.id).toEqual([false, false]));
    expect(DEFAULT_CONFIG).toBe(presetById('short').config);
  });

  it('names networks the way the paper does', () => {
    expect(modelName({ depth: 56, blockType: 'plain', shortcut: 'A', block: 'basic', width: 16 })).toBe('plain-56');
    expect(modelName({ depth: 20, blockType: 'residual', shortcut: 'A', block: 'basic', width: 16 })).toBe('ResNet-20 (option A)');
  });
});

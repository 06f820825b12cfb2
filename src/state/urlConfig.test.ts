import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, PRESETS } from '../config';
import { configFromQuery, configToQuery } from './urlConfig';

describe('config in the URL', () => {
  it('round-trips every preset exactly', () => {
    for (const preset of PRESETS) {
      const parsed = configFromQuery(configToQuery(preset.config));
      expect(parsed.problems).toEqual([]);
      expect(parsed.config).toEqual(preset.config);
    }
  });

  it('round-trips a plain option-B network with a forced backend', () => {
    const config = { ...DEFAULT_CONFIG, model: { ...DEFAULT_CONFIG.model, blockType: 'plain' as const, depth: 56, shortcut: 'B' as const }, seed: 7 };
    const parsed = configFromQuery(configToQuery(config, ['webgl']));
    expect(parsed.config).toEqual(config);
    expect(parsed.backends).toEqual(['webgl']);
  });

  it('names every piece of junk and falls back to defaults for it', () => {
    const parsed = configFromQuery('?depth=21&lr=-1&batch=abc&net=banana&augment=maybe&backend=tpu&colour=blue');
    expect(parsed.config).toEqual(DEFAULT_CONFIG);
    const text = parsed.problems.join('\n');
    expect(text).toMatch(/colour/);
    expect(text).toMatch(/batch=“abc” is not a number/);
    expect(text).toMatch(/depth=“21”.*6n\+2/);
    expect(text).toMatch(/lr=“-1”.*positive/);
    expect(text).toMatch(/net=“banana”/);
    expect(text).toMatch(/augment=“maybe”/);
    expect(text).toMatch(/backend=“tpu”/);
    expect(parsed.backends).toBeUndefined();
  });

  it('keeps the valid parts of a partly bad URL', () => {
    const parsed = configFromQuery('depth=56&lr=NaN');
    expect(parsed.config.model.depth).toBe(56);
    expect(parsed.config.learningRate).toBe(DEFAULT_CONFIG.learningRate);
    expect(parsed.problems).toHaveLength(1);
  });

  it('an empty query is the default config with no complaints', () => {
    expect(configFromQuery('')).toEqual({ config: DEFAULT_CONFIG, backends: undefined, problems: [] });
  });
});

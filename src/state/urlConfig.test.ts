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

  it('round-trips the schedule, the 45k/5k split and the warm-up', () => {
    const config = { ...DEFAULT_CONFIG, schedule: 'paper' as const, validationSplit: true, warmup: true, trainSubset: 45_000 };
    const query = configToQuery(config);
    expect(query).toMatch(/(^|&)schedule=paper(&|$)/);
    expect(query).toMatch(/(^|&)split=45k(&|$)/);
    expect(query).toMatch(/(^|&)warmup=1(&|$)/);
    expect(configFromQuery(query)).toEqual({ config, backends: undefined, kernels: undefined, gpuKeys: {}, problems: [] });
    expect(configToQuery(DEFAULT_CONFIG)).toMatch(/schedule=quick.*split=50k.*warmup=0/);
    const parsed = configFromQuery('schedule=quick&split=50k&warmup=0', config);
    expect(parsed.problems).toEqual([]);
    expect(parsed.config).toEqual({ ...config, schedule: 'quick', validationSplit: false, warmup: false });
  });

  it('reports a junk schedule, split or warm-up and uses the defaults for them', () => {
    const parsed = configFromQuery('schedule=fast&split=40k&warmup=yes&depth=56');
    expect(parsed.config).toEqual({ ...DEFAULT_CONFIG, model: { ...DEFAULT_CONFIG.model, depth: 56 } });
    expect(parsed.problems).toHaveLength(3);
    const text = parsed.problems.join('\n');
    expect(text).toMatch(/schedule=“fast”: Schedule "fast" is unknown.*Using quick\./);
    expect(text).toMatch(/split=“40k” must be 45k or 50k; using 50k\./);
    expect(text).toMatch(/warmup=“yes” must be 1 or 0; using 0\./);
  });

  it('drops a training subset larger than the 45,000 images the split leaves, keeping the split', () => {
    const parsed = configFromQuery('split=45k&train=50000');
    expect(parsed.config.validationSplit).toBe(true);
    expect(parsed.config.trainSubset).toBe(DEFAULT_CONFIG.trainSubset);
    expect(parsed.problems.join('\n')).toMatch(/train=“50000”: .*at most 45,000/);
  });

  it('names every piece of junk and falls back to defaults for it', () => {
    const parsed = configFromQuery('?depth=21&lr=-1&batch=abc&net=banana&augment=maybe&backend=tpu&colour=blue');
    expect(parsed.config).toEqual(DEFAULT_CONFIG);
    const text = parsed.problems.join('\n');
    expect(text).toMatch(/colour/);
    expect(text).toMatch(/batch=“abc” is not a whole number/);
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
    expect(configFromQuery('')).toEqual({ config: DEFAULT_CONFIG, backends: undefined, kernels: undefined, gpuKeys: {}, problems: [] });
  });

  it('?kernels=reference selects the reference tfjs ops, keeps it in the rewritten URL, and names junk', () => {
    const parsed = configFromQuery('kernels=reference');
    expect(parsed.kernels).toBe('reference');
    expect(parsed.problems).toEqual([]);
    expect(new URLSearchParams(configToQuery(parsed.config, undefined, parsed.kernels)).get('kernels')).toBe('reference');
    expect(new URLSearchParams(configToQuery(parsed.config)).get('kernels')).toBeNull();
    const junk = configFromQuery('kernels=fast');
    expect(junk.kernels).toBeUndefined();
    expect(junk.problems).toEqual(['URL parameter kernels=“fast” must be fused, taped or reference; using the fused kernels.']);
  });

  it('?autotune= and ?kernel= are read, kept in the rewritten URL, and junk is named and ignored', () => {
    const parsed = configFromQuery('autotune=on&kernel=convForward:workgroup-tile,split-reduction');
    expect(parsed.gpuKeys).toEqual({ autotune: 'on', kernel: 'convForward:workgroup-tile,split-reduction' });
    expect(parsed.problems).toEqual([]);
    const query = new URLSearchParams(configToQuery(parsed.config, undefined, undefined, parsed.gpuKeys));
    expect([query.get('autotune'), query.get('kernel')]).toEqual(['on', 'convForward:workgroup-tile,split-reduction']);
    const junk = configFromQuery('autotune=maybe&kernel=%3Cscript%3E');
    expect(junk.gpuKeys).toEqual({});
    expect(junk.problems).toHaveLength(2);
    expect(junk.problems[0]).toMatch(/autotune=“maybe” must be on or off/);
    expect(junk.problems[1]).toMatch(/kernel=“<script>” must be an implementation name/);
  });

  it('?kernels=taped (fused kernels, every step through the tape) is kept in the rewritten URL', () => {
    const parsed = configFromQuery('kernels=taped');
    expect(parsed.kernels).toBe('taped');
    expect(parsed.problems).toEqual([]);
    expect(new URLSearchParams(configToQuery(parsed.config, undefined, parsed.kernels)).get('kernels')).toBe('taped');
  });
});

describe('numbers and keys a hand-edited link may carry', () => {
  it('refuses hex and exponent forms of whole numbers, naming them, and keeps the defaults', () => {
    const parsed = configFromQuery('?batch=0x20&depth=2e1&epochs=1.5');
    expect(parsed.config.batchSize).toBe(DEFAULT_CONFIG.batchSize);
    expect(parsed.config.model.depth).toBe(DEFAULT_CONFIG.model.depth);
    const text = parsed.problems.join('\n');
    expect(text).toMatch(/batch=“0x20” is not a whole number/);
    expect(text).toMatch(/depth=“2e1” is not a whole number/);
    expect(text).toMatch(/epochs=“1.5” is not a whole number/);
  });

  it('reads decimals and exponents where fractions belong (lr, momentum, weight decay)', () => {
    const parsed = configFromQuery('?lr=.05&wd=1e-4&momentum=0.95');
    expect(parsed.problems).toEqual([]);
    expect(parsed.config).toMatchObject({ learningRate: 0.05, weightDecay: 1e-4, momentum: 0.95 });
    expect(configFromQuery('?lr=0x1').problems.join()).toMatch(/lr=“0x1” is not a number/);
    expect(configFromQuery('?lr=Infinity').problems.join()).toMatch(/lr=“Infinity” is not a number/);
  });

  it('names thousands of unknown keys in one notice, a few of them by name', () => {
    const query = Array.from({ length: 2000 }, (_, i) => `junk${i}=1`).join('&');
    const parsed = configFromQuery(`?${query}`);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatch(/^Ignored 2,000 unknown URL parameters: “junk0”, .* and 1,995 more\.$/);
  });

  // Issue 20: trainSubset=320 was ignored without a hint, and the run trained on all 50,000 images.
  it('suggests the closest known key for an unknown one, by its key or its config field name', () => {
    expect(configFromQuery('?trainSubset=320').problems).toEqual(['Ignored the unknown URL parameter “trainSubset”: did you mean train=?']);
    const cases: [string, string][] = [
      ['testSubset', 'test'],
      ['learningRate', 'lr'],
      ['weightDecay', 'wd'],
      ['batchSize', 'batch'],
      ['evalsPerEpoch', 'evals'],
      ['blockType', 'net'],
      ['validationSplit', 'split'],
      ['Depth', 'depth'],
      ['depht', 'depth'],
      ['epoch', 'epochs'],
      ['backends', 'backend'],
      ['run', 'runs'],
    ];
    for (const [key, meant] of cases) {
      expect(configFromQuery(`?${key}=1`).problems, key).toEqual([`Ignored the unknown URL parameter “${key}”: did you mean ${meant}=?`]);
    }
    expect(configFromQuery('?colour=blue').problems).toEqual(['Ignored the unknown URL parameter “colour”.']);
  });

  it('puts each suggestion next to its key when several unknown keys share the notice', () => {
    expect(configFromQuery('?trainSubset=320&colour=blue&LR=0.05').problems).toEqual([
      'Ignored 3 unknown URL parameters: “trainSubset” (did you mean train=?), “colour”, “LR” (did you mean lr=?).',
    ]);
  });

  it('never throws on malformed %-escapes; the value is named as it arrived', () => {
    for (const query of ['?note=100%', '?lr=%ZZ', '?depth=20%', '?%E0%A4%A=1', '?exp=%', '?tfjsflags=DEBUG:true']) {
      expect(() => configFromQuery(query)).not.toThrow();
    }
    expect(configFromQuery('?lr=%ZZ').problems.join()).toMatch(/lr=“%ZZ” is not a number/);
    expect(configFromQuery('?tfjsflags=DEBUG:true').problems.join()).toMatch(/unknown URL parameter “tfjsflags”/);
  });

  // Found by the fuzz test (src/fuzz/urlFuzz.test.ts): these values were pasted whole into the notice.
  it('quotes a kilobytes-long value short in every message', () => {
    const long = 'x'.repeat(5_000);
    for (const key of ['augment', 'split', 'warmup', 'backend', 'kernels', 'net', 'schedule', 'depth', 'lr']) {
      const { problems } = configFromQuery(`${key}=${long}`);
      expect(problems, key).toHaveLength(1);
      expect(problems[0], key).toMatch(new RegExp(`${key}=“x{40}…”`));
      expect(problems[0].length, key).toBeLessThan(400);
    }
  });

  // Found by the fuzz test: lr=1e400 was quoted as lr=“Infinity”, and depth=-0 as depth=“0”.
  it('quotes a refused value as the link writes it, not as it parsed', () => {
    expect(configFromQuery('lr=1e400').problems).toEqual([
      'URL parameter lr=“1e400”: Learning rate must be a positive number no larger than 10 (the paper uses 0.1). Using 0.1.',
    ]);
    expect(configFromQuery('depth=-0').problems.join()).toMatch(/^URL parameter depth=“-0”: Depth 0 is not a valid basic network/);
  });

  // Found by the fuzz test: depth=20&depth=56 trained ResNet-20 and never mentioned the 56.
  it('names a key given twice with different values, and uses the first', () => {
    const parsed = configFromQuery('depth=56&depth=20&runs=plain-20&runs=plain-56&lr=0.1&lr=0.1');
    expect(parsed.config.model.depth).toBe(56);
    expect(parsed.problems).toEqual([
      'URL parameter depth is given 2 times with different values; only the first, “56”, is used.',
      'URL parameter runs is given 2 times with different values; only the first, “plain-20”, is used.',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, PRESETS } from '../config';
import { MAX_DEPTH } from '../configValidation';
import type { RunDiagnostics } from '../diagnostics/diagnostics';
import { testDiagnostics } from '../export/testRuns';
import { MAX_POINTS_PER_RUN, maxIterations } from './runCurves';
import { MAX_GRADIENT_LAYERS, MAX_RESPONSE_LAYERS, MAX_TRAINING_VALUES, runDiagnosticsProblem } from './runDiagnosticsSchema';

const config = PRESETS[0].config;
const last = maxIterations(config)!;

/** testDiagnostics() as a plain object to spoil field by field. */
// `any`: values a damaged record or a hostile file may hold, of any shape.
function spoilt(spoil: (d: Record<string, any>) => void): unknown {
  const diagnostics = testDiagnostics() as unknown as Record<string, any>;
  spoil(diagnostics);
  return diagnostics;
}

/** An own "__proto__" field, as JSON.parse makes (a plain assignment would set the prototype instead). */
function withOwn(target: object, key: string, value: unknown): object {
  return Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

describe('runDiagnosticsProblem: what a run\'s diagnostics may hold', () => {
  it('accepts the diagnostics a run makes, none at all, and a run not yet sampled', () => {
    expect(runDiagnosticsProblem(testDiagnostics(), config)).toBeNull();
    expect(runDiagnosticsProblem(undefined, config)).toBeNull();
    expect(runDiagnosticsProblem({ ...testDiagnostics([], []), predictions: undefined }, config)).toBeNull();
    // Norms may be huge (a diverging run) as long as they are finite; a sample at the run's last iteration.
    const huge = spoilt((d) => (d.training[2] = { iteration: last, gradientNorms: [1e300, 0, 0, 0, Number.MAX_VALUE], responseStds: [0, 1e200] }));
    expect(runDiagnosticsProblem(huge, config)).toBeNull();
  });

  it('names what is wrong with each kind of damage', () => {
    const cases: [unknown, RegExp][] = [
      [null, /not a set of layers and samples/],
      ['diagnostics', /not a set of layers and samples/],
      [[testDiagnostics()], /not a set of layers and samples/],
      [spoilt((d) => delete d.layout), /no layout of layers/],
      [spoilt((d) => (d.layout.gradientLayers = 'many')), /no lists of layers/],
      [spoilt((d) => (d.layout.gradientLayers[1] = null)), /gradient layer 2 is not a layer/],
      [spoilt((d) => (d.layout.gradientLayers[0].name = 7)), /gradient layer 1 has no name of at most 200/],
      [spoilt((d) => (d.layout.gradientLayers[0].name = 'x'.repeat(201))), /gradient layer 1 has no name/],
      [spoilt((d) => (d.layout.gradientLayers[0].kind = 'relu')), /gradient layer 1 is not a conv, bn or fc layer/],
      [spoilt((d) => (d.layout.gradientLayers[4].stage = 5)), /gradient layer 5 has no stage from 0 to 4/],
      [spoilt((d) => (d.layout.gradientLayers[4].stage = 1.5)), /no stage/],
      [spoilt((d) => (d.layout.responseLayers[1].stage = NaN)), /response layer 2 has no stage/],
      [spoilt((d) => (d.layout.responseLayers[0].kernelSize = 5)), /response layer 1 has a kernel size other than 1 or 3/],
      [spoilt((d) => (d.training = { length: 3 })), /samples are not lists/],
      [spoilt((d) => (d.evaluations = null)), /samples are not lists/],
      [spoilt((d) => (d.training[0] = 'sample')), /training sample 1 is not a sample/],
      [spoilt((d) => (d.training[1].iteration = -20)), /training sample 2 has no valid iteration/],
      [spoilt((d) => (d.training[1].iteration = 20.5)), /training sample 2 has no valid iteration/],
      [spoilt((d) => (d.training[1].iteration = '20')), /training sample 2 has no valid iteration/],
      [spoilt((d) => (d.training[2].iteration = 1e12)), /training sample 3 is at iteration 1,000,000,000,000, past the/],
      [spoilt((d) => (d.training[2].iteration = 20)), /training sample 3 is not after training sample 2/],
      [spoilt((d) => (d.training[0].gradientNorms = d.training[0].gradientNorms.slice(1))), /training sample 1 does not have 5 gradient norms/],
      [spoilt((d) => d.training[0].responseStds.push(1)), /training sample 1 does not have 2 response stds/],
      [spoilt((d) => (d.training[0].gradientNorms = Float64Array.from(d.training[0].gradientNorms))), /does not have 5 gradient norms/],
      [spoilt((d) => (d.training[0].gradientNorms[2] = NaN)), /training sample 1 has a gradient norm that is not a finite number from 0/],
      [spoilt((d) => (d.training[0].gradientNorms[2] = Infinity)), /not a finite number/],
      [spoilt((d) => (d.training[0].gradientNorms[2] = null)), /not a finite number/],
      [spoilt((d) => (d.training[0].responseStds[0] = -1)), /training sample 1 has a response std that is not a finite number from 0/],
      [spoilt((d) => (d.training[0].responseStds[0] = '1.5')), /response std that is not a finite number/],
      [spoilt((d) => (d.evaluations[0] = 4)), /evaluation 1 is not an evaluation/],
      [spoilt((d) => (d.evaluations[0].iteration = 2 ** 53 + 2)), /evaluation 1 has no valid iteration/],
      [spoilt((d) => (d.evaluations[0].iteration = last + 1)), /evaluation 1 is at iteration .*, past the/],
      [spoilt((d) => d.evaluations.push({ ...d.evaluations[0] })), /evaluation 2 is not after evaluation 1/],
      [spoilt((d) => d.evaluations[0].confusion.pop()), /evaluation 1 has no confusion matrix of 100 counts/],
      [spoilt((d) => (d.evaluations[0].confusion[7] = 0.5)), /confusion count that is not a whole number from 0/],
      [spoilt((d) => (d.evaluations[0].confusion[7] = -1)), /confusion count that is not a whole number/],
      [spoilt((d) => (d.evaluations[0].confusion[7] = 60_000)), /evaluation 1 counts 60,004 images; an evaluation has at most 50,000/],
      [spoilt((d) => (d.predictions = 'yes')), /predictions are not a set of predictions/],
      [spoilt((d) => (d.predictions = null)), /predictions are not a set of predictions/],
      [spoilt((d) => (d.predictions.iteration = -1)), /predictions have no valid iteration/],
      [spoilt((d) => (d.predictions.iteration = 1e9)), /predictions are at iteration 1,000,000,000, past the/],
      [spoilt((d) => (d.predictions.evaluatedOn = 'train')), /do not say whether the test or the validation images/],
      [spoilt((d) => (d.predictions.labels = [3, 5, 1, 9])), /predictions are not lists of bytes/],
      [spoilt((d) => (d.predictions.top3Percent = Uint16Array.from(d.predictions.top3Percent))), /not lists of bytes/],
      [spoilt((d) => (d.predictions.top3Classes = d.predictions.top3Classes.subarray(3))), /three classes and percentages per image/],
      [spoilt((d) => (d.predictions.labels = new Uint8Array(5))), /three classes and percentages per image/],
      [spoilt((d) => (d.predictions.labels[0] = 10)), /predictions name a class outside 0–9/],
      [spoilt((d) => (d.predictions.top3Classes[5] = 255)), /predictions name a class outside 0–9/],
      [spoilt((d) => (d.predictions.top3Percent[5] = 101)), /percentage above 100/],
    ];
    for (const [value, reason] of cases) expect(runDiagnosticsProblem(value, config), JSON.stringify(value)?.slice(0, 100)).toMatch(reason);
  });

  it('reads no field through the prototype: a "__proto__" or "constructor" key is no layout or sample', () => {
    expect(runDiagnosticsProblem(withOwn({ training: [], evaluations: [] }, '__proto__', { layout: testDiagnostics().layout }), config)).toMatch(/no layout/);
    const { layout, ...noLayout } = testDiagnostics();
    expect(runDiagnosticsProblem({ ...noLayout, constructor: layout }, config)).toMatch(/no layout/);
    const sample = withOwn({ gradientNorms: [0, 0, 0, 0, 0], responseStds: [0, 0] }, '__proto__', { iteration: 5 });
    expect(runDiagnosticsProblem({ ...testDiagnostics([], []), training: [sample] }, config)).toMatch(/training sample 1 has no valid iteration/);
    // Extra keys of any name are left alone, never followed.
    const extra = withOwn(testDiagnostics(), '__proto__', { polluted: true });
    expect(runDiagnosticsProblem(extra, config)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('bounds every count before reading the values, from the deepest network the app builds', () => {
    // ResNet-1202 (option B): 2,407 gradient rows and 1,201 response layers, within the bounds.
    expect(MAX_GRADIENT_LAYERS).toBeGreaterThanOrEqual(2 * (MAX_DEPTH - 1) + 1 + 4);
    expect(MAX_RESPONSE_LAYERS).toBeGreaterThanOrEqual(MAX_DEPTH - 1);
    const row = { name: 'stage1/block0/conv1', kind: 'conv', stage: 1 };
    const layer = { name: 'stage1/block0/bn1', stage: 1, kernelSize: 3 };
    const tooManyRows = spoilt((d) => (d.layout.gradientLayers = new Array(MAX_GRADIENT_LAYERS + 1).fill(row)));
    expect(runDiagnosticsProblem(tooManyRows, config)).toMatch(/2,421 gradient layers; a network has at most 2,420/);
    const tooManyLayers = spoilt((d) => (d.layout.responseLayers = new Array(MAX_RESPONSE_LAYERS + 1).fill(layer)));
    expect(runDiagnosticsProblem(tooManyLayers, config)).toMatch(/1,203 response layers; a network has at most 1,202/);
    // Counted first: a list of 200,001 samples is refused as fast as it is recognised, whatever they hold.
    const tooManySamples = spoilt((d) => ((d.training = new Array(MAX_POINTS_PER_RUN + 1).fill(null)), (d.evaluations = [])));
    expect(runDiagnosticsProblem(tooManySamples, config)).toMatch(/200,001 samples; a run has at most 200,000/);
    // Samples and evaluations together, as the curves' points are counted (runCurves.ts).
    const tooManyEvaluations = spoilt((d) => (d.evaluations = new Array(MAX_POINTS_PER_RUN - 2).fill(null)));
    expect(runDiagnosticsProblem(tooManyEvaluations, config)).toMatch(/200,001 samples/);
    // Wide samples: each within the layout's bounds, too many values in all.
    const wide = spoilt((d) => {
      d.layout.gradientLayers = new Array(MAX_GRADIENT_LAYERS).fill(row);
      d.layout.responseLayers = new Array(MAX_RESPONSE_LAYERS).fill(layer);
      d.training = new Array(Math.ceil(MAX_TRAINING_VALUES / (MAX_GRADIENT_LAYERS + MAX_RESPONSE_LAYERS)) + 1).fill(null);
    });
    expect(runDiagnosticsProblem(wide, config)).toMatch(/their training samples hold .* values; a run has at most 24,000,000/);
  });

  it('checks iterations against the run\'s own settings, and needs settings that give a run length', () => {
    // The paper's schedule trains 64,000 iterations whatever its epochs; a quick run of 1 epoch far fewer.
    const late: RunDiagnostics = testDiagnostics([10, 20, 60_000], [60_000]);
    expect(runDiagnosticsProblem(late, { ...DEFAULT_CONFIG, schedule: 'paper' })).toBeNull();
    expect(runDiagnosticsProblem(late, { ...DEFAULT_CONFIG, schedule: 'quick', epochs: 1 })).toMatch(/training sample 3 is at iteration 60,000, past the 390/);
    expect(runDiagnosticsProblem(testDiagnostics(), { ...DEFAULT_CONFIG, batchSize: 'x' } as never)).toMatch(/settings do not give a run length/);
  });
});

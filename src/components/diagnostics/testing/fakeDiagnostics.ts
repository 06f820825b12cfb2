// Realistic-looking diagnostics for development and the unit tests: the layout planned from parameter names like
// the real network's (planDiagnostics), gradient norms of plausible size (1e-3 … 1e0), layer responses that
// behave as in Fig. 7 (plain larger than residual, deeper residual smaller still), confusion matrices that
// improve with training (cat/dog, car/truck, … confused most) and top-3 predictions consistent with the newest one.
// Not measured data: never shown to users.
import type { BlockType, ModelConfig, ShortcutOption } from '../../../config';
import { CLASS_COUNT, planDiagnostics, type EvaluationSample, type Predictions, type RunDiagnostics, type TrainingSample } from '../../../diagnostics/diagnostics';
import type { Run } from '../../../state/appState';
import { testRun } from '../../chart/testRuns';
import { seededRandom } from '../sampleChoice';

/** The trainable tensors' names in creation order, as buildNetwork names them (basic blocks). */
export function fakeParameterNames(depth: number, blockType: BlockType, shortcut: ShortcutOption = 'A'): string[] {
  const n = (depth - 2) / 6;
  if (!Number.isInteger(n) || n < 1) throw new Error(`depth ${depth} is not 6n+2`);
  const convBn = (scope: string, suffix = '') => [`${scope}/conv${suffix}`, `${scope}/bn${suffix}/gamma`, `${scope}/bn${suffix}/beta`];
  const names = [...convBn('stem')];
  for (let s = 1; s <= 3; s++) {
    for (let b = 0; b < n; b++) {
      const scope = `stage${s}/block${b}`;
      names.push(...convBn(scope, '1'), ...convBn(scope, '2'));
      if (blockType === 'residual' && shortcut === 'B' && s > 1 && b === 0) names.push(...convBn(`${scope}/shortcut`));
    }
  }
  names.push('fc/kernel', 'fc/bias');
  return names;
}

/** Classes the fake networks confuse most, both ways. */
const CONFUSED: readonly [number, number][] = [
  [3, 5], // cat, dog
  [1, 9], // automobile, truck
  [0, 8], // airplane, ship
  [4, 7], // deer, horse
  [2, 0], // bird, airplane
  [6, 3], // frog, cat
];
const partnerOf = (t: number) => {
  const pair = CONFUSED.find(([a, b]) => a === t || b === t);
  return pair ? (pair[0] === t ? pair[1] : pair[0]) : (t + 1) % CLASS_COUNT;
};

export interface FakeOptions {
  depth: number;
  blockType: BlockType;
  shortcut?: ShortcutOption;
  /** Training samples (one per chart point). */
  samples?: number;
  /** Iterations between samples. */
  every?: number;
  evaluations?: number;
  /** Images evaluated (predictions count). */
  images?: number;
  evaluatedOn?: Predictions['evaluatedOn'];
  seed?: number;
}

export function fakeDiagnostics({
  depth,
  blockType,
  shortcut = 'A',
  samples = 80,
  every = 40,
  evaluations = 4,
  images = 1000,
  evaluatedOn = 'test',
  seed = 1,
}: FakeOptions): RunDiagnostics {
  const random = seededRandom(seed * 7919 + depth * 31 + (blockType === 'plain' ? 0 : 1));
  const noise = (spread: number) => Math.exp((random() - 0.5) * 2 * spread);
  const plan = planDiagnostics(fakeParameterNames(depth, blockType, shortcut), (conv) => (conv.includes('/shortcut/') ? 1 : 3));
  const { gradientLayers, responseLayers } = plan.layout;
  const plain = blockType === 'plain';
  const total = samples * every;

  const training: TrainingSample[] = Array.from({ length: samples }, (_, s) => {
    const iteration = (s + 1) * every;
    const progress = iteration / total;
    const decay = 0.25 + 0.75 * Math.exp(-3 * progress); // norms shrink as the loss falls
    const gradientNorms = gradientLayers.map((layer, row) => {
      const base = layer.kind === 'fc' ? 0.6 : layer.kind === 'bn' ? 0.04 : 0.25;
      // Deeper plain nets: somewhat smaller norms near the input, but no vanishing (BN, §4.1).
      const depthShape = plain ? 0.55 + 0.45 * (row / gradientLayers.length) : 0.85;
      return base * depthShape * decay * noise(0.35);
    });
    const residualScale = Math.pow(20 / depth, 0.3);
    const responseStds = responseLayers.map((layer, i) => {
      if (layer.name === 'stem/bn') return 1.1 * noise(0.1);
      const second = layer.name.endsWith('bn2');
      const base = plain ? 1.3 + 0.4 * Math.sin(i) : (second ? 0.45 : 0.8) * residualScale;
      return base * (0.9 + 0.2 * progress) * noise(0.15);
    });
    return { iteration, gradientNorms, responseStds };
  });

  // The split's labels: the same for every run (a fixed draw, like a real split's), so runs can be compared image
  // by image. Each evaluation predicts every image; its confusion matrix is counted from those predictions, and
  // the newest evaluation's predictions are kept (as the trainer keeps them).
  const labels = splitLabels(images);
  const finalAccuracy = plain ? 0.86 - (depth - 20) * 0.004 : 0.88 + (depth - 20) * 0.001;
  let predictions: Predictions | undefined;
  const evaluationSamples: EvaluationSample[] = Array.from({ length: evaluations }, (_, e) => {
    const iteration = Math.round(((e + 1) * total) / evaluations);
    const accuracy = 0.35 + (finalAccuracy - 0.35) * Math.sqrt((e + 1) / evaluations);
    const confusion = new Array<number>(CLASS_COUNT * CLASS_COUNT).fill(0);
    const top3Classes = new Uint8Array(3 * images);
    const top3Percent = new Uint8Array(3 * images);
    for (let i = 0; i < images; i++) {
      const t = labels[i];
      // Cats, birds and deer are the hard classes; cars, ships and trucks the easy ones (as in real CIFAR-10 nets).
      const classAccuracy = Math.min(0.98, accuracy * ([3, 2, 4].includes(t) ? 0.8 : [1, 8, 9].includes(t) ? 1.08 : 1));
      const p = random() < classAccuracy ? t : random() < 0.5 ? partnerOf(t) : (t + 1 + Math.floor(random() * (CLASS_COUNT - 1))) % CLASS_COUNT;
      confusion[t * CLASS_COUNT + p]++;
      const second = p === t ? partnerOf(t) : random() < 0.6 ? t : partnerOf(p);
      let third = (second + 1 + Math.floor(random() * 8)) % CLASS_COUNT;
      while (third === p || third === second) third = (third + 1) % CLASS_COUNT;
      const first = 40 + Math.floor(random() * 58);
      const secondPct = Math.min(first, Math.floor((100 - first) * (0.5 + 0.4 * random())));
      const thirdPct = Math.min(secondPct, Math.floor((100 - first - secondPct) * random()));
      top3Classes.set([p, second, third], 3 * i);
      top3Percent.set([first, secondPct, thirdPct], 3 * i);
    }
    if (e === evaluations - 1) predictions = { iteration, evaluatedOn, top3Classes, top3Percent, labels };
    return { iteration, confusion };
  });

  return { layout: plan.layout, training, evaluations: evaluationSamples, predictions };
}

/** The labels of the first `count` images of a fake split: the same for every run. */
export function splitLabels(count: number): Uint8Array {
  const random = seededRandom(20151210);
  return Uint8Array.from({ length: count }, () => Math.floor(random() * CLASS_COUNT));
}

/** A run on the chart carrying fake diagnostics (for the preview page and tests). */
export function fakeRun(id: string, model: Partial<ModelConfig> & Pick<ModelConfig, 'depth' | 'blockType'>, options: Partial<FakeOptions> = {}): Run {
  const run = testRun(id, { model: { width: 16, ...model }, preset: 'short', trained: 2000, trainEvery: 100 });
  return { ...run, diagnostics: fakeDiagnostics({ depth: model.depth, blockType: model.blockType, shortcut: model.shortcut, ...options }) };
}

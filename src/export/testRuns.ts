// Two finished runs for the export tests, the first with diagnostics, and a run trained with PyTorch as the
// script's file brings it in (not used by the app).
import { DEFAULT_CONFIG } from '../config';
import { CLASS_COUNT, type RunDiagnostics } from '../diagnostics/diagnostics';
import type { Run, RunElsewhere } from '../state/appState';

/** The top-1 class of each image of testDiagnostics' predictions, by the image's true class. */
const TEST_LABELS = [3, 5, 1, 9];
const TEST_TOP3 = [3, 5, 2, 3, 5, 6, 9, 1, 8, 9, 1, 0];

/** Diagnostics of a small network (5 gradient rows, 2 response layers): a sample at each of `iterations`, an
 *  evaluation at each of `evaluatedAt`, and the predictions of the last one for four images. Values of every
 *  kind a real run has: tiny, huge, zero, full-precision. */
export function testDiagnostics(iterations: readonly number[] = [10, 20, 30], evaluatedAt: readonly number[] = [390]): RunDiagnostics {
  const confusion = new Array<number>(CLASS_COUNT * CLASS_COUNT).fill(0);
  TEST_LABELS.forEach((label, i) => (confusion[label * CLASS_COUNT + TEST_TOP3[3 * i]] += 1));
  const diagnostics: RunDiagnostics = {
    layout: {
      gradientLayers: [
        { name: 'stem/conv', kind: 'conv', stage: 0 },
        { name: 'stem/bn', kind: 'bn', stage: 0 },
        { name: 'stage1/block0/conv1', kind: 'conv', stage: 1 },
        { name: 'stage1/block0/bn1', kind: 'bn', stage: 1 },
        { name: 'fc', kind: 'fc', stage: 4 },
      ],
      responseLayers: [
        { name: 'stem/bn', stage: 0, kernelSize: 3 },
        { name: 'stage1/block0/bn1', stage: 1, kernelSize: 3 },
      ],
    },
    training: iterations.map((iteration, i) => ({ iteration, gradientNorms: [0.5 / (i + 1), 0.12345678901234568, 1e-7, 3.3e5 * (i + 1), 0], responseStds: [1.25, 0.1 * (i + 1)] })),
    evaluations: evaluatedAt.map((iteration) => ({ iteration, confusion: [...confusion] })),
  };
  const last = evaluatedAt[evaluatedAt.length - 1];
  if (last === undefined) return diagnostics;
  return {
    ...diagnostics,
    predictions: {
      iteration: last,
      evaluatedOn: 'test',
      labels: Uint8Array.from(TEST_LABELS),
      top3Classes: Uint8Array.from(TEST_TOP3),
      top3Percent: Uint8Array.from([70, 20, 5, 40, 35, 10, 55, 44, 1, 100, 0, 0]),
    },
  };
}

export function twoRuns(): [Run, Run] {
  const plain: Run = {
    id: 'run-a',
    config: { ...DEFAULT_CONFIG, model: { ...DEFAULT_CONFIG.model, depth: 56, blockType: 'plain' }, seed: 3 },
    state: 'finished',
    // A name that needs every kind of quoting, in CSV and in SVG.
    label: 'plain-56, "deep" <try>\nsecond line',
    experimentId: 'Fig. 6 · 27 Nov 2026, 22:15',
    createdAt: Date.UTC(2026, 10, 27, 22, 15),
    backend: { name: 'webgpu', detail: 'google swiftshader' },
    trainableParameters: 853_018,
    iterationsPerEpoch: 390,
    totalIterations: 5_850,
    lrDropIterations: [2_925, 4_388],
    train: [
      { iteration: 10, epoch: 10 / 390, trainError: 90, trainLoss: 2.3, learningRate: 0.1 },
      { iteration: 20, epoch: 20 / 390, trainError: 80.5, trainLoss: 2.1, learningRate: 0.1 },
      { iteration: 30, epoch: 30 / 390, trainError: 70.25, trainLoss: 1.9, learningRate: 0.1 },
    ],
    test: [{ iteration: 390, epoch: 1, testError: 60.1, testLoss: 1.7 }],
    diagnostics: testDiagnostics(),
  };
  const residual: Run = {
    id: 'run-b',
    config: { ...DEFAULT_CONFIG, seed: 4 },
    state: 'stopped',
    message: 'Stopped by the user.',
    createdAt: Date.UTC(2026, 10, 27, 22, 30),
    backend: { name: 'cpu', detail: '' },
    iterationsPerEpoch: 390,
    totalIterations: 5_850,
    lrDropIterations: [2_925, 4_388],
    train: [
      { iteration: 10, epoch: 10 / 390, trainError: 88, trainLoss: 2.2, learningRate: 0.1 },
      { iteration: 20, epoch: 20 / 390, trainError: 75, trainLoss: 2.05, learningRate: 0.1 },
    ],
    test: [
      { iteration: 195, epoch: 0.5, testError: 65, testLoss: 1.8 },
      { iteration: 390, epoch: 1, testError: 55, testLoss: 1.6 },
    ],
  };
  return [plain, residual];
}

/** Where the PyTorch script says it trained: the example of its file format. */
export const TEST_ELSEWHERE: RunElsewhere = {
  framework: 'PyTorch 2.4.1',
  device: '8x NVIDIA H200 via torchrun',
  processes: 8,
  precision: 'fp32',
  wallSeconds: 1234.5,
  script: 'residual_playground.py',
};

/** ResNet-56 trained with PyTorch, as imported from the script's file: no browser backend (and, here, no diagnostics). */
export function pytorchRun(): Run {
  return {
    id: 'run-p',
    config: { ...DEFAULT_CONFIG, model: { ...DEFAULT_CONFIG.model, depth: 56 }, seed: 5 },
    state: 'finished',
    importedFrom: 'residual_playground_runs.json',
    createdAt: Date.UTC(2026, 11, 1, 9, 0),
    elsewhere: { ...TEST_ELSEWHERE },
    trainableParameters: 853_018,
    iterationsPerEpoch: 390,
    totalIterations: 5_850,
    lrDropIterations: [2_925, 4_388],
    train: [
      { iteration: 50, epoch: 50 / 390, trainError: 85, trainLoss: 2.2, learningRate: 0.1 },
      { iteration: 100, epoch: 100 / 390, trainError: 70, trainLoss: 1.9, learningRate: 0.1 },
    ],
    test: [{ iteration: 390, epoch: 1, testError: 58, testLoss: 1.6 }],
  };
}

// Two finished runs for the export tests (not used by the app).
import { DEFAULT_CONFIG } from '../config';
import type { Run } from '../state/appState';

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

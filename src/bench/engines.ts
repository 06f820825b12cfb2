// What a benchmark can measure: this engine with the fused kernels and its recorded step, the same kernels with
// every step through tfjs's tape (?kernels=taped), the same engine on the reference tfjs ops (?kernels=reference),
// or the tfjs-layers baseline (model.trainOnBatch).
import type { TrainConfig } from '../config';
import { setKernelMode } from '../model/kernels/kernelMode';
import { engineStepper } from './engineStepper';
import { layersBaselineStepper } from './layersBaseline';
import type { Stepper } from './measureSteps';

export type BenchEngine = 'fused' | 'taped' | 'diagnostics' | 'reference' | 'layers';

export const BENCH_ENGINE_LABEL: Record<BenchEngine, string> = {
  fused: 'this engine, fused kernels, the step recorded once and replayed',
  taped: 'this engine, fused kernels, every step through tfjs\'s tape (?kernels=taped)',
  diagnostics: 'this engine, fused kernels, diagnostics on (gradient norms + Fig. 7 stds sampled at each metrics read)',
  reference: 'this engine on the reference tfjs ops (?kernels=reference)',
  layers: 'tfjs-layers + trainOnBatch (naive baseline, projection shortcuts)',
};

export function isBenchEngine(name: string): name is BenchEngine {
  return name === 'fused' || name === 'taped' || name === 'diagnostics' || name === 'reference' || name === 'layers';
}

/** Sets the kernel mode the engine needs, then builds its stepper for config. */
export function stepperFor(engine: BenchEngine, config: TrainConfig): Stepper {
  setKernelMode(engine === 'fused' || engine === 'diagnostics' ? 'fused' : engine === 'taped' ? 'taped' : 'reference');
  return engine === 'layers' ? layersBaselineStepper(config) : engineStepper(config, engine === 'diagnostics');
}

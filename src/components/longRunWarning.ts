// Before Train queues runs that would take hours on this device: how long, from the speeds measured here
// (state.speeds, by speedKey), and a shorter recipe that fits. On a computer without a GPU the paper's default
// (ResNet-20, 15 epochs = 5,850 steps of 128 images) takes days; the user should hear that before, not after.
// Pure, so it is tested without a browser.
import { modelName, PAPER_DEPTHS, type TrainConfig } from '../config';
import { speedKey } from '../engine/speedKey';
import { expectedSeconds, type MeasuredSpeed } from '../engine/wallTime';
import type { BackendName } from '../protocol';

/** Runs longer than this in all (seconds) are worth a question before they are queued: one hour. */
export const LONG_RUN_SECONDS = 3600;

export interface SpeedEstimate {
  speed: MeasuredSpeed;
  /** The network whose measured speed this is, when it is not the run's own (then scaled by depth). */
  from: string | null;
}

/** The speed of `config` on this device: its own measurement; else the same depth with or without shortcuts (a
 *  ResNet with option A costs about what the plain net of its depth costs: one addition per block, no
 *  parameters); else the nearest measured depth, scaled by depth (each layer costs about the same). */
export function speedEstimate(config: TrainConfig, backend: BackendName, speeds: Readonly<Record<string, MeasuredSpeed>>): SpeedEstimate | null {
  const own = speeds[speedKey(config, backend)];
  if (own) return { speed: own, from: null };
  const { depth } = config.model;
  const depths = [...new Set([depth, 8, ...PAPER_DEPTHS])].sort((a, b) => Math.abs(a - depth) - Math.abs(b - depth));
  for (const other of depths) {
    for (const blockType of ['plain', 'residual'] as const) {
      for (const shortcut of [config.model.shortcut, 'A', 'B'] as const) {
        const model = { ...config.model, depth: other, blockType, shortcut };
        const speed = speeds[speedKey({ ...config, model }, backend)];
        if (!speed) continue;
        return { speed: scaledSpeed(speed, depth / other), from: modelName(model) };
      }
    }
  }
  return null;
}

/** Every timed part of `speed` times `scale` (layers of this network / layers of the measured one); another
 *  network's shaders are not compiled in this page, whatever its measurement says. */
function scaledSpeed(speed: MeasuredSpeed, scale: number): MeasuredSpeed {
  const scaled = (ms: number | undefined) => (ms === undefined ? undefined : ms * scale);
  return {
    msPerStep: speed.msPerStep * scale,
    msPerEvalImage: speed.msPerEvalImage * scale,
    msBuild: scaled(speed.msBuild),
    msCompile: scaled(speed.msCompile),
    msEvaluationCompile: scaled(speed.msEvaluationCompile),
    msPerSample: scaled(speed.msPerSample),
    msPerCheckpoint: scaled(speed.msPerCheckpoint),
  };
}

export interface RunsDuration {
  /** Expected seconds of all the runs together (training steps and evaluations). */
  seconds: number;
  /** The networks whose time was estimated from another network's measured speed. */
  estimatedFrom: string[];
}

/** How long `configs` take one after another on this device; null when a network's speed cannot be estimated
 *  from anything measured here. */
export function runsDuration(
  configs: readonly TrainConfig[],
  backend: BackendName,
  speeds: Readonly<Record<string, MeasuredSpeed>>,
  trainImages: number,
  testImages: number,
): RunsDuration | null {
  let seconds = 0;
  const estimatedFrom = new Set<string>();
  for (const config of configs) {
    const estimate = speedEstimate(config, backend, speeds);
    if (!estimate) return null;
    seconds += expectedSeconds(config, trainImages, testImages, estimate.speed, { trainingCompiled: estimate.speed.measuredThisPage === true });
    if (estimate.from) estimatedFrom.add(estimate.from);
  }
  return { seconds, estimatedFrom: [...estimatedFrom] };
}

/** What a shorter recipe changes: the length and the images, never the networks. */
export type RecipeShortening = Pick<TrainConfig, 'schedule' | 'epochs' | 'trainSubset' | 'testSubset' | 'evalsPerEpoch'>;

export interface ShorterRecipe {
  change: RecipeShortening;
  /** In words, e.g. "5 epochs" or "1 epoch on 10,000 training images". */
  label: string;
  /** Expected seconds of all the runs with this recipe. */
  seconds: number;
}

/** Shortenings tried, longest first: fewer epochs of the whole training set (the paper's data), then the "Quick
 *  look" preset's subset, then a smaller one still. */
const SHORTENINGS: readonly { change: RecipeShortening; label: string }[] = [
  ...[10, 5, 3, 2, 1].map((epochs) => ({
    change: { schedule: 'quick' as const, epochs, trainSubset: null, testSubset: null, evalsPerEpoch: 1 },
    label: `${epochs} ${epochs === 1 ? 'epoch' : 'epochs'} (all 50,000 training images)`,
  })),
  { change: { schedule: 'quick', epochs: 1, trainSubset: 10_000, testSubset: 2_000, evalsPerEpoch: 4 }, label: '1 epoch on 10,000 training images (the “Quick look”)' },
  { change: { schedule: 'quick', epochs: 1, trainSubset: 2_000, testSubset: 500, evalsPerEpoch: 4 }, label: '1 epoch on 2,000 training images' },
];

/** The longest shortening that brings `configs` under `budgetSeconds`; when none does, the shortest of them
 *  (with its time, so the user sees that even it is long). Only shortenings shorter than the runs as set. */
export function shorterRecipe(
  configs: readonly TrainConfig[],
  currentSeconds: number,
  durationOf: (configs: readonly TrainConfig[]) => number | null,
  budgetSeconds = LONG_RUN_SECONDS,
): ShorterRecipe | null {
  let shortest: ShorterRecipe | null = null;
  for (const { change, label } of SHORTENINGS) {
    const seconds = durationOf(configs.map((config) => ({ ...config, ...change })));
    if (seconds === null || seconds >= currentSeconds) continue;
    const recipe = { change, label, seconds };
    if (seconds <= budgetSeconds) return recipe;
    if (!shortest || seconds < shortest.seconds) shortest = recipe;
  }
  return shortest;
}

// The first-visit proposal: the largest honest version of the paper's CIFAR-10 experiment (§4.2, Fig. 6) that
// fits the time the user picked, from speeds measured on this device. Honest means the paper's networks at the
// paper's size (16 filters, batch 128, the whole training set, the §4.2 recipe), shortened only in epochs; the
// findings it promises are those the PyTorch reference shows at that length (expectedFindings.ts).
import { presetById, type TrainConfig } from '../config';
import { queueParts, totalSeconds, type MeasuredSpeed } from '../engine/wallTime';
import { experimentPresetById } from '../experiment/experimentPresets';
import { memberConfig } from '../experiment/planExperiment';
import { expectedFindings, type ExpectedFinding } from './expectedFindings';

/** The times a user can pick (minutes). */
export const BUDGET_MINUTES = [5, 15, 60] as const;

/** Lengths tried, longest first: 40 epochs is the reference length at which "deeper helps" shows; one epoch is
 *  the shortest at which the reference shows the degradation clearly (plain-56 85.7% vs plain-20 65.9%). */
export const CANDIDATE_EPOCHS = [40, 30, 20, 15, 10, 8, 6, 5, 4, 3, 2, 1] as const;

/** A proposal fits a budget with this margin: its estimate counts building, shader compilation, steps, chart
 *  points, evaluations and checkpoints (wallTime.ts), but not the page's own work nor a busier device. Better to
 *  finish early than to overrun the time picked. The estimate shown is the honest one, without the margin. */
export const FIT_MARGIN = 1.1;

/** The experiments proposed, most informative first: Figure 6's four networks, or only Fig. 1's pair. */
export type ProposedExperiment = 'figure6' | 'degradation';

/** The §4.2 recipe shortened to `epochs` (lr ÷10 at 50% and 75% of them), as the "Short schedule" preset. */
export function shortRecipe(epochs: number): TrainConfig {
  return { ...presetById('short').config, schedule: 'quick', epochs };
}

export function experimentConfigs(experiment: ProposedExperiment, epochs: number): TrainConfig[] {
  const recipe = shortRecipe(epochs);
  return (experimentPresetById(experiment)?.members ?? []).map((member) => memberConfig(recipe, member));
}

/** The networks the probe times: plain-20 and plain-56 at the paper's size. A ResNet costs about what the plain
 *  net of its depth costs (option A adds one addition per block and no parameters), so it is not timed apart. */
export const PROBED_DEPTHS = [20, 56] as const;

export function probeConfig(depth: (typeof PROBED_DEPTHS)[number]): TrainConfig {
  return experimentConfigs('degradation', 1).find((config) => config.model.depth === depth)!;
}

export interface Proposal {
  experiment: ProposedExperiment;
  epochs: number;
  configs: TrainConfig[];
  /** Expected wall time (s), every part of the runs included (wallTime.ts). */
  seconds: number;
  findings: ExpectedFinding[];
}

export type Sizing = { fits: true; proposal: Proposal } | { fits: false; smallest: Proposal };

function propose(
  experiment: ProposedExperiment,
  epochs: number,
  speedOfDepth: (depth: number) => MeasuredSpeed,
  trainImages: number,
  testImages: number,
): Proposal {
  const configs = experimentConfigs(experiment, epochs);
  const seconds = totalSeconds(queueParts(configs, (config) => speedOfDepth(config.model.depth), trainImages, testImages)!);
  return { experiment, epochs, configs, seconds, findings: expectedFindings(epochs) };
}

/**
 * The longest Figure 6 that fits `budgetSeconds`; failing that, the longest degradation pair; failing that, not
 * even one epoch of plain-20 and plain-56 fits, and the answer carries that smallest version and its time.
 */
export function sizeExperiment(
  speedOfDepth: (depth: number) => MeasuredSpeed,
  budgetSeconds: number,
  trainImages: number,
  testImages: number,
): Sizing {
  for (const experiment of ['figure6', 'degradation'] as const) {
    for (const epochs of CANDIDATE_EPOCHS) {
      const proposal = propose(experiment, epochs, speedOfDepth, trainImages, testImages);
      if (proposal.seconds * FIT_MARGIN <= budgetSeconds) return { fits: true, proposal };
    }
  }
  return { fits: false, smallest: propose('degradation', 1, speedOfDepth, trainImages, testImages) };
}

/** Steps in one epoch of the full-size recipe. */
function stepsPerEpoch(trainImages: number): number {
  return Math.floor(trainImages / shortRecipe(1).batchSize);
}

/** Steps of the smallest honest version: one epoch each of plain-20 and plain-56. */
export function smallestVersionSteps(trainImages: number): number {
  return 2 * stepsPerEpoch(trainImages);
}

/** At least how long (s) the smallest honest version takes, from a lower bound on one full-size step (ms): plain-56
 *  costs at least what plain-20 does. */
export function smallestVersionAtLeastSeconds(lowerBoundMsPerStep: number, trainImages: number): number {
  return (smallestVersionSteps(trainImages) * lowerBoundMsPerStep) / 1000;
}

/**
 * Decides "too slow" from a cheap lower bound before timing the real networks: one plain-20 step on a SMALL batch
 * (a GPU never does more work faster, so a 128-image step takes at least as long). If the smallest honest version
 * alone exceeds the largest budget at that bound, timing the full-size networks (minutes on such a device) would
 * only confirm it.
 */
export function certainlyTooSlow(lowerBoundMsPerStep: number, largestBudgetSeconds: number, trainImages: number): boolean {
  return smallestVersionAtLeastSeconds(lowerBoundMsPerStep, trainImages) > largestBudgetSeconds;
}

// How long the paper's Figure 6 experiment (plain-20/56, ResNet-20/56) would take on THIS device, from the
// speeds measured here, at a quick schedule and at the paper's 64,000 iterations (§4.2), so a user can choose
// between them before starting hours of training.
import type { TrainConfig } from '../config';
import { queueParts, totalSeconds, type MeasuredSpeed } from '../engine/wallTime';
import { experimentPresetById } from './experimentPresets';
import { memberConfig } from './planExperiment';

/** Epochs of the quick projection when the recipe is on the paper schedule: the "15 epochs" preset's length. */
export const DEFAULT_QUICK_EPOCHS = 15;

export interface Figure6Projection {
  quickEpochs: number;
  quickSeconds: number;
  paperSeconds: number;
}

/** The Figure 6 networks with `recipe`'s shared settings (width, batch, data...). */
export function figure6Configs(recipe: TrainConfig): TrainConfig[] {
  return (experimentPresetById('figure6')?.members ?? []).map((member) => memberConfig(recipe, member));
}

/** null until every Figure 6 network has a measured speed (speedOf answers undefined for the others). */
export function projectFigure6(
  recipe: TrainConfig,
  speedOf: (config: TrainConfig) => MeasuredSpeed | undefined,
  trainImages: number,
  testImages: number,
): Figure6Projection | null {
  const quickEpochs = recipe.schedule === 'quick' ? recipe.epochs : DEFAULT_QUICK_EPOCHS;
  const configs = figure6Configs(recipe);
  // The four runs one after the other, each part counted (wallTime.ts): building, shaders, steps, evaluations...
  const quick = queueParts(configs.map((config) => ({ ...config, schedule: 'quick' as const, epochs: quickEpochs })), speedOf, trainImages, testImages);
  const paper = queueParts(configs.map((config) => ({ ...config, schedule: 'paper' as const })), speedOf, trainImages, testImages);
  if (!quick || !paper) return null;
  return { quickEpochs, quickSeconds: totalSeconds(quick), paperSeconds: totalSeconds(paper) };
}

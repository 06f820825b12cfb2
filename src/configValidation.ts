// Checks a TrainConfig before anything is built. The UI shows these messages next to the field; the worker
// checks again (a config can also arrive from a URL or, later, an imported file) and refuses to start.
import { blocksPerStage, CIFAR_TEST_IMAGES, CIFAR_TRAIN_IMAGES, VALIDATION_IMAGES, type TrainConfig } from './config';
import { shownInput } from './shownInput';

export type ConfigField =
  | 'depth'
  | 'blockType'
  | 'shortcut'
  | 'block'
  | 'width'
  | 'schedule'
  | 'epochs'
  | 'batchSize'
  | 'learningRate'
  | 'momentum'
  | 'weightDecay'
  | 'seed'
  | 'trainSubset'
  | 'testSubset'
  | 'evalsPerEpoch'
  | 'validationSplit'
  | 'warmup';

export type ConfigErrors = Partial<Record<ConfigField, string>>;

const TRAIN_IMAGES = CIFAR_TRAIN_IMAGES;
const TEST_IMAGES = CIFAR_TEST_IMAGES;
/** Training images left with §4.2's 45k/5k split. */
const SPLIT_TRAIN_IMAGES = CIFAR_TRAIN_IMAGES - VALIDATION_IMAGES;

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}

function validDepthsHint(block: 'basic' | 'bottleneck'): string {
  return block === 'basic'
    ? 'Use 6n+2 layers: 8, 14, 20, 32, 44, 56, 110, ...'
    : 'Bottleneck networks use 9n+2 layers: 11, 20, 29, 38, 56, 83, 164, ...';
}

/** The deepest network this app builds: the paper's deepest CIFAR network (§4.2, ResNet-1202). */
export const MAX_DEPTH = 1202;

export function validateConfig(config: TrainConfig): ConfigErrors {
  const errors: ConfigErrors = {};
  const { model } = config;

  if (model.blockType !== 'plain' && model.blockType !== 'residual') errors.blockType = 'Choose plain or residual.';
  if (model.shortcut !== 'A' && model.shortcut !== 'B') errors.shortcut = 'Shortcut option must be A or B.';
  if (model.block !== 'basic' && model.block !== 'bottleneck') errors.block = 'Block must be basic or bottleneck.';
  else if (!Number.isFinite(model.depth)) errors.depth = `Depth must be a number. ${validDepthsHint(model.block)}`;
  else if (blocksPerStage(model.depth, model.block) === null)
    errors.depth = `Depth ${model.depth} is not a valid ${model.block} network. ${validDepthsHint(model.block)}`;
  else if (model.depth > MAX_DEPTH) errors.depth = `Depth above ${MAX_DEPTH} (the paper's deepest CIFAR network) is not supported.`;

  if (!isPositiveInteger(model.width) || model.width > 256) errors.width = 'Width must be a whole number from 1 to 256 (the paper uses 16).';
  if (config.schedule !== 'paper' && config.schedule !== 'quick')
    // Quoted short: the value may come from a link or a file, kilobytes long.
    errors.schedule = `Schedule "${shownInput(String(config.schedule))}" is unknown: choose paper (64,000 iterations, §4.2) or quick (a number of epochs).`;
  if (!isPositiveInteger(config.epochs) || config.epochs > 1000) errors.epochs = 'Epochs must be a whole number from 1 to 1000.';
  if (!isPositiveInteger(config.batchSize) || config.batchSize > 1024)
    errors.batchSize = 'Batch size must be a whole number from 1 to 1024 (the paper uses 128).';
  if (!Number.isFinite(config.learningRate) || config.learningRate <= 0 || config.learningRate > 10)
    errors.learningRate = 'Learning rate must be a positive number no larger than 10 (the paper uses 0.1).';
  if (!Number.isFinite(config.momentum) || config.momentum < 0 || config.momentum >= 1)
    errors.momentum = 'Momentum must be at least 0 and below 1 (the paper uses 0.9).';
  if (!Number.isFinite(config.weightDecay) || config.weightDecay < 0 || config.weightDecay > 0.1)
    errors.weightDecay = 'Weight decay must be between 0 and 0.1 (the paper uses 0.0001).';
  if (!Number.isInteger(config.seed) || config.seed < 0 || config.seed > 0xffffffff)
    errors.seed = 'Seed must be a whole number from 0 to 4294967295.';
  if (config.trainSubset !== null && (!isPositiveInteger(config.trainSubset) || config.trainSubset > TRAIN_IMAGES))
    errors.trainSubset = `Training subset must be a whole number from 1 to ${TRAIN_IMAGES.toLocaleString('en-US')}, or empty for all.`;
  else if (config.validationSplit === true && config.trainSubset !== null && config.trainSubset > SPLIT_TRAIN_IMAGES)
    errors.trainSubset = `With ${VALIDATION_IMAGES.toLocaleString('en-US')} images held out for validation, at most ${SPLIT_TRAIN_IMAGES.toLocaleString('en-US')} training images are left.`;
  else if (isPositiveInteger(config.batchSize) && (config.trainSubset ?? TRAIN_IMAGES) < config.batchSize)
    errors.trainSubset = `The training set (${config.trainSubset}) is smaller than one batch (${config.batchSize}).`;
  if (config.testSubset !== null && (!isPositiveInteger(config.testSubset) || config.testSubset > TEST_IMAGES))
    errors.testSubset = `Test subset must be a whole number from 1 to ${TEST_IMAGES.toLocaleString('en-US')}, or empty for all.`;
  if (!isPositiveInteger(config.evalsPerEpoch) || config.evalsPerEpoch > 100)
    errors.evalsPerEpoch = 'Evaluations per epoch must be a whole number from 1 to 100.';
  if (typeof config.validationSplit !== 'boolean')
    errors.validationSplit = 'The 45k/5k validation split must be switched on or off (true or false).';
  if (typeof config.warmup !== 'boolean') errors.warmup = 'The lr/10 warm-up must be switched on or off (true or false).';
  return errors;
}

export function isValidConfig(config: TrainConfig): boolean {
  return Object.keys(validateConfig(config)).length === 0;
}

/** One line for places that cannot show per-field messages (the worker, a URL banner). */
export function describeConfigErrors(errors: ConfigErrors): string {
  return Object.values(errors).join(' ');
}

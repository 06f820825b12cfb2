// What an exported experiment trains, in words, for the dialog's one-line summary and the README's header:
// the networks, how long (in the units the user chose), and the rest of the §4.2 recipe.
import { CIFAR_TEST_IMAGES, CIFAR_TRAIN_IMAGES, modelName, PAPER_ITERATIONS, type TrainConfig } from '../config';
import { runLength } from '../engine/schedule';

const count = (n: number) => n.toLocaleString('en-US');

/** "plain-20, ResNet-110 (option A) with warm-up": each network's name, in order. */
export function networksInWords(configs: readonly TrainConfig[]): string {
  return configs.map((config) => `${modelName(config.model)}${config.warmup ? ' with warm-up' : ''}`).join(', ');
}

/** "15 epochs (5,850 iterations at batch 128)", or "the paper's 64,000 iterations at batch 128", on the full
 *  CIFAR-10 training set as the script has it. */
export function scheduleInWords(config: TrainConfig): string {
  if (config.schedule === 'paper') return `the paper’s ${count(PAPER_ITERATIONS)} iterations at batch ${config.batchSize}`;
  const length = runLength(config, CIFAR_TRAIN_IMAGES, CIFAR_TEST_IMAGES);
  const epochs = `${count(config.epochs)} ${config.epochs === 1 ? 'epoch' : 'epochs'}`;
  return `${epochs} (${count(length.totalIterations)} iterations at batch ${config.batchSize})`;
}

/** The recipe past the schedule, listing only what the form sets: "lr 0.1 ÷10 at 50% and 75%, momentum 0.9, ...". */
export function trainingInWords(config: TrainConfig): string {
  const parts = [
    `lr ${config.learningRate} ÷10 at 50% and 75%`,
    `momentum ${config.momentum}`,
    `weight decay ${config.weightDecay}`,
    `width ${config.model.width}`,
    config.augment ? 'crop + flip' : 'no augmentation',
  ];
  if (config.trainSubset !== null) parts.push(`first ${count(config.trainSubset)} training images`);
  if (config.validationSplit) parts.push('45k/5k validation split');
  if (config.testSubset !== null) parts.push(`evaluated on ${count(config.testSubset)} images`);
  return parts.join(', ');
}

/** The dialog's single line: "plain-20, plain-56 · 15 epochs (5,850 iterations at batch 128), lr 0.1 ...". */
export function experimentInOneLine(configs: readonly TrainConfig[]): string {
  if (configs.length === 0) return 'No networks.';
  return `${networksInWords(configs)} · ${scheduleInWords(configs[0])}, ${trainingInWords(configs[0])}`;
}

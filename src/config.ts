// The one serialisable description of a training run (URL, JSON export, checkpoints all use it).
// Every default below is the paper's CIFAR-10 recipe, He et al. 2015 §4.2, unless it says otherwise.

export type BlockType = 'plain' | 'residual';
/** Shortcut where the shape changes. A: stride-2 subsample + zero-padded channels, no parameters (§4.2).
 *  B: 1x1 projection conv + BN (the paper's ImageNet alternative; an extension on CIFAR). */
export type ShortcutOption = 'A' | 'B';
/** basic: two 3x3 convs per block (§4.2, 6n+2 layers). bottleneck: 1x1-3x3-1x1 (ImageNet design, 9n+2
 *  layers on CIFAR): an extension, not in the paper's CIFAR runs. */
export type BlockKind = 'basic' | 'bottleneck';

export interface ModelConfig {
  /** Weighted layers: 6n+2 for basic blocks (20, 32, 44, 56, 110, 1202), 9n+2 for bottleneck. */
  depth: number;
  blockType: BlockType;
  shortcut: ShortcutOption;
  block: BlockKind;
  /** Filters of the first stage; the stages use width, 2*width, 4*width. §4.2: 16 (16/32/64). */
  width: number;
}

/** How long a run is. paper: §4.2's fixed 64,000 iterations (lr /10 at 32k and 48k), whatever the epochs.
 *  quick: `epochs` passes over the training images, lr /10 at 50% and 75% of them: shorter than the paper. */
export type ScheduleKind = 'paper' | 'quick';

export interface TrainConfig {
  model: ModelConfig;
  /** §4.2: 'paper' runs exactly PAPER_ITERATIONS steps (then `epochs` is ignored); 'quick' runs `epochs`. */
  schedule: ScheduleKind;
  /** Passes over the (possibly subset) training set, for the 'quick' schedule only. The paper's 64k iterations
   *  are ~164 epochs on 50k images at batch 128 (~182 on 45k). */
  epochs: number;
  /** Images per step. §4.2: 128. */
  batchSize: number;
  /** Initial learning rate. §4.2: 0.1, divided by 10 at 50% and 75% of the run (32k and 48k of 64k). */
  learningRate: number;
  /** SGD momentum. §4.2: 0.9. */
  momentum: number;
  /** L2 weight decay on conv and FC weights. §4.2: 1e-4 (0.0001). */
  weightDecay: number;
  /** Seeds weight init, shuffling and augmentation. */
  seed: number;
  /** Use only the first N training images (null: all 50,000). For quick looks and tests, not the paper. */
  trainSubset: number | null;
  /** Evaluate on the first N test images (null: all 10,000, as the paper). */
  testSubset: number | null;
  /** Pad-4 random crop + horizontal flip (§4.2). */
  augment: boolean;
  /** Evaluations on the test set (the validation images with validationSplit) per epoch (1 = once per epoch). */
  evalsPerEpoch: number;
  /** §4.2's 45k/5k split, used in the paper to choose the schedule: train on the first 45,000 training images
   *  (trainSubset takes the first N of those) and measure the evaluation curve on the LAST VALIDATION_IMAGES
   *  training images (testSubset caps how many) instead of the test set. */
  validationSplit: boolean;
  /** §4.2, ResNet-110: lr = learningRate / WARMUP_LR_DIVISOR (0.01) until the training error of a metrics
   *  window is below WARMUP_END_TRAIN_ERROR_PERCENT (about 400 iterations in the paper), then learningRate. */
  warmup: boolean;
}

/** CIFAR-10's official training and test images (§4.2: 50k train, 10k test). */
export const CIFAR_TRAIN_IMAGES = 50_000;
export const CIFAR_TEST_IMAGES = 10_000;

/** §4.2: "terminate training at 64k iterations". Steps of the 'paper' schedule. */
export const PAPER_ITERATIONS = 64_000;

/** §4.2: images held out of the 50,000 training images with validationSplit (45k/5k). */
export const VALIDATION_IMAGES = 5_000;

/** §4.2, ResNet-110: the warm-up ends once the training error is below this (%, images misclassified). */
export const WARMUP_END_TRAIN_ERROR_PERCENT = 80;
/** §4.2, ResNet-110: the warm-up learning rate is 0.01 = learningRate (0.1) / 10. */
export const WARMUP_LR_DIVISOR = 10;

export const PAPER_DEPTHS = [20, 32, 44, 56, 110] as const;

/** Fractions of the run at which the learning rate is divided by 10: §4.2's 32k and 48k of 64k iterations. */
export const LR_DROP_FRACTIONS = [0.5, 0.75] as const;

const paperModel: ModelConfig = { depth: 20, blockType: 'residual', shortcut: 'A', block: 'basic', width: 16 };

const paperTraining: Omit<TrainConfig, 'model' | 'epochs' | 'schedule'> = {
  batchSize: 128,
  learningRate: 0.1,
  momentum: 0.9,
  weightDecay: 1e-4,
  seed: 0,
  trainSubset: null,
  testSubset: null,
  augment: true,
  evalsPerEpoch: 1,
  validationSplit: false,
  warmup: false,
};

export interface Preset {
  id: string;
  label: string;
  description: string;
  config: TrainConfig;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'paper',
    label: 'Paper recipe (64,000 iterations)',
    description: '§4.2 exactly: 64k iterations at batch 128 (~164 epochs), lr 0.1 /10 at 32k and 48k. Hours on a fast GPU.',
    config: { ...paperTraining, model: paperModel, schedule: 'paper', epochs: 164 },
  },
  {
    id: 'short',
    label: 'Short schedule (15 epochs)',
    description:
      'The paper recipe compressed to 15 epochs (lr drops at 50% / 75%). Enough to see plain-56 train worse than plain-20.',
    config: { ...paperTraining, model: paperModel, schedule: 'quick', epochs: 15 },
  },
  {
    id: 'quick-look',
    label: 'Quick look (1 epoch, 10k images)',
    description: 'A first curve in minutes: 10,000 training images, 2,000 test images, 1 epoch. Not the paper.',
    config: { ...paperTraining, model: paperModel, schedule: 'quick', epochs: 1, trainSubset: 10_000, testSubset: 2_000, evalsPerEpoch: 4 },
  },
  {
    id: 'micro',
    label: 'Micro network (smoke test)',
    description:
      'ResNet-8 with 4 filters on 64 images: checks that the pipeline works end to end on slow (software) GPUs. Not the paper.',
    config: {
      ...paperTraining,
      model: { ...paperModel, depth: 8, width: 4 },
      schedule: 'quick',
      epochs: 2,
      batchSize: 16,
      trainSubset: 64,
      testSubset: 64,
      evalsPerEpoch: 1,
    },
  },
];

export function presetById(id: string): Preset {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`Unknown preset "${id}"`);
  return preset;
}

export const DEFAULT_CONFIG: TrainConfig = presetById('short').config;

/** Layers per block and the constant 2 (first conv + FC) give depth = layersPerBlock * 3 * n + 2. */
export function layersPerBlock(block: BlockKind): number {
  return block === 'basic' ? 2 : 3;
}

/** Blocks per stage n, or null when the depth is not 6n+2 (basic) / 9n+2 (bottleneck) with n >= 1. */
export function blocksPerStage(depth: number, block: BlockKind): number | null {
  const perStage = 3 * layersPerBlock(block);
  if (!Number.isInteger(depth) || depth < perStage + 2) return null;
  const n = (depth - 2) / perStage;
  return Number.isInteger(n) ? n : null;
}

/** Human name, e.g. "ResNet-56 (A)" or "plain-20". */
export function modelName(model: ModelConfig): string {
  const base = model.blockType === 'residual' ? `ResNet-${model.depth}` : `plain-${model.depth}`;
  const parts: string[] = [];
  if (model.blockType === 'residual') parts.push(`option ${model.shortcut}`);
  if (model.block === 'bottleneck') parts.push('bottleneck');
  if (model.width !== 16) parts.push(`width ${model.width}`);
  return parts.length ? `${base} (${parts.join(', ')})` : base;
}

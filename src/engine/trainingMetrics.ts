import * as tf from '@tensorflow/tfjs';
import { accumulateMetricsFused } from '../model/kernels/accumulateMetrics';
import { useFusedKernels } from '../model/kernels/kernelMode';

export interface WindowMetrics {
  steps: number;
  /** Mean cross-entropy over the window's steps. */
  meanLoss: number;
  /** Misclassified training images in the window, in %. */
  errorPercent: number;
}

export interface WindowSums {
  steps: number;
  images: number;
  lossSum: number;
  correctSum: number;
}

/**
 * Sums loss and correct predictions ON THE GPU across steps, so the loop reads back two numbers every few
 * steps instead of syncing every step (a GPU-to-CPU read stalls the pipeline; DESIGN.md). With the fused
 * kernels one dispatch per step adds both, in place, and the first step after a read overwrites instead of
 * adding (so resetting costs nothing); with the reference ops, two scalar variables are summed with tf.add.
 */
export class TrainingMetrics {
  private readonly fused = useFusedKernels();
  private readonly lossSum = zeroScalarVariable();
  private readonly correctSum = zeroScalarVariable();
  /** [loss, hits] for the fused kernel. */
  private readonly sums = tf.tidy(() => tf.variable(tf.zeros([2]), false));
  private steps = 0;
  private images = 0;

  /** Reference path: the batch's mean loss and its number of correct predictions, as scalars. */
  add(meanLoss: tf.Scalar, correct: tf.Scalar, batchSize: number): void {
    tf.tidy(() => {
      this.lossSum.assign(tf.add(this.lossSum, meanLoss));
      this.correctSum.assign(tf.add(this.correctSum, correct));
    });
    this.count(batchSize);
  }

  /** Fused path: from the logits; the loss is summed over images times lossScale (1/B: the batch mean). */
  addFromLogits(logits: tf.Tensor2D, labels: tf.Tensor1D, lossScale: number): void {
    accumulateMetricsFused(this.sums, logits, labels, lossScale, this.steps === 0);
    this.count(logits.shape[0]);
  }

  /** True when addFromLogits is the way to add (fused kernels were active when these metrics were made). */
  get usesFusedKernels(): boolean {
    return this.fused;
  }

  get pendingSteps(): number {
    return this.steps;
  }

  /** Reads the window's sums (one GPU read) and starts a new window. */
  async readSumsAndReset(): Promise<WindowSums> {
    let lossSum = 0;
    let correctSum = 0;
    if (this.steps > 0 && this.fused) {
      [lossSum, correctSum] = await this.sums.data();
    } else if (this.steps > 0) {
      const packed = tf.stack([this.lossSum, this.correctSum]);
      [lossSum, correctSum] = await packed.data();
      packed.dispose();
      tf.tidy(() => {
        this.lossSum.assign(tf.scalar(0));
        this.correctSum.assign(tf.scalar(0));
      });
    }
    const window = { steps: this.steps, images: this.images, lossSum, correctSum };
    this.steps = 0;
    this.images = 0;
    return window;
  }

  /** Reads the window's mean loss per step and error (one GPU read) and starts a new window. */
  async readAndReset(): Promise<WindowMetrics> {
    const sums = await this.readSumsAndReset();
    return {
      steps: sums.steps,
      meanLoss: sums.lossSum / sums.steps,
      errorPercent: 100 * (1 - sums.correctSum / sums.images),
    };
  }

  dispose(): void {
    this.lossSum.dispose();
    this.correctSum.dispose();
    this.sums.dispose();
  }

  private count(batchSize: number): void {
    this.steps += 1;
    this.images += batchSize;
  }
}

/** A scalar variable holding 0. tidy: the initial value is a tensor of its own and would otherwise leak. */
export function zeroScalarVariable(): tf.Variable {
  return tf.tidy(() => tf.variable(tf.scalar(0), false));
}

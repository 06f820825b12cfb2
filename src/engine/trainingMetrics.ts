import * as tf from '@tensorflow/tfjs';

export interface WindowMetrics {
  steps: number;
  /** Mean cross-entropy over the window's steps. */
  meanLoss: number;
  /** Misclassified training images in the window, in %. */
  errorPercent: number;
}

/**
 * Sums loss and correct predictions ON THE GPU across steps, so the loop reads back two numbers every few
 * steps instead of syncing every step (a GPU-to-CPU read stalls the pipeline; DESIGN.md).
 */
export class TrainingMetrics {
  private readonly lossSum = zeroScalarVariable();
  private readonly correctSum = zeroScalarVariable();
  private steps = 0;
  private images = 0;

  add(meanLoss: tf.Scalar, correct: tf.Scalar, batchSize: number): void {
    tf.tidy(() => {
      this.lossSum.assign(tf.add(this.lossSum, meanLoss));
      this.correctSum.assign(tf.add(this.correctSum, correct));
    });
    this.steps += 1;
    this.images += batchSize;
  }

  get pendingSteps(): number {
    return this.steps;
  }

  /** Reads the window's sums (one GPU read) and starts a new window. */
  async readAndReset(): Promise<WindowMetrics> {
    const packed = tf.stack([this.lossSum, this.correctSum]);
    const [lossSum, correctSum] = await packed.data();
    packed.dispose();
    const window: WindowMetrics = {
      steps: this.steps,
      meanLoss: lossSum / this.steps,
      errorPercent: 100 * (1 - correctSum / this.images),
    };
    tf.tidy(() => {
      this.lossSum.assign(tf.scalar(0));
      this.correctSum.assign(tf.scalar(0));
    });
    this.steps = 0;
    this.images = 0;
    return window;
  }

  dispose(): void {
    this.lossSum.dispose();
    this.correctSum.dispose();
  }
}

/** A scalar variable holding 0. tidy: the initial value is a tensor of its own and would otherwise leak. */
export function zeroScalarVariable(): tf.Variable {
  return tf.tidy(() => tf.variable(tf.scalar(0), false));
}

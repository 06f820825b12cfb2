import * as tf from '@tensorflow/tfjs';
import { accumulateMetricsFused } from '../model/kernels/accumulateMetrics';
import { writeInPlace } from '../model/kernels/gpuDispatch';
import { currentOps, type NetworkOps } from '../model/ops';
import { countCorrect, crossEntropy } from '../model/loss';

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
 * kernels one dispatch per step adds both, in place, into one buffer that a read zeroes with an 8-byte write
 * (the same buffer for the run, so a recorded step stays bound to it); with the reference ops, two scalar
 * variables are summed with tf.add.
 */
export class TrainingMetrics {
  private readonly fused: boolean;
  private readonly lossSum = zeroScalarVariable();
  private readonly correctSum = zeroScalarVariable();
  /** [loss, hits] for the fused kernel. */
  private readonly sums = tf.tidy(() => tf.variable(tf.zeros([2]), false));
  private steps = 0;
  private images = 0;

  /** `ops`: the engine's (ops.ts); the fused kernels sum in one dispatch per step. */
  constructor(private readonly ops: NetworkOps = currentOps()) {
    this.fused = ops.kind === 'fused';
  }

  /** Counts a batch whose sums a recorded step added on the GPU (its AccumulateMetrics dispatch is in the record). */
  countReplayedBatch(batchSize: number): void {
    this.steps += 1;
    this.images += batchSize;
  }

  /**
   * Adds one batch: its loss ('mean' over its images, as a training window averages per step; 'sum', as an
   * evaluation sums per image) and its correct predictions. `meanLoss`, the batch's loss where the caller has
   * it already, spares the reference ops recomputing it; the fused kernel recomputes it from the logits anyway.
   */
  addBatch(logits: tf.Tensor2D, labels: tf.Tensor1D, reduction: 'mean' | 'sum', meanLoss?: tf.Scalar): void {
    const batchSize = logits.shape[0];
    if (this.fused) {
      accumulateMetricsFused(this.sums, logits, labels, reduction === 'mean' ? 1 / batchSize : 1);
    } else {
      tf.tidy(() => {
        const loss = meanLoss ?? crossEntropy(logits, labels, this.ops);
        this.lossSum.assign(tf.add(this.lossSum, reduction === 'mean' ? loss : tf.mul(loss, batchSize)));
        this.correctSum.assign(tf.add(this.correctSum, countCorrect(logits, labels)));
      });
    }
    this.steps += 1;
    this.images += batchSize;
  }

  /** True when the fused kernels were active when these metrics were made (they then sum with them). */
  get usesFusedKernels(): boolean {
    return this.fused;
  }

  get pendingSteps(): number {
    return this.steps;
  }

  /**
   * Resolves once the GPU has run every step submitted so far, without ending the window: it reads the running
   * sums (two floats), which depend on the last step. Costs one pipeline drain; the trainer calls it at most once
   * a second, to report steps the GPU has really done rather than steps merely queued.
   */
  async waitForSubmittedSteps(): Promise<void> {
    if (this.steps === 0) return;
    if (this.fused) await this.sums.data();
    else await this.lossSum.data();
  }

  /** Reads the window's sums (one GPU read) and starts a new window. */
  async readSumsAndReset(): Promise<WindowSums> {
    let lossSum = 0;
    let correctSum = 0;
    if (this.steps > 0 && this.fused) {
      [lossSum, correctSum] = await this.sums.data();
      writeInPlace(this.sums, new Float32Array(2));
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
}

/** A scalar variable holding 0. tidy: the initial value is a tensor of its own and would otherwise leak. */
function zeroScalarVariable(): tf.Variable {
  return tf.tidy(() => tf.variable(tf.scalar(0), false));
}

// What an evaluation measures besides its error: the 10x10 confusion matrix over all evaluated images and each
// image's top-3 predictions, summed and gathered ON THE GPU batch by batch, read once at the end beside the
// error (one drain). Fused kernel on WebGPU (evaluationPredictions.ts), tfjs ops elsewhere.
import * as tf from '@tensorflow/tfjs';
import { CLASS_COUNT } from '../diagnostics/diagnostics';
import { evaluationPredictionsFused, TOP3_VALUES } from '../model/kernels/evaluationPredictions';
import { currentOps, type NetworkOps } from '../model/ops';

export interface EvaluationReading {
  /** confusion[true * 10 + predicted], counts. */
  confusion: number[];
  /** Per image, in evaluation order: 3 classes, most likely first. */
  top3Classes: Uint8Array;
  /** Their softmax probabilities in whole percent. */
  top3Percent: Uint8Array;
}

export class EvaluationCollector {
  private readonly fused: boolean;
  private readonly confusion = tf.tidy(() => tf.variable(tf.zeros([CLASS_COUNT * CLASS_COUNT]), false));
  /** Each batch's [B, 6] top-3 (classes, probabilities), kept until read. */
  private readonly batches: tf.Tensor2D[] = [];

  /** `ops`: the network's (ops.ts): with the fused kernels one dispatch per batch. */
  constructor(ops: NetworkOps = currentOps()) {
    this.fused = ops.kind === 'fused';
  }

  /** Adds a batch's logits (eval mode) and labels (as NetworkInput.tensors gives them). Call inside a tidy. */
  addBatch(logits: tf.Tensor2D, labels: tf.Tensor1D): void {
    const first = this.batches.length === 0;
    if (this.fused) {
      this.batches.push(tf.keep(evaluationPredictionsFused(logits, labels, this.confusion, first)));
      return;
    }
    const classes = logits.shape[1];
    // The reference path's labels are plain class indices (networkInput.ts packs them only for the fused kernels).
    const truth = tf.cast(tf.oneHot(labels, classes), 'float32');
    const predicted = tf.cast(tf.oneHot(tf.argMax(logits, 1), classes), 'float32');
    // confusion[t][p] = sum over images of truth[b][t] * predicted[b][p]: a [K,B] x [B,K] product.
    const counts = tf.matMul(truth, predicted, true, false).reshape([classes * classes]);
    this.confusion.assign(first ? counts : tf.add(this.confusion, counts));
    const { values, indices } = tf.topk(tf.softmax(logits), 3);
    this.batches.push(tf.keep(tf.concat([tf.cast(indices, 'float32'), values], 1) as tf.Tensor2D));
  }

  /** Starts the read of everything gathered; call it right beside the error's read. */
  async read(): Promise<EvaluationReading> {
    const all = tf.concat(this.batches, 0);
    try {
      const [confusion, top3] = await Promise.all([this.confusion.data(), all.data()]);
      const images = top3.length / TOP3_VALUES;
      const top3Classes = new Uint8Array(3 * images);
      const top3Percent = new Uint8Array(3 * images);
      for (let i = 0; i < images; i++) {
        for (let k = 0; k < 3; k++) {
          top3Classes[3 * i + k] = top3[TOP3_VALUES * i + k];
          top3Percent[3 * i + k] = Math.round(100 * top3[TOP3_VALUES * i + 3 + k]);
        }
      }
      return { confusion: Array.from(confusion, Math.round), top3Classes, top3Percent };
    } finally {
      all.dispose();
    }
  }

  dispose(): void {
    tf.dispose(this.batches);
    this.batches.length = 0;
    this.confusion.dispose();
  }
}

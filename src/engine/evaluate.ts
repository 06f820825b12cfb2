import * as tf from '@tensorflow/tfjs';
import type { CifarSplit } from '../data/cifarFormat';
import type { Network } from '../model/network';
import type { NetworkInput } from './networkInput';
import { EvaluationCollector, type EvaluationReading } from './evaluationDiagnostics';
import { yieldToEventLoop } from './runControl';
import { TrainingMetrics } from './trainingMetrics';
import { EVAL_BATCH } from './evalBatch';

export { EVAL_BATCH };

export interface Evaluation {
  /** Mean cross-entropy over the evaluated images. */
  loss: number;
  /** Misclassified images, in %. */
  errorPercent: number;
  /** The confusion matrix and each image's top-3 (with `diagnostics`). */
  diagnostics?: EvaluationReading;
}

/** Error and loss of the network in eval mode (BN running statistics) on the first `count` images of `split`,
 *  the single original image each (§4.2: no test-time augmentation), and with `diagnostics` the confusion
 *  matrix and top-3 predictions. One GPU read at the end. Between batches it lets messages through, so Stop
 *  works during a long evaluation: then it resolves null. */
export async function evaluate(
  network: Network,
  input: NetworkInput,
  split: CifarSplit,
  count: number,
  isCancelled: () => boolean = () => false,
  diagnostics = false,
): Promise<Evaluation | null> {
  const sums = new TrainingMetrics(network.ops);
  const collector = diagnostics ? new EvaluationCollector(network.ops) : null;
  try {
    for (let start = 0; start < count; start += EVAL_BATCH) {
      const size = Math.min(EVAL_BATCH, count - start);
      const indices = Array.from({ length: size }, (_, i) => start + i);
      const batch = input.prepare(split, indices, null);
      tf.tidy(() => {
        const { x, labels } = input.tensors(batch);
        const logits = network.apply(x, 'eval');
        // Summed over images (not averaged per batch), so a short last batch weighs what its images weigh.
        sums.addBatch(logits, labels, 'sum');
        collector?.addBatch(logits, labels);
      });
      await yieldToEventLoop();
      if (isCancelled()) return null;
    }
    // Both reads start before either is awaited: one wait for the GPU serves them.
    const [{ lossSum, correctSum }, reading] = await Promise.all([sums.readSumsAndReset(), collector?.read()]);
    return { loss: lossSum / count, errorPercent: 100 * (1 - correctSum / count), ...(reading ? { diagnostics: reading } : {}) };
  } finally {
    sums.dispose();
    collector?.dispose();
  }
}

import * as tf from '@tensorflow/tfjs';
import type { CifarSplit } from '../data/cifarFormat';
import { makeBatch } from '../data/batch';
import { countCorrect, crossEntropy } from '../model/loss';
import type { Network } from '../model/network';
import { yieldToEventLoop } from './runControl';
import { zeroScalarVariable } from './trainingMetrics';

/** Test images per forward pass; 200 divides the 10,000 test images, so only a subset's last batch differs. */
export const EVAL_BATCH = 200;

export interface Evaluation {
  /** Mean cross-entropy over the evaluated images. */
  loss: number;
  /** Misclassified images, in %. */
  errorPercent: number;
}

/** Error and loss of the network in eval mode (BN running statistics) on the first `count` images of `split`,
 *  the single original image each (§4.2: no test-time augmentation). One GPU read at the end. Between batches
 *  it lets messages through, so Stop works during a long evaluation: then it resolves null. */
export async function evaluate(
  network: Network,
  split: CifarSplit,
  count: number,
  meanImage: Float32Array,
  isCancelled: () => boolean = () => false,
): Promise<Evaluation | null> {
  const lossSum = zeroScalarVariable();
  const correctSum = zeroScalarVariable();
  for (let start = 0; start < count; start += EVAL_BATCH) {
    const size = Math.min(EVAL_BATCH, count - start);
    const indices = Array.from({ length: size }, (_, i) => start + i);
    const batch = makeBatch(split, indices, meanImage, null);
    tf.tidy(() => {
      const x = tf.tensor4d(batch.x, [size, 32, 32, 3]);
      const labels = tf.tensor1d(batch.labels, 'int32');
      const logits = network.apply(x, 'eval');
      lossSum.assign(tf.add(lossSum, tf.mul(crossEntropy(logits, labels), size)));
      correctSum.assign(tf.add(correctSum, countCorrect(logits, labels)));
    });
    await yieldToEventLoop();
    if (isCancelled()) {
      tf.dispose([lossSum, correctSum]);
      return null;
    }
  }
  const packed = tf.stack([lossSum, correctSum]);
  const [loss, correct] = await packed.data();
  tf.dispose([packed, lossSum, correctSum]);
  return { loss: loss / count, errorPercent: 100 * (1 - correct / count) };
}

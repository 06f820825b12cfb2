// One SGD step, shared by the training loop and the speed probe (so the probe times exactly what a run does).
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../data/batch';
import { countCorrect, crossEntropy } from '../model/loss';
import type { Network } from '../model/network';
import type { SgdMomentum } from './sgd';
import type { TrainingMetrics } from './trainingMetrics';

/** Forward in training mode, backward, update; the loss and hits stay on the GPU in `metrics` (no read). */
export function trainStep(
  network: Network,
  optimizer: SgdMomentum,
  variables: tf.Variable[],
  metrics: TrainingMetrics,
  batch: Batch,
  learningRate: number,
): void {
  const batchSize = batch.labels.length;
  tf.tidy(() => {
    const x = tf.tensor4d(batch.x, [batchSize, 32, 32, 3]);
    const labels = tf.tensor1d(batch.labels, 'int32');
    const hits: { correct?: tf.Scalar } = {};
    const { value, grads } = tf.variableGrads(() => {
      const logits = network.apply(x, 'train');
      hits.correct = tf.keep(countCorrect(logits, labels));
      return crossEntropy(logits, labels);
    }, variables);
    optimizer.step(grads, learningRate);
    metrics.add(value, hits.correct as tf.Scalar, batchSize);
    tf.dispose([value, hits.correct as tf.Scalar, ...Object.values(grads)]);
  });
}

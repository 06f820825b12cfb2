// One SGD step, shared by the training loop, the speed probe and the benchmark (so they time exactly what a
// run does). TrainingEngine owns everything a step needs and frees it in dispose().
import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../config';
import { crossEntropy } from '../model/loss';
import { buildNetwork, type Network } from '../model/network';
import { DiagnosticsProbe } from './diagnosticsProbe';
import { NetworkInput, type PreparedBatch } from './networkInput';
import { SgdMomentum } from './sgd';
import { TrainingMetrics } from './trainingMetrics';

export class TrainingEngine {
  readonly network: Network;
  readonly optimizer: SgdMomentum;
  readonly metrics: TrainingMetrics;
  readonly input: NetworkInput;
  /** Gradient norms and Fig. 7's responses on sampled steps; null when diagnostics are off. */
  readonly diagnostics: DiagnosticsProbe | null;
  private readonly variables: tf.Variable[];
  /** d(loss)/d(loss) = 1, made once: tf.variableGrads would build it on the CPU and upload it every step. */
  private readonly lossGradient: tf.Scalar;

  constructor(config: TrainConfig, meanImage: Float32Array, diagnostics = false) {
    this.network = buildNetwork(config.model, config.seed);
    this.optimizer = new SgdMomentum(this.network.parameters, config.momentum, config.weightDecay);
    this.metrics = new TrainingMetrics();
    this.input = new NetworkInput(meanImage);
    this.diagnostics = diagnostics ? new DiagnosticsProbe(this.network) : null;
    this.variables = this.network.parameters.map((p) => p.variable);
    this.lossGradient = tf.scalar(1);
  }

  /** Forward in training mode, backward, update (the batch from input.prepare); the loss and hits stay on the
   *  GPU in `metrics` (no read). With `sample`, the diagnostics measure this step's gradients and responses, on
   *  the GPU too. */
  step(batch: PreparedBatch, learningRate: number, sample = false): void {
    const { network, metrics, variables } = this;
    const probe = sample ? (this.diagnostics ?? undefined) : undefined;
    tf.tidy(() => {
      const { x, labels } = this.input.tensors(batch, true);
      const kept: { logits?: tf.Tensor2D } = {};
      const { value, grads } = tf.engine().gradients(
        () => {
          const logits = network.apply(x, 'train', probe);
          kept.logits = tf.keep(logits);
          return crossEntropy(logits, labels);
        },
        variables,
        this.lossGradient,
      );
      const logits = kept.logits as tf.Tensor2D;
      // The loss's gradients before the update changes anything (and before weight decay, like PyTorch's p.grad).
      probe?.recordGradients(grads);
      const byName = Object.fromEntries(variables.map((v, i) => [v.name, grads[i]]));
      this.optimizer.step(byName, learningRate);
      metrics.addBatch(logits, labels, 'mean', value as tf.Scalar);
      tf.dispose([value, logits, ...grads]);
    });
  }

  dispose(): void {
    this.diagnostics?.dispose();
    this.metrics.dispose();
    this.optimizer.dispose();
    this.input.dispose();
    this.network.dispose();
    this.lossGradient.dispose();
  }
}

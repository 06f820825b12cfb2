import * as tf from '@tensorflow/tfjs';
import { currentOps, type NetworkOps } from '../model/ops';
import { writeInPlace } from '../model/kernels/gpuDispatch';
import { sgdUpdateFused } from '../model/kernels/sgdUpdate';

/** What the optimizer needs to know of a trainable tensor. */
export interface OptimizedParameter {
  name: string;
  variable: tf.Variable;
  /** L2 weight decay applies (conv and FC weights; not BN gamma/beta, not the FC bias). */
  decay: boolean;
}

/**
 * SGD with momentum and L2 weight decay, with PyTorch's semantics (the reference we compare against):
 *   buf = momentum * buf + (g + weightDecay * p);   p = p - lr * buf
 * §4.2: momentum 0.9, weight decay 1e-4. The momentum buffers are variables so that a later checkpoint can
 * save them; the learning rate is passed per step because the schedule owns it.
 */
export class SgdMomentum {
  private readonly buffers: tf.Variable[];
  /** [lr, momentum, weightDecay] for the fused kernel: one tensor for the run, rewritten in place (12 bytes) only
   *  when the lr changes, so a recorded step stays bound to it. */
  private hyper: { learningRate: number; tensor: tf.Tensor1D } | null = null;

  constructor(
    private readonly parameters: readonly OptimizedParameter[],
    private readonly momentum: number,
    private readonly weightDecay: number,
    /** The engine's (ops.ts): with the fused kernels, one dispatch per two tensors. */
    private readonly ops: NetworkOps = currentOps(),
  ) {
    // tidy: the zeros a variable is made from is a tensor of its own, and would otherwise leak.
    this.buffers = tf.tidy(() => parameters.map((p) => tf.variable(tf.zerosLike(p.variable), false, `${p.variable.name}/momentum`)));
  }

  /** The momentum buffers, named after their parameters ('stem/conv/momentum'), for checkpoints. */
  namedBuffers(): { name: string; variable: tf.Variable }[] {
    return this.parameters.map((p, i) => ({ name: `${p.name}/momentum`, variable: this.buffers[i] }));
  }

  /** grads is keyed by variable name, as tf.variableGrads returns it. Disposes nothing it did not make. */
  step(grads: Record<string, tf.Tensor>, learningRate: number): void {
    if (this.ops.kind === 'fused') {
      const tensors = this.parameters.map((p, i) => ({ parameter: p.variable, buffer: this.buffers[i], gradient: gradientOf(grads, p), decay: p.decay }));
      sgdUpdateFused(tensors, this.hyperTensor(learningRate));
      return;
    }
    tf.tidy(() => {
      const lr = tf.scalar(learningRate);
      const momentum = tf.scalar(this.momentum);
      const decay = tf.scalar(this.weightDecay);
      this.parameters.forEach((p, i) => {
        const g = gradientOf(grads, p);
        const direction = p.decay ? tf.add(g, tf.mul(decay, p.variable)) : g;
        const buffer = this.buffers[i];
        buffer.assign(tf.add(tf.mul(momentum, buffer), direction));
        p.variable.assign(tf.sub(p.variable, tf.mul(lr, buffer)));
      });
    });
  }

  /** The fused kernel's hyper-parameters with this lr; a recorded step calls it before each replay. */
  hyperTensor(learningRate: number): tf.Tensor1D {
    // Called before every step, replayed ones too: nothing is made or written unless the lr changed.
    const values = () => Float32Array.of(learningRate, this.momentum, this.weightDecay);
    if (!this.hyper) {
      // keep: step() runs inside the training step's tidy, and this tensor outlives it.
      this.hyper = { learningRate, tensor: tf.keep(tf.tensor1d(values())) };
    } else if (this.hyper.learningRate !== learningRate) {
      writeInPlace(this.hyper.tensor, values());
      this.hyper.learningRate = learningRate;
    }
    return this.hyper.tensor;
  }

  dispose(): void {
    this.buffers.forEach((b) => b.dispose());
    this.hyper?.tensor.dispose();
    this.hyper = null;
  }
}

function gradientOf(grads: Record<string, tf.Tensor>, p: OptimizedParameter): tf.Tensor {
  const g = grads[p.variable.name];
  if (!g) throw new Error(`No gradient for parameter ${p.name}`);
  return g;
}

// Measures inside the network on a sampled training step, ON THE GPU, into one small buffer that is read back
// together with the training metrics (one pipeline drain for both): every parameter's gradient sum of squares
// (the layers' gradient norms, §4.1) and every main-path layer's response std (Fig. 7). A step that is not
// sampled costs nothing. With the fused kernels: a few dispatches per sample (gradientSumsOfSquares.ts,
// responseStd.ts); with the reference ops (WebGL, CPU, ?kernels=reference): tfjs ops into the same buffer.
import * as tf from '@tensorflow/tfjs';
import { layerNorms, planDiagnostics, type DiagnosticsPlan } from '../diagnostics/diagnostics';
import { gradientSumsOfSquaresFused, slotGroups } from '../model/kernels/gradientSumsOfSquares';
import { responseStdFused } from '../model/kernels/responseStd';
import type { Network } from '../model/network';
import type { ResponseRecorder } from '../model/responseRecorder';

export interface DiagnosticsReading {
  /** Per gradient row of the layout: ||dL/dW|| over the row's parameters. */
  gradientNorms: number[];
  /** Per response layer: the std of its BN output over the batch. */
  responseStds: number[];
}

export class DiagnosticsProbe implements ResponseRecorder {
  readonly plan: DiagnosticsPlan;
  private readonly fused: boolean;
  private readonly parameterCount: number;
  private readonly layerCount: number;
  /** [sums of squares per parameter..., response std per layer...]. */
  private readonly values: tf.Variable;
  /** Fused: the int32 slots of each group of gradients, and of each response layer (made once). */
  private readonly gradientSlots: tf.Tensor1D[];
  private readonly responseSlots: tf.Tensor1D[];
  /** Reference ops: this sample's scalars by slot, kept until recordGradients() writes them all. */
  private pending: (tf.Scalar | undefined)[] = [];

  constructor(network: Network) {
    this.fused = network.ops.kind === 'fused'; // the network's own ops (ops.ts), chosen by the engine
    const kernelSizes = new Map(network.parameters.map((p) => [p.name, p.variable.shape[0]]));
    this.plan = planDiagnostics(
      network.parameters.map((p) => p.name),
      (conv) => kernelSizes.get(conv) ?? 3,
    );
    if (this.plan.layout.responseLayers.map((l) => l.name).join() !== network.responseLayerNames.join()) {
      throw new Error('The network and the diagnostics disagree on which layers are Fig. 7’s');
    }
    this.parameterCount = network.parameters.length;
    this.layerCount = network.responseLayerNames.length;
    const slots = this.parameterCount + this.layerCount;
    this.values = tf.tidy(() => tf.variable(tf.zeros([slots]), false));
    this.gradientSlots = this.fused ? slotGroups(Array.from({ length: this.parameterCount }, (_, i) => i)) : [];
    this.responseSlots = this.fused ? Array.from({ length: this.layerCount }, (_, i) => tf.tensor1d([this.parameterCount + i], 'int32')) : [];
  }

  /** Gradients of the network's parameters, in Network.parameters order, of the step being sampled, whose forward
   *  pass this probe recorded: the sample is then complete (the fused kernels wrote it in place; with the
   *  reference ops its scalars are written now). */
  recordGradients(gradients: readonly tf.Tensor[]): void {
    if (gradients.length !== this.parameterCount) throw new Error('recordGradients: one gradient per parameter');
    if (this.fused) {
      gradientSumsOfSquaresFused(gradients, this.gradientSlots, this.values);
      return;
    }
    gradients.forEach((g, i) => this.keepPending(i, tf.tidy(() => tf.sum(tf.square(g)))));
    const pending = this.pending;
    this.pending = [];
    try {
      if (pending.length !== this.parameterCount + this.layerCount || pending.includes(undefined)) {
        throw new Error('recordGradients: the forward pass was not recorded for every response layer');
      }
      tf.tidy(() => this.values.assign(tf.stack(pending as tf.Scalar[]) as tf.Tensor1D));
    } finally {
      tf.dispose(pending.filter((t): t is tf.Scalar => t !== undefined));
    }
  }

  statistics(layer: number, stats: tf.TensorInfo, beta: tf.Tensor1D): void {
    responseStdFused(stats, beta, this.responseSlots[layer], this.values);
  }

  response(layer: number, output: tf.Tensor4D): void {
    // The std over every value of the response, divided by N (tf.moments' variance is the biased one).
    this.keepPending(this.parameterCount + layer, tf.tidy(() => tf.sqrt(tf.moments(output).variance) as tf.Scalar));
  }

  /** Starts reading the newest sample; call it right beside the metrics' read so one GPU drain serves both. */
  read(): Promise<DiagnosticsReading> {
    return this.values.data().then((values) => ({
      gradientNorms: layerNorms(values.subarray(0, this.parameterCount), this.plan),
      responseStds: Array.from(values.subarray(this.parameterCount)),
    }));
  }

  private keepPending(slot: number, value: tf.Scalar): void {
    this.pending[slot]?.dispose();
    this.pending[slot] = tf.keep(value);
  }

  dispose(): void {
    tf.dispose(this.pending.filter((t): t is tf.Scalar => t !== undefined));
    this.pending = [];
    this.values.dispose();
    tf.dispose([...this.gradientSlots, ...this.responseSlots]);
  }
}

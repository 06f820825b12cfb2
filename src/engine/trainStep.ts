// One SGD step, shared by the training loop, the speed probe and the benchmark (so they time exactly what a
// run does). TrainingEngine owns everything a step needs and frees it in dispose().
//
// With the fused kernels a step runs through tfjs's gradient tape once, is recorded as it runs
// (kernels/recordedDispatches.ts), and is replayed from then on: the batch and the lr are written in place and
// the recorded dispatches encoded again, with no tape, no tensors and no bind groups (~100 us of CPU per
// dispatch saved). Steps that sample the diagnostics still go through the tape (the probe adds its own kernels),
// as do evaluation and every step of the reference ops.
import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../config';
import { autotune, collectKernelUses, candidatesFor, type AutotuneResult, type CountedUse } from '../model/kernels/autotune';
import { choiceKey, chosenImplementations, setChosenImplementations } from '../model/kernels/kernelChoice';
import { recordsSteps } from '../model/kernels/kernelMode';
import { RecordedDispatches, RecordingRefused } from '../model/kernels/recordedDispatches';
import { crossEntropy } from '../model/loss';
import { buildNetwork, type Network } from '../model/network';
import { currentOps } from '../model/ops';
import { DiagnosticsProbe } from './diagnosticsProbe';
import { NetworkInput, type PreparedBatch } from './networkInput';
import { SgdMomentum } from './sgd';
import { TrainingMetrics } from './trainingMetrics';

/** 'record': record a step and replay it (the default with the fused kernels); 'tape': every step through
 *  tfjs's tape, as before recording existed (`?kernels=taped`, and the benchmark's comparison). */
export type StepMode = 'record' | 'tape';

/** How this engine's steps run now, for the device report and the benchmark. */
export type StepCapture =
  | { state: 'tape'; why: string }
  | { state: 'replayed'; dispatches: number; recordings: number; ownBytes: number; peakBytes: number };

/** A sampled step lends the record's buffers back to tfjs's pool only when they hold at least this many bytes: a
 *  loan costs a new bind group per dispatch when the pool hands back other buffers, and on a slow device nearly
 *  every step is sampled (a window is due after each), where ResNet-8 spent more on rebinding than it saved. Above
 *  it (ResNet-20 at batch 128: 222 MB) the GPU would otherwise hold two steps' activations. */
export const LEND_BUFFERS_FROM_BYTES = 64 * 2 ** 20;

export interface EngineOptions {
  /** Gradient norms and Fig. 7's responses on sampled steps (the trainer's default); off for the benchmark. */
  diagnostics?: boolean;
  mode?: StepMode;
  /** The first step collects the kernel shapes the network uses and nothing is recorded until tuneKernels() has
   *  timed the candidates this GPU has no choice for yet (the trainer and the speed probe do this). */
  tuneKernels?: boolean;
  /** LEND_BUFFERS_FROM_BYTES by default; tests lower it to exercise the loan on small networks. */
  lendBuffersFromBytes?: number;
}

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
  private record: { dispatches: RecordedDispatches; batchSize: number } | null = null;
  /** Why steps are not recorded (null while they may be). */
  private notRecorded: string | null;
  private recordings = 0;
  /** 'collect': the next step gathers the kernel uses; 'ready': gathered, waiting for tuneKernels(). */
  private tuning: 'collect' | 'ready' | 'done';
  private kernelUses: CountedUse[] = [];
  private readonly lendBuffersFromBytes: number;

  constructor(config: TrainConfig, meanImage: Float32Array, options: EngineOptions = {}) {
    const { diagnostics = false, mode = recordsSteps() ? 'record' : 'tape' } = options;
    // The one choice of fused kernels or reference ops for everything this engine runs (ops.ts).
    const ops = currentOps();
    this.network = buildNetwork(config.model, config.seed, ops);
    this.optimizer = new SgdMomentum(this.network.parameters, config.momentum, config.weightDecay, ops);
    this.metrics = new TrainingMetrics(ops);
    this.input = new NetworkInput(meanImage, ops);
    this.diagnostics = diagnostics ? new DiagnosticsProbe(this.network) : null;
    this.variables = this.network.parameters.map((p) => p.variable);
    this.lossGradient = tf.scalar(1);
    this.notRecorded = !this.metrics.usesFusedKernels ? 'the reference ops run' : mode === 'tape' ? 'asked for (?kernels=taped)' : null;
    this.tuning = options.tuneKernels && this.metrics.usesFusedKernels ? 'collect' : 'done';
    this.lendBuffersFromBytes = options.lendBuffersFromBytes ?? LEND_BUFFERS_FROM_BYTES;
  }

  /** The kernel shapes of this network that have two candidates or more and no choice for this GPU yet (known
   *  after the first step of an engine made with tuneKernels). */
  get untimedKernels(): CountedUse[] {
    const chosen = chosenImplementations();
    return this.kernelUses.filter((use) => candidatesFor(use).length > 1 && !(choiceKey(use.kernelClass, use.shapeKey) in chosen));
  }

  /** Times the untimed kernels on this GPU within `budgetMs` (`every`: all of this network's, as the device report
   *  does), adds the choices to kernelChoice.ts's, and lets the next step be recorded with them. */
  async tuneKernels(budgetMs: number, options: { every?: boolean; onProgress?: (done: number, total: number) => void } = {}): Promise<AutotuneResult> {
    const uses = options.every ? this.kernelUses : this.untimedKernels;
    const result = await autotune(uses, { budgetMs, onProgress: options.onProgress, timeSingles: options.every });
    setChosenImplementations({ ...chosenImplementations(), ...result.choices });
    this.tuning = 'done';
    return result;
  }

  /** True after the first step of an engine made with tuneKernels, until tuneKernels() ran. */
  get awaitsKernelTuning(): boolean {
    return this.tuning === 'ready';
  }

  /** Every kernel use of this network's step, with the implementation that runs it now. */
  get kernelUsesSeen(): readonly CountedUse[] {
    return this.kernelUses;
  }

  /** Forward in training mode, backward, update (the batch from input.prepare); the loss and hits stay on the
   *  GPU in `metrics` (no read). With `sample`, the diagnostics measure this step's gradients and responses, on
   *  the GPU too. */
  step(batch: PreparedBatch, learningRate: number, sample = false): void {
    const sampled = sample && this.diagnostics !== null;
    if (this.tuning === 'collect') {
      this.kernelUses = collectKernelUses(() => this.stepThroughTape(batch, learningRate, sampled));
      this.tuning = 'ready';
      return;
    }
    if (sampled || batch.kind !== 'packed' || this.notRecorded || this.tuning === 'ready') {
      const record = this.record?.dispatches;
      if (record && record.ownBytes >= this.lendBuffersFromBytes) record.withBuffersLent(() => this.stepThroughTape(batch, learningRate, sampled));
      else this.stepThroughTape(batch, learningRate, sampled);
      return;
    }
    const batchSize = batch.batch.images.length;
    if (this.record && (this.record.batchSize !== batchSize || !this.record.dispatches.isCurrent())) {
      this.record.dispatches.dispose(); // a restored checkpoint replaced the weights, or another batch size
      this.record = null;
    }
    if (this.record) {
      this.input.writeSlots(batch.batch);
      this.optimizer.hyperTensor(learningRate);
      this.record.dispatches.replay();
      this.metrics.countReplayedBatch(batchSize);
      return;
    }
    try {
      this.record = { dispatches: RecordedDispatches.record(() => this.stepThroughTape(batch, learningRate, false)), batchSize };
      this.recordings += 1;
    } catch (error) {
      // The step ran; only its record is refused. Every later step goes through the tape.
      if (!(error instanceof RecordingRefused)) throw error;
      this.notRecorded = error.message;
    }
  }

  get capture(): StepCapture {
    if (this.notRecorded) return { state: 'tape', why: this.notRecorded };
    const d = this.record?.dispatches;
    return { state: 'replayed', dispatches: d?.dispatchCount ?? 0, recordings: this.recordings, ownBytes: d?.ownBytes ?? 0, peakBytes: d?.peakBytes ?? 0 };
  }

  private stepThroughTape(batch: PreparedBatch, learningRate: number, sample: boolean): void {
    const { network, metrics, variables } = this;
    const probe = sample ? (this.diagnostics ?? undefined) : undefined;
    tf.tidy(() => {
      const { x, labels } = this.input.tensors(batch, true);
      const kept: { logits?: tf.Tensor2D } = {};
      const { value, grads } = tf.engine().gradients(
        () => {
          const logits = network.apply(x, 'train', probe);
          kept.logits = tf.keep(logits);
          return crossEntropy(logits, labels, network.ops);
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
    this.record?.dispatches.dispose();
    this.record = null;
    this.diagnostics?.dispose();
    this.metrics.dispose();
    this.optimizer.dispose();
    this.input.dispose();
    this.network.dispose();
    this.lossGradient.dispose();
  }
}

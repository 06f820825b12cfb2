// The CIFAR-10 networks of §4.2: plain or residual, 6n+2 layers (9n+2 with bottleneck blocks, an extension).
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../config';
import { describeArchitecture, INPUT_CHANNELS, KERNEL } from './architecture';
import { buildBlock } from './block';
import { ConvBn } from './convBn';
import { RELU } from './epilogue';
import { currentOps, type NetworkOps } from './ops';
import type { Mode } from './layer';
import { Linear } from './linear';
import { ParameterStore } from './parameterStore';
import type { ResponseRecorder } from './responseRecorder';
import { isResponseLayer } from '../diagnostics/diagnostics';

/** A trainable tensor. Structurally an OptimizedParameter (src/engine/sgd.ts). */
export interface Parameter {
  /** Unique and stable, e.g. 'stem/conv', 'stem/bn/gamma', 'stage2/block0/conv1', 'fc/kernel'. The
   *  tf.Variable's own name carries a per-network prefix ('net3/stem/conv'): key gradients by variable.name. */
  name: string;
  variable: tf.Variable;
  /** §4.2's weight decay applies: conv and FC weights only, not BN gamma/beta nor the FC bias. */
  decay: boolean;
}

export interface Network {
  readonly config: ModelConfig;
  /** What its layers run (ops.ts), chosen when it was built; the loss and the engine use the same. */
  readonly ops: NetworkOps;
  /** Trainable tensors in a stable order (creation order: stem, stage1 block0 ..., fc). */
  readonly parameters: readonly Parameter[];
  /** BN running mean / variance (not trainable), in creation order. tf.Variable names are
   *  '<network prefix>/<bn>/runningMean' and '.../runningVariance', e.g. 'net3/stem/bn/runningMean'. */
  readonly bnStatistics: readonly tf.Variable[];
  /** x: [B,32,32,3] NHWC float32, mean-subtracted. Returns logits [B,10].
   *  'train': BN normalises with batch statistics (biased variance) and updates the running statistics like
   *  PyTorch (momentum 0.1, running_var uses the UNBIASED batch variance). 'eval': running statistics. */
  apply(x: tf.Tensor4D, mode: Mode, recorder?: ResponseRecorder): tf.Tensor2D;
  /** The main path's batch norms in forward order: Fig. 7's layers (a recorder numbers them from 0). */
  readonly responseLayerNames: readonly string[];
  dispose(): void;
}

/** A pure function of (config, seed): the same arguments give the same weights. `ops`: the fused kernels or the
 *  reference ops, chosen once by the caller (the engine) for everything the network runs. */
export function buildNetwork(config: ModelConfig, seed: number, ops: NetworkOps = currentOps()): Network {
  const architecture = describeArchitecture(config); // validates before any tensor exists
  const store = new ParameterStore(seed, ops);
  try {
    // §4.2: "The first layer is 3x3 convolutions", then BN and ReLU.
    const stem = new ConvBn(store, 'stem', '', {
      kernelSize: KERNEL,
      inChannels: INPUT_CHANNELS,
      outChannels: architecture.stemChannels,
      stride: 1,
    });
    // §4.2: three stages of n blocks on 32x32, 16x16 and 8x8 maps; stages numbered from 1, blocks from 0.
    const blocks = architecture.stages.flatMap((stage, s) =>
      stage.map((block, b) => buildBlock(store, `stage${s + 1}/block${b}`, block, config)),
    );
    // §4.2: "ends with a global average pooling, a 10-way fully-connected layer, and softmax" (the softmax
    // lives in the loss).
    const fc = new Linear(store, 'fc', architecture.featureChannels, architecture.classes);
    const responseLayers = store.batchNorms.filter((bn) => isResponseLayer(bn.name));

    return {
      config: { ...config },
      ops,
      parameters: store.parameters,
      bnStatistics: store.statistics,
      responseLayerNames: responseLayers.map((bn) => bn.name),
      apply(x: tf.Tensor4D, mode: Mode, recorder?: ResponseRecorder): tf.Tensor2D {
        // With a recorder, each main-path BN reports its output (Fig. 7) as the pass goes; the blocks below
        // stay as the paper writes them.
        if (recorder) responseLayers.forEach((bn, i) => bn.recordInto(recorder, i));
        try {
          return tf.tidy(() => {
            let h = stem.apply(x, mode, RELU); // conv, BN, ReLU
            for (const block of blocks) h = block.apply(h, mode);
            return fc.apply(ops.globalAveragePool(h)); // [B, C], then the 10-way classifier
          });
        } finally {
          if (recorder) responseLayers.forEach((bn) => bn.stopRecording());
        }
      },
      dispose: () => store.dispose(),
    };
  } catch (error) {
    store.dispose();
    throw error;
  }
}

/** The name of a BN statistic within its network, e.g. 'stage2/block0/bn1/runningVariance' (for
 *  checkpoints and the reference tests). */
export function bnStatisticName(statistic: tf.Variable): string {
  return ParameterStore.localName(statistic);
}

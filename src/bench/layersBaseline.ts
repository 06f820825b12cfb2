// The naive baseline the issue measures against: the same ResNet built the usual way with tfjs-layers and trained
// with model.trainOnBatch (as model.fit does per batch: it reads the loss back every step) and tf.train.momentum,
// weight decay as L2 kernel regularisers. Shortcuts where the shape changes are 1x1 stride-2 projections (option
// B: tfjs-layers has no layer for option A's subsample + zero-pad), so its parameter count differs slightly.
import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../config';
import { makeBatch } from '../data/batch';
import { describeArchitecture } from '../model/architecture';
import type { Stepper } from './measureSteps';
import { syntheticBatches } from './syntheticBatches';

function buildLayersResNet(config: TrainConfig): tf.LayersModel {
  const arch = describeArchitecture(config.model);
  const regularizer = () => tf.regularizers.l2({ l2: config.weightDecay / 2 }); // d/dw of (wd/2) w^2 = wd * w
  const conv = (filters: number, kernelSize: number, strides: number) =>
    tf.layers.conv2d({ filters, kernelSize, strides, padding: 'same', useBias: false, kernelInitializer: 'heNormal', kernelRegularizer: regularizer() });
  const bn = () => tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 });
  const relu = () => tf.layers.activation({ activation: 'relu' });
  const input = tf.input({ shape: [32, 32, 3] });
  let h = relu().apply(bn().apply(conv(arch.stemChannels, 3, 1).apply(input))) as tf.SymbolicTensor;
  for (const stage of arch.stages) {
    for (const block of stage) {
      let f = relu().apply(bn().apply(conv(block.innerChannels, 3, block.stride).apply(h))) as tf.SymbolicTensor;
      f = bn().apply(conv(block.outChannels, 3, 1).apply(f)) as tf.SymbolicTensor;
      if (config.model.blockType === 'residual') {
        const changes = block.stride !== 1 || block.inChannels !== block.outChannels;
        const shortcut = changes ? (bn().apply(conv(block.outChannels, 1, block.stride).apply(h)) as tf.SymbolicTensor) : h;
        f = tf.layers.add().apply([f, shortcut]) as tf.SymbolicTensor;
      }
      h = relu().apply(f) as tf.SymbolicTensor;
    }
  }
  const pooled = tf.layers.globalAveragePooling2d({}).apply(h);
  const logits = tf.layers.dense({ units: arch.classes, kernelRegularizer: regularizer() }).apply(pooled) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: tf.layers.activation({ activation: 'softmax' }).apply(logits) as tf.SymbolicTensor });
  model.compile({ optimizer: tf.train.momentum(config.learningRate, config.momentum), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

export function layersBaselineStepper(config: TrainConfig): Stepper {
  const batches = syntheticBatches(config);
  const model = buildLayersResNet(config);
  return {
    async step() {
      const batch = makeBatch(batches.images, batches.nextIndices(), batches.meanImage, batches.augmentation);
      const x = tf.tensor4d(batch.x, [config.batchSize, 32, 32, 3]);
      const y = tf.oneHot(tf.tensor1d(batch.labels, 'int32'), 10);
      await model.trainOnBatch(x, y); // reads loss and accuracy back, every step
      tf.dispose([x, y]);
    },
    async readMetrics() {
      // trainOnBatch has read them already.
    },
    dispose() {
      model.dispose();
    },
  };
}

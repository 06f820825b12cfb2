// Batch norm in training mode as one differentiable op, with what follows it in the network folded in:
//   y = act(BN(x) + shortcut),  act = ReLU or identity, shortcut optional  (§3.2 Eqn. 1, §3.4, Fig. 2)
// REPLACES (reference ops, src/model/batchNorm.ts + block.ts): tf.moments (2 means, each transpose + reduce,
// sub, square), tf.batchNorm, 5 muls + 2 adds for the running statistics, tf.add for the shortcut, tf.relu;
// 14 dispatches forward and ~33 backward per layer, plus CPU-built tensors of ones in the mean's gradient.
// HERE: the forward and backward implementations kernelChoice.ts picks for the shape (batchNormPerChannel.ts by
// default: 1 dispatch each way). Numbers follow PyTorch's nn.BatchNorm2d (biased variance to normalise, unbiased
// into the running variance).
import * as tf from '@tensorflow/tfjs';
import type { Epilogue } from '../epilogue';
import { BATCH_NORM_BACKWARD, BATCH_NORM_FORWARD } from './candidates';
import { allocate, asTensor } from './gpuDispatch';
import type { BatchNormShape } from './implementation';
import { implementationFor } from './kernelChoice';

/**
 * y = act(BN(x) + add) with batch statistics, updating runningMean / runningVariance in place; differentiable
 * in x, gamma, beta and add. x: [B,H,W,C] NHWC. `onStatistics`, when given, is handed the batch statistics
 * ([3, C]: mean, invstd, gamma) right after the kernel is recorded (for Fig. 7's response std, responseStd.ts).
 */
export function batchNormTrainFused(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  runningMean: tf.Variable,
  runningVariance: tf.Variable,
  epilogue: Epilogue,
  onStatistics?: (stats: tf.TensorInfo) => void,
): tf.Tensor4D {
  const channels = x.shape[3];
  const count = x.size / channels;
  if (count < 2) throw new Error('Batch norm in train mode needs more than one value per channel');
  const shape: BatchNormShape = { channels, count, relu: epilogue.relu, add: epilogue.add !== undefined };
  const shapeKey = `${channels}|${count}|${shape.relu}|${shape.add}`;
  const forward = implementationFor('batchNormForward', shapeKey, shape, BATCH_NORM_FORWARD);
  const backward = implementationFor('batchNormBackward', shapeKey, shape, BATCH_NORM_BACKWARD);
  if (!forward || !backward) throw new Error(`No batch norm implementation handles ${shapeKey}`);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args.pop() as tf.GradSaveFunc;
    const [xIn, gammaIn, betaIn, addIn] = args as tf.Tensor[];
    const stats = allocate([3, channels]);
    const y = allocate(xIn.shape);
    forward.run(shape, { x: xIn, gamma: gammaIn, beta: betaIn, shortcut: addIn ?? null, runningMean, runningVariance, stats, y });
    onStatistics?.(stats);
    const yTensor = asTensor<tf.Rank.R4>(y);
    const statsTensor = asTensor(stats);
    save([xIn, yTensor, statsTensor]);
    statsTensor.dispose(); // save() keeps its own reference while a gradient is being recorded
    return {
      value: yTensor,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xSaved, ySaved, statsSaved] = saved;
        const dgamma = allocate([channels]);
        const dbeta = allocate([channels]);
        const dx = allocate(xSaved.shape);
        const dshortcut = shape.add && shape.relu ? allocate(xSaved.shape) : null;
        backward.run(shape, { dy, y: shape.relu ? ySaved : null, x: xSaved, stats: statsSaved, dgamma, dbeta, dx, dshortcut });
        const grads = [asTensor(dx), asTensor(dgamma), asTensor(dbeta)];
        // With an addition but no ReLU the shortcut's gradient is dy itself.
        if (shape.add) grads.push(dshortcut ? asTensor(dshortcut) : dy.clone());
        return grads;
      },
    };
  });
  const inputs = [x, gamma, beta, ...(epilogue.add ? [epilogue.add] : [])];
  return op(...inputs) as tf.Tensor4D;
}

// What follows a batch norm in these networks: nothing, a ReLU, or the residual addition then a ReLU (§3.2,
// Fig. 2). Passing it INTO the batch norm lets the WebGPU engine run all three as one kernel; the reference
// ops below are what that kernel computes.
import * as tf from '@tensorflow/tfjs';

export interface Epilogue {
  /** Added after the normalisation: the residual block's shortcut, same shape (§3.2, Eqn. 1). */
  add?: tf.Tensor4D;
  /** ReLU last (Fig. 2: "the second nonlinearity after the addition"). */
  relu: boolean;
}

/** BN's output as is (the option-B projection, whose output is added by the main path's last BN). */
export const IDENTITY: Epilogue = { relu: false };
/** BN then ReLU (inside a residual function, and after the first layer). */
export const RELU: Epilogue = { relu: true };
/** BN, + shortcut, ReLU: the end of a residual block, y = relu(F(x) + x). */
export function addThenRelu(shortcut: tf.Tensor4D): Epilogue {
  return { add: shortcut, relu: true };
}

/** The reference ops: relu(z + add), each part only if asked for. */
export function applyEpilogue(z: tf.Tensor4D, then: Epilogue): tf.Tensor4D {
  const summed: tf.Tensor4D = then.add ? tf.add(z, then.add) : z;
  return then.relu ? tf.relu(summed) : summed;
}

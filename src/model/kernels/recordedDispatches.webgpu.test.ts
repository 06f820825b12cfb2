// WebGPU tier: recording and replaying dispatches (recordedDispatches.ts) on a small step of this folder's kernels
// over tensors that live outside the step, checked against running the step itself; what a record refuses; and
// that a record's buffers lent to tfjs for a step through the tape are never written by a later replay.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { writeInPlace } from './gpuDispatch';
import { RecordedDispatches, RecordingRefused } from './recordedDispatches';
import { sgdUpdateFused } from './sgdUpdate';

const SIZE = 1000;

/** Persistent state (a parameter, its momentum, an input slot, the hyper-parameters) and a step over it:
 *  gradient = (p + p) + input, then SGD with momentum; two temporaries live only inside the step. */
function makeProblem() {
  const parameter = tf.variable(tf.linspace(-1, 1, SIZE), true);
  const momentum = tf.variable(tf.zeros([SIZE]), false);
  const input = tf.keep(tf.tensor1d(new Float32Array(SIZE)));
  const hyper = tf.keep(tf.tensor1d([0.1, 0.9, 0]));
  const step = () =>
    tf.tidy(() => {
      const gradient = tf.add(tf.add(parameter, parameter), input);
      sgdUpdateFused([{ parameter, buffer: momentum, gradient, decay: false }], hyper);
    });
  const feed = (k: number) => writeInPlace(input, Float32Array.from({ length: SIZE }, (_, i) => Math.sin(i + k)));
  const dispose = () => tf.dispose([parameter, momentum, input, hyper]);
  return { parameter, momentum, step, feed, dispose };
}

describe('recorded dispatches (WebGPU)', () => {
  it('replaying equals running the step, step after step, with new inputs written in place', async () => {
    const ran = makeProblem();
    const replayed = makeProblem();
    ran.feed(0);
    replayed.feed(0);
    ran.step();
    const record = RecordedDispatches.record(replayed.step);
    expect(record.dispatchCount).toBe(3);
    for (let k = 1; k < 6; k++) {
      ran.feed(k);
      ran.step();
      replayed.feed(k);
      expect(record.isCurrent()).toBe(true);
      record.replay();
    }
    expect(Array.from(await replayed.parameter.data())).toEqual(Array.from(await ran.parameter.data()));
    expect(Array.from(await replayed.momentum.data())).toEqual(Array.from(await ran.momentum.data()));
    record.dispose();
    ran.dispose();
    replayed.dispose();
  });

  it('goes stale when its owner replaces a tensor it is bound to', () => {
    const problem = makeProblem();
    problem.feed(0);
    const record = RecordedDispatches.record(problem.step);
    expect(record.isCurrent()).toBe(true);
    problem.parameter.assign(tf.ones([SIZE])); // what restoring a checkpoint does
    expect(record.isCurrent()).toBe(false);
    record.dispose();
    problem.dispose();
  });

  it('never writes into its buffers while they are lent out, nor after: a replay uses the ones it took back', async () => {
    const problem = makeProblem();
    problem.feed(0);
    const record = RecordedDispatches.record(problem.step);
    // While lent, tensors of the step's sizes come from the pool: the first two get the record's two buffers.
    const operands = [0, 1, 2].map((k) => tf.fill([SIZE], k + 1));
    const keptFromLoan = record.withBuffersLent(() => operands.map((t) => tf.add(t, t)));
    for (let k = 1; k < 4; k++) {
      problem.feed(k);
      record.replay();
    }
    // Read only now (a read leaves a CPU copy that later reads would return instead of the GPU's values).
    const after = await Promise.all(keptFromLoan.map((t) => t.data()));
    after.forEach((values, k) => expect(Array.from(values).every((v) => v === 2 * (k + 1)), `tensor ${k} intact`).toBe(true));
    tf.dispose([...keptFromLoan, ...operands]);
    record.dispose();
    problem.dispose();
  });

  it('refuses a step that runs one of tfjs\'s own programs, and one whose tensor outlives it', () => {
    const x = tf.keep(tf.ones([4, 4]));
    expect(() => RecordedDispatches.record(() => tf.tidy(() => void tf.matMul(x, x)))).toThrow(RecordingRefused);
    const kept: tf.Tensor[] = [];
    expect(() => RecordedDispatches.record(() => void kept.push(tf.add(x, x)))).toThrow(/outlives/);
    tf.dispose([x, ...kept]);
  });
});

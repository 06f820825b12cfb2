// WebGPU tier: the fused evaluation kernel (evaluationPredictions.ts, through src/engine/evaluationDiagnostics.ts)
// against the reference ops it replaces, on the real webgpu backend.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { EvaluationCollector } from '../../engine/evaluationDiagnostics';
import { bothWays } from './testing/compare';

describe('evaluation diagnostics with the fused kernel (WebGPU) equal the reference ops', () => {
  it('confusion counts and top-3 over an evaluation of two batches (200 and 37 images)', async () => {
    const run = () => {
      const collector = new EvaluationCollector();
      for (const [size, seed] of [
        [200, 1],
        [37, 2],
      ]) {
        tf.tidy(() => {
          const logits = tf.randomNormal([size, 10], 0, 2, 'float32', seed) as tf.Tensor2D;
          const labels = tf.tensor1d(Array.from({ length: size }, (_, i) => (i * 7 + seed) % 10), 'int32');
          collector.addBatch(logits, labels);
        });
      }
      return collector;
    };
    const { fused, reference } = bothWays(run);
    const [ours, theirs] = await Promise.all([fused.read(), reference.read()]);
    expect(ours.confusion).toEqual(theirs.confusion);
    expect(ours.confusion.reduce((a, b) => a + b, 0)).toBe(237);
    expect(Array.from(ours.top3Classes)).toEqual(Array.from(theirs.top3Classes));
    const percentGap = Math.max(...Array.from(ours.top3Percent, (p, i) => Math.abs(p - theirs.top3Percent[i])));
    expect(percentGap).toBeLessThanOrEqual(1); // rounding of float32 probabilities at x.5%
    fused.dispose();
    reference.dispose();
  });
});

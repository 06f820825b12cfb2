import { describe, expect, it } from 'vitest';
import { planBuffers, type Lifetime } from './bufferPlan';
import { Random } from '../../data/random';

/** Every buffer is big enough for each tensor it holds, and no two tensors of one buffer are alive at once. */
function checkPlan(lifetimes: readonly Lifetime[]) {
  const plan = planBuffers(lifetimes);
  lifetimes.forEach((t, i) => {
    expect(plan.bufferBytes[plan.bufferOf[i]]).toBeGreaterThanOrEqual(t.bytes);
    lifetimes.forEach((u, j) => {
      if (j <= i || plan.bufferOf[i] !== plan.bufferOf[j]) return;
      expect(t.last < u.first || u.last < t.first, `tensors ${i} and ${j} overlap in buffer ${plan.bufferOf[i]}`).toBe(true);
    });
  });
  return plan;
}

describe('planBuffers', () => {
  it('a chain of tensors each read by the next dispatch needs two buffers', () => {
    // Tensor k is written by dispatch k and read by dispatch k + 1.
    const chain = Array.from({ length: 10 }, (_, k) => ({ first: k, last: k + 1, bytes: 64 }));
    const plan = checkPlan(chain);
    expect(plan.bufferBytes).toEqual([64, 64]);
  });

  it('tensors bound by the same dispatch never share; a smaller tensor goes into the smallest free buffer', () => {
    const plan = checkPlan([
      { first: 0, last: 2, bytes: 100 },
      { first: 0, last: 1, bytes: 40 },
      { first: 2, last: 3, bytes: 30 }, // buffer 1 (40 bytes) is free from dispatch 2: it fits
      { first: 3, last: 4, bytes: 90 }, // buffer 0 (100) is free from dispatch 3
    ]);
    expect(plan.bufferOf).toEqual([0, 1, 1, 0]);
    expect(plan.bufferBytes).toEqual([100, 40]);
  });

  it('every buffer has the size of a tensor it holds (tfjs pools buffers by exact size)', () => {
    const lifetimes = [
      { first: 0, last: 0, bytes: 16 },
      { first: 1, last: 1, bytes: 64 },
      { first: 2, last: 3, bytes: 48 },
    ];
    const plan = checkPlan(lifetimes);
    expect(plan.bufferBytes).toEqual([64]);
    plan.bufferBytes.forEach((bytes) => expect(lifetimes.map((t) => t.bytes)).toContain(bytes));
  });

  it('a forward/backward pattern: big activations kept for the backward pass, small gradients in between', () => {
    // Activations a0..a3 (1000 bytes) live from their forward dispatch to their backward one (7 - k); gradients
    // (10 bytes) each live for two dispatches of the backward pass. Peak: four activations and a gradient or two.
    const activations = [0, 1, 2, 3].map((k) => ({ first: k, last: 7 - k, bytes: 1000 }));
    const gradients = [4, 5, 6].map((k) => ({ first: k, last: k + 1, bytes: 10 }));
    const plan = checkPlan([...activations, ...gradients]);
    expect(plan.bufferBytes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4000 + 20);
  });

  it('random lifetimes: always a valid plan', () => {
    const rng = new Random(17);
    for (let trial = 0; trial < 50; trial++) {
      const lifetimes = Array.from({ length: 40 }, () => {
        const first = rng.int(60);
        return { first, last: first + rng.int(12), bytes: 4 * (1 + rng.int(100)) };
      });
      checkPlan(lifetimes);
    }
  });

  it('refuses a lifetime that ends before it starts', () => {
    expect(() => planBuffers([{ first: 3, last: 2, bytes: 4 }])).toThrow(/ends/);
  });
});

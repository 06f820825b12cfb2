// Where a recorded step keeps the tensors it makes and drops within the step (activations, gradients, partial
// sums): GPU buffers shared by tensors whose lives do not overlap, as a compiler's register allocator shares
// registers. Dispatches run one after another (WebGPU orders a pass's dispatches), so a buffer whose last reader
// was dispatch i may be written by dispatch i + 1.

/** A tensor's life in a recorded step: the first and last dispatch (by index) that binds it, and its size. */
export interface Lifetime {
  first: number;
  last: number;
  bytes: number;
}

export interface BufferPlan {
  /** For each lifetime (same order), the buffer that holds it. */
  bufferOf: number[];
  /** Each buffer's size in bytes: the largest tensor it holds. */
  bufferBytes: number[];
}

/**
 * Greedy by size (TensorFlow Lite's shared-object planner): the largest tensor first, each into the smallest
 * buffer already made that none of its tensors' lives overlap, else into a new buffer of its own size. Every
 * buffer is thus as big as its first (largest) tensor, an exact tensor size, which tfjs's pool keys buffers by.
 * Two tensors bound by one dispatch never share (their lives overlap at that dispatch).
 */
export function planBuffers(lifetimes: readonly Lifetime[]): BufferPlan {
  const bufferOf = new Array<number>(lifetimes.length);
  const bufferBytes: number[] = [];
  const tenants: Lifetime[][] = [];
  const order = lifetimes.map((_, i) => i).sort((a, b) => lifetimes[b].bytes - lifetimes[a].bytes || lifetimes[a].first - lifetimes[b].first);
  for (const t of order) {
    const life = lifetimes[t];
    if (life.last < life.first) throw new Error(`planBuffers: a lifetime ends (${life.last}) before it starts (${life.first})`);
    let chosen = -1;
    for (let b = 0; b < bufferBytes.length; b++) {
      if (chosen >= 0 && bufferBytes[b] >= bufferBytes[chosen]) continue;
      if (tenants[b].every((other) => other.last < life.first || life.last < other.first)) chosen = b;
    }
    if (chosen < 0) {
      chosen = bufferBytes.length;
      bufferBytes.push(life.bytes);
      tenants.push([]);
    }
    tenants[chosen].push(life);
    bufferOf[t] = chosen;
  }
  return { bufferOf, bufferBytes };
}

// Helpers for reading byte streams chunk by chunk, so callers can report progress and hash as bytes arrive.

/** The chunks of a stream, in order. Releases the reader's lock when iteration ends early. */
export async function* readChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value.length > 0) yield value;
    }
  } finally {
    // On early exit (error or break) stop the underlying read; a finished stream ignores this.
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** One new buffer holding `chunks` back to back, cut to the first `limit` bytes. */
export function concatChunks(chunks: readonly Uint8Array[], limit = Infinity): Uint8Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const result = new Uint8Array(Math.min(length, limit));
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= result.length) break;
    const part = chunk.subarray(0, result.length - offset);
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}

/**
 * Reads the first `count` bytes of a chunk sequence (fewer if it is shorter) and returns them together with
 * a sequence that yields everything, those bytes included, so the caller can sniff a format and then consume
 * the whole input.
 */
export async function peekBytes(
  chunks: AsyncIterator<Uint8Array>,
  count: number,
): Promise<{ head: Uint8Array; all: AsyncGenerator<Uint8Array, void, undefined> }> {
  const seen: Uint8Array[] = [];
  let seenLength = 0;
  while (seenLength < count) {
    const next = await chunks.next();
    if (next.done) break;
    seen.push(next.value);
    seenLength += next.value.length;
  }
  async function* all(): AsyncGenerator<Uint8Array, void, undefined> {
    yield* seen;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head: concatChunks(seen, count), all: all() };
}

// gzip decompression with the platform's DecompressionStream (browsers, Workers and Node 18+), fed from an
// async chunk sequence so the caller sees every compressed chunk as it is consumed (progress, MD5).
import { concatChunks } from './byteStream';

/** Bytes of output collected before `checkHead` runs: one tar header block. */
const HEAD_BYTES = 512;

/**
 * Decompresses `input` completely (unless `checkHead` or `onOutput` throws) and returns the output as one
 * buffer. `checkHead` sees the first 512 output
 * bytes (or all of them, if fewer) and may throw to stop early, e.g. when the content is not a tar archive.
 * Rejects with the decompressor's error (a TypeError in most engines) when the input is not valid gzip.
 * Memory: the output chunks plus, at the end and briefly, their concatenation.
 */
export async function gunzip(
  input: AsyncIterator<Uint8Array>,
  checkHead: (head: Uint8Array) => void = () => undefined,
  /** Sees every output chunk as it is produced, and may throw to stop (e.g. TarSizeGuard on a bomb). */
  onOutput: (chunk: Uint8Array) => void = () => undefined,
): Promise<Uint8Array> {
  const decompressor = new DecompressionStream('gzip');
  const writer = decompressor.writable.getWriter();
  const reader = decompressor.readable.getReader();

  const feed = async (): Promise<void> => {
    try {
      for (;;) {
        const next = await input.next();
        if (next.done) break;
        // The DOM typings want ArrayBuffer-backed views; file and fetch streams always are.
        await writer.write(next.value as Uint8Array<ArrayBuffer>);
      }
      await writer.close();
    } catch (error) {
      await writer.abort(error).catch(() => undefined);
      throw error;
    }
  };

  const collect = async (): Promise<Uint8Array[]> => {
    const chunks: Uint8Array[] = [];
    let length = 0;
    let headChecked = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        onOutput(value);
        chunks.push(value);
        length += value.length;
        if (!headChecked && length >= HEAD_BYTES) {
          headChecked = true;
          checkHead(concatChunks(chunks, HEAD_BYTES));
        }
      }
      if (!headChecked) checkHead(concatChunks(chunks));
      return chunks;
    } catch (error) {
      // Cancelling the output errors the input side too, which ends feed().
      await reader.cancel(error).catch(() => undefined);
      throw error;
    }
  };

  // Wait for both sides so nothing is left running; the output side's error is the informative one.
  const [fed, collected] = await Promise.allSettled([feed(), collect()]);
  if (collected.status === 'rejected') throw collected.reason;
  if (fed.status === 'rejected') throw fed.reason;
  return concatChunks(collected.value);
}

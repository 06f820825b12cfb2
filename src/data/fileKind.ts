// Recognises what a user gave us from its first bytes (and, for .bin batches, its name), so that a wrong file
// gets a message saying what it is and what was expected instead of a parse error deep inside.
import { DataFormatError, META_FILE } from './cifarFormat';
import { otherFormatOf } from './formatSignatures';
import { looksLikeTar } from './tarReader';

export type FileKind =
  /** gzip-compressed; must contain a tar archive (the official cifar-10-binary.tar.gz). */
  | 'gzip'
  /** an uncompressed tar archive. */
  | 'tar'
  /** a CIFAR-10 batch file (data_batch_N.bin, test_batch.bin); its content is validated by the parser. */
  | 'batch'
  /** a file that travels with the batches and is not needed (batches.meta.txt, readme.html, dot files). */
  | 'ignored';

/** Bytes needed to recognise any kind: one tar header block. */
export const SNIFF_BYTES = 512;

const EXPECTED =
  'Expected the official CIFAR-10 binary archive (cifar-10-binary.tar.gz), a .tar of it, or its .bin files ' +
  '(data_batch_1.bin ... data_batch_5.bin, test_batch.bin).';

/** The kind of `name` with first bytes `head`; throws DataFormatError for anything we cannot use. */
export function detectFileKind(name: string, head: Uint8Array): FileKind {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (looksLikeTar(head)) return 'tar';
  const lower = name.toLowerCase();
  if (lower.endsWith('.bin')) return 'batch';
  if (lower === META_FILE || lower === 'readme.html' || lower.startsWith('.')) return 'ignored';
  if (head.length === 0) throw new DataFormatError(name, 'is empty (0 bytes)', EXPECTED);
  const known = otherFormatOf(head);
  throw new DataFormatError(
    name,
    known ? `is ${known}, not CIFAR-10 data` : 'is not a gzip archive, a tar archive or a CIFAR-10 .bin file',
    EXPECTED,
  );
}

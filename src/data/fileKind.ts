// Recognises what a user gave us from its first bytes (and, for .bin batches, its name), so that a wrong file
// gets a message saying what it is and what was expected instead of a parse error deep inside.
import { DataFormatError, META_FILE } from './cifarFormat';
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

const startsWith = (head: Uint8Array, signature: readonly number[]): boolean =>
  signature.every((byte, i) => head[i] === byte);

/** Other formats people plausibly pick by mistake, by their leading bytes. */
const KNOWN_OTHER_FORMATS: readonly { signature: readonly number[]; description: string }[] = [
  { signature: [0x50, 0x4b, 0x03, 0x04], description: 'a zip archive (zip is not supported: unpack it and load the .bin files)' },
  { signature: [0x89, 0x50, 0x4e, 0x47], description: 'a PNG image' },
  { signature: [0xff, 0xd8, 0xff], description: 'a JPEG image' },
  { signature: [0x42, 0x5a, 0x68], description: 'a bzip2 file (only gzip-compressed archives are supported)' },
  { signature: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], description: 'an xz file (only gzip-compressed archives are supported)' },
  { signature: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], description: 'a 7-Zip archive' },
  { signature: [0x80], description: 'a Python pickle (the "python version" of CIFAR-10; this app needs the "binary version")' },
  { signature: [0x25, 0x50, 0x44, 0x46], description: 'a PDF document' },
  { signature: [0x3c], description: 'an HTML or XML page (perhaps an error page saved instead of the download)' },
];

/** The kind of `name` with first bytes `head`; throws DataFormatError for anything we cannot use. */
export function detectFileKind(name: string, head: Uint8Array): FileKind {
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  if (looksLikeTar(head)) return 'tar';
  const lower = name.toLowerCase();
  if (lower.endsWith('.bin')) return 'batch';
  if (lower === META_FILE || lower === 'readme.html' || lower.startsWith('.')) return 'ignored';
  if (head.length === 0) throw new DataFormatError(name, 'is empty (0 bytes)', EXPECTED);
  const known = KNOWN_OTHER_FORMATS.find((format) => startsWith(head, format.signature));
  throw new DataFormatError(
    name,
    known ? `is ${known.description}, not CIFAR-10 data` : 'is not a gzip archive, a tar archive or a CIFAR-10 .bin file',
    EXPECTED,
  );
}

// Other formats people plausibly pick (or rename to .bin) by mistake, recognised by their leading bytes ("magic
// numbers", as the formats' specifications and file(1) give them), so the message says what the file is. Every
// signature starts with a byte above 9: a CIFAR-10 batch starts with a label (0-9), so none is ever taken for
// another format.

interface Signature {
  /** Bytes from offset 0; null matches any byte (e.g. the 4 size bytes of a RIFF header). */
  bytes: readonly (number | null)[];
  description: string;
}

const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));

const SIGNATURES: readonly Signature[] = [
  { bytes: [0x89, ...ascii('PNG')], description: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], description: 'a JPEG image' },
  { bytes: ascii('GIF8'), description: 'a GIF image' },
  { bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')], description: 'a WebP image' },
  { bytes: [...ascii('PK'), 0x03, 0x04], description: 'a zip archive (zip is not supported: unpack it and load the .bin files)' },
  { bytes: [0x1f, 0x8b], description: 'a gzip file' },
  { bytes: ascii('BZh'), description: 'a bzip2 file (only gzip-compressed archives are supported)' },
  { bytes: [0xfd, ...ascii('7zXZ'), 0x00], description: 'an xz file (only gzip-compressed archives are supported)' },
  { bytes: [...ascii('7z'), 0xbc, 0xaf, 0x27, 0x1c], description: 'a 7-Zip archive' },
  { bytes: ascii('%PDF'), description: 'a PDF document' },
  { bytes: [0x80], description: 'a Python pickle (the "python version" of CIFAR-10; this app needs the "binary version")' },
  { bytes: ascii('<'), description: 'an HTML or XML page (perhaps an error page saved instead of the download)' },
];

/** What `head` (a file's first bytes) is, e.g. "a PNG image", or null when it is none of the formats above. */
export function otherFormatOf(head: Uint8Array): string | null {
  const matches = (signature: Signature) => head.length >= signature.bytes.length && signature.bytes.every((byte, i) => byte === null || head[i] === byte);
  return SIGNATURES.find(matches)?.description ?? null;
}

// Bad .bin files, alone or several together, under CIFAR-10's names or their own: another format renamed .bin,
// a label that no CIFAR-10 record has. The message must name each file with its own defect (issue 19), not
// call a PNG "truncated" nor say only that CIFAR-10 is incomplete.
import type { UserFile } from '../data/archive';
import { RECORD_BYTES } from '../data/cifarFormat';
import { concat, makeBatchBytes } from '../data/testing/fixtures';
import type { Fuzz } from './fuzzInputs';

/** A bad file and what the message must say about it. */
export interface BadBin {
  name: string;
  bytes: Uint8Array;
  /** Text the message must hold, with the file's name: "data_batch_1.bin is a PNG image". */
  mustSay: string;
}

const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));

/** Leading bytes of formats people rename or mistake, and how the message names them (gzip and tar are read as
 *  archives, so they are not among them). */
const RENAMED: readonly [readonly number[], string][] = [
  [[0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG image'],
  [[0xff, 0xd8, 0xff, 0xe0], 'a JPEG image'],
  [ascii('GIF89a'), 'a GIF image'],
  [[...ascii('PK'), 0x03, 0x04], 'a zip archive'],
  [ascii('%PDF-1.4'), 'a PDF document'],
  [ascii('<!DOCTYPE html>'), 'an HTML or XML page'],
];

/** One bad .bin file named `name`. */
export function badBin(fuzz: Fuzz, name: string): BadBin {
  if (fuzz.chance(0.5)) {
    const [head, what] = fuzz.pick(RENAMED);
    // Any length: shorter than a record, a whole number of records, or in between.
    return { name, bytes: concat([new Uint8Array(head), fuzz.bytes(fuzz.pick([0, 7, RECORD_BYTES, 2 * RECORD_BYTES + 16]))]), mustSay: `${name} is ${what}` };
  }
  // Whole records, maybe a cut one after them; the bad label is in a whole record after the first (a first byte
  // of 0x80 or '<' would be a pickle's or a page's signature, and named so).
  const records = fuzz.between(2, 9);
  const record = fuzz.between(1, records - 1);
  const label = fuzz.between(10, 255);
  const bytes = concat([makeBatchBytes(records, fuzz.int(10)), new Uint8Array(fuzz.chance(0.5) ? fuzz.between(1, RECORD_BYTES - 1) : 0)]);
  bytes[record * RECORD_BYTES] = label;
  return { name, bytes, mustSay: `${name} has label ${label} in record ${record}` };
}

/** Names a bad file may carry: CIFAR-10's own, and its own (what a user might call a broken copy). */
export function badBinName(fuzz: Fuzz): string {
  return fuzz.pick(['data_batch_1.bin', 'data_batch_4.bin', 'test_batch.bin', 'label_10_in_record_7.bin', 'broken.bin', 'DATA_BATCH_2.BIN']);
}

/** One to four bad .bin files with different names, as picked or dropped together. */
export function badBins(fuzz: Fuzz, toFile: (name: string, bytes: Uint8Array) => UserFile): { files: UserFile[]; mustSay: string[] } {
  const names = [...new Set(fuzz.many(fuzz.between(1, 4), () => badBinName(fuzz)))];
  const bad = names.map((name) => badBin(fuzz, name));
  return { files: bad.map((file) => toFile(file.name, file.bytes)), mustSay: bad.map((file) => file.mustSay) };
}

// Fuzz: hostile dataset files. Reading them (readUserFiles, then assembleDataset as the page does) must end
// in a DataFormatError whose message is clear (these files are far too small to be CIFAR-10), never another
// error or an unhandled rejection; progress stays a finite fraction; readTar and TarSizeGuard on the tar
// inside either give its files or refuse it with a DataFormatError, and refuse a size field that is not octal.
import { describe, expect, it } from 'vitest';
import { readUserFiles } from '../data/archive';
import { BATCH_FILE_BYTES, DataFormatError } from '../data/cifarFormat';
import { assembleDataset } from '../data/cifarParser';
import { readTar, TarSizeGuard } from '../data/tarReader';
import { messageFault } from './clearMessage';
import { hostileDataFiles, type DataFileCase } from './dataFileCases';
import { Fuzz } from './fuzzInputs';
import { caseSeed, fuzzSeed } from './fuzzSeed';
import { prototypeChanges, prototypeSnapshot } from './prototypeGuard';

const CASES = 200;

/** What a user could have written into the case: file names and member names may be echoed in a message. */
function written(testCase: DataFileCase): string {
  const tarText = testCase.tar ? new TextDecoder().decode(testCase.tar) : '';
  return `${testCase.files.map((file) => file.name).join(' ')} ${tarText}`;
}

function errorFault(error: unknown, testCase: DataFileCase, step: string): string | null {
  if (!(error instanceof DataFormatError)) return `${step} threw ${String(error)} instead of a DataFormatError`;
  const fault = messageFault(error.message, written(testCase));
  return fault ? `${step}: ${fault}` : null;
}

async function readingFaults(testCase: DataFileCase): Promise<string[]> {
  const faults: string[] = [];
  const onProgress = (fraction: number, message: string) => {
    if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) faults.push(`progress fraction ${fraction}`);
    if (/NaN|undefined|Infinity/.test(message) && !/NaN|undefined|Infinity/.test(written(testCase))) faults.push(`progress message “${message}”`);
  };
  try {
    const files = await readUserFiles(testCase.files, onProgress);
    assembleDataset(files);
    faults.push('a few KB of files were accepted as CIFAR-10');
  } catch (error) {
    const fault = errorFault(error, testCase, 'reading');
    if (fault) faults.push(fault);
    const message = error instanceof Error ? error.message : '';
    for (const text of testCase.mustSay ?? []) if (!message.includes(text)) faults.push(`the message does not say “${text}”: ${message.slice(0, 300)}`);
  }
  return faults;
}

/** readTar and the streaming size guard on the uncompressed tar, on their own. */
function tarFaults(testCase: DataFileCase, fuzz: Fuzz): string[] {
  const tar = testCase.tar;
  if (!tar) return [];
  const faults: string[] = [];
  try {
    const entries = readTar(tar, 'fuzzed.tar');
    if (testCase.mustRefuse) faults.push(`readTar accepted the archive, but ${testCase.mustRefuse}`);
    for (const entry of entries) {
      if (entry.bytes.buffer !== tar.buffer || entry.bytes.byteOffset + entry.bytes.length > tar.byteOffset + tar.length) faults.push(`member “${entry.path}” is not inside the archive`);
    }
  } catch (error) {
    const fault = errorFault(error, testCase, 'readTar');
    if (fault) faults.push(fault);
  }
  try {
    const guard = new TarSizeGuard('fuzzed.tar', BATCH_FILE_BYTES, 7 * BATCH_FILE_BYTES, 'Expected CIFAR-10.');
    const chunk = fuzz.pick([1, 100, 512, 1_000, 65_536]);
    for (let offset = 0; offset < tar.length; offset += chunk) guard.push(tar.subarray(offset, offset + chunk));
  } catch (error) {
    const fault = errorFault(error, testCase, 'TarSizeGuard');
    if (fault) faults.push(fault);
  }
  return faults;
}

describe(`fuzz: ${CASES} hostile dataset files`, () => {
  it('each is refused with a clear message, and nothing else breaks', async () => {
    const seed = await fuzzSeed();
    const before = prototypeSnapshot();
    const failures: string[] = [];
    for (let index = 0; index < CASES; index++) {
      const fuzz = new Fuzz(caseSeed(seed, index));
      const testCase = await hostileDataFiles(fuzz);
      const faults = [...(await readingFaults(testCase)), ...tarFaults(testCase, fuzz)];
      if (faults.length > 0) failures.push(`seed ${seed} case ${index}: ${testCase.what}\n  ${faults.join('\n  ')}`);
    }
    expect(failures.slice(0, 20).join('\n'), `${failures.length} of ${CASES} cases failed`).toBe('');
    expect(prototypeChanges(before)).toEqual([]);
  });
});

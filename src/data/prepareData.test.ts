// Runs scripts/prepare-data.ts as a user would (npx tsx), on temporary folders (CIFAR10_OUT, CIFAR10_CACHE),
// never touching public/ or .cache/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_BYTES, REQUIRED_FILES } from './cifarFormat';
import { parseBatchFile } from './cifarParser';
import { computeMeanImage } from './meanImage';
import { decodeMeanImage } from './meanImageFile';
import { makeBatchBytes, sameElements } from './testing/fixtures';
import { type NodeFs, nodeChildProcess, nodeFs, nodeOs, nodeProcess, type SpawnResult } from './testing/nodeApis';

const ROOT = decodeURIComponent(new URL('../..', import.meta.url).pathname);
/** A loopback port nothing listens on, so a download attempt fails fast with "connection refused". (Not a port
 *  on fetch's blocked list such as 9, which fails differently.) */
const UNREACHABLE_URL = 'http://127.0.0.1:65535/cifar-10-binary.tar.gz';

let fs: NodeFs;
let temp: string;
let runScript: (env: Record<string, string>) => SpawnResult;

beforeAll(async () => {
  fs = await nodeFs();
  const [{ spawnSync }, { tmpdir }, process] = await Promise.all([nodeChildProcess(), nodeOs(), nodeProcess()]);
  temp = fs.mkdtempSync(`${tmpdir()}/prepare-data-test-`);
  runScript = (env) =>
    spawnSync('npx', ['tsx', 'scripts/prepare-data.ts'], {
      cwd: ROOT,
      // Empty values count as unset in the script: the caller's own CIFAR10_* settings must not leak in.
      env: { ...process.env, CIFAR10_DIR: '', CIFAR10_URL: '', CIFAR10_OUT: `${temp}/out`, CIFAR10_CACHE: `${temp}/cache`, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
});

afterAll(() => {
  if (temp) fs.rmSync(temp, { recursive: true, force: true });
});

/**
 * A CIFAR10_DIR holding the six files with content `fill`; `override` replaces some (null: leave the file out).
 * Failing cases use a tiny fill: the script stops at the first bad file, and writing 184 MB costs seconds.
 */
function sourceDir(name: string, fill: Uint8Array, override: Record<string, Uint8Array | null> = {}): string {
  const dir = `${temp}/${name}`;
  fs.mkdirSync(dir, { recursive: true });
  for (const file of REQUIRED_FILES) {
    const bytes = file in override ? override[file] : fill;
    if (bytes) fs.writeFileSync(`${dir}/${file}`, bytes);
  }
  return dir;
}

/** Exit 1 with one readable paragraph and no stack trace. */
function expectCleanFailure(result: SpawnResult, message: string | RegExp): void {
  expect(result.status, result.stderr).toBe(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('scripts/prepare-data.ts', () => {
  it('rejects a truncated file in CIFAR10_DIR, naming it, with exit code 1', () => {
    const truncated = makeBatchBytes(3).subarray(0, 2 * RECORD_BYTES + 100);
    const dir = sourceDir('truncated', truncated);
    expectCleanFailure(runScript({ CIFAR10_DIR: dir, CIFAR10_OUT: `${temp}/truncated-out` }), `${dir}/data_batch_1.bin is truncated: last record has 100 of 3073 bytes`);
    expect(fs.existsSync(`${temp}/truncated-out/data_batch_1.bin`)).toBe(false);
  });

  it('rejects a CIFAR10_DIR that does not exist or lacks files', () => {
    expectCleanFailure(runScript({ CIFAR10_DIR: `${temp}/nowhere` }), /CIFAR10_DIR is ".*nowhere", which is not a directory/);
    const dir = sourceDir('incomplete', makeBatchBytes(1), { 'test_batch.bin': null });
    expectCleanFailure(runScript({ CIFAR10_DIR: dir }), 'lacks test_batch.bin');
  });

  it('copies a valid folder, then finds it unchanged and adopts it without downloading', () => {
    const dir = sourceDir('valid', makeBatchBytes(10_000, 1));
    const out = `${temp}/valid-out`;
    const first = runScript({ CIFAR10_DIR: dir, CIFAR10_OUT: out });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain('Copied 6 and kept 0 unchanged');
    expect(first.stderr).toMatch(/CIFAR-10 ready in .*valid-out/);
    expect(fs.readdirSync(out).sort()).toEqual(['.prepared.json', 'batches.meta.txt', 'mean_image.f32', ...REQUIRED_FILES].sort());
    expect(fs.statSync(`${out}/data_batch_5.bin`).size).toBe(30_730_000);
    // The training images' mean, as the app computes it from the five files (every one holds the same images here).
    const mean = decodeMeanImage(new Uint8Array(fs.readFileSync(`${out}/mean_image.f32`)));
    expect(sameElements(mean ?? undefined, computeMeanImage(parseBatchFile('data_batch_1.bin', makeBatchBytes(10_000, 1))))).toBe(true);

    const second = runScript({ CIFAR10_DIR: dir, CIFAR10_OUT: out });
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).toContain('Copied 0 and kept 6 unchanged');

    // Without CIFAR10_DIR the marker says the data is ready: no download is attempted.
    const ready = runScript({ CIFAR10_OUT: out, CIFAR10_URL: UNREACHABLE_URL });
    expect(ready.status, ready.stderr).toBe(0);
    expect(ready.stderr).not.toContain('Downloading');
  });

  it('reports a network error cleanly', () => {
    const result = runScript({ CIFAR10_URL: UNREACHABLE_URL, CIFAR10_OUT: `${temp}/net-out` });
    expectCleanFailure(result, /Could not download CIFAR-10 from http:\/\/127\.0\.0\.1:65535\/.*network error: connect ECONNREFUSED/);
    expect(result.stderr).toContain('CIFAR10_DIR=');
  });

  it('rejects a download that is not the official archive (checksum mismatch) and deletes it', () => {
    const result = runScript({ CIFAR10_URL: 'data:application/gzip;base64,H4sIAAAAAAAAA8tIzcnJBwCGphA2BQAAAA==', CIFAR10_OUT: `${temp}/md5-out` });
    expectCleanFailure(result, /Checksum mismatch: the downloaded cifar-10-binary\.tar\.gz has 25 bytes instead of 170,052,171/);
    expect(fs.existsSync(`${temp}/cache/cifar-10-binary.tar.gz`)).toBe(false);
  });
});

// Runs torch_reference.py with Debian's Python, which has python3-torch (the pyenv python3 on PATH does not).
// TORCH_PYTHON names another interpreter with PyTorch (e.g. a venv on macOS).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReferenceInput, StepResults } from './referenceData';

export const SYSTEM_PYTHON = process.env.TORCH_PYTHON || '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./torch_reference.py', import.meta.url));
const INSTALL_HINT =
  "apt-get install python3-torch (Debian's PyTorch for /usr/bin/python3), or set TORCH_PYTHON to a Python that has torch";

let probed: { version: string } | { error: Error } | null = null;

/** Throws (so the calling test FAILS, never skips) when the reference cannot run, saying how to fix it.
 *  Returns torch's version. Probes once per test file. */
export function requireTorch(): string {
  probed ??= probeTorch();
  if ('error' in probed) throw probed.error;
  return probed.version;
}

function probeTorch(): { version: string } | { error: Error } {
  const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    const reason = probe.error ? probe.error.message : probe.stderr.trim().split('\n').pop();
    return { error: new Error(`The PyTorch reference tests need torch for ${SYSTEM_PYTHON} (${reason}): ${INSTALL_HINT}`) };
  }
  return { version: probe.stdout.trim() };
}

export interface TorchRun {
  results: StepResults & { torchVersion: string };
  /** Where the exchanged JSON was written; removed by cleanup() (keep it to debug a failure). */
  directory: string;
  cleanup(): void;
}

/** Writes the tfjs case to a temp dir, runs the PyTorch script on it and reads its results. */
export function runTorchReference(input: ReferenceInput, label: string): TorchRun {
  const directory = mkdtempSync(join(tmpdir(), `resnet-reference-${label}-`));
  const inPath = join(directory, 'in.json');
  const outPath = join(directory, 'out.json');
  writeFileSync(inPath, JSON.stringify(input));
  const run = spawnSync(SYSTEM_PYTHON, [SCRIPT, inPath, outPath], { encoding: 'utf8', timeout: 240_000 });
  if (run.status === 3) throw new Error(`${run.stderr.trim()} — ${INSTALL_HINT}`);
  if (run.error || run.status !== 0) {
    throw new Error(`torch_reference.py failed (${run.error?.message ?? `exit ${run.status}`}), files in ${directory}:\n${run.stderr}`);
  }
  return {
    results: JSON.parse(readFileSync(outPath, 'utf8')),
    directory,
    cleanup: () => rmSync(directory, { recursive: true, force: true }),
  };
}

// Fuzz: hostile JSON imports. Each file must be refused with a clear message, or give runs that are exactly
// what the run history keeps across a reload (isStoredRun, which checks the diagnostics too), with finite
// numbers, fresh ids (so an import can never overwrite a stored run) and no key of the file's own making; what
// imports must export and import again.
import { describe, expect, it } from 'vitest';
import { isValidConfig } from '../configValidation';
import { parseRunsJson, runsToJson } from '../export/runsJson';
import type { Run } from '../state/appState';
import { isStoredRun, toStoredRun } from '../state/runHistory';
import { messageFault } from './clearMessage';
import { Fuzz, preview } from './fuzzInputs';
import { caseSeed, fuzzSeed } from './fuzzSeed';
import { hostileExportText } from './importCases';
import { prototypeChanges, prototypeSnapshot } from './prototypeGuard';

const CASES = 400;
const FILE_NAME = 'fuzzed-runs.json';
const KEPT_STATES = ['finished', 'stopped', 'failed'];
const VIEW = { unit: 'iteration', referenceId: '', smoothing: 0, logScale: false, paperTable6: true } as const;

/** Where in `value` a number is not finite, or a key is one no run has ("__proto__" from the file). */
function valueFaults(value: unknown, path: string): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} is ${value}`];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(['__proto__', 'constructor', 'prototype'].includes(key) ? [`${path} has a “${key}” key`] : []),
    ...valueFaults(child, `${path}.${key}`),
  ]);
}

function runFaults(run: Run, index: number, fileIds: Set<string>): string[] {
  const faults = valueFaults(run, `run ${index + 1}`);
  if (!isStoredRun(toStoredRun(run, 0))) faults.push(`run ${index + 1} was imported but would be dropped at the next reload (isStoredRun)`);
  if (!isValidConfig(run.config)) faults.push(`run ${index + 1} has settings the form refuses`);
  if (!KEPT_STATES.includes(run.state)) faults.push(`run ${index + 1} is ${run.state}: an import must never train`);
  if (!/^run-/.test(run.id) || fileIds.has(run.id)) faults.push(`run ${index + 1} kept the id ${run.id} (it could overwrite a stored run)`);
  if (run.importedFrom !== FILE_NAME) faults.push(`run ${index + 1} does not say it came from ${FILE_NAME}`);
  const predictions = run.diagnostics?.predictions;
  if (predictions && ![predictions.labels, predictions.top3Classes, predictions.top3Percent].every((list) => list instanceof Uint8Array)) {
    faults.push(`run ${index + 1} has predictions that are not byte arrays (the views index them as such)`);
  }
  return faults;
}

/** The ids the file gives its runs: none of them may be used. */
function idsIn(text: string): Set<string> {
  return new Set([...text.matchAll(/"id"\s*:\s*"([^"]*)"/g)].map((match) => match[1]));
}

function caseFaults(text: string): string[] {
  let result: ReturnType<typeof parseRunsJson>;
  try {
    result = parseRunsJson(text, FILE_NAME);
  } catch (error) {
    // A whole file is refused by an Error whose message is for the user; a TypeError or RangeError is a bug.
    if (!(error instanceof Error) || error.constructor !== Error) return [`threw ${String(error)}`];
    const fault = messageFault(error.message, text + FILE_NAME);
    return fault ? [`refused the file with an unclear message: ${fault}`] : [];
  }
  const { runs, problems } = result;
  const faults = problems.flatMap((problem) => messageFault(problem, text + FILE_NAME) ?? []);
  // The page shows "Nothing imported: <problems>"; with no problems that sentence says nothing.
  if (runs.length === 0 && problems.length === 0) faults.push('nothing was imported and no message says why');
  const fileIds = idsIn(text);
  runs.forEach((run, index) => faults.push(...runFaults(run, index, fileIds)));
  if (new Set(runs.map((run) => run.id)).size !== runs.length) faults.push('two imported runs share an id');
  if (runs.length > 0) {
    // What imported is a run like any other: exported again, it imports again, unchanged and without complaint.
    const again = parseRunsJson(runsToJson(runs, VIEW), FILE_NAME);
    if (again.problems.length > 0 || again.runs.length !== runs.length) faults.push(`exported again, it reads differently: ${again.problems.join(' ')}`);
  }
  return faults;
}

describe(`fuzz: ${CASES} hostile JSON imports`, () => {
  it('each is refused with a clear message, or gives runs that survive a reload', async () => {
    const seed = await fuzzSeed();
    const before = prototypeSnapshot();
    const failures: string[] = [];
    let accepted = 0;
    for (let index = 0; index < CASES; index++) {
      const text = hostileExportText(new Fuzz(caseSeed(seed, index)));
      let faults: string[];
      try {
        faults = caseFaults(text);
      } catch (error) {
        faults = [`the check itself threw ${String(error)}`];
      }
      if (faults.length > 0) failures.push(`seed ${seed} case ${index}: ${preview(text, 240)}\n  ${faults.join('\n  ')}`);
      else if (tryParse(text)) accepted++;
    }
    expect(failures.slice(0, 15).join('\n'), `${failures.length} of ${CASES} cases failed`).toBe('');
    expect(prototypeChanges(before)).toEqual([]);
    // Both outcomes are exercised: a fuzz that only produced refusals would test half the contract.
    expect(accepted).toBeGreaterThan(CASES / 10);
    expect(accepted).toBeLessThan(CASES - CASES / 10);
  });
});

function tryParse(text: string): boolean {
  try {
    return parseRunsJson(text, FILE_NAME).runs.length > 0;
  } catch {
    return false;
  }
}

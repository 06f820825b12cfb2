// What a run must be to enter the app's state, wherever it comes from: a record IndexedDB gives back, or a
// run built from a JSON import. One check, so what an import accepts is exactly what survives a reload, and
// nothing stored can stop the page from loading. It uses the other rules of the schema: the curves' bounds
// (runCurves.ts) and the text fields' (runFieldBounds.ts). A config's own rules (configValidation.ts) are
// checked where a config is made (URL, form, import); here only what the list and the chart need to show the
// run, so a run trained under older limits stays readable. A run's diagnostics (runDiagnosticsSchema.ts) and
// its record of where it trained outside this browser (runElsewhereSchema.ts) are part of the check, but
// damaged ones cost only themselves: withoutDamagedParts() gives the run without them, which is what the run
// history restores and an import brings in (each says so to the user).
import type { TrainConfig } from '../config';
import type { TestPoint, TrainPoint } from './appState';
import { curvesProblem, maxIterations } from './runCurves';
import { runDiagnosticsProblem } from './runDiagnosticsSchema';
import { runElsewhereProblem } from './runElsewhereSchema';
import { MAX_LR_DROPS, MAX_NAME, TEXT_FIELD_BOUNDS } from './runFieldBounds';

type Shape = Record<string, unknown>;

const isObject = (value: unknown): value is Shape => typeof value === 'object' && value !== null && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const RUN_STATES: readonly unknown[] = ['queued', 'starting', 'running', 'paused', 'stopped', 'finished', 'failed'];
const BACKENDS: readonly unknown[] = ['webgpu', 'webgl', 'cpu'];
const COUNT_FIELDS = ['trainableParameters', 'iterationsPerEpoch', 'totalIterations'] as const;

/** The parts of a config the run list needs (its name comes from the model), and no NaN or Infinity in it. */
function configProblem(value: unknown): string | null {
  if (!isObject(value) || !isObject(value.model)) return 'it has no settings with a network';
  const { model } = value;
  if (!Object.values(value).every((field) => typeof field !== 'number' || Number.isFinite(field))) return 'a setting is not a finite number';
  if (!isFiniteNumber(model.depth) || !isFiniteNumber(model.width)) return "its network's depth or width is not a number";
  if (!isString(model.blockType) || !isString(model.shortcut) || !isString(model.block)) return 'its network is not described';
  return null;
}

/** Why `value` cannot be a run of this app, or null when it can. */
export function runProblem(value: unknown): string | null {
  if (!isObject(value)) return 'it is not a run';
  if (!isString(value.id) || value.id === '') return 'it has no id';
  if (!isFiniteNumber(value.createdAt)) return 'it has no creation time';
  if (!RUN_STATES.includes(value.state)) return `its state is not one of ${RUN_STATES.join(', ')}`;
  const config = configProblem(value.config);
  if (config) return config;
  if (!Array.isArray(value.train) || !Array.isArray(value.test)) return 'its curves are not lists';
  for (const [field, most] of Object.entries(TEXT_FIELD_BOUNDS)) {
    const text = value[field];
    if (text !== undefined && (!isString(text) || text.length > most)) return `its ${field} is not a text of at most ${most} characters`;
  }
  if (value.hidden !== undefined && typeof value.hidden !== 'boolean') return 'its visibility is not true or false';
  for (const field of COUNT_FIELDS) if (value[field] !== undefined && !isFiniteNumber(value[field])) return `its ${field} is not a number`;
  const drops = value.lrDropIterations;
  const last = maxIterations(value.config as unknown as TrainConfig) ?? 0;
  if (drops !== undefined && !(Array.isArray(drops) && drops.length <= MAX_LR_DROPS && drops.every((d) => isFiniteNumber(d) && d <= last))) {
    return 'its learning-rate drops are not within its run';
  }
  const backend = value.backend;
  if (backend !== undefined && !(isObject(backend) && BACKENDS.includes(backend.name) && isString(backend.detail) && backend.detail.length <= MAX_NAME)) {
    return 'its backend is not described';
  }
  const elsewhere = partProblem('elsewhere', value);
  if (elsewhere) return elsewhere;
  // Last, the most work: every point's values, within bounds that keep the page responsive; then every
  // diagnostics value, within bounds of their own.
  const curves = curvesProblem(value.config as unknown as TrainConfig, value.train as TrainPoint[], value.test as TestPoint[]);
  if (curves) return curves;
  return partProblem('diagnostics', value);
}

/** The parts of a run whose damage costs only themselves: without them it is still a run worth keeping. */
export const DROPPABLE_PARTS = ['diagnostics', 'elsewhere'] as const;
export type DroppablePart = (typeof DROPPABLE_PARTS)[number];

/** Why `run`'s part is damaged, in runProblem's words, or null when it is sound or absent. The diagnostics are
 *  checked against the run's config, so `run` must have passed runProblem's checks of it first. */
function partProblem(part: DroppablePart, run: Shape): string | null {
  if (part === 'elsewhere') {
    const problem = runElsewhereProblem(run.elsewhere);
    return problem ? `its record of where it trained was damaged: ${problem}` : null;
  }
  const problem = runDiagnosticsProblem(run.diagnostics, run.config as unknown as TrainConfig);
  return problem ? `its diagnostics were damaged: ${problem}` : null;
}

function without(value: Shape, parts: readonly DroppablePart[]): Shape {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !(parts as readonly string[]).includes(key)));
}

/**
 * `value` without its damaged parts (diagnostics, where it trained), when they are all that keeps it out of the
 * app: its curves (hours of training) are worth keeping without them; a sound part stays. `dropped` names what
 * went. Null when no part is damaged, or the run has other damage too.
 */
export function withoutDamagedParts(value: unknown): { run: Shape; dropped: DroppablePart[] } | null {
  if (!isObject(value)) return null;
  const present = DROPPABLE_PARTS.filter((part) => value[part] !== undefined);
  if (present.length === 0 || runProblem(without(value, present)) !== null) return null;
  const dropped = present.filter((part) => partProblem(part, value) !== null);
  return dropped.length === 0 ? null : { run: without(value, dropped), dropped };
}

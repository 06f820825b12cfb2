// The settings of an imported run. Exports made before a setting existed lack it: the missing setting takes
// DEFAULT_CONFIG's value (what the app does for a setting nobody chose). Everything is then checked by the
// same validateConfig the settings form and the worker use, so an import can never start what the form refuses.
import { DEFAULT_CONFIG, type TrainConfig } from '../config';
import { describeConfigErrors, validateConfig } from '../configValidation';
import { field, isRecord, jsonKind, type JsonRecord } from './jsonValues';

/** A value may replace the default when it is the same kind of JSON value. null is let through (nullable
 *  settings such as the subsets; validateConfig refuses it where it is wrong) except for on/off switches,
 *  which validateConfig does not check. */
function acceptable(value: unknown, fallback: unknown): boolean {
  const kind = jsonKind(value);
  const fallbackKind = jsonKind(fallback);
  if (kind === 'other' || kind === 'absent') return false;
  if (kind === fallbackKind || fallbackKind === 'null') return true;
  return kind === 'null' && fallbackKind !== 'boolean';
}

/** "an array", "a number": the import fuzz test found "is a array" and "is a object" in messages. */
function withArticle(kind: string): string {
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

/** Copies the fields the defaults have (unknown fields in the file are dropped), filling the missing ones and
 *  naming them in `defaulted` (as `where` + key). */
function fill(raw: JsonRecord, defaults: object, where: string): { value: JsonRecord; problems: string[]; defaulted: string[] } {
  const value: JsonRecord = {};
  const problems: string[] = [];
  const defaulted: string[] = [];
  for (const [key, fallback] of Object.entries(defaults)) {
    const given = field(raw, key);
    if (given === undefined) {
      value[key] = fallback;
      defaulted.push(`${where}${key} = ${JSON.stringify(fallback)}`);
    }
    else if (acceptable(given, fallback)) value[key] = given;
    else problems.push(`${where}${key} is ${jsonKind(given) === 'null' ? 'empty' : withArticle(jsonKind(given))}, not ${withArticle(jsonKind(fallback))}`);
  }
  return { value, problems, defaulted };
}

/** What a run's curves are OF: without these the run would be drawn as the default network (ResNet-20) while
 *  carrying another network's curves. No export of this app ever lacked them. */
const IDENTITY_FIELDS = ['depth', 'blockType'] as const;

/** `defaulted`: the settings the file did not give, with the default each took (`config.warmup = false`). */
export type ConfigResult = { config: TrainConfig; defaulted: string[] } | { error: string };

export function importConfig(raw: unknown): ConfigResult {
  if (!isRecord(raw)) return { error: 'it has no settings (config)' };
  const model = field(raw, 'model');
  if (!isRecord(model)) return { error: 'its settings have no network (config.model)' };
  const unnamed = IDENTITY_FIELDS.filter((key) => field(model, key) === undefined);
  if (unnamed.length > 0) return { error: `its settings do not say which network it is (no config.model.${unnamed.join(' or ')})` };
  // Only `model` is filled field by field: other nested settings (e.g. a schedule) are taken whole, because
  // filling an object of one kind with the default's fields of another kind would make up a setting.
  const top = fill(raw, DEFAULT_CONFIG, 'config.');
  const inner = fill(model, DEFAULT_CONFIG.model, 'config.model.');
  const problems = [...top.problems, ...inner.problems];
  if (problems.length > 0) return { error: `its settings are malformed: ${problems.join('; ')}` };
  const config = { ...top.value, model: inner.value } as unknown as TrainConfig;
  try {
    const errors = validateConfig(config);
    if (Object.keys(errors).length > 0) return { error: `its settings are invalid: ${describeConfigErrors(errors)}` };
  } catch {
    // A malformed nested setting can trip the checks themselves; that is still just an invalid run.
    return { error: 'its settings could not be checked' };
  }
  return { config, defaulted: [...top.defaulted, ...inner.defaulted] };
}

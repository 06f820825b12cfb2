// Small readers for values from JSON.parse of a file we did not write: nothing is trusted, and only own
// fields are read (a missing field must not fall through to Object.prototype).

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function field(record: JsonRecord, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** JSON's kinds of value; 'absent' for a missing field. */
export type JsonKind = 'absent' | 'null' | 'array' | 'object' | 'number' | 'string' | 'boolean' | 'other';

export function jsonKind(value: unknown): JsonKind {
  if (value === undefined) return 'absent';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'object' || type === 'number' || type === 'string' || type === 'boolean' ? type : 'other';
}

/** A string field, shortened to `max` characters (names and messages are shown in the page). */
export function optionalText(value: unknown, max: number): string | undefined {
  return typeof value === 'string' ? value.slice(0, max) : undefined;
}

export function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

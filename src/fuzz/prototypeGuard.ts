// Prototype pollution shows up as a new or changed property on a built-in prototype: a "__proto__" key in
// a link or a file that a reader assigned instead of storing. The fuzz tests compare a snapshot before and after.

const GUARDED: readonly [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['String.prototype', String.prototype],
  ['Function.prototype', Function.prototype],
];

export type PrototypeSnapshot = Map<string, unknown>;

export function prototypeSnapshot(): PrototypeSnapshot {
  const snapshot: PrototypeSnapshot = new Map();
  for (const [name, prototype] of GUARDED) {
    for (const key of Reflect.ownKeys(prototype)) snapshot.set(`${name}.${String(key)}`, Object.getOwnPropertyDescriptor(prototype, key)?.value);
    snapshot.set(`${name} [[Prototype]]`, Object.getPrototypeOf(prototype));
  }
  return snapshot;
}

/** The properties added, removed or replaced since `before`. */
export function prototypeChanges(before: PrototypeSnapshot): string[] {
  const after = prototypeSnapshot();
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => before.get(key) !== after.get(key) || before.has(key) !== after.has(key));
}

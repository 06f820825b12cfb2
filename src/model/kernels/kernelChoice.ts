// Which implementation of each kernel class runs, shape by shape: the one the URL forces (`?kernel=`), else the one
// this GPU timed fastest for the shape (autotune.ts; kept per adapter in the browser), else the class's first
// candidate that handles the shape (candidates.ts lists them).
import type { Implementation } from './implementation';

export type KernelClass = 'convForward' | 'convInputGradient' | 'convFilterGradient' | 'batchNormForward' | 'batchNormBackward';

export const KERNEL_CLASSES: readonly KernelClass[] = ['convForward', 'convInputGradient', 'convFilterGradient', 'batchNormForward', 'batchNormBackward'];

/** A request for an implementation, as autotune.ts collects them while a step runs. */
export interface KernelUse {
  kernelClass: KernelClass;
  shapeKey: string;
  shape: unknown;
}

/** `${kernelClass}|${shapeKey}` -> implementation name. */
const chosen = new Map<string, string>();
/** Forced names per class, and names forced for every class that has an implementation by that name. */
let forced = new Map<KernelClass, string>();
let forcedEverywhere: string[] = [];
let listener: ((use: KernelUse) => void) | null = null;

export const choiceKey = (kernelClass: KernelClass, shapeKey: string) => `${kernelClass}|${shapeKey}`;

/**
 * `?kernel=` as the URL gives it: 'workgroup-tile' (every class that has an implementation of that name) or
 * 'convForward:workgroup-tile,batchNormForward:split' (per class); null or '' forces nothing. Returns what it could
 * not read (for the page to say), and applies the rest.
 */
export function forceImplementations(spec: string | null): string[] {
  const problems: string[] = [];
  const next = new Map<KernelClass, string>();
  const everywhere: string[] = [];
  for (const part of (spec ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [a, b, extra] = part.split(':');
    const name = b ?? a;
    if (extra !== undefined || !/^[a-z0-9-]{1,40}$/.test(name)) problems.push(`“${part}” is not an implementation name`);
    else if (b === undefined) everywhere.push(name);
    else if (!KERNEL_CLASSES.includes(a as KernelClass)) problems.push(`“${a}” is not a kernel class`);
    else next.set(a as KernelClass, name);
  }
  forced = next;
  forcedEverywhere = everywhere;
  return problems;
}

/** Sets the choices autotune.ts made (or the browser kept) for this adapter, replacing earlier ones. */
export function setChosenImplementations(choices: Readonly<Record<string, string>>): void {
  chosen.clear();
  for (const [key, name] of Object.entries(choices)) chosen.set(key, name);
}

export function chosenImplementations(): Record<string, string> {
  return Object.fromEntries(chosen);
}

/** Tells `next` of every later request (null: nobody). */
export function listenToKernelUses(next: ((use: KernelUse) => void) | null): void {
  listener = next;
}

/** The implementation to run for this shape, or null when no candidate handles it (tfjs's own kernel runs). */
export function implementationFor<S, T>(
  kernelClass: KernelClass,
  shapeKey: string,
  shape: S,
  candidates: readonly Implementation<S, T>[],
): Implementation<S, T> | null {
  listener?.({ kernelClass, shapeKey, shape });
  const byName = (name: string | undefined) => (name ? candidates.find((c) => c.name === name && c.handles(shape)) : undefined);
  return (
    byName(forced.get(kernelClass)) ??
    forcedEverywhere.map(byName).find((c) => c !== undefined) ??
    byName(chosen.get(choiceKey(kernelClass, shapeKey))) ??
    candidates.find((c) => c.handles(shape)) ??
    null
  );
}

// The kernel implementations a GPU timed fastest (kernelsTimed) outlive the page: kept per adapter in localStorage
// and handed to each new worker once its backend is known, so the timing runs once per network and GPU, not once
// per page. Junk in storage is ignored, never thrown (the page must load whatever is stored).
import type { Store } from './store';
import type { TrainingClient } from './trainingClient';

const STORAGE_KEY = 'residual-playground.kernel-choices.v1';
/** Entries kept per adapter: a few networks' shapes (ResNet-110 has ~40), more would be a bug or junk. */
const MAX_CHOICES = 2000;

type Kept = Record<string, Record<string, string>>;

/** This adapter's choices from what storage holds: string -> short name entries only. */
export function keptChoices(raw: string | null, adapter: string): Record<string, string> {
  try {
    const mine = (JSON.parse(raw ?? '{}') as Kept)?.[adapter];
    if (typeof mine !== 'object' || mine === null || Array.isArray(mine)) return {};
    return Object.fromEntries(
      Object.entries(mine)
        .filter(([key, name]) => key.length <= 300 && typeof name === 'string' && /^[a-z0-9-]{1,40}$/.test(name))
        .slice(0, MAX_CHOICES),
    );
  } catch {
    return {};
  }
}

export function withChoices(raw: string | null, adapter: string, choices: Record<string, string>): string {
  let all: Kept = {};
  try {
    const parsed = JSON.parse(raw ?? '{}') as Kept;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) all = parsed;
  } catch {
    // a damaged entry is replaced
  }
  return JSON.stringify({ ...all, [adapter]: { ...keptChoices(raw, adapter), ...choices } });
}

/** The worker's `backend` event names the adapter in its detail; the worker's own key (kernelTuning.ts adapterKey)
 *  comes with kernelsTimed. Both are stored under the worker's key, found by the detail's prefix. */
export function startKernelMemory(store: Store, client: Pick<TrainingClient, 'useKernelChoices'>, storage: Pick<Storage, 'getItem' | 'setItem'> | null): void {
  if (!storage) return;
  let sentFor: unknown = null;
  let written: unknown = null;
  store.subscribe(() => {
    const { backend, kernelTimings } = store.getState();
    if (backend && backend !== sentFor && backend.name === 'webgpu') {
      sentFor = backend;
      const raw = safely(() => storage.getItem(STORAGE_KEY));
      const adapter = Object.keys(safelyParse(raw)).find((key) => backend.detail.startsWith(key));
      if (adapter) client.useKernelChoices(keptChoices(raw, adapter));
    }
    if (kernelTimings && kernelTimings !== written) {
      written = kernelTimings;
      safely(() => storage.setItem(STORAGE_KEY, withChoices(storage.getItem(STORAGE_KEY), kernelTimings.adapter, kernelTimings.choices)));
    }
  });
}

function safelyParse(raw: string | null): Kept {
  try {
    const parsed = JSON.parse(raw ?? '{}') as Kept;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function safely<T>(work: () => T): T | null {
  try {
    return work();
  } catch {
    return null; // storage blocked or full: timed again next time
  }
}

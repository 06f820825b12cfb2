// "Reload" from the notice that WebGPU is gone from this page (trainingClient.ts): the reloaded page asks for
// WebGPU patiently and for WebGPU only. After Chromium's GPU process crashed twice, a reloaded page can still get
// no adapter (in the fault-injection e2e, for up to about 2 minutes), and the page would then choose WebGL by
// itself, and Resume would continue the run there: the user asked for WebGPU.
const KEY = 'residual-playground.reload-for-webgpu';

/** Reloads the page, which then starts on WebGPU or says why not (takeWebGpuReload). */
export function reloadForWebGpu(session: Storage | null, reload: () => void): void {
  try {
    session?.setItem(KEY, '1');
  } catch {
    // Blocked storage: a plain reload, which chooses its backend as any page load does.
  }
  reload();
}

/** True once after reloadForWebGpu (the mark is removed: a later reload chooses as usual). */
export function takeWebGpuReload(session: Storage | null): boolean {
  try {
    const marked = session?.getItem(KEY) === '1';
    if (marked) session?.removeItem(KEY);
    return marked;
  } catch {
    return false;
  }
}

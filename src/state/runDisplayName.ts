// The name a run goes by wherever the page shows it (run list, legend, tooltips, verdict, diagnostics, exports),
// and where it trained. A run trained outside this browser (with PyTorch, by the script the app exports) carries
// its framework in its name, so "ResNet-56 (option A) · PyTorch" never reads as this browser's ResNet-56 next to it.
import { runName, type Run, type RunElsewhere } from './appState';

/** Where browser runs trained, as runSource() names it: WebGPU, WebGL and the CPU backend compute the same
 *  network with the same recipe, so they count as one source. */
export const BROWSER_SOURCE = 'browser';

/** The framework without its version: "PyTorch 2.4.1+cu121" -> "PyTorch"; a framework written without one is
 *  kept whole. */
export function frameworkName(elsewhere: RunElsewhere): string {
  const framework = elsewhere.framework.trim();
  return framework.replace(/\s+v?\d\S*$/, '') || framework;
}

/** What trained the run, coarsely: BROWSER_SOURCE, or the framework of a run trained elsewhere ("PyTorch").
 *  Two runs of one source differ only in their settings and seeds; across sources the implementations differ too. */
export function runSource(run: Pick<Run, 'elsewhere'>): string {
  return run.elsewhere ? frameworkName(run.elsewhere) : BROWSER_SOURCE;
}

/** The name shown for a run: the user's label or the network's name (runName), followed by the framework when
 *  it trained outside a browser: "ResNet-56 (option A) · PyTorch". */
export function displayedRunName(run: Pick<Run, 'label' | 'config' | 'elsewhere'>): string {
  return run.elsewhere ? `${runName(run)} · ${frameworkName(run.elsewhere)}` : runName(run);
}

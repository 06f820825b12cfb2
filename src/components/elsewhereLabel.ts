// How the run list says where a run trained outside this browser (RunElsewhere, appState.ts): a short line in the
// run's details, and every field the script recorded in its tooltip.
import type { RunElsewhere } from '../state/appState';
import { formatDuration } from './format';

/** This browser's arithmetic (tfjs computes in float32): a run elsewhere in any other precision says so, since
 *  its curves may differ from a browser run's a little for that reason alone. */
const BROWSER_PRECISION = 'fp32';

/** "PyTorch 2.4.1 on 8x NVIDIA H200 via torchrun, 20 min 35 s (run elsewhere)"; a precision other than fp32 is
 *  named too ("…, bf16, 20 min 35 s (run elsewhere)"). The time is the training's wall time (so far, for a file
 *  written mid-training). */
export function elsewhereLabel(elsewhere: RunElsewhere): string {
  const precision = elsewhere.precision === BROWSER_PRECISION ? '' : `, ${elsewhere.precision}`;
  return `${elsewhere.framework} on ${elsewhere.device}${precision}, ${formatDuration(elsewhere.wallSeconds)} (run elsewhere)`;
}

/** The whole record, for the label's tooltip. */
export function elsewhereDetails(elsewhere: RunElsewhere): string {
  const processes = elsewhere.processes === 1 ? '1 process' : `${elsewhere.processes.toLocaleString('en-US')} processes`;
  return (
    `Trained outside this browser by ${elsewhere.script}: ${elsewhere.framework} on ${elsewhere.device}, ${processes}, ` +
    `${elsewhere.precision} arithmetic, ${formatDuration(elsewhere.wallSeconds)} of wall time (${elsewhere.wallSeconds.toLocaleString('en-US')} s).`
  );
}

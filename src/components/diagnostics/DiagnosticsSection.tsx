// "Inside the networks": under the verdict, what the runs measured inside their layers, to explain WHY the curves
// look as they do: gradient norms (§4.1), layer responses (Fig. 7), per-class accuracy and confusion, and sample
// predictions. Shows the runs drawn on the error chart that carry diagnostics.
//
// Performance: the store replaces a run object on every trainTick; the selector below keeps its answer's identity
// until a run's diagnostics (or name, style, state) change, so nothing here re-renders between samples, and every
// panel is memoised on that answer. While a run trains, the section follows it once a second at most (usePacedAppState), and a
// panel off screen does not follow at all (FollowsInView).
import { memo, useState } from 'react';
import { usePacedAppState, useAppState } from '../../state/appContext';
import { activeRun } from '../../state/appState';
import { visibleRuns } from '../chartData';
import { ConfusionPanel } from './ConfusionPanel';
import { DiagnosticsExport } from './DiagnosticsExport';
import { Figure7Panel } from './Figure7Panel';
import { FollowsInView } from './FollowsInView';
import { GradientHeatmap } from './GradientHeatmap';
import { PredictionGrid } from './PredictionGrid';
import { RunTag } from './runLine';
import { hasDiagnosticsData, shownDiagnosticsSelector } from './shownRuns';
import { DIAGNOSTICS_INTERVAL_MS } from './diagnosticsPace';
import './diagnostics.css';

/** Runs on the chart without diagnostics (trained before they were recorded, or imported without them). */
function countWithout(state: Parameters<ReturnType<typeof shownDiagnosticsSelector>>[0]): number {
  return visibleRuns(state.runs).filter((run) => !hasDiagnosticsData(run.diagnostics)).length;
}

/** Memoised: it has no props, so the page's re-renders pass it by; it renders when its own selections change. */
export const DiagnosticsSection = memo(function DiagnosticsSection() {
  const [select] = useState(shownDiagnosticsSelector);
  const training = useAppState((state) => activeRun(state) !== undefined);
  const runs = usePacedAppState(select, training ? DIAGNOSTICS_INTERVAL_MS : 0);
  const without = useAppState(countWithout);

  return (
    <section className="diagnostics" aria-labelledby="diagnostics-heading" data-testid="diagnostics">
      <h2 id="diagnostics-heading">Inside the networks: why the curves look as they do</h2>
      {runs.length === 0 ? (
        <p className="diag-empty">
          {without > 0
            ? 'The runs on the chart carry no measurements of their layers (trained before this version recorded them, or imported without them): train a run to see its gradients, layer responses and mistakes here.'
            : 'Once a run trains, this section shows what happens inside it: the size of each layer’s gradients, how strongly each layer responds (the paper’s Fig. 7), and which images it gets wrong.'}
        </p>
      ) : (
        <>
          <ul className="diag-key diag-section-key" aria-label="Runs shown in this section (the chart’s visible runs)">
            {runs.map((run) => (
              <li key={run.runId}>
                <RunTag run={run} />
              </li>
            ))}
            {without > 0 ? (
              <li className="diag-muted">
                ({without} {without === 1 ? 'run' : 'runs'} on the chart without measurements)
              </li>
            ) : null}
          </ul>
          <FollowsInView runs={runs} training={training}>{(shown) => <GradientHeatmap runs={shown} />}</FollowsInView>
          <FollowsInView runs={runs} training={training}>{(shown) => <Figure7Panel runs={shown} />}</FollowsInView>
          <FollowsInView runs={runs} training={training}>{(shown) => <ConfusionPanel runs={shown} />}</FollowsInView>
          <FollowsInView runs={runs} training={training}>{(shown) => <PredictionGrid runs={shown} />}</FollowsInView>
          <DiagnosticsExport />
        </>
      )}
    </section>
  );
});

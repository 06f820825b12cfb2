import { useMemo } from 'react';
import { useAppState } from '../state/appContext';
import './controls.css';
import { runStyles } from './runStyle';
import { useSteadyVerdict } from './useSteadyVerdict';
import { verdictChartHint } from './verdictChartHint';

const MARK = { shown: '✔', notShown: '…', tooEarly: '…' } as const;

/** The paper's findings as the runs on the chart show them (or do not yet), computed from the curves, and where
 *  on the chart to see them. */
export function VerdictCard() {
  const runs = useAppState((state) => state.runs);
  const results = useSteadyVerdict(runs);
  // The legend's names (renamed runs, "#2" for a second run of one name), so the hint names what the chart shows.
  const chartNames = useMemo(() => new Map(runStyles(runs).map((style) => [style.runId, style.name])), [runs]);
  return (
    <section className="verdict-card" aria-label="What the runs show" data-testid="verdict-card">
      <h2>What your runs show</h2>
      {results.length === 0 ? (
        <p className="verdict-empty">
          Train two comparable runs (same epochs, batch, learning rate and data) to compare them: plain-20 and plain-56 for
          the degradation problem, plain-56 and ResNet-56 for the residual fix.
        </p>
      ) : (
        <>
          <ul>
            {results.map((finding) => {
              const hint = verdictChartHint(finding, chartNames);
              return (
                <li key={finding.id} className={`verdict verdict-${finding.status}`}>
                  <span aria-hidden="true">{MARK[finding.status]}</span> {finding.text}
                  {hint ? <span className="verdict-look">{hint}</span> : null}
                </li>
              );
            })}
          </ul>
          <p className="verdict-note">
            Judged at the test evaluations both runs reached, so it changes only when new evidence arrives; a finding once
            shown is withdrawn only when the gap falls below half the noise margin.
          </p>
        </>
      )}
    </section>
  );
}

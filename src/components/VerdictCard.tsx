import { useMemo } from 'react';
import { useAppState } from '../state/appContext';
import type { VerdictFocus } from '../state/verdict';
import { referenceSetById } from '../reference/referenceCurves';
import { referenceFindings } from '../reference/referenceFindings';
import './controls.css';
import { runStyles } from './runStyle';
import { useSteadyVerdict } from './useSteadyVerdict';
import { verdictChartHint } from './verdictChartHint';

const MARK = { shown: '✔', notShown: '…', tooEarly: '…' } as const;

interface VerdictCardProps {
  /** A first-visit proposal being followed: only its runs, and each finding in the pair it named. */
  focus?: VerdictFocus;
  /** The reference set on the chart ('' for none): its findings are read out too, labelled as the reference's. */
  referenceId?: string;
}

/** The paper's findings as the runs on the chart show them (or do not yet), computed from the curves, and where
 *  on the chart to see them; with the reference overlay on, what the PyTorch reference shows, kept apart. */
export function VerdictCard({ focus, referenceId = '' }: VerdictCardProps) {
  const runs = useAppState((state) => state.runs);
  const results = useSteadyVerdict(runs, focus);
  // The legend's names (renamed runs, "#2" for a second run of one name) and each line's colour, so the hint names
  // what the chart shows.
  const chartLines = useMemo(() => new Map(runStyles(runs).map((style) => [style.runId, { name: style.name, colour: style.colour }])), [runs]);
  const reference = referenceSetById(referenceId);
  const fromReference = useMemo(() => (reference ? referenceFindings(reference) : []), [reference]);
  return (
    <section className="verdict-card" aria-label="What the runs show" data-testid="verdict-card">
      {reference ? (
        <div className="verdict-reference" data-testid="verdict-reference">
          <h2 id="verdict-reference-title" tabIndex={-1}>
            What the PyTorch reference shows (measured elsewhere, not in this browser)
          </h2>
          <ul>
            {fromReference.map((finding) => (
              <li key={finding.id} className={`verdict verdict-${finding.status}`}>
                <span aria-hidden="true">{MARK[finding.status]}</span> {finding.text}
              </li>
            ))}
          </ul>
          <p className="verdict-note">
            On the chart: the faint thin lines (“PyTorch ref.” in the legend), training error dashed and test error solid, one colour per
            depth, as for your own runs. The sentences above compare their training errors at the last epoch.
          </p>
        </div>
      ) : null}
      <h2>What your runs show{focus ? ' (the proposal’s pairs)' : ''}</h2>
      {results.length === 0 ? (
        <p className="verdict-empty">
          {reference ? 'Nothing from this browser yet. ' : ''}Train two comparable runs (same epochs, batch, learning rate and data) to compare
          them: plain-20 and plain-56 for the degradation problem, plain-56 and ResNet-56 for the residual fix.
        </p>
      ) : (
        <>
          <ul>
            {results.map((finding) => {
              const hint = verdictChartHint(finding, chartLines);
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

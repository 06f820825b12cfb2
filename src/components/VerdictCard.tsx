import { useMemo } from 'react';
import { useAppState } from '../state/appContext';
import { findings } from '../state/verdict';

const MARK = { shown: '✔', notShown: '…', tooEarly: '…' } as const;

/** The paper's findings as the runs on the chart show them (or do not yet), computed from the curves. */
export function VerdictCard() {
  const runs = useAppState((state) => state.runs);
  // The runs on the chart: hiding a run also takes it out of the verdict, so what is said matches what is seen.
  const results = useMemo(() => findings(runs.filter((run) => !run.hidden)), [runs]);
  return (
    <section className="verdict-card" aria-label="What the runs show" data-testid="verdict-card">
      <h2>What your runs show</h2>
      {results.length === 0 ? (
        <p className="verdict-empty">
          Train two comparable runs (same epochs, batch, learning rate and data) to compare them: plain-20 and plain-56 for
          the degradation problem, plain-56 and ResNet-56 for the residual fix.
        </p>
      ) : (
        <ul>
          {results.map((finding) => (
            <li key={finding.id} className={`verdict verdict-${finding.status}`}>
              <span aria-hidden="true">{MARK[finding.status]}</span> {finding.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

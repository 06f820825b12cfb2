// Downloads of what this section shows, as tidy CSV tables (one row per measurement), for the runs on the chart.
// The chart's JSON export carries the same diagnostics complete, and Import JSON… reads them back.
import { downloadBlob } from '../../export/chartImage';
import { confusionToCsv, diagnosticsToCsv, predictionsToCsv } from '../../export/diagnosticsCsv';
import { exportFileName } from '../../export/fileName';
import type { Run } from '../../state/appState';
import { useServices } from '../../state/appContext';
import { visibleRuns } from '../chartData';

const DOWNLOADS: { label: string; testId: string; extension: string; title: string; table: (runs: readonly Run[]) => string }[] = [
  {
    label: 'Layers CSV',
    testId: 'export-diagnostics-layers',
    extension: 'layers.csv',
    title: 'Every sample of every layer: gradient norm per conv, BN and FC layer, and response std per layer (Fig. 7); one row per run, sample and layer.',
    table: diagnosticsToCsv,
  },
  {
    label: 'Confusion CSV',
    testId: 'export-diagnostics-confusion',
    extension: 'confusion.csv',
    title: 'Every evaluation’s confusion matrix: one row per run, evaluation, true class and predicted class (zeros included).',
    table: confusionToCsv,
  },
  {
    label: 'Predictions CSV',
    testId: 'export-diagnostics-predictions',
    extension: 'predictions.csv',
    title: 'Each run’s newest evaluation, one row per image: its true class and the three likeliest classes with their probabilities.',
    table: predictionsToCsv,
  },
];

export function DiagnosticsExport() {
  const { store } = useServices();
  // Read at the click, not subscribed: the runs change several times a second while one trains.
  const download = (table: (runs: readonly Run[]) => string, extension: string) =>
    downloadBlob(new Blob([table(visibleRuns(store.getState().runs))], { type: 'text/csv;charset=utf-8' }), exportFileName(extension));
  return (
    <div className="export-import diag-export" role="group" aria-label="Export the measurements">
      <span className="export-label">Export these measurements:</span>
      {DOWNLOADS.map((d) => (
        <button key={d.testId} type="button" data-testid={d.testId} title={d.title} onClick={() => download(d.table, d.extension)}>
          {d.label}
        </button>
      ))}
    </div>
  );
}

// The chart header's export/import toolbar, fed with what the chart draws right now.
import { referenceSetById } from '../reference/referenceCurves';
import { paperTable6Drawn } from './chart/table6Display';
import { useServices } from '../state/appContext';
import type { ChartActionsContext } from './ErrorChart';
import { ExportImport } from './ExportImport';
import { importNotice } from './importNotice';
import { visibleRuns } from './chartData';

/** The runs come from the chart (unchanged through progress ticks, chart/chartRuns.ts), so this toolbar re-renders
 *  with the chart rather than on every tick, and never builds a second chart model (issue 20, finding 2). */
export function ChartExport({ view, getSvg, legend, referenceLegend, runs }: ChartActionsContext) {
  const { store } = useServices();
  const reference = referenceSetById(view.referenceId);
  const shown = visibleRuns(runs);
  const loss = view.metric === 'loss';
  // Stars are drawn only for depths on the chart and only on an axis that reaches 64k iterations (chartModel).
  const starsDrawn = paperTable6Drawn(shown, loss ? undefined : reference, view);
  // The picture carries its own key: the on-page legend is HTML and would not be in the file.
  const measure = loss ? 'loss' : 'error';
  const caption = [
    `Dashed: training ${measure} (short dashes plain, long dashes residual); solid: test ${measure} (validation for runs on the 45k/5k split). Hollow squares: plain; filled circles: residual (A); triangles: residual (B). Each run in its own colour.`,
    ...(view.smoothing > 0 ? [`Training curves smoothed (debiased EMA, weight ${view.smoothing}); raw curves faint.`] : []),
    ...(reference ? [`Faint lines: ${reference.label}, measured outside this app (PyTorch, same §4.2 recipe), not results of this browser.`] : []),
    ...(starsDrawn ? ['Stars: the paper’s Table 6 final test errors after 64k iterations (not curves).'] : []),
    'Residual learning playground: He et al. 2015, CIFAR-10.',
  ];
  return (
    <ExportImport
      runs={shown}
      view={view}
      reference={reference}
      getChartSvg={getSvg}
      legend={[
        ...legend.filter((entry) => !entry.hidden).map((entry) => ({ name: entry.name, colour: entry.colour, dashed: false, marker: entry.marker })),
        // The overlay's curves are named too, or a picture of the reference alone would have no key.
        ...referenceLegend.map((style) => ({ name: style.name, colour: style.colour, dashed: false, marker: style.marker })),
      ]}
      caption={caption}
      onImport={(imported, problems, fileName) => {
        store.dispatch({ type: 'runsImported', runs: imported });
        store.dispatch({
          type: 'notice',
          scope: 'import',
          message: importNotice(imported, problems, fileName),
        });
      }}
      onImportError={(message) => store.dispatch({ type: 'notice', scope: 'import', message })}
    />
  );
}

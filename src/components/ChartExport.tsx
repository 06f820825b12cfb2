// The chart header's export/import toolbar, fed with what the chart draws right now.
import { referenceRunName, referenceSetById } from '../reference/referenceCurves';
import { depthColour, runMarker } from './runStyle';
import { useAppState, useServices } from '../state/appContext';
import type { ChartActionsContext } from './ErrorChart';
import { ExportImport } from './ExportImport';
import { importNotice } from './importNotice';
import { visibleRuns } from './chartData';
import { chartModel } from './chart/chartModel';

export function ChartExport({ view, getSvg, legend }: ChartActionsContext) {
  const { store } = useServices();
  const runs = useAppState((state) => state.runs);
  const reference = referenceSetById(view.referenceId);
  const shown = visibleRuns(runs);
  const loss = view.metric === 'loss';
  // Stars are drawn only for depths on the chart and only on an axis that reaches 64k iterations (chartModel).
  const starsDrawn = chartModel(runs, view, null).table6.stars.length > 0;
  // The picture carries its own key: the on-page legend is HTML and would not be in the file.
  const measure = loss ? 'loss' : 'error';
  const caption = [
    `Dashed: training ${measure} (short dashes plain, long dashes residual); solid: test ${measure} (validation for runs on the 45k/5k split). Hollow squares: plain; filled circles: residual (A); triangles: residual (B). Colour: depth.`,
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
        ...(reference?.runs ?? []).map((run) => ({
          name: `${referenceRunName(run)} (PyTorch ref.)`,
          colour: depthColour(run.depth),
          dashed: false,
          marker: runMarker({ blockType: run.blockType }),
        })),
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

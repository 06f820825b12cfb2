// Export what the chart shows (its data as CSV or JSON, its picture as PNG or SVG) and import a JSON export.
import { useState, type ChangeEvent } from 'react';
import type { ReferenceSet } from '../reference/referenceCurves';
import type { Run } from '../state/appState';
import { chartSvgMarkup, downloadBlob, svgMarkupToPngBlob } from '../export/chartImage';
import type { LegendEntry } from '../export/chartLegendSvg';
import { exportFileName } from '../export/fileName';
import { runsToCsv } from '../export/runsCsv';
import { MAX_IMPORT_BYTES, parseRunsJson, runsToJson } from '../export/runsJson';
import type { ChartView } from './ChartControls';

interface ExportImportProps {
  /** The runs on the chart (the visible ones): exactly these are exported. */
  runs: Run[];
  view: ChartView;
  /** The PyTorch reference overlay, when one is shown. */
  reference?: ReferenceSet;
  getChartSvg: () => SVGSVGElement | null;
  /** The chart's legend and caption, drawn into the picture (recharts' legend is HTML, outside the <svg>). */
  legend: LegendEntry[];
  caption: string[];
  onImport: (runs: Run[], problems: string[], fileName: string) => void;
  onImportError: (message: string) => void;
}

export function ExportImport({ runs, view, reference, getChartSvg, legend, caption, onImport, onImportError }: ExportImportProps) {
  // Export failures are shown here, next to the buttons; import failures go to the caller (a notice).
  const [status, setStatus] = useState<string | null>(null);
  const runsPlotted = runs.some((run) => run.train.length > 0 || run.test.length > 0);
  const anythingPlotted = runsPlotted || (reference?.runs.length ?? 0) > 0;

  const save = (text: string, type: string, extension: string) => downloadBlob(new Blob([text], { type }), exportFileName(extension));

  const chartMarkup = (): string | null => {
    const svg = getChartSvg();
    if (!svg) setStatus('The chart is not drawn yet, so there is no picture to save.');
    return svg ? chartSvgMarkup(svg, legend, caption) : null;
  };

  const exportSvg = () => {
    setStatus(null);
    const markup = chartMarkup();
    if (markup) save(markup, 'image/svg+xml', 'svg');
  };

  const exportPng = async () => {
    setStatus(null);
    const markup = chartMarkup();
    if (!markup) return;
    try {
      downloadBlob(await svgMarkupToPngBlob(markup), exportFileName('png'));
    } catch (error) {
      setStatus(error instanceof Error ? error.message : String(error));
    }
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    // Cleared so choosing the same file again imports it again.
    input.value = '';
    if (!file) return;
    // Checked before reading: a huge file would otherwise be read into memory whole.
    if (file.size > MAX_IMPORT_BYTES) {
      onImportError(`“${file.name}” is ${Math.ceil(file.size / 2 ** 20)} MB: too large for a run export (at most ${MAX_IMPORT_BYTES / 2 ** 20} MB).`);
      return;
    }
    try {
      const { runs: imported, problems } = parseRunsJson(await file.text(), file.name);
      if (imported.length === 0) onImportError(`Nothing imported from “${file.name}”: ${problems.join(' ')}`);
      else onImport(imported, problems, file.name);
    } catch (error) {
      onImportError(error instanceof Error ? error.message : `“${file.name}” could not be read.`);
    }
  };

  const exportButtons = [
    {
      label: 'CSV',
      enabled: anythingPlotted,
      title:
        "Table of every plotted point (one row per point: training, smoothed training when smoothing is on, test) at full resolution, with each run's settings, device and source; the PyTorch reference curves too when overlaid.",
      onClick: () => save(runsToCsv(runs, view, reference), 'text/csv;charset=utf-8', 'csv'),
    },
    {
      label: 'JSON',
      enabled: runsPlotted,
      title:
        "The runs shown, with their full settings, device and every point (and the smoothed training error when smoothing is on), plus the chart's settings. Import JSON… reads it back, here or in another browser.",
      onClick: () => save(runsToJson(runs, view, reference), 'application/json', 'json'),
    },
    {
      label: 'PNG',
      enabled: anythingPlotted,
      title: "The chart as a picture at twice the screen's resolution, with its legend and caption.",
      onClick: () => void exportPng(),
    },
    {
      label: 'SVG',
      enabled: anythingPlotted,
      title: 'The chart as a vector drawing (sharp at any size, editable), with its legend and caption.',
      onClick: exportSvg,
    },
  ];

  return (
    <div className="export-import" role="group" aria-label="Export and import">
      <span className="export-label">Export:</span>
      {exportButtons.map((button) => (
        <button key={button.label} type="button" disabled={!button.enabled} data-testid={`export-${button.label.toLowerCase()}`} title={button.title} onClick={button.onClick}>
          {button.label}
        </button>
      ))}
      <label className="import-pick" title="Add the runs of a JSON export (from this app) to the chart and history. They are marked as imported and are not trained again.">
        Import JSON…
        <input type="file" accept=".json,application/json" data-testid="import-json" onChange={(event) => void importFile(event)} />
      </label>
      {status ? (
        <span className="export-status" role="status">
          {status}
        </span>
      ) : null}
    </div>
  );
}

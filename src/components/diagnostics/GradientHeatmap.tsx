// Panel 1: the L2 norm of each layer's gradient over training, one heatmap per run on ONE shared log colour
// scale (§4.1: with BN the plain nets' gradients keep healthy norms: the degradation is not vanishing gradients),
// and under them a line per stage group and run.
import { memo, useMemo, useState, type PointerEvent } from 'react';
import type { GradientLayer, RunDiagnostics } from '../../diagnostics/diagnostics';
import { decadeTicks, formatNorm, scalePosition, sharedLogDomain, viridis, viridisGradient, type LogDomain } from './colourScale';
import { gradientComparison } from './gradientComparison';
import { heatmapGrid, stageBands, type HeatmapGrid } from './heatmapData';
import { StageLines } from './StageLines';
import type { ShownRun } from './shownRuns';
import { formatCount } from './numberFormat';
import { pngDataUrl } from './pngDataUrl';

/** Heatmaps side by side at most; more runs: hide some on the chart to choose. */
export const MAX_HEATMAPS = 4;

/** A run's grid is computed once per diagnostics object: a new sample of one run leaves the others' grids (and
 *  canvases, unless the shared scale moves) as they are. */
const gridCache = new WeakMap<RunDiagnostics, HeatmapGrid>();
function cachedGrid(diagnostics: RunDiagnostics): HeatmapGrid {
  let grid = gridCache.get(diagnostics);
  if (!grid) {
    grid = heatmapGrid(diagnostics);
    gridCache.set(diagnostics, grid);
  }
  return grid;
}

export const GradientHeatmap = memo(function GradientHeatmap({ runs }: { runs: readonly ShownRun[] }) {
  const withSamples = useMemo(() => runs.filter((run) => run.diagnostics.training.length > 0), [runs]);
  const drawn = useMemo(() => withSamples.slice(0, MAX_HEATMAPS), [withSamples]);
  const grids = useMemo(() => drawn.map((run) => cachedGrid(run.diagnostics)), [drawn]);
  const { min, max } = useMemo(() => sharedLogDomain(grids.map((grid) => grid.logs)), [grids]);
  // Kept by value: a new sample that leaves the scale where it was redraws only its own run's canvas.
  const domain = useMemo(() => ({ min, max }), [min, max]);
  const comparison = useMemo(() => gradientComparison(drawn), [drawn]);

  return (
    <div className="diag-panel" data-testid="diagnostics-gradients">
      <h3>Gradient norms, layer by layer</h3>
      <p className="diag-look">
        Each row is a layer (the stem at the top, the classifier at the bottom), each column a training step; the colour is the
        size of that layer’s gradient. With BN, plain nets’ gradients do not vanish: compare the colours of{' '}
        {comparison} (§4.1).
      </p>
      {withSamples.length === 0 ? (
        <p className="diag-empty">No training samples yet: the heatmaps appear with the first point of the training curve.</p>
      ) : (
        <>
          <ColourBar domain={domain} />
          {withSamples.length > MAX_HEATMAPS ? (
            <p className="diag-note">
              Showing {MAX_HEATMAPS} of the {withSamples.length} runs on the chart (by depth): hide runs in the chart’s legend to
              choose others.
            </p>
          ) : null}
          <div className="diag-heatmaps">
            {drawn.map((run, i) => (
              <HeatmapFigure key={run.runId} run={run} grid={grids[i]} domain={domain} />
            ))}
          </div>
          <StageLines runs={drawn} domain={domain} />
        </>
      )}
    </div>
  );
});

function ColourBar({ domain }: { domain: LogDomain }) {
  const ticks = decadeTicks(domain);
  const span = domain.max - domain.min;
  return (
    <figure className="diag-colour-bar" aria-label={`Colour scale: gradient norm from ${ticks[0].label} (dark purple) to ${ticks[ticks.length - 1].label} (yellow), logarithmic`}>
      <figcaption>Gradient norm ‖∂L/∂W‖ (log scale, shared by all heatmaps)</figcaption>
      <div className="diag-colour-bar-strip" style={{ background: viridisGradient() }} aria-hidden="true" />
      <div className="diag-colour-bar-ticks" aria-hidden="true">
        {ticks.map((tick) => (
          <span key={tick.log} style={{ left: `${(100 * (tick.log - domain.min)) / span}%` }}>
            {tick.label}
          </span>
        ))}
      </div>
    </figure>
  );
}

interface Hover {
  /** Viewport px (the tooltip is position: fixed, kept inside the window so it never widens the page). */
  left: number;
  top: number;
  text: string;
}

/** The tooltip's max-width in diagnostics.css, plus a margin. */
const HOVER_WIDTH = 250;

function HeatmapFigure({ run, grid, domain }: { run: ShownRun; grid: HeatmapGrid; domain: LogDomain }) {
  const layers = run.diagnostics.layout.gradientLayers;
  const [hover, setHover] = useState<Hover | null>(null);
  const bands = useMemo(() => stageBands(layers), [layers]);
  // One pixel per cell, scaled up without smoothing: an <img>, not a canvas (pngDataUrl.ts says why).
  const picture = useMemo(() => heatmapPicture(grid, domain), [grid, domain]);

  const first = grid.iterationOfColumn[0];
  const last = grid.iterationOfColumn[grid.columns - 1];
  const summary =
    `Gradient norms of ${run.name}, ${grid.rows} layers × ${grid.columns} samples (iterations ${formatCount(first)} to ${formatCount(last)})` +
    (grid.range ? `, from ${formatNorm(grid.range.min)} to ${formatNorm(grid.range.max)}` : '');

  const onPointerMove = (event: PointerEvent<HTMLImageElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    const column = Math.min(grid.columns - 1, Math.max(0, Math.floor((x / box.width) * grid.columns)));
    const row = Math.min(grid.rows - 1, Math.max(0, Math.floor((y / box.height) * grid.rows)));
    const sample = run.diagnostics.training[grid.sampleOfColumn[column]];
    const norm = sample?.gradientNorms[row];
    const left = Math.max(4, Math.min(event.clientX + 12, window.innerWidth - HOVER_WIDTH));
    setHover({ left, top: event.clientY + 14, text: `${layerText(layers[row])} · iteration ${sample === undefined ? "–" : formatCount(sample.iteration)} · norm ${norm === undefined ? '–' : formatNorm(norm)}` });
  };

  return (
    <figure className="diag-heatmap">
      <figcaption>{run.name}</figcaption>
      <div className="diag-heatmap-body">
        <div className="diag-heatmap-stages" aria-hidden="true">
          {bands.map((band) => (
            <span
              key={band.firstRow}
              style={{ top: `clamp(0px, calc(${(100 * (band.firstRow + band.lastRow + 1)) / 2 / grid.rows}% - 0.5em), calc(100% - 1.1em))` }}
            >
              {band.label}
            </span>
          ))}
        </div>
        <div className="diag-heatmap-canvas">
          {picture ? (
            <img
              src={picture}
              width={grid.columns}
              height={grid.rows}
              alt={summary}
              draggable={false}
              onPointerMove={onPointerMove}
              onPointerLeave={() => setHover(null)}
            />
          ) : null}
          {bands.slice(1).map((band) => (
            <div key={band.firstRow} className="diag-heatmap-boundary" style={{ top: `${(100 * band.firstRow) / grid.rows}%` }} aria-hidden="true" />
          ))}
          {hover ? (
            <div className="diag-hover" style={{ left: hover.left, top: hover.top }}>
              {hover.text}
            </div>
          ) : null}
        </div>
      </div>
      <div className="diag-heatmap-axis" aria-hidden="true">
        <span>iteration {formatCount(first)}</span>
        <span>{formatCount(last)}</span>
      </div>
    </figure>
  );
}

function layerText(layer: GradientLayer | undefined): string {
  if (!layer) return '–';
  return layer.kind === 'bn' ? `${layer.name} (BN γ, β)` : layer.name;
}

/** The heatmap's pixels on the shared colour scale, as a PNG data URL; null when there are no cells yet. A cell
 *  without a value stays transparent, so the surface shows through. */
function heatmapPicture(grid: HeatmapGrid, domain: LogDomain): string | null {
  if (grid.columns === 0 || grid.rows === 0) return null;
  const rgba = new Uint8ClampedArray(grid.columns * grid.rows * 4);
  for (let i = 0; i < grid.logs.length; i++) {
    const t = scalePosition(grid.logs[i], domain);
    if (t === null) continue;
    const [r, g, b] = viridis(t);
    rgba[4 * i] = r;
    rgba[4 * i + 1] = g;
    rgba[4 * i + 2] = b;
    rgba[4 * i + 3] = 255;
  }
  return pngDataUrl(rgba, grid.columns, grid.rows);
}

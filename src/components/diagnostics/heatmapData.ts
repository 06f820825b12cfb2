// What the gradient heatmap draws, computed from a run's training samples without touching them: the columns
// shown (at most MAX_COLUMNS picked samples), log10 of every cell, the stage bands labelled on the left, and the
// per-stage lines drawn under the heatmaps.
import type { GradientLayer, RunDiagnostics, TrainingSample } from '../../diagnostics/diagnostics';
import { log10OrNull } from './colourScale';

/** Most columns a heatmap draws: a long run has thousands of samples; the canvas shows evenly spaced ones. */
export const MAX_COLUMNS = 300;

/**
 * Which of `count` samples to show when at most `max` fit: all of them, or `max` evenly spaced ones that always
 * include the first and the last (every k-th sample, k not necessarily whole). Ascending, distinct.
 */
export function pickColumns(count: number, max: number): number[] {
  if (count <= 0 || max <= 0) return [];
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  if (max === 1) return [count - 1];
  return Array.from({ length: max }, (_, i) => Math.round((i * (count - 1)) / (max - 1)));
}

export interface HeatmapGrid {
  rows: number;
  columns: number;
  /** log10 of the norm of row r at column c: logs[r * columns + c]. NaN where there is no value; -Infinity for 0. */
  logs: Float64Array;
  /** The sample each column shows (index into diagnostics.training) and its iteration. */
  sampleOfColumn: number[];
  iterationOfColumn: number[];
  /** Smallest and largest finite positive norm among the cells drawn (null when none). */
  range: { min: number; max: number } | null;
}

/** The cells of a run's heatmap: rows = layout.gradientLayers (stem first, fc last), columns = picked samples. */
export function heatmapGrid(diagnostics: RunDiagnostics, maxColumns = MAX_COLUMNS): HeatmapGrid {
  const rows = diagnostics.layout.gradientLayers.length;
  const samples: readonly TrainingSample[] = diagnostics.training;
  const sampleOfColumn = pickColumns(samples.length, maxColumns);
  const columns = sampleOfColumn.length;
  const logs = new Float64Array(rows * columns).fill(NaN);
  let min = Infinity;
  let max = -Infinity;
  sampleOfColumn.forEach((s, c) => {
    const norms = samples[s].gradientNorms;
    for (let r = 0; r < rows; r++) {
      const value = norms[r];
      if (typeof value !== 'number') continue;
      const log = log10OrNull(value);
      if (log === null) continue;
      logs[r * columns + c] = log;
      if (value > 0 && Number.isFinite(value)) {
        if (value < min) min = value;
        if (value > max) max = value;
      }
    }
  });
  return {
    rows,
    columns,
    logs,
    sampleOfColumn,
    iterationOfColumn: sampleOfColumn.map((s) => samples[s].iteration),
    range: min <= max ? { min, max } : null,
  };
}

/** The stage labels on the heatmap's left: contiguous rows of one stage (rows are in network order). */
export interface StageBand {
  stage: number;
  label: string;
  firstRow: number;
  /** Inclusive. */
  lastRow: number;
}

export function stageLabel(stage: number): string {
  return stage === 0 ? 'stem' : stage === 4 ? 'fc' : `stage ${stage}`;
}

export function stageBands(layers: readonly Pick<GradientLayer, 'stage'>[]): StageBand[] {
  const bands: StageBand[] = [];
  layers.forEach((layer, row) => {
    const last = bands[bands.length - 1];
    if (last && last.stage === layer.stage) last.lastRow = row;
    else bands.push({ stage: layer.stage, label: stageLabel(layer.stage), firstRow: row, lastRow: row });
  });
  return bands;
}

/**
 * The stages the lines under the heatmaps follow. The stem (one conv and its BN, at the input) joins stage 1:
 * together they are "the layers nearest the input", where vanishing gradients would show first (§4.1); stages 2
 * and 3 follow; the classifier (fc) is the last line.
 */
export const STAGE_GROUPS: readonly { id: string; label: string; stages: readonly number[] }[] = [
  { id: 'input', label: 'stem + stage 1 (nearest the input)', stages: [0, 1] },
  { id: 'stage2', label: 'stage 2', stages: [2] },
  { id: 'stage3', label: 'stage 3', stages: [3] },
  { id: 'fc', label: 'fc (the classifier)', stages: [4] },
];

/** Geometric mean of the positive finite values (null when there are none): the mean on a log axis. A zero norm
 *  would make it 0 and fall off the log axis, so zeros and non-numbers are left out. */
export function geometricMean(values: readonly number[]): number | null {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (v > 0 && Number.isFinite(v)) {
      sum += Math.log(v);
      count++;
    }
  }
  return count === 0 ? null : Math.exp(sum / count);
}

export interface StageLinePoint {
  iteration: number;
  /** One value per STAGE_GROUPS entry, null where the group has no usable norm. */
  values: (number | null)[];
}

/** Per picked sample: the geometric mean of each stage group's row norms. */
export function stageLines(diagnostics: RunDiagnostics, maxPoints = MAX_COLUMNS): StageLinePoint[] {
  const layers = diagnostics.layout.gradientLayers;
  const rowsOfGroup = STAGE_GROUPS.map((group) => layers.flatMap((layer, row) => (group.stages.includes(layer.stage) ? [row] : [])));
  return pickColumns(diagnostics.training.length, maxPoints).map((s) => {
    const sample = diagnostics.training[s];
    return { iteration: sample.iteration, values: rowsOfGroup.map((rows) => geometricMean(rows.map((r) => sample.gradientNorms[r]))) };
  });
}

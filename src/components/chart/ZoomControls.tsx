// The keyboard's way to zoom (a drag on the chart is the mouse's): type the x range, or take the second half
// of the axis (where the lr drops and the final errors are), and reset.
import { useId, type FormEvent } from 'react';
import type { XAxisUnit } from '../chartData';
import { clampZoom, lastHalf, type XRange } from './xZoom';

interface ZoomControlsProps {
  unit: XAxisUnit;
  /** The x range drawn now, and the whole axis. */
  range: XRange;
  extent: XRange;
  zoomed: boolean;
  onZoom: (zoom: XRange | null) => void;
}

/** A typed value shown as the input holds it: whole iterations, epochs to 2 decimals. */
const shown = (unit: XAxisUnit, x: number) => (unit === 'iteration' ? String(Math.round(x)) : String(Math.round(x * 100) / 100));

export function ZoomControls({ unit, range, extent, zoomed, onZoom }: ZoomControlsProps) {
  const id = useId();
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    onZoom(clampZoom(Number(data.get('from')), Number(data.get('to')), extent));
  };
  const unitName = unit === 'iteration' ? 'iterations' : 'epochs';
  return (
    // key: the inputs show the range again whenever it changes (a drag, a reset, the axis growing).
    // noValidate: a value outside the axis is clamped into it (clampZoom) rather than refused.
    <form className="chart-zoom" onSubmit={apply} aria-label="Zoom the x axis" key={`${range[0]}-${range[1]}`} noValidate>
      <span className="chart-zoom-hint">Zoom: drag across the chart, or</span>
      <label htmlFor={`${id}-from`}>{unitName} from</label>
      <input id={`${id}-from`} name="from" type="number" min={extent[0]} max={extent[1]} step="any" defaultValue={shown(unit, range[0])} data-testid="zoom-from" />
      <label htmlFor={`${id}-to`}>to</label>
      <input id={`${id}-to`} name="to" type="number" min={extent[0]} max={extent[1]} step="any" defaultValue={shown(unit, range[1])} data-testid="zoom-to" />
      <button type="submit" className="chip">
        Zoom
      </button>
      <button type="button" className="chip" onClick={() => onZoom(clampZoom(...lastHalf(extent), extent))}>
        Last half
      </button>
      <button type="button" className="chip" onClick={() => onZoom(null)} disabled={!zoomed} data-testid="zoom-reset">
        Reset zoom
      </button>
    </form>
  );
}

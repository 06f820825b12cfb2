// Zoom by dragging across the chart: press on one x, release on another, and the chart shows that range. The
// x values are those of the data rows under the pointer (recharts' activeLabel), so a drag snaps to points.
import { useState } from 'react';
import type { MouseHandlerDataParam } from 'recharts';

export interface DragZoom {
  /** The range being dragged, to draw as a shaded area; null when no drag is under way. */
  selection: readonly [number, number] | null;
  onMouseDown: (state: MouseHandlerDataParam) => void;
  onMouseMove: (state: MouseHandlerDataParam) => void;
  onMouseUp: () => void;
  onMouseLeave: () => void;
}

const xOf = (state: MouseHandlerDataParam): number | null => {
  const x = Number(state?.activeLabel);
  return state?.activeLabel !== undefined && Number.isFinite(x) ? x : null;
};

/** `onZoom(a, b)` receives the two ends of a finished drag (either order; clamp them with xZoom.clampZoom). */
export function useDragZoom(onZoom: (a: number, b: number) => void): DragZoom {
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  return {
    selection: drag && drag.from !== drag.to ? [Math.min(drag.from, drag.to), Math.max(drag.from, drag.to)] : null,
    onMouseDown: (state) => {
      const x = xOf(state);
      if (x !== null) setDrag({ from: x, to: x });
    },
    onMouseMove: (state) => {
      const x = xOf(state);
      if (drag && x !== null && x !== drag.to) setDrag({ ...drag, to: x });
    },
    // A click (no movement) is not a zoom: it leaves the chart as it was.
    onMouseUp: () => {
      if (drag && drag.from !== drag.to) onZoom(drag.from, drag.to);
      setDrag(null);
    },
    onMouseLeave: () => setDrag(null),
  };
}

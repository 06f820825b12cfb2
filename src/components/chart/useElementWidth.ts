import { useEffect, useState, type RefObject } from 'react';

/** The element's width in px, rounded down to 20 px (so a scrollbar or a few pixels of resize do not redraw the
 *  chart), kept up to date by a ResizeObserver; `fallback` until measured or where there is no ResizeObserver. */
export function useElementWidth(ref: RefObject<Element | null>, fallback: number): number {
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (element === null || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const measured = Math.floor(element.getBoundingClientRect().width / 20) * 20;
      if (measured > 0) setWidth(measured);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

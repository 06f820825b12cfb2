import { useEffect, useState, type RefObject } from 'react';

/** Whether the element behind `ref` is on screen (any pixel of it inside the viewport, with a margin so a panel
 *  starts rendering just before it scrolls in). Panels that follow a training run use it to skip re-rendering
 *  while out of view and to catch up with the latest data when scrolled back (issue 20, finding 2).
 *  True where IntersectionObserver does not exist (old browsers, jsdom), so nothing is ever hidden by mistake. */
export function useInView(ref: RefObject<Element | null>, rootMargin = '200px'): boolean {
  // Starts true: the first render shows the panel (no blank flash); the observer's first report, which arrives
  // right after observe(), corrects it for a panel that is off screen.
  const [inView, setInView] = useState(true);
  useEffect(() => {
    const element = ref.current;
    if (typeof IntersectionObserver === 'undefined' || element === null) {
      setInView(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        // Several entries can arrive in one batch; the last one is the element's current state.
        const latest = entries[entries.length - 1];
        if (latest !== undefined) setInView(latest.isIntersecting);
      },
      { rootMargin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, rootMargin]);
  return inView;
}

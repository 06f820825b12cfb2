// One store for the UI: state changes only through `reduce`; components subscribe to slices.
//
// Two audiences, two cadences. `getState()` and `subscribe()` are always current and synchronous: the training
// client, the queue, tab sync, recovery and storage act on every action. React views read a published snapshot
// (`getViewState()`, `subscribeView()`), which follows the worker's high-rate progress reports at most every
// VIEW_INTERVAL_MS and everything else at once (viewCadence.ts; issue 20, finding 2).
import { useEffect, useRef, useState } from 'react';
import { INITIAL_STATE, type AppState } from './appState';
import { reduce, type Action } from './reducer';
import { fallbackDelayMs, showsNow } from './pacedView';
import { isHighRate, VIEW_INTERVAL_MS } from './viewCadence';

export class Store {
  private state: AppState = INITIAL_STATE;
  /** What views see: `state` as of the last publish. */
  private viewState: AppState = INITIAL_STATE;
  private readonly listeners = new Set<() => void>();
  private readonly viewListeners = new Set<() => void>();
  private readonly actionObservers = new Set<(action: Action) => void>();
  private applyingRemote = false;
  /** Date.now() of the last publish to views. */
  private publishedAt = -Infinity;
  private publishTimer: ReturnType<typeof setTimeout> | null = null;
  private pacedPublish = false;
  /** A paced view redrew in this publish (claimPacedRedraw). */
  private pacedRedrawClaimed = false;

  /** `renderPacedPublish` wraps the views' notification of a paced publish (the page passes React's flushSync):
   *  their renders, and the effects those renders set off (recharts updates its own store from one), then finish
   *  in the publish's task, so the page changes in one frame per publish rather than two or three (each frame the
   *  page changes costs the compositor a redraw of the window; issue 20, finding 2). Only paced publishes: they
   *  come from the store's own timer, never from inside a React render or effect, where flushSync may not run. */
  constructor(
    private readonly viewIntervalMs = VIEW_INTERVAL_MS,
    private readonly renderPacedPublish: (notify: () => void) => void = (notify) => notify(),
  ) {}

  getState = (): AppState => this.state;

  /** The state as views last saw it: behind getState() by at most the view interval while a run reports progress. */
  getViewState = (): AppState => this.viewState;

  /** An action of this tab (the user's, or this tab's worker's): observers see it (tabSync.ts shares some). */
  dispatch = (action: Action): void => {
    this.actionObservers.forEach((observe) => observe(action));
    this.apply(action);
  };

  /** An action another tab took and shared: applied here, but neither shared again nor written to storage by
   *  this tab (the tab that took it does both). Listeners can tell by isApplyingRemote. */
  dispatchRemote = (action: Action): void => {
    this.applyingRemote = true;
    try {
      this.apply(action);
    } finally {
      this.applyingRemote = false;
    }
  };

  /** True while listeners are told about a change another tab made. */
  get isApplyingRemote(): boolean {
    return this.applyingRemote;
  }

  observeActions = (observer: (action: Action) => void): (() => void) => {
    this.actionObservers.add(observer);
    return () => this.actionObservers.delete(observer);
  };

  private apply(action: Action): void {
    const next = reduce(this.state, action);
    if (next === this.state) return;
    this.state = next;
    this.listeners.forEach((listener) => listener());
    if (isHighRate(action)) this.schedulePublish();
    else this.publish();
  }

  /** Publishes at the end of the current view interval (at once, on the next task, if it already ended). */
  private schedulePublish(): void {
    if (this.publishTimer !== null) return;
    const wait = Math.max(0, this.publishedAt + this.viewIntervalMs - Date.now());
    this.publishTimer = setTimeout(() => this.publish(true), wait);
  }

  /** True while views are told of a publish that carries only the progress stream (at the end of a view
   *  interval): views render it as a transition, in slices between frames. False for anything else (the user's
   *  actions, a run starting or ending), which views render at once. */
  get isPacedPublish(): boolean {
    return this.pacedPublish;
  }

  /** True for the first paced view that asks in a paced publish, false for the others: one paced redraw (the
   *  chart's or the diagnostics') per publish, the other takes the next one. On a software GPU a frame's cost grows
   *  with what it redraws, and the chart and the diagnostics in one frame made it 130-190 ms (issue 20, finding 2). */
  claimPacedRedraw(): boolean {
    if (!this.pacedPublish || this.pacedRedrawClaimed) return false;
    this.pacedRedrawClaimed = true;
    return true;
  }

  private publish(paced = false): void {
    if (this.publishTimer !== null) {
      clearTimeout(this.publishTimer);
      this.publishTimer = null;
    }
    if (this.viewState === this.state) return;
    this.viewState = this.state;
    this.publishedAt = Date.now();
    this.pacedPublish = paced;
    this.pacedRedrawClaimed = false;
    const notify = () => this.viewListeners.forEach((listener) => listener());
    try {
      if (paced) this.renderPacedPublish(notify);
      else notify();
    } finally {
      this.pacedPublish = false;
    }
  }

  /** Told of every change, synchronously: for code that acts on the state (never for rendering). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Told when the view snapshot changes: at most every view interval for progress, at once otherwise. */
  subscribeView = (listener: () => void): (() => void) => {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  };
}

/** A reader that keeps its answer while neither the state nor the selector changes. useSyncExternalStore asks for
 *  the snapshot several times per render and must get the same answer each time: without this, a selector that
 *  builds a new array (a filter, a map) loops React ("Maximum update depth exceeded"). With it, such a selector
 *  re-renders its component when the view snapshot moves on (a few times a second at most), never in a loop. */
export function keptSelection<T>(): (state: AppState, select: (state: AppState) => T) => T {
  let kept: { state: AppState; select: (state: AppState) => T; value: T } | null = null;
  return (state, select) => {
    if (kept !== null && kept.state === state && kept.select === select) return kept.value;
    const value = select(state);
    kept = { state, select, value };
    return value;
  };
}

/** Re-renders the component when the selected slice of the view snapshot changes (compare by identity: select
 *  stable parts), at once: the progress stream reaches views only at the store's 2 Hz publish, and everything
 *  else in the task of the action (a press of Stop shows 'Stopping…' before any worker message). Views may see
 *  two neighbouring snapshots for a moment, never a torn one: each render reads one published snapshot. */
export function useStoreSelector<T>(store: Store, select: (state: AppState) => T): T {
  const [read] = useState(keptSelection<T>);
  const [, setShown] = useState(store.getViewState);
  const value = read(store.getViewState(), select);
  const latest = useRef({ select, value });
  useEffect(() => {
    latest.current = { select, value };
  });
  useEffect(() => {
    const update = () => {
      const next = store.getViewState();
      if (Object.is(read(next, latest.current.select), latest.current.value)) return;
      // Not a transition: under a steady stream of publishes a transition can be put off for seconds (React renders
      // it only once no newer update interrupts it), and the status then showed a run's progress seconds late: the
      // fault-injection e2e never saw the checkpoints of a resumed run. The chart and the diagnostics follow more
      // slowly (usePacedStoreSelector), in the same publishes.
      setShown(next);
    };
    // A publish between this render and the subscription is caught here.
    update();
    return store.subscribeView(update);
  }, [store, read]);
  return value;
}

/** Like useStoreSelector for a view that follows the progress stream more slowly than the store publishes it (the
 *  error chart, the diagnostics: pacedView.ts): a change of the slice re-renders the component only in the
 *  publish that ends its interval (or at once when `drawAtOnce(shown, next)`, for the user's actions, or with an
 *  interval of 0), so between those publishes it is not rendered at all, and when it is, it changes in the same
 *  render as the status. */
export function usePacedStoreSelector<T>(
  store: Store,
  select: (state: AppState) => T,
  intervalMs: number,
  drawAtOnce: (shown: T, next: T) => boolean = () => false,
): T {
  const [read] = useState(keptSelection<T>);
  const [shown, setShown] = useState(() => ({ value: read(store.getViewState(), select), at: Date.now() }));
  // Rendered for its own reasons (a prop, its own state, e.g. scrolled back into view): the newest value if due.
  const current = read(store.getViewState(), select);
  let result = shown;
  if (!Object.is(current, shown.value)) {
    const now = Date.now();
    if (showsNow({ intervalMs, sinceShownMs: now - shown.at, pacedPublish: true, drawAtOnce: drawAtOnce(shown.value, current) })) {
      result = { value: current, at: now };
      setShown(result);
    }
  }
  const latest = useRef({ select, intervalMs, drawAtOnce, shown: result });
  useEffect(() => {
    latest.current = { select, intervalMs, drawAtOnce, shown: result };
  });
  useEffect(() => {
    let fallback: ReturnType<typeof setTimeout> | null = null;
    const show = (value: T, at: number) => {
      if (fallback !== null) clearTimeout(fallback);
      fallback = null;
      latest.current = { ...latest.current, shown: { value, at } };
      setShown({ value, at });
    };
    const update = (forced = false) => {
      const { select, intervalMs, drawAtOnce, shown } = latest.current;
      const next = read(store.getViewState(), select);
      if (Object.is(next, shown.value)) return;
      const now = Date.now();
      const sinceShownMs = now - shown.at;
      const offer = { intervalMs, sinceShownMs, pacedPublish: store.isPacedPublish, drawAtOnce: drawAtOnce(shown.value, next) };
      // A paced redraw that is due takes this publish only if no other paced view took it; one drawn at once takes it
      // too (the chart subscribes before the diagnostics, so a run's first points and first samples come apart).
      const takesPublish = (): boolean => {
        if (!offer.pacedPublish || intervalMs === 0) return true;
        const claimed = store.claimPacedRedraw();
        return claimed || offer.drawAtOnce;
      };
      if (forced || (showsNow(offer) && takesPublish())) {
        show(next, now);
      } else if (fallback === null) {
        fallback = setTimeout(() => {
          fallback = null;
          update(true);
        }, fallbackDelayMs(intervalMs, sinceShownMs));
      }
    };
    // A publish between this render and the subscription is caught here.
    update();
    const unsubscribe = store.subscribeView(() => update());
    return () => {
      unsubscribe();
      if (fallback !== null) clearTimeout(fallback);
    };
  }, [store, read]);
  return result.value;
}

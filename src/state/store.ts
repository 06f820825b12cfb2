// One store for the UI: state changes only through `reduce`; components subscribe to slices.
import { useSyncExternalStore } from 'react';
import { INITIAL_STATE, type AppState } from './appState';
import { reduce, type Action } from './reducer';

export class Store {
  private state: AppState = INITIAL_STATE;
  private readonly listeners = new Set<() => void>();
  private readonly actionObservers = new Set<(action: Action) => void>();
  private applyingRemote = false;

  getState = (): AppState => this.state;

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
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** Re-renders the component when the selected slice changes (compare by identity: select stable parts). */
export function useStoreSelector<T>(store: Store, select: (state: AppState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}

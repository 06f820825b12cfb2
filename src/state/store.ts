// One store for the UI: state changes only through `reduce`; components subscribe to slices.
import { useSyncExternalStore } from 'react';
import { INITIAL_STATE, type AppState } from './appState';
import { reduce, type Action } from './reducer';

export class Store {
  private state: AppState = INITIAL_STATE;
  private readonly listeners = new Set<() => void>();

  getState = (): AppState => this.state;

  dispatch = (action: Action): void => {
    const next = reduce(this.state, action);
    if (next === this.state) return;
    this.state = next;
    this.listeners.forEach((listener) => listener());
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** Re-renders the component when the selected slice changes (compare by identity: select stable parts). */
export function useStoreSelector<T>(store: Store, select: (state: AppState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}

import { createContext, useContext } from 'react';
import type { AppState } from './appState';
import { usePacedStoreSelector, useStoreSelector, type Store } from './store';
import type { TrainingClient } from './trainingClient';

export interface AppServices {
  store: Store;
  client: TrainingClient;
}

export const AppServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(AppServicesContext);
  if (!services) throw new Error('useServices must be used inside <AppServicesContext.Provider>');
  return services;
}

/** Subscribes a component to one slice of the app state. */
export function useAppState<T>(select: (state: AppState) => T): T {
  return useStoreSelector(useServices().store, select);
}

/** Subscribes a component to one slice of the app state that it follows at most once per `intervalMs` while the
 *  progress stream changes it (store.ts usePacedStoreSelector). */
export function usePacedAppState<T>(select: (state: AppState) => T, intervalMs: number, drawAtOnce?: (shown: T, next: T) => boolean): T {
  return usePacedStoreSelector(useServices().store, select, intervalMs, drawAtOnce);
}

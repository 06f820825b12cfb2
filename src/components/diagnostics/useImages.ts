// Pixels of evaluation images for the gallery and the prediction grid, asked of the training worker
// (trainingClient.requestImages). The answer is an error (never a rejection) when the dataset is not loaded.
import { useEffect, useState } from 'react';
import { useServices } from '../../state/appContext';

export type ImagesState =
  | { status: 'loading' }
  | { status: 'ready'; rgba: Uint8ClampedArray; labels: Uint8Array }
  | { status: 'error'; message: string };

/** Loads the images at `indices` of the split; reloads when either changes. An empty list is ready at once. */
export function useImages(evaluatedOn: 'test' | 'validation', indices: readonly number[]): ImagesState {
  const { client } = useServices();
  const key = `${evaluatedOn}:${indices.join(',')}`;
  const [result, setResult] = useState<{ key: string; state: ImagesState } | null>(null);
  useEffect(() => {
    if (indices.length === 0) return;
    let current = true;
    client.requestImages(evaluatedOn, [...indices]).then(
      (event) => {
        if (!current) return;
        setResult({ key, state: 'error' in event ? { status: 'error', message: event.error } : { status: 'ready', rgba: event.rgba, labels: event.labels } });
      },
      (failure: unknown) => {
        if (current) setResult({ key, state: { status: 'error', message: failure instanceof Error ? failure.message : String(failure) } });
      },
    );
    return () => {
      current = false;
    };
    // `key` stands for (evaluatedOn, indices): a new array with the same indices asks nothing again.
  }, [client, key]);
  if (indices.length === 0) return { status: 'ready', rgba: new Uint8ClampedArray(0), labels: new Uint8Array(0) };
  return result?.key === key ? result.state : { status: 'loading' };
}

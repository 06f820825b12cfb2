// The download of "Run elsewhere…": asks the worker for the initial weights when they are wanted, zips the
// folder (runElsewhere/bundle.ts) and saves it like the app's other exports. Every failure ends as a message
// for the dialog, never as an exception that would take the page down.
import { useEffect, useRef, useState } from 'react';
import { modelName } from '../../config';
import { downloadBlob } from '../../export/chartImage';
import { buildRunElsewhereZip } from '../../runElsewhere/bundle';
import type { ExportedExperiment } from '../../runElsewhere/exportedExperiment';
import { useServices } from '../../state/appContext';

export type DownloadState =
  | { phase: 'idle' }
  | { phase: 'working'; message: string }
  | { phase: 'done'; fileName: string }
  | { phase: 'failed'; message: string };

export function useRunElsewhereDownload(experiment: ExportedExperiment) {
  const { client } = useServices();
  const [state, setState] = useState<DownloadState>({ phase: 'idle' });
  // Closing the dialog mid-way cancels: nothing is saved that the user no longer waits for.
  const open = useRef(true);
  useEffect(() => {
    open.current = true;
    return () => {
      open.current = false;
    };
  }, []);

  const download = async (seeds: number[], withWeights: boolean): Promise<void> => {
    const { configs } = experiment;
    try {
      const weights = new Map<number, Uint8Array>();
      if (withWeights) {
        for (const [index, config] of configs.entries()) {
          setState({ phase: 'working', message: `Drawing the initial weights, ${index + 1} of ${configs.length}: ${modelName(config.model)}…` });
          weights.set(index, await client.requestInitialWeights(config.model, config.seed));
          if (!open.current) return;
        }
      }
      setState({ phase: 'working', message: 'Zipping the folder…' });
      const zip = buildRunElsewhereZip({ ...experiment, seeds, weights, now: new Date() });
      downloadBlob(new Blob([zip.bytes], { type: 'application/zip' }), zip.fileName);
      setState({ phase: 'done', fileName: zip.fileName });
    } catch (error) {
      if (open.current) setState({ phase: 'failed', message: `The folder could not be made: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return { state, download };
}

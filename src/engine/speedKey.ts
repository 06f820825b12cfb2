// The key under which a measured speed is kept. Its own module, free of tfjs, because the UI thread uses it:
// importing it from speedProbe.ts pulled all of tfjs into the page, and tfjs parses the page's URL for its own
// flags when it loads (a malformed %-escape or ?tfjsflags=... then blanked the page).
import type { TrainConfig } from '../config';
import type { BackendName } from '../protocol';

/** What the speed depends on: the backend, the network and the batch size (not the lr, seed or schedule). */
export function speedKey(config: TrainConfig, backend: BackendName): string {
  const { blockType, depth, block, shortcut, width } = config.model;
  return `${backend}|${blockType}-${depth}|${block}|shortcut ${shortcut}|width ${width}|batch ${config.batchSize}`;
}

// The first-visit speed measurement: as short as it can be. A cheap lower bound first (one small batch of
// plain-20), which settles "too slow for any honest version" in seconds on a device without a GPU; only otherwise
// plain-20 and plain-56 at the paper's batch of 128. Speeds measured before (same network, batch, backend) are reused.
import type { TrainConfig } from '../config';
import type { MeasuredSpeed } from '../engine/wallTime';
import type { SpeedMeasuredEvent } from '../protocol';
import { certainlyTooSlow, probeConfig, PROBED_DEPTHS } from './sizeExperiment';

/** Images in the lower-bound step: a quarter of the paper's batch, so its time bounds a full step from below
 *  (a GPU never does more work faster) while costing a quarter of one on a device that is compute-bound. */
export const LOWER_BOUND_BATCH = 32;

export function lowerBoundConfig(): TrainConfig {
  return { ...probeConfig(20), batchSize: LOWER_BOUND_BATCH };
}

export type DeviceSpeed =
  | { kind: 'measured'; speedOfDepth: Record<number, MeasuredSpeed> }
  | { kind: 'tooSlow'; lowerBoundMsPerStep: number }
  | { kind: 'failed'; error: string };

export interface MeasureProgress {
  done: number;
  total: number;
  /** What is being timed now, e.g. "plain-56, 128 images per step". */
  doing: string;
}

export async function measureDevice(
  measure: (config: TrainConfig) => Promise<SpeedMeasuredEvent>,
  known: (config: TrainConfig) => MeasuredSpeed | undefined,
  largestBudgetSeconds: number,
  trainImages: number,
  onProgress: (progress: MeasureProgress) => void,
): Promise<DeviceSpeed> {
  const full = PROBED_DEPTHS.map((depth) => probeConfig(depth));
  const missing = full.filter((config) => !known(config));
  const needsBound = missing.length > 0 && !known(lowerBoundConfig());
  const total = missing.length + (needsBound ? 1 : 0);
  let done = 0;

  const timed = async (config: TrainConfig, doing: string): Promise<MeasuredSpeed | string> => {
    onProgress({ done, total, doing });
    const remembered = known(config);
    if (remembered) return remembered;
    const result = await measure(config);
    done += 1;
    onProgress({ done, total, doing });
    return 'error' in result ? result.error : result;
  };

  if (missing.length > 0) {
    const bound = await timed(lowerBoundConfig(), `plain-20, ${LOWER_BOUND_BATCH} images per step`);
    if (typeof bound === 'string') return { kind: 'failed', error: bound };
    if (certainlyTooSlow(bound.msPerStep, largestBudgetSeconds, trainImages)) return { kind: 'tooSlow', lowerBoundMsPerStep: bound.msPerStep };
  }
  const speedOfDepth: Record<number, MeasuredSpeed> = {};
  for (const config of full) {
    const speed = await timed(config, `plain-${config.model.depth}, ${config.batchSize} images per step`);
    if (typeof speed === 'string') return { kind: 'failed', error: speed };
    speedOfDepth[config.model.depth] = speed;
  }
  return { kind: 'measured', speedOfDepth };
}

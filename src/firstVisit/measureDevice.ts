// The first-visit speed measurement: as short as it can be. plain-20 at the paper's batch first: plain-56 costs at
// least as much, so on a device without a GPU that one step settles "too slow for any honest version"; only
// otherwise plain-56 too. Speeds measured before (same network, batch, backend) are reused.
import type { TrainConfig } from '../config';
import type { MeasuredSpeed } from '../engine/wallTime';
import type { SpeedMeasuredEvent } from '../protocol';
import { certainlyTooSlow, probeConfig, PROBED_DEPTHS } from './sizeExperiment';

/** Images in the step that bounds the smallest version from below: the paper's batch, i.e. plain-20's real step,
 *  which the full measurement needs anyway. A 32-image step was cheaper on a software GPU but bounded a 128-image
 *  step only by itself: on SwiftShader it took 4 s on an idle 2-core VM (8-11 s on a loaded one), and 780 steps of
 *  4 s are 52 min, under the 60-minute budget, so the page went on to time plain-56 for minutes to say the same. */
export const LOWER_BOUND_BATCH = probeConfig(PROBED_DEPTHS[0]).batchSize;

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
  const total = full.filter((config) => !known(config)).length;
  let done = 0;

  const timed = async (config: TrainConfig, doing: string): Promise<MeasuredSpeed | string> => {
    onProgress({ done, total, doing });
    const remembered = known(config);
    if (remembered) return remembered;
    const result = await measure(config);
    done += 1;
    onProgress({ done, total, doing });
    // Timed now, in this page: the worker keeps the shaders it compiled, so the proposal's runs do not pay them again.
    return 'error' in result ? result.error : { ...result, measuredThisPage: true };
  };

  const speedOfDepth: Record<number, MeasuredSpeed> = {};
  for (const config of full) {
    const speed = await timed(config, `plain-${config.model.depth}, ${config.batchSize} images per step`);
    if (typeof speed === 'string') return { kind: 'failed', error: speed };
    speedOfDepth[config.model.depth] = speed;
    // plain-20 comes first, and every deeper network costs at least as much per step.
    if (config.model.depth === PROBED_DEPTHS[0] && certainlyTooSlow(speed.msPerStep, largestBudgetSeconds, trainImages)) {
      return { kind: 'tooSlow', lowerBoundMsPerStep: speed.msPerStep };
    }
  }
  return { kind: 'measured', speedOfDepth };
}

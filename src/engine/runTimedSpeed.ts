// A speed measured by a real run, which replaces the probe's for later estimates (issue 20, finding 10).
// The probe (speedProbe.ts) times a few steps while the page is idle; a run's steps take longer when the page
// draws its progress on the same CPU (SwiftShader, an integrated GPU): on the 2-core test VM the micro runs' steps
// took 1.6-2.2x the probe's. The probe cannot time that (the page is not busy while it runs), so once a run has
// finished, what it took here is the better measurement for the runs that follow in this page.
// Tfjs-free: the reducer (UI thread) imports it.
import type { RunTimedEvent } from '../protocol';
import type { MeasuredSpeed } from './wallTime';

export interface RunTimedSpeed extends MeasuredSpeed {
  msPerStep: number;
  msPerEvalImage: number;
  /** Timed by a run that finished in this page (not by the probe). */
  fromRun: true;
}

/**
 * The speed a finished run measured, in wallTime.ts's parts. `previous` is what estimated the run (the probe's, or
 * an earlier run's), which says how steps and chart points share the loop's time, and whether the run's first
 * steps compiled shaders (the loop's time then holds that compilation, which later runs in this page skip).
 */
export function runTimedSpeed(timing: Omit<RunTimedEvent, 'type' | 'runId'>, previous: MeasuredSpeed | undefined): RunTimedSpeed | null {
  if (timing.steps <= 0 || !(timing.trainingMs > 0)) return null;
  const compiledBefore = previous?.measuredThisPage === true;
  const compileMs = compiledBefore ? 0 : (previous?.msCompile ?? 0);
  const loopMs = Math.max(timing.trainingMs - compileMs, timing.trainingMs / 2);
  // The loop's time is split between steps and chart points in the proportion the previous measurement gave
  // them (a run cannot tell a sampled step's extra from the step itself); without one, all of it is steps.
  const previousMs = previous ? timing.steps * previous.msPerStep + timing.sampledSteps * (previous.msPerSample ?? 0) : 0;
  const scale = previousMs > 0 ? loopMs / previousMs : 0;
  const msPerStep = previousMs > 0 ? previous!.msPerStep * scale : loopMs / timing.steps;
  const msPerSample = previousMs > 0 ? (previous!.msPerSample ?? 0) * scale : 0;
  // The first evaluation may compile its batch shape's shaders: the later ones give the rate when there are any.
  const evaluations = timing.evaluationMs.length > 1 ? timing.evaluationMs.slice(1) : timing.evaluationMs;
  const msPerEvalImage =
    evaluations.length > 0 && timing.evaluatedImages > 0 ? mean(evaluations) / timing.evaluatedImages : (previous?.msPerEvalImage ?? 0);
  return {
    msPerStep,
    msPerEvalImage,
    msBuild: timing.buildMs,
    // Kept for a later page (the stored speed), where this network's shaders are compiled anew.
    ...(previous?.msCompile !== undefined ? { msCompile: previous.msCompile } : { msCompile: 0 }),
    ...(previous?.msEvaluationCompile !== undefined ? { msEvaluationCompile: previous.msEvaluationCompile } : { msEvaluationCompile: 0 }),
    msPerSample,
    msPerCheckpoint: timing.checkpointMs.length > 0 ? mean(timing.checkpointMs) : (previous?.msPerCheckpoint ?? 0),
    measuredThisPage: true,
    fromRun: true,
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0) / values.length;
}

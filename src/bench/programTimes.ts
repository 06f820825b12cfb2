// Where a training step's GPU time goes, by program: one step is recorded with one dispatch per queue submit,
// and each submit's share is the time between its completion (onSubmittedWorkDone) and the previous one's.
// That is the program's GPU time only while the GPU is the bottleneck and its queue never runs dry, as on
// SwiftShader (a CPU emulation, seconds per step); on a real GPU the CPU's encoding paces the queue and these
// gaps measure that instead (use the GPU vendor's profiler or timestamp queries there).
import * as tf from '@tensorflow/tfjs';
import type { Stepper } from './measureSteps';
import { observeSubmits } from './webgpuCounter';

export interface ProgramTime {
  program: string;
  dispatches: number;
  ms: number;
}

/** Times one steady-state step of `stepper` (warm it up first) program by program, slowest first. */
export async function timeProgramsOfOneStep(stepper: Stepper): Promise<{ totalMs: number; programs: ProgramTime[] }> {
  const batchSizeFlag = 'WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE';
  const batchSize = tf.env().getNumber(batchSizeFlag);
  const submits: { programs: string[]; done: Promise<number> }[] = [];
  tf.env().set(batchSizeFlag, 1);
  observeSubmits((queue, programs) => submits.push({ programs, done: queue.onSubmittedWorkDone().then(() => performance.now()) }));
  const start = performance.now();
  try {
    await stepper.step(true);
    await stepper.readMetrics();
  } finally {
    observeSubmits(null);
    tf.env().set(batchSizeFlag, batchSize);
  }
  const finished = await Promise.all(submits.map((s) => s.done));
  const byProgram = new Map<string, ProgramTime>();
  let previous = start;
  submits.forEach((submit, i) => {
    const program = submit.programs.join(' + ') || '(copies only)';
    const entry = byProgram.get(program) ?? { program, dispatches: 0, ms: 0 };
    entry.dispatches += submit.programs.length;
    entry.ms += Math.max(0, finished[i] - previous);
    previous = Math.max(previous, finished[i]);
    byProgram.set(program, entry);
  });
  const programs = [...byProgram.values()].map((p) => ({ ...p, ms: Math.round(p.ms * 10) / 10 })).sort((a, b) => b.ms - a.ms);
  return { totalMs: Math.round(previous - start), programs };
}

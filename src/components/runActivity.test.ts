import { describe, expect, it } from 'vitest';
import type { LiveProgress } from '../state/appState';
import { progressAnnouncement, runActivity } from './runActivity';

const live: LiveProgress = { iteration: 30, epoch: 0.1, learningRate: 0.1, imagesPerSecond: 100, etaSeconds: 60, tensorsAlive: 10, gpuBytes: 0 };

describe('the run activity shown in the status bar', () => {
  it('names each phase before the first step has finished', () => {
    expect(runActivity({ state: 'starting' }, 0, true).doing).toMatch(/^Starting/);
    expect(runActivity({ state: 'running', phase: 'building' }, 0, true).doing).toBe('Building the network…');
    // The first step is one batch of images, slow because the GPU programs are compiled as it needs them.
    const firstStep = { state: 'running', phase: 'firstStep', config: { batchSize: 128 } } as const;
    expect(runActivity(firstStep, 81_200, true).doing).toBe('First step: compiling the GPU shaders and training the first 128 images (81 s)…');
    expect(runActivity(firstStep, 4_200, false).doing).toBe('First step: training the first 128 images (4 s)…');
    const timing = { state: 'running', phase: 'timingKernels', config: { batchSize: 128 } } as const;
    expect(runActivity(timing, 2_400, true).doing).toBe("Timing this GPU's kernels for this network, once (at most 5 s; 2 s)…");
    expect(runActivity({ state: 'running', live, evaluatingImages: 10_000 }, 3_000, true).doing).toBe('Testing on 10,000 images (3 s)…');
  });

  it('counts the ETA down between reports, and says when one step is taking long', () => {
    const soon = runActivity({ state: 'running', live }, 1_000, true);
    expect(soon).toEqual({ doing: 'Training', etaSeconds: 59, stepRunningSeconds: null });
    const quiet = runActivity({ state: 'running', live }, 12_000, true);
    expect(quiet.etaSeconds).toBe(48);
    expect(quiet.stepRunningSeconds).toBe(12);
    expect(runActivity({ state: 'running', live }, 90_000, true).etaSeconds).toBe(0);
    // Paused or testing: the clock of the ETA stands still.
    expect(runActivity({ state: 'paused', live }, 30_000, true).etaSeconds).toBe(60);
  });

  it('says "Stopping…" from the press of Stop until the worker confirms, and announces it', () => {
    expect(runActivity({ state: 'running', live }, 11_000, true, { stopping: true }).doing).toBe('Stopping… (the step under way finishes first)');
    expect(progressAnnouncement('plain-20', { state: 'running', live, totalIterations: 100 }, { stopping: true })).toBe('plain-20: stopping.');
  });

  it('announces progress to screen readers in tenths, not every second', () => {
    const at = (iteration: number) => progressAnnouncement('plain-20', { state: 'running', live: { ...live, iteration }, totalIterations: 100 });
    expect(at(31)).toBe('plain-20: 30% trained.');
    expect(at(39)).toBe(at(31));
    expect(at(40)).toBe('plain-20: 40% trained.');
  });
});

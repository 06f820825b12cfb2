// Which changes the chart paces while a run trains (only the curves grew) and which it draws at once.
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../config';
import type { Run } from '../../state/appState';
import { onlyCurvesGrew } from './curvesPace';

const micro = PRESETS.find((preset) => preset.id === 'micro')!.config;
const run = (id: string, extra: Partial<Run> = {}): Run => ({ id, config: micro, state: 'running', createdAt: 0, train: [], test: [], ...extra });
const point = { iteration: 1, epoch: 0.25, trainError: 90, trainLoss: 2.3, learningRate: 0.1 };

describe('a change of the runs the chart draws', () => {
  it('is paced when only the curves grew, drawn at once when a run was added, hidden or ended', () => {
    const shown = [run('a'), run('b', { state: 'queued' })];
    expect(onlyCurvesGrew(shown, [{ ...shown[0], train: [point] }, shown[1]])).toBe(true);
    expect(onlyCurvesGrew(shown, [...shown, run('c')])).toBe(false);
    expect(onlyCurvesGrew(shown, [{ ...shown[0], hidden: true }, shown[1]])).toBe(false);
    expect(onlyCurvesGrew(shown, [{ ...shown[0], state: 'finished' }, shown[1]])).toBe(false);
  });
});

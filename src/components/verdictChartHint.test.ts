import { describe, expect, it } from 'vitest';
import type { Finding } from '../state/verdict';
import { verdictChartHint, type ChartLine } from './verdictChartHint';

const curve = (runId: string, name: string, depth: number, trainError: number) => ({ runId, name, depth, trainError });

function finding(status: Finding['status'], higher: ReturnType<typeof curve>, lower: ReturnType<typeof curve>): Finding {
  return { id: 'degradation', status, text: '', compared: { higher, lower, iteration: 1000, marginPoints: 1 } };
}

// As the chart draws them (runStyle.ts: every run its own colour, in the order the runs came): the first run blue,
// the second vermillion.
const lines = (entries: [string, ChartLine][]) => new Map(entries);
const drawn = lines([
  ['a', { name: 'plain-56', colour: '#D55E00' }],
  ['b', { name: 'plain-20', colour: '#0072B2' }],
]);

describe('verdictChartHint', () => {
  it('names the lines by run and by the colour the chart draws each in', () => {
    const shown = finding('shown', curve('a', 'plain-56', 56, 31), curve('b', 'plain-20', 20, 25));
    expect(verdictChartHint(shown, drawn)).toBe('Look at the dashed lines (training error): plain-56’s (vermillion) runs above plain-20’s (blue).');
  });

  it('follows the chart, not the depth: plain-56 and ResNet-56 are two colours now (issue 20, finding 8)', () => {
    const rescue = finding('shown', curve('a', 'plain-56', 56, 31), curve('c', 'ResNet-56 (option A)', 56, 18));
    const chart = lines([
      ['a', { name: 'plain-56', colour: '#D55E00' }],
      ['c', { name: 'ResNet-56 (option A)', colour: '#CC79A7' }],
    ]);
    expect(verdictChartHint(rescue, chart)).toBe('Look at the dashed lines (training error): plain-56’s (vermillion) runs above ResNet-56 (option A)’s (reddish purple).');
  });

  it('uses the names the chart legend shows, and names only when two lines share a colour', () => {
    const shown = finding('shown', curve('a', 'plain-56', 56, 31), curve('b', 'plain-20', 20, 25));
    expect(verdictChartHint(shown, lines([['a', { name: 'my deep run', colour: '#D55E00' }], ['b', { name: 'plain-20', colour: '#0072B2' }]]))).toMatch(
      /my deep run’s \(vermillion\) runs above plain-20’s \(blue\)/,
    );
    const wrapped = lines([
      ['a', { name: 'plain-56', colour: '#0072B2' }],
      ['b', { name: 'plain-20 #2', colour: '#0072B2' }],
    ]);
    expect(verdictChartHint(shown, wrapped)).toBe('Look at the dashed lines (training error): plain-56’s runs above plain-20 #2’s.');
  });

  it('says whether the lines are still together or crossed the other way when not shown', () => {
    expect(verdictChartHint(finding('notShown', curve('a', 'plain-56', 56, 25.5), curve('b', 'plain-20', 20, 25)), drawn)).toMatch(
      /plain-56’s \(vermillion\) and plain-20’s \(blue\) are still within 1\.0 points of each other\.$/,
    );
    expect(verdictChartHint(finding('notShown', curve('a', 'plain-56', 56, 20), curve('b', 'plain-20', 20, 25)), drawn)).toMatch(
      /plain-20’s \(blue\) runs above plain-56’s \(vermillion\), the opposite of the paper so far\.$/,
    );
  });

  it('has nothing to point at while it is too early', () => {
    expect(verdictChartHint({ id: 'rescue', status: 'tooEarly', text: '' }, new Map())).toBeNull();
  });
});

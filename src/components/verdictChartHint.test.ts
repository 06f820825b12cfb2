import { describe, expect, it } from 'vitest';
import type { Finding } from '../state/verdict';
import { verdictChartHint } from './verdictChartHint';

const curve = (runId: string, name: string, depth: number, trainError: number) => ({ runId, name, depth, trainError });

function finding(status: Finding['status'], higher: ReturnType<typeof curve>, lower: ReturnType<typeof curve>): Finding {
  return { id: 'degradation', status, text: '', compared: { higher, lower, iteration: 1000, marginPoints: 1 } };
}

const noNames = new Map<string, string>();

describe('verdictChartHint', () => {
  it('names the lines by run and colour when the finding is shown', () => {
    const shown = finding('shown', curve('a', 'plain-56', 56, 31), curve('b', 'plain-20', 20, 25));
    expect(verdictChartHint(shown, noNames)).toBe('Look at the dashed lines (training error): plain-56’s (vermillion) runs above plain-20’s (blue).');
  });

  it('uses the names the chart legend shows', () => {
    const shown = finding('shown', curve('a', 'plain-56', 56, 31), curve('b', 'plain-20', 20, 25));
    expect(verdictChartHint(shown, new Map([['a', 'my deep run']]))).toMatch(/my deep run’s \(vermillion\) runs above plain-20’s/);
  });

  it('tells two lines of one colour (same depth) apart by name only', () => {
    const rescue = finding('shown', curve('a', 'plain-56', 56, 31), curve('b', 'ResNet-56 (option A)', 56, 18));
    expect(verdictChartHint(rescue, noNames)).toBe(
      'Look at the two vermillion dashed lines (training error; one colour per depth): plain-56’s runs above ResNet-56 (option A)’s.',
    );
    const micro = finding('shown', curve('a', 'plain-8', 8, 70), curve('b', 'ResNet-8', 8, 60));
    expect(verdictChartHint(micro, noNames)).toMatch(/^Look at the two dashed lines in the depth-8 colour/);
  });

  it('says whether the lines are still together or crossed the other way when not shown', () => {
    expect(verdictChartHint(finding('notShown', curve('a', 'plain-56', 56, 25.5), curve('b', 'plain-20', 20, 25)), noNames)).toMatch(
      /plain-56’s \(vermillion\) and plain-20’s \(blue\) are still within 1\.0 points of each other\.$/,
    );
    expect(verdictChartHint(finding('notShown', curve('a', 'plain-56', 56, 20), curve('b', 'plain-20', 20, 25)), noNames)).toMatch(
      /plain-20’s \(blue\) runs above plain-56’s \(vermillion\), the opposite of the paper so far\.$/,
    );
  });

  it('has nothing to point at while it is too early', () => {
    expect(verdictChartHint({ id: 'rescue', status: 'tooEarly', text: '' }, noNames)).toBeNull();
  });
});

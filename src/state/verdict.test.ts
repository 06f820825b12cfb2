import { describe, expect, it } from 'vitest';
import { PRESETS, type BlockType } from '../config';
import { TEST_ELSEWHERE } from '../export/testRuns';
import type { Run, RunStatus } from './appState';
import { findings, nextFindings, PAPER_PAIRS, showsFinding, type Finding } from './verdict';

const base = PRESETS.find((p) => p.id === 'short')!.config;
let nextId = 0;

interface RunOptions {
  /** Last training iteration (points every 10 iterations). */
  until?: number;
  perEpoch?: number;
  batchSize?: number;
  state?: RunStatus;
  /** Test evaluations, every this many iterations (default: once an epoch); 0 for none. */
  evalEvery?: number;
  id?: string;
  /** Trained with PyTorch (imported from the script's file) rather than in a browser. */
  pytorch?: boolean;
}

/** A run whose training error follows `errorAt(iteration)`, sampled every 10 iterations up to `until`. */
function run(blockType: BlockType, depth: number, errorAt: (iteration: number) => number, options: RunOptions = {}): Run {
  const { until = 1000, perEpoch = 100, batchSize = 128, state = 'running', evalEvery = perEpoch } = options;
  const train = [];
  for (let iteration = 10; iteration <= until; iteration += 10) {
    train.push({ iteration, epoch: iteration / perEpoch, trainError: errorAt(iteration), trainLoss: 1, learningRate: 0.1 });
  }
  const test = [];
  for (let iteration = evalEvery; evalEvery > 0 && iteration <= until; iteration += evalEvery) {
    test.push({ iteration, epoch: iteration / perEpoch, testError: errorAt(iteration) + 2, testLoss: 1 });
  }
  nextId += 1;
  return {
    id: options.id ?? `r${nextId}`,
    config: { ...base, batchSize, model: { ...base.model, blockType, depth } },
    state,
    createdAt: 0,
    iterationsPerEpoch: perEpoch,
    train,
    test,
    ...(options.pytorch ? { importedFrom: 'pytorch.json', elsewhere: TEST_ELSEWHERE } : {}),
  };
}

const falling = (end: number) => (iteration: number) => end + (90 - end) * Math.exp(-iteration / 200);
const statusOf = (result: Finding[], id: Finding['id']) => result.find((f) => f.id === id)?.status;
/** How many times a sequence of statuses changes. */
const changes = (statuses: unknown[]) => statuses.filter((s, i) => i > 0 && s !== statuses[i - 1]).length;

describe('findings (verdict card)', () => {
  it('reports the degradation, the residual fix and deeper-helps when the curves show them', () => {
    const result = findings([
      run('plain', 20, falling(25)),
      run('plain', 56, falling(31)),
      run('residual', 20, falling(22)),
      run('residual', 56, falling(18)),
    ]);
    expect(result.map((f) => [f.id, f.status])).toEqual([
      ['degradation', 'shown'],
      ['rescue', 'shown'],
      ['deeperHelps', 'shown'],
    ]);
    expect(result[0].text).toMatch(/^Degradation reproduced: plain-56 training error 31\.\d% vs plain-20 25\.\d% at iteration 1,000\.$/);
    expect(result[1].text).toMatch(/Residual fix: ResNet-56 \(option A\) training error 18\.\d% vs plain-56 31\.\d%/);
    // The curves the chart should be read on: the run the paper expects higher first.
    expect(result[0].compared).toMatchObject({ higher: { name: 'plain-56', depth: 56 }, lower: { name: 'plain-20', depth: 20 }, iteration: 1000 });
    expect(result[1].compared).toMatchObject({ higher: { name: 'plain-56' }, lower: { name: 'ResNet-56 (option A)' } });
  });

  it('says "not visible yet" for a tie within the noise margin, with the reason for deeper ResNets', () => {
    const result = findings([run('residual', 20, falling(15.1)), run('residual', 56, falling(15.4))]);
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ id: 'deeperHelps', status: 'notShown' });
    expect(result[0].text).toMatch(/40 epochs/);
  });

  it('does not judge before one epoch, and compares only at iterations both runs reached', () => {
    const early = findings([run('plain', 20, falling(25), { until: 50 }), run('plain', 56, falling(31), { until: 50 })]);
    expect(early).toEqual([expect.objectContaining({ id: 'degradation', status: 'tooEarly' })]);
    expect(early[0].compared).toBeUndefined();
    // The deeper run is ahead in time but compared at the shallower run's last evaluation (500).
    const uneven = findings([run('plain', 20, falling(25), { until: 500 }), run('plain', 56, falling(31), { until: 1000 })]);
    expect(uneven[0].text).toMatch(/at iteration 500\./);
  });

  it('never pairs runs with different schedules or data', () => {
    const a = run('plain', 20, falling(25));
    const b = run('plain', 56, falling(31));
    b.config = { ...b.config, epochs: b.config.epochs + 1 };
    expect(findings([a, b])).toEqual([]);
    expect(findings([])).toEqual([]);
  });

  it('never pairs a paper-schedule run with a quick one, nor a 45k/5k-split run with a full-data one', () => {
    const a = run('plain', 20, falling(25));
    const b = run('plain', 56, falling(31));
    expect(findings([a, b])).toHaveLength(1);
    expect(findings([a, { ...b, config: { ...b.config, schedule: 'paper' } }])).toEqual([]);
    expect(findings([a, { ...b, config: { ...b.config, validationSplit: true } }])).toEqual([]);
  });

  it('pairs two paper-schedule runs whatever their (ignored) epochs field says', () => {
    const a = run('plain', 20, falling(25));
    const b = run('plain', 56, falling(31));
    a.config = { ...a.config, schedule: 'paper', epochs: 164 };
    b.config = { ...b.config, schedule: 'paper', epochs: 182 };
    expect(findings([a, b])).toEqual([expect.objectContaining({ id: 'degradation', status: 'shown' })]);
  });

  it('does not call a few noisy batches a finding: the margin grows with the noise of a small window', () => {
    // 40 iterations of batch 32, one epoch = 20: the last 10% is 4 batches (128 images) per run, so a 6-point
    // gap is within two standard errors (about 10 points) and must not be reported as the residual fix.
    const tiny = findings([run('plain', 20, () => 84, { until: 40, perEpoch: 20, batchSize: 32 }), run('residual', 20, () => 78, { until: 40, perEpoch: 20, batchSize: 32 })]);
    expect(tiny).toEqual([expect.objectContaining({ id: 'rescue', status: 'notShown' })]);
    expect(tiny[0].text).toMatch(/within the noise/);
  });
});

describe('a steady verdict: decided at test evaluations', () => {
  it('ignores the training windows that arrive between two evaluations of a run in training', () => {
    // Evaluated at 1,000 (plain-56 clearly above plain-20); the windows after it, up to 1,090, say the opposite.
    const shallow = run('plain', 20, () => 25, { until: 1090 });
    const deep = run('plain', 56, (i) => (i <= 1000 ? 31 : 10), { until: 1090 });
    const result = findings([shallow, deep]);
    expect(result[0]).toMatchObject({ status: 'shown' });
    expect(result[0].text).toMatch(/at iteration 1,000\./);
    // A new window (10 more iterations, the curves crossed) leaves the verdict as it was, text included.
    const oneWindowLater = (r: Run, trainError: number): Run => ({ ...r, train: [...r.train, { iteration: 1100, epoch: 11, trainError, trainLoss: 1, learningRate: 0.1 }] });
    expect(findings([oneWindowLater(shallow, 40), oneWindowLater(deep, 5)])).toEqual(result);
  });

  it('is too early while a run in training has no evaluation after its first epoch', () => {
    const a = run('plain', 20, falling(25), { evalEvery: 0 });
    const b = run('plain', 56, falling(31), { evalEvery: 0 });
    expect(statusOf(findings([a, b]), 'degradation')).toBe('tooEarly');
    expect(findings([a, b])[0].text).toMatch(/test evaluation/);
  });

  it('judges a run that no longer trains at its last training point, evaluated there or not', () => {
    const a = run('plain', 20, falling(25), { until: 950, state: 'stopped', evalEvery: 0 });
    const b = run('plain', 56, falling(31), { until: 950, state: 'finished', evalEvery: 0 });
    expect(findings([a, b])[0].text).toMatch(/^Degradation reproduced: .* at iteration 950\.$/);
  });
});

describe('a steady verdict: hysteresis', () => {
  it('needs the margin to show a finding, and half of it to withdraw one', () => {
    expect(showsFinding(1.2, 1, false)).toBe(true);
    expect(showsFinding(0.8, 1, false)).toBe(false);
    expect(showsFinding(0.8, 1, true)).toBe(true);
    expect(showsFinding(0.5, 1, true)).toBe(false);
    expect(showsFinding(-3, 1, true)).toBe(false);
  });

  // plain-56 vs plain-20 at batch 128, 1,000 iterations an epoch, evaluated each epoch from epoch 10: a window of
  // 128,000 images makes two standard errors about 0.3 points, so the margin is the 1-point floor (MARGIN_POINTS).
  const shallowId = 'plain-20';
  const deepId = 'plain-56';
  /** The two runs after `epochs` epochs, plain-56's training error `gap` points above plain-20's. */
  const evaluation = (epochs: number, gap: number): Run[] => [
    run('plain', 20, () => 20, { until: epochs * 1000, perEpoch: 1000, id: shallowId }),
    run('plain', 56, () => 20 + gap, { until: epochs * 1000, perEpoch: 1000, id: deepId }),
  ];
  /** The degradation status after each evaluation, with the verdict carried from one to the next. */
  const steadyStatuses = (gaps: number[]) => {
    let shown: Finding[] = [];
    return gaps.map((gap, k) => {
      shown = nextFindings(shown, evaluation(10 + k, gap));
      return statusOf(shown, 'degradation');
    });
  };

  it('changes once, not at every evaluation, when the gap oscillates around the margin', () => {
    const gaps = [0.3, 1.2, 0.8, 1.3, 0.7, 1.1, 0.9, 1.2];
    const fresh = gaps.map((gap, k) => statusOf(findings(evaluation(10 + k, gap)), 'degradation'));
    expect(changes(fresh)).toBe(7); // without memory: a flip at every evaluation
    const steady = steadyStatuses(gaps);
    expect(steady).toEqual(['notShown', 'shown', 'shown', 'shown', 'shown', 'shown', 'shown', 'shown']);
    expect(changes(steady)).toBe(1);
  });

  it('still changes when the evidence really changes: the gap closes, or the curves cross', () => {
    expect(steadyStatuses([1.5, 0.8, 0.3])).toEqual(['shown', 'shown', 'notShown']);
    expect(steadyStatuses([1.5, -2])).toEqual(['shown', 'notShown']);
    // Once withdrawn, it needs the full margin again.
    expect(steadyStatuses([1.5, 0.3, 0.8, 1.2])).toEqual(['shown', 'notShown', 'notShown', 'shown']);
  });

  it('says when a finding is kept only by the hysteresis', () => {
    const kept = nextFindings(findings(evaluation(10, 1.5)), evaluation(11, 0.8));
    expect(kept[0].status).toBe('shown');
    expect(kept[0].text).toMatch(/narrowed to 0\.8 points, within the 1\.0-point noise margin; the finding is withdrawn if it falls below 0\.5\.$/);
  });

  it('does not carry a verdict over to another pair of runs', () => {
    const before = findings(evaluation(10, 1.5));
    const otherDeepRun = run('plain', 56, () => 20.8, { until: 11_000, perEpoch: 1000, id: 'another plain-56' });
    const shallow = run('plain', 20, () => 20, { until: 11_000, perEpoch: 1000, id: shallowId });
    expect(statusOf(nextFindings(before, [shallow, otherDeepRun]), 'degradation')).toBe('notShown');
  });

  it('gives the same answer when applied twice to the same runs (React may render twice)', () => {
    const once = nextFindings(findings(evaluation(10, 1.5)), evaluation(11, 0.8));
    expect(nextFindings(once, evaluation(11, 0.8))).toEqual(once);
  });
});

describe('runs trained with PyTorch (imported from the script\'s file)', () => {
  const pytorch = { pytorch: true, state: 'finished' as const };
  const sources = (finding: Finding | undefined, runs: Run[]) =>
    [finding?.compared?.higher.runId, finding?.compared?.lower.runId].map((id) => (runs.find((r) => r.id === id)?.elsewhere ? 'PyTorch' : 'browser'));

  it('take part: a PyTorch-only degradation pair gives the finding, named as the page names them', () => {
    const result = findings([run('plain', 20, falling(25), pytorch), run('plain', 56, falling(31), pytorch)]);
    expect(result.map((f) => [f.id, f.status])).toEqual([['degradation', 'shown']]);
    expect(result[0].text).toMatch(/^Degradation reproduced: plain-56 · PyTorch training error 31\.\d% vs plain-20 · PyTorch 25\.\d% at iteration 1,000\.$/);
    expect(result[0].compared).toMatchObject({ higher: { name: 'plain-56 · PyTorch', depth: 56 }, lower: { name: 'plain-20 · PyTorch', depth: 20 } });
  });

  it('are compared like with like on a mixed chart, even when a mixed pair reached further', () => {
    // The browser's plain-20 and PyTorch's plain-56 both reached iteration 1,000; each source's own pair only 500.
    const runs = [
      run('plain', 20, falling(25), { id: 'browser-20', state: 'finished' }),
      run('plain', 56, falling(31), { id: 'browser-56', state: 'finished', until: 500 }),
      run('plain', 20, falling(26), { id: 'pytorch-20', ...pytorch, until: 500 }),
      run('plain', 56, falling(33), { id: 'pytorch-56', ...pytorch }),
    ];
    const [degradation] = findings(runs);
    expect(degradation).toMatchObject({ id: 'degradation', status: 'shown', compared: { iteration: 500 } });
    const [higher, lower] = sources(degradation, runs);
    expect(higher).toBe(lower);
    expect(degradation.text).not.toMatch(/different places/);
  });

  it('pair the residual fix within one source: the browser\'s plain-56 with the browser\'s ResNet-56, not a longer PyTorch one', () => {
    // The PyTorch ResNet-56 reached further than the browser's, so beside the browser's plain-56 it would compare later.
    const runs = [
      run('plain', 56, falling(31), { id: 'browser-plain', state: 'finished' }),
      run('residual', 56, falling(20), { id: 'browser-res', state: 'finished', until: 800 }),
      run('residual', 56, falling(18), { id: 'pytorch-res', ...pytorch, until: 2000 }),
    ];
    const rescue = findings(runs).find((f) => f.id === 'rescue')!;
    expect(rescue.status).toBe('shown');
    expect(rescue.compared).toMatchObject({ higher: { runId: 'browser-plain' }, lower: { runId: 'browser-res' }, iteration: 800 });
    expect(rescue.text).toMatch(/^Residual fix: ResNet-56 \(option A\) training error 2\d\.\d% vs plain-56 3\d\.\d% at iteration 800\.$/);
    // With a PyTorch plain-56 too, each source has its pair: the longer comparison is PyTorch's.
    const both = findings([...runs, run('plain', 56, falling(33), { id: 'pytorch-plain', ...pytorch, until: 1500 })]).find((f) => f.id === 'rescue')!;
    expect(both.compared).toMatchObject({ higher: { runId: 'pytorch-plain' }, lower: { runId: 'pytorch-res' }, iteration: 1500 });
    expect(both.text).toMatch(/^Residual fix: ResNet-56 \(option A\) · PyTorch training error .* vs plain-56 · PyTorch /);
  });

  it('are paired with a browser run when no pair of one source exists, and the text says so', () => {
    const [degradation] = findings([run('plain', 20, falling(25), { state: 'finished' }), run('plain', 56, falling(31), pytorch)]);
    expect(degradation.status).toBe('shown');
    expect(degradation.text).toMatch(/^Degradation reproduced: plain-56 · PyTorch training error 31\.\d% vs plain-20 25\.\d% at iteration 1,000\. /);
    expect(degradation.text).toMatch(/The two runs trained in different places \(PyTorch and a browser\), so part of the gap may come from that\.$/);
  });

  it('name a pair of one source while it is too early', () => {
    const early = { until: 50 };
    const [degradation] = findings([
      run('plain', 20, falling(25), { ...early, pytorch: true }),
      run('plain', 56, falling(31), early),
      run('plain', 56, falling(31), { ...early, pytorch: true }),
    ]);
    expect(degradation).toMatchObject({ id: 'degradation', status: 'tooEarly' });
    expect(degradation.text).toMatch(/^plain-20 · PyTorch vs plain-56 · PyTorch: not yet visible/);
  });
});

describe('findings with a focus (a first-visit proposal: its runs, its pairs)', () => {
  const inProposal = (r: Run): Run => ({ ...r, experimentId: 'proposal' });
  const focus = { experimentId: 'proposal', pairs: { rescue: PAPER_PAIRS.rescue, degradation: PAPER_PAIRS.degradation } };

  it('judges the residual fix in plain-56 vs ResNet-56 only, never plain-20 vs ResNet-20, and leaves out findings not asked for', () => {
    const runs = [
      inProposal(run('plain', 20, falling(30), { state: 'finished' })),
      inProposal(run('residual', 20, falling(20), { state: 'finished' })),
      inProposal(run('plain', 56, falling(40), { state: 'finished' })),
      inProposal(run('residual', 56, falling(35), { state: 'queued', until: 0 })),
    ];
    // Without the focus the 20-layer pair answers (it is the longest comparison).
    expect(findings(runs).find((f) => f.id === 'rescue')).toMatchObject({ status: 'shown' });
    const focused = nextFindings([], runs, focus);
    expect(focused.map((f) => f.id)).toEqual(['degradation', 'rescue']);
    expect(focused.find((f) => f.id === 'rescue')).toMatchObject({ status: 'tooEarly' });
    expect(focused.find((f) => f.id === 'rescue')!.text).toMatch(/^ResNet-56 \(option A\) vs plain-56: not yet visible/);
  });

  it('ignores runs outside the experiment', () => {
    const outside = [run('plain', 20, falling(25), { state: 'finished' }), run('plain', 56, falling(31), { state: 'finished' })];
    expect(nextFindings([], outside, focus)).toEqual([]);
  });
});

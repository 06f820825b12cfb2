import { describe, expect, it } from 'vitest';
import { PRESETS, type BlockType } from '../config';
import type { Run } from './appState';
import { findings } from './verdict';

const base = PRESETS.find((p) => p.id === 'short')!.config;
let nextId = 0;

/** A run whose training error follows `errorAt(iteration)`, sampled every 10 iterations up to `until`. */
function run(blockType: BlockType, depth: number, errorAt: (iteration: number) => number, until = 1000, perEpoch = 100, batchSize = 128): Run {
  const train = [];
  for (let iteration = 10; iteration <= until; iteration += 10) {
    train.push({ iteration, epoch: iteration / perEpoch, trainError: errorAt(iteration), trainLoss: 1, learningRate: 0.1 });
  }
  nextId += 1;
  return {
    id: `r${nextId}`,
    config: { ...base, batchSize, model: { ...base.model, blockType, depth } },
    state: 'running',
    createdAt: 0,
    iterationsPerEpoch: perEpoch,
    train,
    test: [],
  };
}

const falling = (end: number) => (iteration: number) => end + (90 - end) * Math.exp(-iteration / 200);

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
  });

  it('says "not visible yet" for a tie within the noise margin, with the reason for deeper ResNets', () => {
    const result = findings([run('residual', 20, falling(15.1)), run('residual', 56, falling(15.4))]);
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ id: 'deeperHelps', status: 'notShown' });
    expect(result[0].text).toMatch(/40 epochs/);
  });

  it('does not judge before one epoch, and compares only at iterations both runs reached', () => {
    const early = findings([run('plain', 20, falling(25), 50), run('plain', 56, falling(31), 50)]);
    expect(early).toEqual([expect.objectContaining({ id: 'degradation', status: 'tooEarly' })]);
    // The deeper run is ahead in time but compared at the shallower run's last iteration (500).
    const uneven = findings([run('plain', 20, falling(25), 500), run('plain', 56, falling(31), 1000)]);
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
    const tiny = findings([run('plain', 20, () => 84, 40, 20, 32), run('residual', 20, () => 78, 40, 20, 32)]);
    expect(tiny).toEqual([expect.objectContaining({ id: 'rescue', status: 'notShown' })]);
    expect(tiny[0].text).toMatch(/within the noise/);
  });
});

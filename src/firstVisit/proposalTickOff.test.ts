import { describe, expect, it } from 'vitest';
import type { Run, RunStatus } from '../state/appState';
import { nextFindings } from '../state/verdict';
import { expectedFindings } from './expectedFindings';
import { proposalFocus, type TrackedProposal } from './trackedProposal';
import { tickOff } from './proposalTickOff';
import { experimentConfigs } from './sizeExperiment';

// Figure 6 at 5 epochs, as the 15-minute proposal of the first-visit e2e test: degradation and the residual fix
// promised, deeper-helps not (the reference needs about 40 epochs).
const tracked: TrackedProposal = {
  experimentId: 'Figure 6, 5 epochs (first visit)',
  experiment: 'figure6',
  epochs: 5,
  budgetMinutes: 15,
  expectations: expectedFindings(5),
};
const [plain20, plain56, resnet20, resnet56] = experimentConfigs('figure6', 5);
const PER_EPOCH = 100;

/** A run of the proposal whose training error is `error` (%) throughout, trained to `epochs` epochs. */
function run(config: typeof plain20, error: number, epochs: number, state: RunStatus, experimentId = tracked.experimentId): Run {
  const train = [];
  const test = [];
  for (let iteration = 10; iteration <= epochs * PER_EPOCH; iteration += 10) train.push({ iteration, epoch: iteration / PER_EPOCH, trainError: error, trainLoss: 1, learningRate: 0.1 });
  for (let epoch = 1; epoch <= epochs; epoch++) test.push({ iteration: epoch * PER_EPOCH, epoch, testError: error + 2, testLoss: 1 });
  return { id: `${config.model.blockType}-${config.model.depth}-${experimentId}`, config, state, createdAt: 0, experimentId, iterationsPerEpoch: PER_EPOCH, train, test };
}

const ticks = (runs: Run[]) => tickOff(tracked, nextFindings([], runs, proposalFocus(tracked)), runs);
const states = (runs: Run[]) => ticks(runs).map((tick) => [tick.id, tick.state, tick.outcome]);

describe('tickOff (the proposal card while its runs train)', () => {
  it('keeps every promise on screen, waiting, while only the first run trains', () => {
    expect(states([run(plain20, 40, 1, 'running'), run(plain56, 90, 0, 'queued'), run(resnet20, 90, 0, 'queued'), run(resnet56, 90, 0, 'queued')])).toEqual([
      ['degradation', 'waiting', 'Waiting for its runs'],
      ['rescue', 'waiting', 'Waiting for its runs'],
      ['deeperHelps', 'waiting', 'Waiting for its runs'],
    ]);
    // Where the pair's runs are, and what the reference promised for them.
    expect(ticks([run(plain20, 40, 1, 'running'), run(plain56, 90, 0, 'queued')])[0].detail).toMatch(
      /^plain-56 queued, plain-20 training now\. In the PyTorch reference after 5 epochs, plain-56 has [\d.]+% training error and plain-20 [\d.]+%\.$/,
    );
  });

  it('ticks the degradation off once plain-56 and plain-20 show it, while the ResNets still wait', () => {
    const result = ticks([run(plain20, 40, 5, 'finished'), run(plain56, 60, 5, 'finished'), run(resnet20, 50, 1, 'running'), run(resnet56, 90, 0, 'queued')]);
    expect(result.map((tick) => [tick.id, tick.state])).toEqual([
      ['degradation', 'seen'],
      ['rescue', 'waiting'],
      ['deeperHelps', 'waiting'],
    ]);
    expect(result[0].outcome).toBe('Seen, as promised');
    expect(result[0].detail).toMatch(/^Degradation reproduced: plain-56 .*training error 60\.0% vs plain-20 40\.0%/);
  });

  it('judges the residual fix in the proposal’s pair, plain-56 vs ResNet-56, never plain-20 vs ResNet-20', () => {
    // ResNet-20 below plain-20 would "show" a residual fix in the 20-layer pair; the proposal named the 56-layer one,
    // whose ResNet has not trained an epoch yet.
    const result = ticks([run(plain20, 40, 5, 'finished'), run(plain56, 60, 5, 'finished'), run(resnet20, 20, 5, 'finished'), run(resnet56, 90, 0, 'running')]);
    expect(result.find((tick) => tick.id === 'rescue')).toMatchObject({ state: 'waiting' });
    expect(result.find((tick) => tick.id === 'rescue')!.detail).toMatch(/^plain-56 finished, ResNet-56 training now\. In the PyTorch reference/);
  });

  it('at the end: the promises not kept are said so, and what was not promised and not seen is "as expected"', () => {
    const result = ticks([run(plain20, 40, 5, 'finished'), run(plain56, 40.5, 5, 'finished'), run(resnet20, 30, 5, 'finished'), run(resnet56, 30.2, 5, 'finished')]);
    expect(result.map((tick) => [tick.id, tick.state, tick.outcome])).toEqual([
      ['degradation', 'notSeen', 'Not seen in your runs'],
      ['rescue', 'seen', 'Seen, as promised'],
      ['deeperHelps', 'notSeen', 'Not seen, as expected at this length'],
    ]);
  });

  it('ignores runs of the same networks outside the proposal', () => {
    const elsewhere = [run(plain20, 10, 5, 'finished', 'another experiment'), run(plain56, 80, 5, 'finished', 'another experiment')];
    expect(states([...elsewhere, run(plain20, 40, 0, 'queued'), run(plain56, 40, 0, 'queued')])[0]).toEqual(['degradation', 'waiting', 'Waiting for its runs']);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { expectedFindings } from './expectedFindings';
import { experimentConfigs, type Proposal } from './sizeExperiment';
import { loadTrackedProposal, proposalFocus, saveTrackedProposal, trackProposal } from './trackedProposal';

const proposal = (experiment: Proposal['experiment']): Proposal => ({
  experiment,
  epochs: 5,
  configs: experimentConfigs(experiment, 5),
  seconds: 700,
  findings: expectedFindings(5),
});

describe('the proposal followed after "Run it"', () => {
  beforeEach(() => {
    const kept = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => kept.get(key) ?? null,
      setItem: (key: string, value: string) => kept.set(key, value),
      removeItem: (key: string) => kept.delete(key),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('keeps only the promises its networks can speak to, and asks the verdict about those pairs only', () => {
    const pair = trackProposal(proposal('degradation'), 'exp-1', 5);
    expect(pair.expectations.map((finding) => finding.id)).toEqual(['degradation']);
    expect(proposalFocus(pair)).toEqual({ experimentId: 'exp-1', pairs: { degradation: { higher: { depth: 56, blockType: 'plain' }, lower: { depth: 20, blockType: 'plain' } } } });
    expect(Object.keys(proposalFocus(trackProposal(proposal('figure6'), 'exp-2', 15)).pairs)).toEqual(['degradation', 'rescue', 'deeperHelps']);
  });

  it('survives a reload, and is forgotten when closed; anything else stored there is ignored', () => {
    const tracked = trackProposal(proposal('figure6'), 'exp-3', 15);
    saveTrackedProposal(tracked);
    expect(loadTrackedProposal()).toEqual(tracked);
    saveTrackedProposal(null);
    expect(loadTrackedProposal()).toBeNull();
    localStorage.setItem('residual-playground.tracked-proposal', '{"experimentId":"x","experiment":"optionAB","expectations":[]}');
    expect(loadTrackedProposal()).toBeNull();
    localStorage.setItem('residual-playground.tracked-proposal', JSON.stringify({ ...tracked, expectations: [...tracked.expectations, { id: 'unknown', expected: true, evidence: '' }] }));
    expect(loadTrackedProposal()?.expectations.map((finding) => finding.id)).toEqual(['degradation', 'rescue', 'deeperHelps']);
    localStorage.setItem('residual-playground.tracked-proposal', 'not json');
    expect(loadTrackedProposal()).toBeNull();
  });
});

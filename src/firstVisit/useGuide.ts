// The first-visit guide's life on the page: shown on a first visit, reopenable at any time from the header (its
// explanation and picture must never be gone for good, issue 20), and after "Run it" the proposal it made stays on
// screen while its runs train. Every action moves the focus somewhere meaningful, since the button pressed
// disappears with the guide (issue 20, finding 7).
import { useMemo, useState } from 'react';
import { presetById, type TrainConfig } from '../config';
import { experimentPresetById, type ExperimentMember } from '../experiment/experimentPresets';
import { memberConfig } from '../experiment/planExperiment';
import type { ChartView } from '../components/ChartControls';
import type { ExperimentChoice } from '../components/ExperimentPanel';
import { useServices } from '../state/appContext';
import { newRunId } from '../state/runIds';
import type { FirstVisitActions } from './FirstVisit';
import { firstVisitDone, markFirstVisitDone, shouldShowFirstVisit } from './firstVisitMemory';
import { EXPERIMENT_TITLES } from './proposalFindings';
import { shortRecipe, type Proposal } from './sizeExperiment';
import { loadTrackedProposal, proposalFocus, saveTrackedProposal, trackProposal, type TrackedProposal } from './trackedProposal';

/** The reference overlay the no-GPU path opens on: 40 epochs, where all three findings show (src/reference). */
const REFERENCE_FOR_FINDING = 'pytorch-40';
/** Beside the tiny demo (2 epochs): the shorter reference, so the x axis is not stretched to 40 epochs. */
const REFERENCE_FOR_DEMO = 'pytorch-15';
/** The tiny demo is a pair, so there is something to compare: plain-8 and ResNet-8 with the micro recipe. */
const DEMO_MEMBERS: ExperimentMember[] = [
  { depth: 8, blockType: 'plain', shortcut: 'A', block: 'basic' },
  { depth: 8, blockType: 'residual', shortcut: 'A', block: 'basic' },
];

interface GuideSetup {
  historyLoaded: boolean;
  runCount: number;
  bareAddress: boolean;
  chartView: ChartView;
  setChartView: (view: ChartView) => void;
  setConfig: (config: TrainConfig) => void;
  setChoice: (choice: ExperimentChoice) => void;
  setSettingsOpen: (open: boolean) => void;
  /** Brings the run's status into view (App.tsx). */
  showRunStatus: () => void;
  experimentIdFor: (name: string) => string;
}

/** Focus after React has rendered what an action changed; without scrolling, which the action does itself. */
function focusSoon(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus({ preventScroll: true }));
}

export function useGuide(setup: GuideSetup) {
  const { store } = useServices();
  const { setChartView, setConfig, setChoice, setSettingsOpen, showRunStatus, experimentIdFor } = setup;
  const [left, setLeft] = useState(firstVisitDone);
  const [reopened, setReopened] = useState(false);
  const [tracked, setTracked] = useState<TrackedProposal | null>(loadTrackedProposal);
  const firstVisit = shouldShowFirstVisit({ historyLoaded: setup.historyLoaded, runCount: setup.runCount, done: left, bareAddress: setup.bareAddress });
  /** Until the history is read it is not known whether this is a first visit; the URL is left bare meanwhile. */
  const mayBeFirstVisit = setup.bareAddress && !left && (!setup.historyLoaded || setup.runCount === 0);
  const focus = useMemo(() => (tracked ? proposalFocus(tracked) : undefined), [tracked]);

  const leave = () => {
    markFirstVisitDone();
    setLeft(true);
    setReopened(false);
  };
  const track = (next: TrackedProposal | null) => {
    saveTrackedProposal(next);
    setTracked(next);
  };
  const adoptProposal = (proposal: Proposal) => {
    setConfig(shortRecipe(proposal.epochs));
    setChoice({ mode: proposal.experiment, members: [...(experimentPresetById(proposal.experiment)?.members ?? [])], retrainFinished: false });
  };

  const actions: FirstVisitActions = {
    run: (proposal, budgetMinutes) => {
      adoptProposal(proposal);
      setSettingsOpen(false); // the chart gets the width; the settings are one click away
      const experimentId = experimentIdFor(`${EXPERIMENT_TITLES[proposal.experiment]}, ${proposal.epochs} ${proposal.epochs === 1 ? 'epoch' : 'epochs'} (first visit)`);
      store.dispatch({ type: 'runsQueued', runs: proposal.configs.map((config) => ({ runId: newRunId(), config, experimentId })), createdAt: Date.now() });
      track(trackProposal(proposal, experimentId, budgetMinutes));
      leave();
      focusSoon('proposal-tracker-title');
      showRunStatus();
    },
    runTinyDemo: () => {
      const micro = presetById('micro').config;
      setConfig(micro);
      setChoice({ mode: 'custom', members: DEMO_MEMBERS, retrainFinished: false });
      const experimentId = experimentIdFor('Tiny demo: plain-8 and ResNet-8');
      store.dispatch({ type: 'runsQueued', runs: DEMO_MEMBERS.map((member) => ({ runId: newRunId(), config: memberConfig(micro, member), experimentId })), createdAt: Date.now() });
      setChartView({ ...setup.chartView, referenceId: REFERENCE_FOR_DEMO, unit: 'epoch' });
      setSettingsOpen(false);
      leave();
      focusSoon('chart');
      showRunStatus();
    },
    showReference: () => {
      setChartView({ ...setup.chartView, referenceId: REFERENCE_FOR_FINDING, unit: 'epoch' });
      setSettingsOpen(false); // the chart and the verdict get the width: nothing is set up here
      leave();
      // The reader lands on what the reference shows, in words; the chart above it comes into view.
      focusSoon('verdict-reference-title');
      requestAnimationFrame(() => document.getElementById('chart')?.scrollIntoView({ block: 'start' }));
    },
    openControls: (proposal) => {
      if (proposal) adoptProposal(proposal);
      leave();
      setSettingsOpen(true);
      requestAnimationFrame(() => document.getElementById('experiment')?.focus());
    },
  };

  return {
    /** The first-visit path shows (a first visit, not yet left). */
    firstVisit,
    mayBeFirstVisit,
    /** The guide shows: on a first visit, or reopened. */
    guideShown: firstVisit || reopened,
    reopened: reopened && !firstVisit,
    reopen: () => {
      setReopened(true);
      // FirstVisit focuses its own heading when reopened.
      requestAnimationFrame(() => document.getElementById('first-visit')?.scrollIntoView({ block: 'start' }));
    },
    closeReopened: () => {
      setReopened(false);
      focusSoon('guide-toggle');
    },
    actions,
    tracked,
    /** The verdict's focus while a proposal is followed. */
    focus,
    closeTracked: () => {
      track(null);
      focusSoon('chart');
    },
  };
}

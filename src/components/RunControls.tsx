import { useEffect, useRef, useState } from 'react';
import type { TrainConfig } from '../config';
import type { ExportedExperiment } from '../runElsewhere/exportedExperiment';
import { activeRun, isStopping, type AppState } from '../state/appState';
import { useAppState, useServices } from '../state/appContext';
import { resumeCandidatesFor, type ResumeCandidate } from '../state/resumeCandidates';
import { focusStatus } from './focusStatus';
import type { RecipeShortening } from './longRunWarning';
import { plannedFromExported } from './plannedRuns';
import { LongRunQuestion, ResumeQuestion } from './RunQuestions';
import { RunElsewhere } from './runElsewhere/RunElsewhere';
import { longRun, type LongRun } from './trainChecks';

interface RunControlsProps {
  /** "Train" for one network, "Run experiment (4 runs)" for a list. */
  actionLabel: string;
  /** Why the action cannot start now, in words; null when it can. */
  blockedReason: string | null;
  onAction: () => void;
  /** What "Run elsewhere…" exports (the networks the main button trains); null while the settings are invalid. */
  exported: ExportedExperiment | null;
  /** The configurations the main button would queue (the plan's toQueue); by default those of `exported` that
   *  are neither waiting, training nor finished here. */
  plannedConfigs?: readonly TrainConfig[];
  /** Changes the recipe's length (the shorter recipe a long run's question offers); without it the question
   *  names the shorter recipe in words. */
  onShortenRecipe?: (change: RecipeShortening) => void;
}

type Question = { kind: 'resume'; candidates: ResumeCandidate[]; others: number } | { kind: 'long'; long: LongRun } | null;

/** The main button (it adds to the queue, so it works while something trains), its alternative of running the
 *  same experiment with PyTorch elsewhere, and the current run's controls. Before it queues, it asks when the
 *  set-up has a run that can be resumed, and when the runs would take hours on this device. */
export function RunControls({ actionLabel, blockedReason, onAction, exported, plannedConfigs, onShortenRecipe }: RunControlsProps) {
  const { client, store } = useServices();
  const run = useAppState(activeRun);
  const stopping = useAppState((state) => run !== undefined && isStopping(state, run));
  const [question, setQuestion] = useState<Question>(null);
  // Set when a choice must queue after the page has re-rendered with its change (a shorter recipe, resumed runs).
  const [queueAfterRender, setQueueAfterRender] = useState(false);
  const trainButton = useRef<HTMLButtonElement>(null);
  const state = run?.state;

  useEffect(() => {
    if (!queueAfterRender) return;
    setQueueAfterRender(false);
    onAction();
    focusStatus();
  }, [queueAfterRender, onAction]);

  /** What the button would queue, as the state is now. */
  const configsNow = (now: AppState) => plannedConfigs ?? plannedFromExported(exported?.configs ?? [], now.runs, now.backend?.name ?? null);

  /** Queues, unless the runs are long: then asks first. `answered`: pressed in a question, which goes away with
   *  its buttons, so the keyboard moves to the status. */
  const queueOrWarn = (answered: boolean) => {
    const now = store.getState();
    const long = longRun(now, configsNow(now));
    if (long) return setQuestion({ kind: 'long', long });
    setQuestion(null);
    onAction();
    if (answered) focusStatus();
  };
  const train = () => {
    const now = store.getState();
    const configs = configsNow(now);
    const candidates = resumeCandidatesFor(now, configs);
    if (candidates.length > 0) setQuestion({ kind: 'resume', candidates, others: configs.length - candidates.length });
    else queueOrWarn(false);
  };
  const cancel = () => {
    setQuestion(null);
    trainButton.current?.focus();
  };
  const stop = () => {
    if (run) store.dispatch({ type: 'runStopRequested', runId: run.id });
    client.stop();
  };

  return (
    <div className="run-controls">
      <button type="button" className="primary" ref={trainButton} disabled={blockedReason !== null} onClick={train}>
        {actionLabel}
      </button>
      <RunElsewhere experiment={exported} />
      {state === 'paused' ? (
        <button type="button" onClick={() => client.resume()} disabled={stopping}>
          Resume
        </button>
      ) : (
        <button type="button" onClick={() => client.pause()} disabled={!run || state === 'starting' || stopping}>
          Pause
        </button>
      )}
      <button type="button" onClick={stop} disabled={!run || stopping} title="Stops the run that is training; the queue then waits for you.">
        {stopping ? 'Stopping…' : 'Stop'}
      </button>
      {question?.kind === 'resume' ? (
        <ResumeQuestion
          candidates={question.candidates}
          onResume={() => {
            question.candidates.forEach(({ run: stopped }) => store.dispatch({ type: 'runResumeRequested', runId: stopped.id }));
            setQuestion(null);
            // The experiment's other networks are queued once the plan counts the resumed ones as waiting.
            if (question.others > 0) setQueueAfterRender(true);
            focusStatus();
          }}
          onStartAgain={() => {
            // The same settings and seed train the same curve again: the stopped run's points would be a duplicate.
            question.candidates.forEach(({ run: stopped }) => store.dispatch({ type: 'runRemoved', runId: stopped.id }));
            queueOrWarn(true);
          }}
          onCancel={cancel}
        />
      ) : null}
      {question?.kind === 'long' ? (
        <LongRunQuestion
          seconds={question.long.seconds}
          estimatedFrom={question.long.estimatedFrom}
          shorter={question.long.shorter}
          onShorten={
            onShortenRecipe && question.long.shorter
              ? () => {
                  onShortenRecipe(question.long.shorter!.change);
                  setQuestion(null);
                  setQueueAfterRender(true);
                }
              : undefined
          }
          onTrainAnyway={() => {
            setQuestion(null);
            onAction();
            focusStatus();
          }}
          onCancel={cancel}
        />
      ) : null}
      {blockedReason ? <p className="run-blocked">{blockedReason}</p> : null}
    </div>
  );
}

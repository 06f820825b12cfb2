import { displayedRunName } from '../state/runDisplayName';
import type { ResumeCandidate } from '../state/resumeCandidates';
import { formatDuration } from './format';
import type { ShorterRecipe } from './longRunWarning';
import { TrainQuestion, type QuestionChoice } from './TrainQuestion';

/** Train on a set-up whose run stopped early and kept a checkpoint: go on from it, or train from iteration 0. */
export function ResumeQuestion({ candidates, onResume, onStartAgain, onCancel }: { candidates: readonly ResumeCandidate[]; onResume: () => void; onStartAgain: () => void; onCancel: () => void }) {
  const one = candidates.length === 1;
  const names = candidates.map(({ run, checkpointIteration }) => `${displayedRunName(run)} (checkpoint at iteration ${checkpointIteration.toLocaleString('en-US')})`).join(', ');
  return (
    <TrainQuestion
      title="Resume or start again?"
      choices={[
        { label: 'Resume', onChoose: onResume, primary: true },
        { label: 'Start again', onChoose: onStartAgain },
        { label: 'Cancel', onChoose: onCancel },
      ]}
    >
      <p>
        {one ? 'A run with exactly these settings stopped before its end' : `${candidates.length} runs with exactly these settings stopped before their end`}: {names}.
        {one && candidates[0].run.message ? ` ${candidates[0].run.message}` : ''}
      </p>
      <p>
        Resume goes on from {one ? 'its checkpoint' : 'their checkpoints'}. Start again trains {one ? 'it' : 'them'} from iteration 0 and replaces the
        stopped {one ? 'run' : 'runs'}.
      </p>
    </TrainQuestion>
  );
}

interface LongRunQuestionProps {
  seconds: number;
  /** Networks whose speed was estimated from another network's measurement. */
  estimatedFrom: readonly string[];
  shorter: ShorterRecipe | null;
  /** Absent when the page cannot change the recipe from here: the shorter recipe is then named in words. */
  onShorten?: () => void;
  onTrainAnyway: () => void;
  onCancel: () => void;
}

/** Train on runs that take longer than an hour on this device: how long, and a shorter recipe. */
export function LongRunQuestion({ seconds, estimatedFrom, shorter, onShorten, onTrainAnyway, onCancel }: LongRunQuestionProps) {
  const choices: QuestionChoice[] = [
    ...(onShorten && shorter ? [{ label: `Train ${shorter.label} instead`, onChoose: onShorten, primary: true }] : []),
    { label: 'Train anyway', onChoose: onTrainAnyway },
    { label: 'Cancel', onChoose: onCancel },
  ];
  return (
    <TrainQuestion title={`This takes about ${formatDuration(seconds)} on this device`} choices={choices}>
      <p>
        From the speed measured on this device{estimatedFrom.length > 0 ? ` (estimated from ${estimatedFrom.join(' and ')}’s measured speed)` : ''}, training
        goes on for about {formatDuration(seconds)} before it finishes, and the page has to stay open meanwhile.
      </p>
      {shorter ? (
        <p data-testid="shorter-recipe">
          A shorter recipe, {shorter.label}, takes about {formatDuration(shorter.seconds)}
          {onShorten ? '.' : ': set it under Schedule (“Quick”), Epochs and, under More, Training images.'}
        </p>
      ) : null}
    </TrainQuestion>
  );
}

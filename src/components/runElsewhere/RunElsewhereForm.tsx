import { useMemo, useState, type FormEvent } from 'react';
import type { ExportedExperiment } from '../../runElsewhere/exportedExperiment';
import { experimentInOneLine, scheduleInWords } from '../../runElsewhere/recipeInWords';
import { configsForChoice, formIsPaperLength, type RunLengthChoice } from '../../runElsewhere/runLengthChoice';
import { parseSeeds } from '../../runElsewhere/seeds';
import { useAppState } from '../../state/appContext';
import { Field } from '../Field';
import { RunCommandsList } from './RunCommandsList';
import { useRunElsewhereDownload } from './useRunElsewhereDownload';

interface RunElsewhereFormProps {
  experiment: ExportedExperiment;
  titleId: string;
  onClose: () => void;
}

/** The dialog's content: when to use it, the seeds, the initial weights, the download, then what to run. */
export function RunElsewhereForm({ experiment: fromForm, titleId, onClose }: RunElsewhereFormProps) {
  // The paper's length by default: it is what a browser rarely affords, and the reason to run elsewhere.
  const [length, setLength] = useState<RunLengthChoice>('paper');
  const choosable = !formIsPaperLength(fromForm.configs);
  const experiment = useMemo(() => ({ ...fromForm, configs: configsForChoice(fromForm.configs, length) }), [fromForm, length]);
  // Every run shares the recipe, so its seed is theirs: the seed a browser run would use.
  const recipeSeed = experiment.configs[0].seed;
  const [seedsText, setSeedsText] = useState(String(recipeSeed));
  const [weightsWanted, setWeightsWanted] = useState(false);
  // The worker draws the weights on its backend: none yet (starting, or replaced after a crash), no weights.
  const backendReady = useAppState((state) => state.backend !== null);
  const withWeights = weightsWanted && backendReady;
  const { state, download } = useRunElsewhereDownload(experiment);
  const parsed = parseSeeds(seedsText);
  const seeds = 'seeds' in parsed ? parsed.seeds : null;
  const unusedWeights =
    withWeights && seeds && !seeds.includes(recipeSeed)
      ? `Seed ${recipeSeed} is not among the seeds, so its weights would not be used: add ${recipeSeed} to the seeds, or untick this.`
      : null;
  const working = state.phase === 'working';
  const canDownload = seeds !== null && unusedWeights === null && !working;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (canDownload) void download(seeds, withWeights);
  };

  return (
    <form className="run-elsewhere-form" onSubmit={submit}>
      <h2 id={titleId}>Run this experiment elsewhere with PyTorch</h2>
      <p>
        For the paper’s full length, several seeds for Table 6’s mean ± std, or very deep networks: hours of GPU time. This downloads a
        folder that trains the same networks with the same recipe in PyTorch, on a GPU machine or a cluster (several GPUs with PyTorch’s
        own torchrun).
      </p>
      {choosable ? (
        <fieldset className="run-elsewhere-length">
          <legend>How long</legend>
          <label className="checkbox">
            <input type="radio" name="run-elsewhere-length" checked={length === 'paper'} onChange={() => setLength('paper')} />
            The paper’s length: 64,000 iterations on all 50,000 training images, tested on all 10,000 (§4.2)
          </label>
          <label className="checkbox">
            <input type="radio" name="run-elsewhere-length" checked={length === 'form'} onChange={() => setLength('form')} />
            As set in the form: {scheduleInWords(fromForm.configs[0])}
            {fromForm.configs[0].trainSubset !== null ? ` on ${fromForm.configs[0].trainSubset.toLocaleString('en-US')} images` : ''} (a quick check of a new machine)
          </label>
        </fieldset>
      ) : null}
      <p className="run-elsewhere-summary">{experimentInOneLine(experiment.configs)}</p>

      <Field
        label="Seeds"
        htmlFor="run-elsewhere-seeds"
        error={'error' in parsed ? parsed.error : undefined}
        hint="Every network trains once per seed, e.g. “0 1 2 3 4” or “0-4” for a mean ± std over 5 runs (at most 20)."
      >
        <input
          id="run-elsewhere-seeds"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          value={seedsText}
          aria-invalid={seeds === null}
          aria-describedby={seeds === null ? 'run-elsewhere-seeds-error' : 'run-elsewhere-seeds-hint'}
          onChange={(event) => setSeedsText(event.target.value)}
        />
      </Field>

      <div className="run-elsewhere-weights">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={withWeights}
            disabled={!backendReady}
            aria-describedby="run-elsewhere-weights-hint"
            onChange={(event) => setWeightsWanted(event.target.checked)}
          />
          Start from this app’s initial weights (seed {recipeSeed})
        </label>
        <p className="field-hint" id="run-elsewhere-weights-hint">
          {backendReady
            ? 'The PyTorch run then starts exactly where a browser run with this seed does; other seeds use PyTorch’s own draw of the same He initialisation.'
            : 'Not available yet: the training worker draws these weights, and its backend is not ready.'}
        </p>
        {unusedWeights ? (
          <p className="field-error" role="alert">
            {unusedWeights}
          </p>
        ) : null}
      </div>

      <div className="run-elsewhere-actions">
        <button type="submit" className="primary" disabled={!canDownload} aria-busy={working}>
          Download the folder (.zip)
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {state.phase === 'working' ? <p role="status">{state.message}</p> : null}
      {state.phase === 'failed' ? (
        <p className="run-elsewhere-error" role="alert">
          {state.message}
        </p>
      ) : null}
      {state.phase === 'done' ? <RunCommandsList fileName={state.fileName} /> : null}
    </form>
  );
}

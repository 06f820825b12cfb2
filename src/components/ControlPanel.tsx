import {
  CIFAR_TEST_IMAGES,
  CIFAR_TRAIN_IMAGES,
  PAPER_DEPTHS,
  PAPER_ITERATIONS,
  type BlockKind,
  type BlockType,
  type ScheduleKind,
  type ShortcutOption,
  type TrainConfig,
} from '../config';
import type { ConfigErrors } from '../configValidation';
import { runLength } from '../engine/schedule';
import { expectedTrainableParameters } from '../model/parameterCount';
import { AdvancedSettings } from './AdvancedSettings';
import './controls.css';
import { Field, NumberInput } from './Field';
import { PresetPicker } from './PresetPicker';

interface ControlPanelProps {
  config: TrainConfig;
  errors: ConfigErrors;
  onChange: (config: TrainConfig) => void;
  /** While a run trains its settings are fixed. */
  locked: boolean;
  /** False in experiment mode: the experiment lists the networks, this form only the shared recipe. */
  showNetwork: boolean;
}

function parameterCountOrNull(config: TrainConfig, errors: ConfigErrors): number | null {
  if (errors.depth || errors.width || errors.block || errors.blockType || errors.shortcut) return null;
  try {
    return expectedTrainableParameters(config.model);
  } catch {
    return null;
  }
}

/** What the paper schedule's 64,000 iterations are in epochs for this batch size and these training images,
 *  e.g. "64,000 iterations ≈ 164 epochs at batch 128 on 50,000 images". */
function paperLengthHint(config: TrainConfig, errors: ConfigErrors): string {
  const iterations = `${PAPER_ITERATIONS.toLocaleString('en-US')} iterations (§4.2)`;
  if (errors.batchSize || errors.trainSubset) return iterations;
  const length = runLength(config, CIFAR_TRAIN_IMAGES, CIFAR_TEST_IMAGES);
  if (length.iterationsPerEpoch === 0) return iterations;
  const epochs = Math.round(length.totalIterations / length.iterationsPerEpoch);
  return `${PAPER_ITERATIONS.toLocaleString('en-US')} iterations ≈ ${epochs} epochs at batch ${config.batchSize} on ${length.trainImages.toLocaleString('en-US')} images.`;
}

/** The network and the training recipe. Defaults are the paper's §4.2 values; each field says so. */
export function ControlPanel({ config, errors, onChange, locked, showNetwork }: ControlPanelProps) {
  const model = config.model;
  const setModel = (change: Partial<TrainConfig['model']>) => onChange({ ...config, model: { ...model, ...change } });
  const set = (change: Partial<TrainConfig>) => onChange({ ...config, ...change });
  const parameters = parameterCountOrNull(config, errors);
  // The paper schedule's length is fixed in iterations; the epochs field then does not count.
  const paper = config.schedule === 'paper';

  return (
    <fieldset className="control-panel" disabled={locked}>
      <legend>{showNetwork ? 'Network and recipe' : 'Recipe shared by every run'}</legend>
      <PresetPicker config={config} onChange={onChange} />

      {showNetwork ? (
        <>
          <Field label="Network" htmlFor="blockType" hint="Plain and residual differ only in the shortcut: y = relu(F(x) + x).">
            <select id="blockType" value={model.blockType} onChange={(e) => setModel({ blockType: e.target.value as BlockType })}>
              <option value="plain">Plain (no shortcuts)</option>
              <option value="residual">Residual (ResNet)</option>
            </select>
          </Field>

          <Field
            label="Depth (weighted layers)"
            htmlFor="depth"
            error={errors.depth}
            hint={parameters !== null ? `${parameters.toLocaleString('en-US')} trainable parameters` : undefined}
          >
            <NumberInput id="depth" value={model.depth} invalid={!!errors.depth} onChange={(depth) => setModel({ depth: depth ?? Number.NaN })} />
            <div className="depth-chips" role="group" aria-label="Paper depths">
              {PAPER_DEPTHS.map((depth) => {
                const on = model.depth === depth;
                // The pressed chip says so to screen readers (aria-pressed) and to the eye by more than colour.
                return (
                  <button type="button" key={depth} className={on ? 'chip chip-on' : 'chip'} aria-pressed={on} onClick={() => setModel({ depth })}>
                    {on ? <span aria-hidden="true">✓ </span> : null}
                    {depth}
                  </button>
                );
              })}
            </div>
          </Field>

          <Field
            label="Shortcut where the shape changes"
            htmlFor="shortcut"
            error={errors.shortcut}
            hint={model.shortcut === 'A' ? 'Subsample by 2 and zero-pad the new channels: no parameters (§4.2).' : '1x1 convolution + BN: adds parameters (the paper used it on ImageNet).'}
          >
            <select
              id="shortcut"
              value={model.shortcut}
              disabled={model.blockType === 'plain'}
              onChange={(e) => setModel({ shortcut: e.target.value as ShortcutOption })}
            >
              <option value="A">A: zero-padding (paper)</option>
              <option value="B">B: projection (extension)</option>
            </select>
          </Field>

          <Field
            label="Block"
            htmlFor="block"
            error={errors.block}
            hint={
              model.block === 'basic'
                ? 'Two 3x3 convolutions per block: depth = 6n+2, where n is the number of blocks in each of the 3 stages (n = 3 gives 20 layers) (§4.2).'
                : '1x1-3x3-1x1 convolutions per block: depth = 9n+2, with n blocks in each of the 3 stages. Not in the paper’s CIFAR runs.'
            }
          >
            <select id="block" value={model.block} onChange={(e) => setModel({ block: e.target.value as BlockKind })}>
              <option value="basic">Basic (paper)</option>
              <option value="bottleneck">Bottleneck (extension)</option>
            </select>
          </Field>

        </>
      ) : null}

      <Field label="Width (first-stage filters)" htmlFor="width" error={errors.width} hint="Paper: 16, then 32 and 64.">
        <NumberInput id="width" value={model.width} invalid={!!errors.width} onChange={(width) => setModel({ width: width ?? Number.NaN })} />
      </Field>

      <Field
        label="Schedule"
        htmlFor="schedule"
        error={errors.schedule}
        hint={
          paper
            ? 'The learning rate (lr) is divided by 10 (“lr ÷10” on the chart) at 32,000 and 48,000 iterations; training stops at 64,000: the paper’s length.'
            : 'The learning rate (lr) is divided by 10 (“lr ÷10” on the chart) at 50% and 75% of the epochs. Shorter than the paper’s 64,000 iterations.'
        }
      >
        <select id="schedule" value={config.schedule} onChange={(e) => set({ schedule: e.target.value as ScheduleKind })}>
          <option value="paper">Paper: 64,000 iterations (§4.2)</option>
          <option value="quick">Quick: {Number.isFinite(config.epochs) ? config.epochs : 'N'} epochs (shorter)</option>
        </select>
      </Field>

      <div className="field-row">
        <Field label="Epochs" htmlFor="epochs" error={paper ? undefined : errors.epochs} hint={paper ? paperLengthHint(config, errors) : 'Paper: ~164 (64k iterations).'}>
          <NumberInput
            id="epochs"
            value={config.epochs}
            disabled={paper}
            invalid={!paper && !!errors.epochs}
            onChange={(epochs) => set({ epochs: epochs ?? Number.NaN })}
          />
        </Field>
        <Field label="Batch size" htmlFor="batchSize" error={errors.batchSize} hint="Paper: 128.">
          <NumberInput id="batchSize" value={config.batchSize} invalid={!!errors.batchSize} onChange={(batchSize) => set({ batchSize: batchSize ?? Number.NaN })} />
        </Field>
      </div>

      <div className="field-row">
        <Field label="Learning rate" htmlFor="learningRate" error={errors.learningRate} hint="How big a step each update takes. Paper: 0.1, divided by 10 at 50% and 75% of the run.">
          <NumberInput
            id="learningRate"
            value={config.learningRate}
            invalid={!!errors.learningRate}
            onChange={(learningRate) => set({ learningRate: learningRate ?? Number.NaN })}
          />
        </Field>
        <Field
          label="Seed"
          htmlFor="seed"
          error={errors.seed}
          hint="Picks the random starting weights and image order: the same seed trains the same curve again."
        >
          <NumberInput id="seed" value={config.seed} invalid={!!errors.seed} onChange={(seed) => set({ seed: seed ?? Number.NaN })} />
        </Field>
      </div>

      <AdvancedSettings config={config} errors={errors} onChange={onChange} />
    </fieldset>
  );
}

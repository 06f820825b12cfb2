import { CIFAR_TEST_IMAGES, CIFAR_TRAIN_IMAGES, VALIDATION_IMAGES, type TrainConfig } from '../config';
import type { ConfigErrors } from '../configValidation';
import { Field, NumberInput } from './Field';

const ADVANCED_FIELDS = ['momentum', 'weightDecay', 'trainSubset', 'testSubset', 'evalsPerEpoch', 'validationSplit', 'warmup'] as const;

const count = (n: number) => n.toLocaleString('en-US');

interface AdvancedSettingsProps {
  config: TrainConfig;
  errors: ConfigErrors;
  onChange: (config: TrainConfig) => void;
}

/** The recipe's fixed parts (§4.2 values as hints) and the subsets for quick looks, folded away by default. */
export function AdvancedSettings({ config, errors, onChange }: AdvancedSettingsProps) {
  const set = (change: Partial<TrainConfig>) => onChange({ ...config, ...change });
  // Unfolded when one of its fields is wrong, so the message is where the user looks.
  const hasError = ADVANCED_FIELDS.some((field) => errors[field] !== undefined);
  // With §4.2's 45k/5k split the evaluation curve is measured on the held-out training images.
  const split = config.validationSplit;
  const trainPool = split ? CIFAR_TRAIN_IMAGES - VALIDATION_IMAGES : CIFAR_TRAIN_IMAGES;
  const evalPool = split ? VALIDATION_IMAGES : CIFAR_TEST_IMAGES;
  return (
    <details className="advanced" open={hasError || undefined}>
      <summary>More: momentum, weight decay, subsets, augmentation, validation split, warm-up</summary>
      <div className="field-row">
        <Field label="Momentum" htmlFor="momentum" error={errors.momentum} hint="Paper: 0.9.">
          <NumberInput id="momentum" value={config.momentum} invalid={!!errors.momentum} onChange={(momentum) => set({ momentum: momentum ?? Number.NaN })} />
        </Field>
        <Field label="Weight decay" htmlFor="weightDecay" error={errors.weightDecay} hint="Paper: 0.0001.">
          <NumberInput id="weightDecay" value={config.weightDecay} invalid={!!errors.weightDecay} onChange={(weightDecay) => set({ weightDecay: weightDecay ?? Number.NaN })} />
        </Field>
      </div>
      <div className="field-row">
        <Field label="Training images" htmlFor="trainSubset" error={errors.trainSubset}>
          <NumberInput id="trainSubset" value={config.trainSubset} emptyMeans={`all ${count(trainPool)}`} invalid={!!errors.trainSubset} onChange={(trainSubset) => set({ trainSubset })} />
        </Field>
        <Field label={split ? 'Validation images' : 'Test images'} htmlFor="testSubset" error={errors.testSubset}>
          <NumberInput id="testSubset" value={config.testSubset} emptyMeans={`all ${count(evalPool)}`} invalid={!!errors.testSubset} onChange={(testSubset) => set({ testSubset })} />
        </Field>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={split} onChange={(e) => set({ validationSplit: e.target.checked })} /> Hold out 5,000 training images as
        validation (45k/5k, §4.2)
      </label>
      {errors.validationSplit ? <p className="field-error" role="alert">{errors.validationSplit}</p> : null}
      <Field
        label={split ? 'Validation evaluations per epoch' : 'Test evaluations per epoch'}
        htmlFor="evalsPerEpoch"
        error={errors.evalsPerEpoch}
        hint={`How often the network is scored on the ${split ? 'held-out' : 'test'} images during each epoch (one pass over the training images): each score is one point of the solid curve. More points cost time.`}
      >
        <NumberInput id="evalsPerEpoch" value={config.evalsPerEpoch} invalid={!!errors.evalsPerEpoch} onChange={(evalsPerEpoch) => set({ evalsPerEpoch: evalsPerEpoch ?? Number.NaN })} />
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={config.augment} onChange={(e) => set({ augment: e.target.checked })} /> Pad-4 random crop + horizontal flip (paper)
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={config.warmup} onChange={(e) => set({ warmup: e.target.checked })} /> Warm up at lr/10 until training error
        &lt; 80% (§4.2, used for ResNet-110)
      </label>
      {errors.warmup ? <p className="field-error" role="alert">{errors.warmup}</p> : null}
    </details>
  );
}

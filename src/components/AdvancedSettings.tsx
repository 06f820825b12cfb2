import type { TrainConfig } from '../config';
import type { ConfigErrors } from '../configValidation';
import { Field, NumberInput } from './Field';

const ADVANCED_FIELDS = ['momentum', 'weightDecay', 'trainSubset', 'testSubset', 'evalsPerEpoch'] as const;

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
  return (
    <details className="advanced" open={hasError || undefined}>
      <summary>More: momentum, weight decay, subsets, augmentation</summary>
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
          <NumberInput id="trainSubset" value={config.trainSubset} emptyMeans="all 50,000" invalid={!!errors.trainSubset} onChange={(trainSubset) => set({ trainSubset })} />
        </Field>
        <Field label="Test images" htmlFor="testSubset" error={errors.testSubset}>
          <NumberInput id="testSubset" value={config.testSubset} emptyMeans="all 10,000" invalid={!!errors.testSubset} onChange={(testSubset) => set({ testSubset })} />
        </Field>
      </div>
      <Field label="Test evaluations per epoch" htmlFor="evalsPerEpoch" error={errors.evalsPerEpoch}>
        <NumberInput id="evalsPerEpoch" value={config.evalsPerEpoch} invalid={!!errors.evalsPerEpoch} onChange={(evalsPerEpoch) => set({ evalsPerEpoch: evalsPerEpoch ?? Number.NaN })} />
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={config.augment} onChange={(e) => set({ augment: e.target.checked })} /> Pad-4 random crop + horizontal flip (paper)
      </label>
    </details>
  );
}

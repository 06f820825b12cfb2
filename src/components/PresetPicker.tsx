import { useState } from 'react';
import { PRESETS, type TrainConfig } from '../config';
import { Field } from './Field';
import { presetMenuStep, type PresetMenuEvent } from './presetMenu';

interface PresetPickerProps {
  config: TrainConfig;
  onChange: (config: TrainConfig) => void;
}

/** Choose a preset in the menu, then press Apply: moving through the menu with the arrow keys changes nothing. */
export function PresetPicker({ config, onChange }: PresetPickerProps) {
  const [chosenId, setChosenId] = useState('');
  const chosen = PRESETS.find((preset) => preset.id === chosenId);
  const handle = (event: PresetMenuEvent) => {
    const step = presetMenuStep(chosenId, event, config);
    setChosenId(step.chosenId);
    if (step.apply) onChange(step.apply);
  };
  return (
    <Field
      label="Preset"
      htmlFor="preset"
      hint={chosen ? chosen.description : 'Choose one, then Apply: it replaces the recipe and network size below; plain or residual stays as set.'}
    >
      <div className="preset-picker">
        <select id="preset" aria-describedby="preset-hint" value={chosenId} onChange={(event) => handle({ type: 'chosen', presetId: event.target.value })}>
          <option value="">Choose a preset…</option>
          {PRESETS.map((preset) => (
            <option key={preset.id} value={preset.id}>
              {preset.label}
            </option>
          ))}
        </select>
        <button type="button" aria-label="Apply preset" disabled={!chosen} onClick={() => handle({ type: 'applyPressed' })}>
          Apply
        </button>
      </div>
    </Field>
  );
}

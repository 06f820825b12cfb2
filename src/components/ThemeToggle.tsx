import { useState } from 'react';
import { saveThemeChoice, storedThemeChoice, type ThemeChoice } from '../theme';

const CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Light, dark, or the system's choice (the default). */
export function ThemeToggle() {
  const [choice, setChoice] = useState<ThemeChoice>(() => storedThemeChoice());
  return (
    <div className="theme-toggle" role="group" aria-label="Colour theme">
      {CHOICES.map(({ value, label }) => (
        <button
          key={value}
          type="button"
          aria-pressed={choice === value}
          className={choice === value ? 'toggle-on' : undefined}
          onClick={() => {
            setChoice(value);
            saveThemeChoice(value);
          }}
        >
          {choice === value ? <span aria-hidden="true">✓ </span> : null}
          {label}
        </button>
      ))}
    </div>
  );
}

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

/** The id of the hint the enclosing Field shows, if any: its number box is described by it for screen readers. */
const FieldHintId = createContext<string | undefined>(undefined);

interface FieldProps {
  label: string;
  /** Shown under the input when set; also marks the input invalid for screen readers. */
  error?: string;
  /** Shown when there is no error, with the id `${htmlFor}-hint` for a control's aria-describedby. */
  hint?: ReactNode;
  htmlFor: string;
  children: ReactNode;
}

/** A labelled form row with its validation message right under it, where the user is looking. */
export function Field({ label, error, hint, htmlFor, children }: FieldProps) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={htmlFor}>{label}</label>
      <FieldHintId.Provider value={!error && hint ? `${htmlFor}-hint` : undefined}>{children}</FieldHintId.Provider>
      {error ? (
        <p className="field-error" role="alert" id={`${htmlFor}-error`}>
          {error}
        </p>
      ) : hint ? (
        <p className="field-hint" id={`${htmlFor}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

interface NumberInputProps {
  id: string;
  value: number | null;
  /** null means "empty" and is allowed only where `emptyMeans` explains what empty does. */
  onChange: (value: number | null) => void;
  invalid: boolean;
  emptyMeans?: string;
  disabled?: boolean;
}

function parse(text: string, emptyAllowed: boolean): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return emptyAllowed ? null : Number.NaN;
  return Number(trimmed);
}

function sameValue(a: number | null, b: number | null): boolean {
  return a === b || (a !== null && b !== null && Number.isNaN(a) && Number.isNaN(b));
}

/** A text box for numbers that keeps what the user typed (even "1e-" or "-1") and reports NaN for junk,
 *  so validation can say what is wrong instead of the browser silently clearing the box. */
export function NumberInput({ id, value, onChange, invalid, emptyMeans, disabled }: NumberInputProps) {
  const [text, setText] = useState(value === null ? '' : String(value));
  const hintId = useContext(FieldHintId);
  // A change from outside (a preset, the URL) replaces the text; the user's own typing does not round-trip.
  useEffect(() => {
    if (!sameValue(parse(text, emptyMeans !== undefined), value)) setText(value === null || Number.isNaN(value) ? '' : String(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only outside changes of `value` matter
  }, [value]);
  return (
    <input
      id={id}
      type="text"
      inputMode="decimal"
      disabled={disabled}
      aria-invalid={invalid}
      aria-describedby={invalid ? `${id}-error` : hintId}
      placeholder={emptyMeans}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange(parse(event.target.value, emptyMeans !== undefined));
      }}
    />
  );
}

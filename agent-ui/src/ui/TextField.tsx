import type { Ref } from 'preact';

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onValue(value: string): void;
  type?: 'text' | 'password';
  autoComplete?: string;
  inputMode?: 'text' | 'numeric';
  maxLength?: number;
  /** A line under the label saying what to enter. */
  hint?: string;
  /** This field's own error, shown under it. */
  error?: string | null;
  /** Marks the field invalid when the error is shown elsewhere (the form's alert). */
  invalid?: boolean;
  /** Ids of other elements that describe the field (the form's alert). */
  describedBy?: string[];
  inputRef?: Ref<HTMLInputElement>;
  disabled?: boolean;
}

/** A labelled input with its hint and error wired to it for assistive technology. */
export function TextField(p: TextFieldProps) {
  const hintId = `${p.id}-hint`;
  const errorId = `${p.id}-error`;
  const describedBy = [p.hint ? hintId : null, p.error ? errorId : null, ...(p.describedBy ?? [])].filter(Boolean).join(' ');
  const invalid = Boolean(p.error) || Boolean(p.invalid);
  const input = {
    id: p.id,
    ref: p.inputRef,
    value: p.value,
    onInput: (e: Event) => p.onValue((e.currentTarget as HTMLInputElement).value),
    autoComplete: p.autoComplete,
    inputMode: p.inputMode,
    maxLength: p.maxLength,
    spellcheck: false,
    autoCapitalize: 'none' as const,
    'aria-invalid': invalid ? ('true' as const) : undefined,
    'aria-describedby': describedBy || undefined,
    disabled: p.disabled,
  };
  return (
    <div class={invalid ? 'field invalid' : 'field'}>
      <label for={p.id}>{p.label}</label>
      {p.hint && (
        <p id={hintId} class="hint">
          {p.hint}
        </p>
      )}
      {p.type === 'password' ? <input type="password" {...input} /> : <input type="text" {...input} />}
      {p.error && (
        <p id={errorId} class="field-error">
          {p.error}
        </p>
      )}
    </div>
  );
}

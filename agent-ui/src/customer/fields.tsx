// The form's controls: a labelled input, a country select and a date of birth in three parts,
// each with its hint and its error wired for assistive technology. Errors are the server's codes,
// translated (`error-<code>`).
import { useMemo } from 'preact/hooks';
import { errorText } from '../i18n/errors';
import { locale, t } from '../i18n/i18n';
import { countryName, countryOptions } from './countries';

interface Common {
  id: string;
  label: string;
  hint?: string;
  /** The server's code for this field's value, shown translated under it. */
  error?: string | null;
  /** A note under the field (e.g. "read from your document"). */
  note?: string | null;
  required?: boolean;
}

function describedBy(p: Common): string | undefined {
  return [p.hint ? `${p.id}-hint` : null, p.note ? `${p.id}-note` : null, p.error ? `${p.id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function Extras(p: Common) {
  return (
    <>
      {p.note && (
        <p id={`${p.id}-note`} class="field-note">
          {p.note}
        </p>
      )}
      {p.error && (
        <p id={`${p.id}-error`} class="field-error">
          {errorText(p.error)}
        </p>
      )}
    </>
  );
}

function Label(p: Common) {
  return (
    <>
      <label for={p.id}>
        {p.label}
        {!p.required && <span class="optional"> {t('field-optional')}</span>}
      </label>
      {p.hint && (
        <p id={`${p.id}-hint`} class="hint">
          {p.hint}
        </p>
      )}
    </>
  );
}

export interface InputProps extends Common {
  value: string;
  onValue(v: string): void;
  onBlur?(): void;
  type?: 'text' | 'email' | 'tel';
  autoComplete?: string;
  inputMode?: 'text' | 'email' | 'tel' | 'numeric';
  autoCapitalize?: 'none' | 'words' | 'characters';
  maxLength?: number;
}

export function InputField(p: InputProps) {
  const attrs = {
    id: p.id,
    name: p.id,
    value: p.value,
    onInput: (e: Event) => p.onValue((e.currentTarget as HTMLInputElement).value),
    onBlur: p.onBlur,
    autoComplete: p.autoComplete,
    inputMode: p.inputMode,
    autoCapitalize: p.autoCapitalize ?? 'none',
    spellcheck: false,
    maxLength: p.maxLength ?? 200,
    'aria-invalid': p.error ? ('true' as const) : undefined,
    'aria-required': p.required ? ('true' as const) : undefined,
    'aria-describedby': describedBy(p),
  };
  return (
    <div class={p.error ? 'field invalid' : 'field'}>
      <Label {...p} />
      {p.type === 'email' ? <input type="email" {...attrs} /> : p.type === 'tel' ? <input type="tel" {...attrs} /> : <input type="text" {...attrs} />}
      <Extras {...p} />
    </div>
  );
}

export interface CountryProps extends Common {
  value: string;
  onValue(v: string): void;
  autoComplete?: string;
}

/** A country by its alpha-3 code, the names in the page's language; an unknown code stays selectable. */
export function CountryField(p: CountryProps) {
  const lang = locale.value;
  const options = useMemo(() => countryOptions(lang), [lang]);
  const unlisted = p.value && !options.some(([c]) => c === p.value);
  return (
    <div class={p.error ? 'field invalid' : 'field'}>
      <Label {...p} />
      <select
        id={p.id}
        name={p.id}
        value={p.value}
        onChange={(e) => p.onValue(e.currentTarget.value)}
        autoComplete={p.autoComplete}
        aria-invalid={p.error ? 'true' : undefined}
        aria-required={p.required ? 'true' : undefined}
        aria-describedby={describedBy(p)}
      >
        <option value="">{t('field-choose')}</option>
        {unlisted && <option value={p.value}>{countryName(p.value, lang)}</option>}
        {options.map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
      <Extras {...p} />
    </div>
  );
}

/** `YYYY-MM-DD` from three parts, zero-padded; parts that are missing stay empty. */
export function joinDate(day: string, month: string, year: string): string {
  const pad = (s: string) => (/^\d$/.test(s) ? `0${s}` : s);
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  return d || m || y ? `${y}-${pad(m)}-${pad(d)}` : '';
}

/** The three parts of a stored date (`YYYY-MM-DD`, or whatever was typed). */
export function splitDate(v: string): { day: string; month: string; year: string } {
  const m = /^(\d*)-(\d*)-(\d*)$/.exec(v.trim());
  if (!m) return { day: '', month: '', year: v.trim() };
  return { year: m[1], month: m[2].replace(/^0(?=\d)/, ''), day: m[3].replace(/^0(?=\d)/, '') };
}

export interface DateProps extends Common {
  value: string;
  onValue(v: string): void;
  onBlur?(): void;
}

/** A date of birth as day, month and year: quicker on a phone keypad than any date picker. */
export function DateField(p: DateProps) {
  const parts = splitDate(p.value);
  const set = (k: 'day' | 'month' | 'year', v: string) => {
    const next = { ...parts, [k]: v.replace(/\D/g, '') };
    p.onValue(joinDate(next.day, next.month, next.year));
  };
  const part = (k: 'day' | 'month' | 'year', max: number, autoComplete: string) => (
    <div class={`date-part ${k}`}>
      <label for={`${p.id}-${k}`}>{t(`field-date-${k}`)}</label>
      <input
        id={`${p.id}-${k}`}
        name={`${p.id}-${k}`}
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
        maxLength={max}
        autoComplete={autoComplete}
        value={parts[k]}
        onInput={(e) => set(k, e.currentTarget.value)}
        // The date is done when focus leaves all three parts, not between them.
        onBlur={(e) => {
          if (!e.currentTarget.closest('fieldset')?.contains(e.relatedTarget as Node | null)) p.onBlur?.();
        }}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p)}
      />
    </div>
  );
  return (
    <fieldset id={p.id} class={p.error ? 'field date invalid' : 'field date'} aria-describedby={describedBy(p)} tabIndex={-1}>
      <legend>
        {p.label}
        {!p.required && <span class="optional"> {t('field-optional')}</span>}
      </legend>
      {p.hint && (
        <p id={`${p.id}-hint`} class="hint">
          {p.hint}
        </p>
      )}
      <div class="date-parts">
        {part('day', 2, 'bday-day')}
        {part('month', 2, 'bday-month')}
        {part('year', 4, 'bday-year')}
      </div>
      <Extras {...p} />
    </fieldset>
  );
}

import './ui.css';
export interface CheckboxOption<V extends string> {
  value: V;
  label: string;
  /** One line on what choosing it means. */
  description: string;
}

export interface CheckboxGroupProps<V extends string> {
  id: string;
  legend: string;
  options: readonly CheckboxOption<V>[];
  selected: readonly V[];
  onChange(next: V[]): void;
  error?: string | null;
  disabled?: boolean;
}

/** A fieldset of checkboxes, each with its explanation wired as its description. */
export function CheckboxGroup<V extends string>(p: CheckboxGroupProps<V>) {
  const errorId = `${p.id}-error`;
  const toggle = (v: V, on: boolean) => {
    const next = p.options.map((o) => o.value).filter((x) => (x === v ? on : p.selected.includes(x)));
    p.onChange(next);
  };
  return (
    <fieldset class={p.error ? 'checkbox-group invalid' : 'checkbox-group'} aria-describedby={p.error ? errorId : undefined}>
      <legend>{p.legend}</legend>
      {p.options.map((o) => {
        const id = `${p.id}-${o.value.replace(/[^a-z0-9]/gi, '-')}`;
        return (
          <div class="checkbox" key={o.value}>
            <input
              type="checkbox"
              id={id}
              checked={p.selected.includes(o.value)}
              disabled={p.disabled}
              aria-describedby={`${id}-desc`}
              onChange={(e) => toggle(o.value, e.currentTarget.checked)}
            />
            <label for={id}>
              {o.label}
              <span id={`${id}-desc`} class="checkbox-description">
                {o.description}
              </span>
            </label>
          </div>
        );
      })}
      {p.error && (
        <p id={errorId} class="field-error">
          {p.error}
        </p>
      )}
    </fieldset>
  );
}

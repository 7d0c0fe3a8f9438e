import './ui.css';
import { useState } from 'preact/hooks';

export interface CopyFieldProps {
  id: string;
  label: string;
  value: string;
  copyLabel: string;
  copiedLabel: string;
  /** Said when the browser refuses the clipboard: select the text and copy by hand. */
  copyFailedLabel: string;
  /** Secrets read better in a monospace font. */
  mono?: boolean;
}

/**
 * A value to hand on (an activation link, an API key) in a read-only field, with a button that
 * copies it. The outcome is announced politely; focusing the field selects it all, so copying by
 * hand works where the clipboard API is not allowed.
 */
export function CopyField(p: CopyFieldProps) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(p.value);
      setStatus('copied');
    } catch {
      setStatus('failed');
    }
  };
  return (
    <div class="field copy-field">
      <label for={p.id}>{p.label}</label>
      <div class="copy-row">
        <input
          id={p.id}
          type="text"
          readOnly
          value={p.value}
          class={p.mono ? 'mono' : undefined}
          spellcheck={false}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" onClick={copy}>
          {p.copyLabel}
        </button>
      </div>
      <p class="hint" role="status">
        {status === 'copied' ? p.copiedLabel : status === 'failed' ? p.copyFailedLabel : ''}
      </p>
    </div>
  );
}

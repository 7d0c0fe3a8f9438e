import './dialog.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { authApi } from '../api/auth';
import { ApiError } from '../api/problem';
import { errorMessageId } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { TextField } from '../ui/TextField';
import { normaliseCode } from './login-form';
import type { ReauthPrompt } from './reauth';

/**
 * A modal asking for the current authenticator code. Focus moves into it and stays there
 * (Tab cycles within), Escape cancels, and focus returns where it was when it closes.
 */
export function ReauthDialog({ prompt }: { prompt: ReauthPrompt }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<{ id: string; n: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  // Taken while rendering, before the page behind turns inert and the browser drops its focus.
  const [returnFocusTo] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(() => {
    inputRef.current?.focus();
    // Escape cancels wherever focus is, as for any modal.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      prompt.settle(false);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      // After this render's commit, when the page behind is no longer inert.
      setTimeout(() => returnFocusTo?.focus?.(), 0);
    };
  }, [prompt]);

  const fail = (id: string) => {
    setError((e) => ({ id, n: (e?.n ?? 0) + 1 }));
    inputRef.current?.focus();
  };

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const normalised = normaliseCode(code, 'totp');
    if (!normalised) return fail(code.trim() ? 'login-bad-code-format' : 'login-missing-code');
    // The last attempt's error no longer describes what is being confirmed now.
    setError(null);
    setBusy(true);
    try {
      await authApi.reauth(normalised);
      prompt.settle(true);
    } catch (err) {
      setBusy(false);
      setCode('');
      fail(err instanceof ApiError ? errorMessageId(err.code) : 'error-generic');
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Tab') trapTab(e, dialogRef.current);
  };

  return (
    <div class="dialog-backdrop">
      <div ref={dialogRef} class="dialog" role="dialog" aria-modal="true" aria-labelledby="reauth-title" aria-describedby="reauth-body" onKeyDown={onKeyDown}>
        <h2 id="reauth-title">{t('reauth-title')}</h2>
        <p id="reauth-body">{t('reauth-body')}</p>
        <form noValidate onSubmit={onSubmit}>
          <div id="reauth-alert" role="alert" class={error ? 'message error' : 'alert-slot'}>
            {error && <p key={error.n}>{t(error.id)}</p>}
          </div>
          <TextField
            id="reauth-code"
            label={t('reauth-code')}
            value={code}
            onValue={setCode}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={7}
            invalid={error !== null}
            describedBy={error ? ['reauth-alert'] : []}
            inputRef={inputRef}
          />
          <div class="dialog-actions">
            <button type="button" onClick={() => prompt.settle(false)}>
              {t('reauth-cancel')}
            </button>
            <button type="submit" class="primary" aria-disabled={busy ? 'true' : undefined}>
              {t(busy ? 'reauth-confirming' : 'reauth-confirm')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

/** Keeps Tab and Shift+Tab among the dialog's own controls. */
function trapTab(e: KeyboardEvent, root: HTMLElement | null): void {
  if (!root) return;
  const focusable = Array.from(root.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])')).filter(
    (el) => !el.hasAttribute('disabled'),
  );
  if (!focusable.length) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

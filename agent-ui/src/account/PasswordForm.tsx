import { useState } from 'preact/hooks';
import { isApiError } from '../api/problem';
import { errorMessageId } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { TextField } from '../ui/TextField';
import { accountApi } from './api';

type Field = 'current' | 'next' | 'confirm';
const FIELD_OF: Record<string, Field> = {
  wrong_password: 'current',
  password_too_short: 'next',
  password_too_long: 'next',
  password_too_common: 'next',
  password_unchanged: 'next',
};

/** Current password, the new one twice. Other sessions end when it changes. */
export function PasswordForm() {
  const [values, setValues] = useState<Record<Field, string>>({ current: '', next: '', confirm: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; id: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (f: Field) => (v: string) => setValues((old) => ({ ...old, [f]: v }));

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const found: Partial<Record<Field, string>> = {};
    if (!values.current) found.current = 'account-password-missing';
    if (values.next.length < 12) found.next = 'error-password_too_short';
    else if (values.next !== values.confirm) found.confirm = 'account-password-mismatch';
    setErrors(found);
    setMessage(null);
    const first = (['current', 'next', 'confirm'] as Field[]).find((f) => found[f]);
    if (first) return document.getElementById(`pw-${first}`)?.focus();
    setBusy(true);
    try {
      await accountApi.changePassword(values.current, values.next);
      setValues({ current: '', next: '', confirm: '' });
      setMessage({ kind: 'info', id: 'account-password-changed' });
    } catch (err) {
      const code = isApiError(err) ? err.code : 'generic';
      const field = FIELD_OF[code];
      if (field) {
        setErrors({ [field]: errorMessageId(code) });
        document.getElementById(`pw-${field}`)?.focus();
      } else setMessage({ kind: 'error', id: errorMessageId(code) });
    } finally {
      setBusy(false);
    }
  };

  const field = (f: Field, labelId: string, autoComplete: string, hint?: string) => (
    <TextField id={`pw-${f}`} label={t(labelId)} hint={hint} type="password" value={values[f]} onValue={set(f)} autoComplete={autoComplete} maxLength={256} error={errors[f] ? t(errors[f]) : null} />
  );
  return (
    <form class="panel" noValidate onSubmit={onSubmit} aria-labelledby="password-title" aria-busy={busy}>
      <h2 id="password-title">{t('account-password-title')}</h2>
      <div role={message?.kind === 'error' ? 'alert' : 'status'} class={message ? `message ${message.kind}` : 'alert-slot'}>
        {message && <p>{t(message.id)}</p>}
      </div>
      {field('current', 'account-password-current', 'current-password')}
      {field('next', 'account-password-new', 'new-password', t('account-password-rules'))}
      {field('confirm', 'account-password-confirm', 'new-password')}
      <button type="submit" class="primary" aria-disabled={busy ? 'true' : undefined}>
        {t('account-password-submit')}
      </button>
    </form>
  );
}

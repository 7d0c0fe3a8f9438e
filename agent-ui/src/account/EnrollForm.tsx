import { useEffect, useRef, useState } from 'preact/hooks';
import { isApiError } from '../api/problem';
import { errorMessageId } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { normaliseCode } from '../staff/login-form';
import { TextField } from '../ui/TextField';
import { activationApi, type Activated, type Enrollment } from './api';

type Field = 'password' | 'confirm' | 'code';
const FIELD_OF: Record<string, Field> = {
  password_too_short: 'password',
  password_too_long: 'password',
  password_too_common: 'password',
  invalid_code: 'code',
};

/** The secret in groups of four, as authenticator apps show and people type it. */
function grouped(secret: string): string {
  return secret.replace(/=+$/, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** Password twice, the authenticator (QR code, or the key for "enter a key manually"), a code. */
export function EnrollForm({ token, enrollment, onDone }: { token: string; enrollment: Enrollment; onDone(a: Activated): void }) {
  const [values, setValues] = useState<Record<Field, string>>({ password: '', confirm: '', code: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  useEffect(() => passwordRef.current?.focus(), []);
  const set = (f: Field) => (v: string) => setValues((old) => ({ ...old, [f]: v }));
  const qr = `data:image/svg+xml;base64,${btoa(enrollment.totp_qr_svg)}`;

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const found: Partial<Record<Field, string>> = {};
    const code = normaliseCode(values.code, 'totp');
    if (values.password.length < 12) found.password = 'error-password_too_short';
    else if (values.password !== values.confirm) found.confirm = 'account-password-mismatch';
    if (!code) found.code = values.code.trim() ? 'login-bad-code-format' : 'login-missing-code';
    setErrors(found);
    setFormError(null);
    const first = (['password', 'confirm', 'code'] as Field[]).find((f) => found[f]);
    if (first || !code) return document.getElementById(`act-${first}`)?.focus();
    setBusy(true);
    try {
      onDone(await activationApi.complete(token, values.password, code));
    } catch (err) {
      setBusy(false);
      const c = isApiError(err) ? err.code : 'generic';
      const field = FIELD_OF[c];
      if (field) {
        setErrors({ [field]: errorMessageId(c) });
        if (field === 'code') setValues((old) => ({ ...old, code: '' }));
        document.getElementById(`act-${field}`)?.focus();
      } else setFormError(errorMessageId(c));
    }
  };

  return (
    <form class="login-form enroll-form" noValidate onSubmit={onSubmit} aria-busy={busy}>
      <div role="alert" class={formError ? 'message error' : 'alert-slot'}>
        {formError && <p>{t(formError)}</p>}
      </div>
      <fieldset>
        <legend>
          <span class="step-number" aria-hidden="true">1</span> {t('activate-step-password')}
        </legend>
        <input type="text" class="visually-hidden" autoComplete="username" value={enrollment.username} readOnly tabIndex={-1} aria-hidden="true" />
        <TextField
          id="act-password"
          label={t('activate-password')}
          hint={t('account-password-rules')}
          type="password"
          value={values.password}
          onValue={set('password')}
          autoComplete="new-password"
          maxLength={256}
          error={errors.password ? t(errors.password) : null}
          inputRef={passwordRef}
        />
        <TextField
          id="act-confirm"
          label={t('account-password-confirm')}
          type="password"
          value={values.confirm}
          onValue={set('confirm')}
          autoComplete="new-password"
          maxLength={256}
          error={errors.confirm ? t(errors.confirm) : null}
        />
      </fieldset>
      <fieldset>
        <legend>
          <span class="step-number" aria-hidden="true">2</span> {t('activate-step-authenticator')}
        </legend>
        <p>{t('activate-scan')}</p>
        <figure class="qr" data-otpauth-uri={enrollment.totp_uri}>
          <img src={qr} alt={t('activate-qr-alt')} width={200} height={200} />
        </figure>
        <p class="hint">{t('activate-manual')}</p>
        <p class="secret-key">
          <span class="visually-hidden">{t('activate-manual-key')} </span>
          <code class="mono" data-totp-secret={enrollment.totp_secret}>
            {grouped(enrollment.totp_secret)}
          </code>
        </p>
        <p class="hint">{t('activate-manual-details')}</p>
      </fieldset>
      <fieldset>
        <legend>
          <span class="step-number" aria-hidden="true">3</span> {t('activate-step-confirm')}
        </legend>
        <TextField
          id="act-code"
          label={t('login-code')}
          hint={t('activate-code-hint')}
          value={values.code}
          onValue={set('code')}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={7}
          error={errors.code ? t(errors.code) : null}
        />
      </fieldset>
      <button type="submit" class="primary submit" aria-disabled={busy ? 'true' : undefined}>
        {t(busy ? 'activate-submitting' : 'activate-submit')}
      </button>
    </form>
  );
}

import './account.css';
import '../staff/login.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { isApiError } from '../api/problem';
import { dateTime } from '../admin/format';
import { errorMessageId } from '../i18n/errors';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher';
import { t } from '../i18n/i18n';
import { navigate } from '../staff/router';
import { LOGIN } from '../staff/routes';
import { activationApi, type Activated, type Enrollment } from './api';
import { EnrollForm } from './EnrollForm';
import { RecoveryCodes } from './RecoveryCodes';

type Step =
  | { kind: 'loading' }
  | { kind: 'refused'; code: string }
  | { kind: 'enroll'; enrollment: Enrollment }
  | { kind: 'done'; activated: Activated };

/** The token from `#<token>`, read once; the fragment is then removed from the address bar. */
function takeToken(): string {
  const token = window.location.hash.replace(/^#/, '');
  if (token) window.history.replaceState(null, '', window.location.pathname);
  return token;
}

/**
 * /staff/activate#<token>: a person invited by an admin sets up their own sign-in — password,
 * authenticator (QR code or the key typed in), a code to prove it works — and gets their
 * recovery codes, once.
 */
export function ActivatePage() {
  const [token] = useState(takeToken);
  const [step, setStep] = useState<Step>({ kind: 'loading' });
  const [saved, setSaved] = useState(false);
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!token) return setStep({ kind: 'refused', code: 'activation_link_invalid' });
    activationApi
      .enrollment(token)
      .then((enrollment) => setStep({ kind: 'enroll', enrollment }))
      .catch((e) => setStep({ kind: 'refused', code: isApiError(e) ? e.code : 'generic' }));
  }, [token]);

  return (
    <div class="login-page activate-page">
      <header class="login-top">
        <p class="brand">
          <span class="brand-name">{t('app-name')}</span> <span class="brand-area">{t('staff-area')}</span>
        </p>
        <LanguageSwitcher class="compact" />
      </header>
      <main class="login-card activate-card" ref={mainRef}>
        {step.kind === 'loading' && <p role="status">{t('loading')}</p>}
        {step.kind === 'refused' && (
          <>
            <h1>{t('activate-refused-title')}</h1>
            <p class="message error" role="alert">
              {t(errorMessageId(step.code))}
            </p>
            <p>{t('activate-refused-help')}</p>
          </>
        )}
        {step.kind === 'enroll' && (
          <>
            <h1>{t('activate-title', { name: step.enrollment.display_name })}</h1>
            <p class="login-intro">
              {t('activate-intro', { username: step.enrollment.username, time: dateTime(step.enrollment.expires_at) })}
            </p>
            <EnrollForm token={token} enrollment={step.enrollment} onDone={(activated) => setStep({ kind: 'done', activated })} />
          </>
        )}
        {step.kind === 'done' && (
          <>
            <h1>{t('activate-done-title')}</h1>
            <p class="message info" role="status">
              {t('activate-done-body', { username: step.activated.username })}
            </p>
            <RecoveryCodes codes={step.activated.recovery_codes} username={step.activated.username} />
            <div class="checkbox no-print">
              <input type="checkbox" id="codes-saved" checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} />
              <label for="codes-saved">{t('activate-codes-saved')}</label>
            </div>
            <button type="button" class="primary submit no-print" disabled={!saved} onClick={() => navigate(LOGIN, { replace: true })}>
              {t('activate-go-sign-in')}
            </button>
          </>
        )}
      </main>
    </div>
  );
}

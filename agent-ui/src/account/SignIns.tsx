import { useState } from 'preact/hooks';
import { isApiError } from '../api/problem';
import { dateTime } from '../admin/format';
import { errorMessageId } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { signOutEverywhere } from '../staff/session';
import { accountApi, type SignIn } from './api';

/** "Chrome on Linux" from a user agent, enough to recognise a device; the raw text otherwise. */
export function deviceName(ua: string | null | undefined): string {
  if (!ua) return t('account-device-unknown');
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /Windows/.test(ua) ? 'Windows' : /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  return browser && os ? t('account-device', { browser, os }) : ua.slice(0, 60);
}

/** The person's open sessions: this one marked, the others can be ended one by one or all at once. */
export function SignIns({ signIns, onChanged }: { signIns: SignIn[]; onChanged(): Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const end = async (id: string) => {
    setError(null);
    try {
      await accountApi.endSignIn(id);
      await onChanged();
    } catch (e) {
      setError(errorMessageId(isApiError(e) ? e.code : 'generic'));
    }
  };
  return (
    <section class="panel" aria-labelledby="sign-ins-title">
      <h2 id="sign-ins-title">{t('account-sign-ins-title')}</h2>
      <p class="hint">{t('account-sign-ins-hint')}</p>
      {error && (
        <p class="message error" role="alert">
          {t(error)}
        </p>
      )}
      <ul class="sign-ins">
        {signIns.map((s) => (
          <li key={s.id}>
            <div>
              <strong>{deviceName(s.user_agent)}</strong>
              {s.current && <span class="badge badge-active">{t('account-this-device')}</span>}
              <span class="sub">{t('account-signed-in-at', { time: dateTime(s.created_at), seen: dateTime(s.last_seen_at) })}</span>
            </div>
            {!s.current && (
              <button type="button" class="small" onClick={() => end(s.id)} aria-label={t('account-end-sign-in-named', { device: deviceName(s.user_agent) })}>
                {t('account-end-sign-in')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void signOutEverywhere().catch(() => setError('error-generic'))}>
        {t('shell-sign-out-everywhere')}
      </button>
      <p class="hint">{t('shell-sign-out-everywhere-hint')}</p>
    </section>
  );
}

import './login.css';
import { useState } from 'preact/hooks';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher';
import { t } from '../i18n/i18n';
import { LoginForm } from './LoginForm';
import type { Notice } from './session';

/** Lost sessions interrupt work, so they are announced at once; a chosen sign-out is not. */
const URGENT: readonly Notice[] = ['session_expired', 'unauthenticated'];

/** The sign-in page, with the reason it is showing when there is one. */
export function LoginPage({ notice }: { notice: Notice | null }) {
  const [attempted, setAttempted] = useState(false);
  const showNotice = notice !== null && !attempted;
  return (
    <div class="login-page">
      <header class="login-top">
        <p class="brand">
          <span class="brand-name">{t('app-name')}</span> <span class="brand-area">{t('staff-area')}</span>
        </p>
        <LanguageSwitcher class="compact" />
      </header>
      <main class="login-card">
        <h1>{t('login-title')}</h1>
        <p class="login-intro">{t('login-intro')}</p>
        {showNotice && (
          <p class="message info" role={URGENT.includes(notice) ? 'alert' : 'status'}>
            {t(`notice-${notice}`)}
          </p>
        )}
        <LoginForm onAttempt={() => setAttempted(true)} />
      </main>
    </div>
  );
}

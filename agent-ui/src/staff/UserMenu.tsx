import { useEffect, useRef, useState } from 'preact/hooks';
import type { StaffSession } from '../api/auth';
import { isApiError } from '../api/problem';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher';
import { errorMessageId } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { onLinkClick } from './router';
import { BASE } from './routes';
import { signOut, signOutEverywhere } from './session';

/**
 * The person's corner of the header: a button with their name that opens a panel with their
 * roles, the language, and the two ways to sign out. A disclosure, not an ARIA menu: the panel
 * holds ordinary controls that Tab reaches in order. Escape or a click outside closes it.
 */
export function UserMenu({ user }: { user: StaffSession }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    }
  };

  const leave = (action: () => Promise<void>) => async () => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessageId(isApiError(e) ? e.code : 'generic'));
    }
  };

  const roles = user.roles.map((r) => t(`role-${r}`)).join(' · ');
  return (
    <div class="user-menu" ref={rootRef} onKeyDown={onKeyDown}>
      <button
        ref={buttonRef}
        type="button"
        class="user-menu-button"
        aria-expanded={open}
        aria-controls="user-menu-panel"
        onClick={() => setOpen((o) => !o)}
      >
        <span class="who">
          <span class="who-name">{user.display_name}</span>
          <span class="who-roles">{roles}</span>
        </span>
        <svg class="chevron" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
          <path d="M2.5 4.5 6 8l3.5-3.5" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
      </button>
      <div id="user-menu-panel" class="user-menu-panel" hidden={!open}>
        <p class="signed-in-as">
          {t('shell-signed-in-as', { name: user.display_name })}
          <span class="panel-roles">{roles}</span>
        </p>
        <p class="account-link">
          <a
            href={`${BASE}/account`}
            onClick={(e) => {
              onLinkClick(e);
              setOpen(false);
            }}
          >
            {t('account-menu-link')}
          </a>
        </p>
        <LanguageSwitcher />
        {error && (
          <p class="message error" role="alert">
            {t(error)}
          </p>
        )}
        <div class="user-menu-actions">
          <button type="button" onClick={leave(signOut)}>
            {t('shell-sign-out')}
          </button>
          <button type="button" onClick={leave(signOutEverywhere)} aria-describedby="sign-out-everywhere-hint">
            {t('shell-sign-out-everywhere')}
          </button>
          <p id="sign-out-everywhere-hint" class="hint">
            {t('shell-sign-out-everywhere-hint')}
          </p>
        </div>
      </div>
    </div>
  );
}

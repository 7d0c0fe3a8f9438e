import './shell.css';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { StaffSession } from '../api/auth';
import { t } from '../i18n/i18n';
import { ReauthDialog } from './ReauthDialog';
import { reauthPrompt } from './reauth';
import { onLinkClick, where } from './router';
import { navSectionsFor } from './routes';
import { UserMenu } from './UserMenu';

/**
 * The frame around every staff page: who is signed in, the sections their roles open, the
 * language, and the two ways out. The page itself is the child.
 */
export function Shell({ user, children }: { user: StaffSession; children: ComponentChildren }) {
  const mainRef = useRef<HTMLElement>(null);
  const path = where.value.path;
  const prompt = reauthPrompt.value;

  // After an in-app navigation, start reading at the new page, as after a page load.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) firstRender.current = false;
    else mainRef.current?.focus();
  }, [path]);

  return (
    <>
      <div class="shell" inert={prompt !== null}>
        <a class="skip-link" href="#main">
          {t('shell-skip')}
        </a>
        <header class="shell-header">
          <p class="brand">
            <span class="brand-name">{t('app-name')}</span> <span class="brand-area">{t('staff-area')}</span>
          </p>
          <nav aria-label={t('shell-nav-label')} class="shell-nav">
            <ul>
              {navSectionsFor(user.roles).map((s) => {
                const current = path === s.path || path.startsWith(`${s.path}/`);
                return (
                  <li key={s.section}>
                    <a href={s.path} onClick={onLinkClick} aria-current={current ? 'page' : undefined}>
                      {t(`nav-${s.section}`)}
                    </a>
                  </li>
                );
              })}
            </ul>
          </nav>
          <UserMenu user={user} />
        </header>
        <main id="main" ref={mainRef} tabIndex={-1} class="shell-main">
          {children}
        </main>
      </div>
      {prompt && <ReauthDialog prompt={prompt} />}
    </>
  );
}

import { useLayoutEffect } from 'preact/hooks';
import { AccountPage } from '../account/AccountPage';
import { ActivatePage } from '../account/ActivatePage';
import { AdminHome } from '../admin/AdminHome';
import { AuditPage } from '../admin/AuditPage';
import { KeysPage } from '../admin/KeysPage';
import { ConsoleHome } from '../console/ConsoleHome';
import { t } from '../i18n/i18n';
import { ReviewHome } from '../review/ReviewHome';
import { LoginPage } from './LoginPage';
import { MessagePage } from './MessagePage';
import { Shell } from './Shell';
import { navigate, where } from './router';
import { resolveRoute, type Section } from './routes';
import { session } from './session';

const PAGES: Record<Section, () => preact.JSX.Element | null> = {
  console: ConsoleHome,
  review: ReviewHome,
  admin: AdminHome,
  keys: KeysPage,
  audit: AuditPage,
  account: AccountPage,
};

/** The staff app: the page for the current path and session, as routes.ts decides. */
export function App() {
  const state = session.value;
  const r = resolveRoute(where.value.path, where.value.search, state);
  const redirectTo = r.kind === 'redirect' ? r.to : null;
  useLayoutEffect(() => {
    if (redirectTo) navigate(redirectTo, { replace: true });
  }, [redirectTo]);

  switch (r.kind) {
    case 'checking':
    case 'redirect':
      return (
        <p class="loading" role="status">
          {t('loading')}
        </p>
      );
    case 'login':
      return <LoginPage notice={r.notice} />;
    case 'activate':
      return <ActivatePage />;
  }
  // Every other outcome is for a signed-in person.
  if (state.kind !== 'signed_in') return null;
  let page;
  switch (r.kind) {
    case 'section': {
      const Page = PAGES[r.section];
      page = <Page />;
      break;
    }
    case 'no_roles':
      page = <MessagePage titleId="no-roles-title" bodyId="no-roles-body" homeLink={false} />;
      break;
    case 'forbidden':
      page = <MessagePage titleId="forbidden-title" bodyId="forbidden-body" />;
      break;
    case 'not_found':
      page = <MessagePage titleId="not-found-title" bodyId="not-found-body" />;
      break;
  }
  return <Shell user={state.user}>{page}</Shell>;
}

import { MessagePage } from '../staff/MessagePage';
import { where } from '../staff/router';
import { currentUser } from '../staff/session';
import { ArchivePage } from './ArchivePage';
import { capabilitiesOf } from './capabilities';
import { DashboardPage } from './DashboardPage';
import { DASHBOARD, REVIEW, sessionOf } from './paths';
import { SessionPage } from './SessionPage';

/**
 * The review section: the archive (/staff/review), the dashboard (/staff/review/dashboard,
 * supervisors) and one session (/staff/review/sessions/<id>).
 */
export function ReviewHome() {
  const path = where.value.path.replace(/\/+$/, '');
  if (path === REVIEW) return <ArchivePage />;
  if (path === DASHBOARD) {
    return capabilitiesOf(currentUser()?.roles ?? []).dashboard ? <DashboardPage /> : <MessagePage titleId="forbidden-title" bodyId="forbidden-body" />;
  }
  const id = sessionOf(path);
  if (id) return <SessionPage key={id} id={id} />;
  return <MessagePage titleId="not-found-title" bodyId="not-found-body" />;
}

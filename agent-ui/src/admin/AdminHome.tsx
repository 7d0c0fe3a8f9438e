import { MessagePage } from '../staff/MessagePage';
import { where } from '../staff/router';
import { currentUser } from '../staff/session';
import { StaffDetail } from './StaffDetail';
import { STAFF_BASE, StaffList } from './StaffList';
import { StaffNew } from './StaffNew';

/**
 * The staff section: the list (/staff/admin), the invitation form (/staff/admin/new, admins)
 * and one account (/staff/admin/<id>). The server decides; the pages only hide dead ends.
 */
export function AdminHome() {
  const rest = where.value.path.slice(STAFF_BASE.length).replace(/^\/+|\/+$/g, '');
  if (rest === '') return <StaffList />;
  if (rest === 'new') {
    return currentUser()?.roles.includes('admin') ? <StaffNew /> : <MessagePage titleId="forbidden-title" bodyId="forbidden-body" />;
  }
  if (!rest.includes('/')) return <StaffDetail id={decodeURIComponent(rest)} />;
  return <MessagePage titleId="not-found-title" bodyId="not-found-body" />;
}

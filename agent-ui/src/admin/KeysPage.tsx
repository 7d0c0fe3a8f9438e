import { MessagePage } from '../staff/MessagePage';
import { where } from '../staff/router';
import { currentUser } from '../staff/session';
import { KeyList, KEYS_BASE } from './KeyList';
import { KeyNew } from './KeyNew';

/** The integrator keys section: the list (/staff/api-keys) and a new key (/staff/api-keys/new, admins). */
export function KeysPage() {
  const rest = where.value.path.slice(KEYS_BASE.length).replace(/^\/+|\/+$/g, '');
  if (rest === '') return <KeyList />;
  if (rest === 'new') return currentUser()?.roles.includes('admin') ? <KeyNew /> : <MessagePage titleId="forbidden-title" bodyId="forbidden-body" />;
  return <MessagePage titleId="not-found-title" bodyId="not-found-body" />;
}

import { MessagePage } from '../staff/MessagePage';
import { where } from '../staff/router';
import { ArchivePage } from './ArchivePage';
import { REVIEW, sessionOf } from './paths';
import { SessionPage } from './SessionPage';

/** The review section: the archive (/staff/review) and one session (/staff/review/sessions/<id>). */
export function ReviewHome() {
  const path = where.value.path.replace(/\/+$/, '');
  if (path === REVIEW) return <ArchivePage />;
  const id = sessionOf(path);
  if (id) return <SessionPage key={id} id={id} />;
  return <MessagePage titleId="not-found-title" bodyId="not-found-body" />;
}

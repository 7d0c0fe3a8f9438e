// The review section's own paths under /staff/review: the archive, and one session's page.
export const REVIEW = '/staff/review';

export function sessionPath(id: string): string {
  return `${REVIEW}/sessions/${encodeURIComponent(id)}`;
}

/** The session of a session path, or null for any other review path. */
export function sessionOf(path: string): string | null {
  const m = /^\/staff\/review\/sessions\/([^/]+)\/?$/.exec(path);
  return m ? decodeURIComponent(m[1]) : null;
}

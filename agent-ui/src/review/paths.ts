// The review section's own paths under /staff/review: the archive, the dashboard, and one
// session's page.
export const REVIEW = '/staff/review';
/** The supervisors' figures: volume, outcomes, waits and times per day and agent. */
export const DASHBOARD = `${REVIEW}/dashboard`;

export function sessionPath(id: string): string {
  return `${REVIEW}/sessions/${encodeURIComponent(id)}`;
}

/** The session of a session path, or null for any other review path. */
export function sessionOf(path: string): string | null {
  const m = /^\/staff\/review\/sessions\/([^/]+)\/?$/.exec(path);
  return m ? decodeURIComponent(m[1]) : null;
}

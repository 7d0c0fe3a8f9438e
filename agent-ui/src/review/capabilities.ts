// What the signed-in person can do on the review pages, from their roles, mirroring the
// server's policy (signaling/src/policy.rs) so the page offers no action that would be
// refused. The server still decides every request; this only hides dead ends.
import type { StaffRole } from '../api/auth';

export interface Capabilities {
  /** Play recordings (supervisors, after re-authentication). */
  play: boolean;
  /** Confirm or overturn a decision under four eyes (supervisors who did not decide it). */
  review: boolean;
  /** Export the evidence package (supervisors, after re-authentication). */
  exportEvidence: boolean;
  /** Set and release legal holds (supervisors and admins). */
  legalHold: boolean;
  /** Read who viewed, played and exported a session (auditors). */
  accessLog: boolean;
  /** Read the dashboard's figures (`read_stats`: supervisors and auditors). */
  dashboard: boolean;
}

export function capabilitiesOf(roles: readonly StaffRole[]): Capabilities {
  const supervisor = roles.includes('supervisor');
  return {
    play: supervisor,
    review: supervisor,
    exportEvidence: supervisor,
    legalHold: supervisor || roles.includes('admin'),
    accessLog: roles.includes('auditor'),
    dashboard: supervisor || roles.includes('auditor'),
  };
}

/** Read-only: may look, but none of the actions above that change or copy anything. */
export function readOnly(c: Capabilities): boolean {
  return !c.play && !c.review && !c.exportEvidence && !c.legalHold;
}

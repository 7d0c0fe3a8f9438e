// Every action the audit log records, for the filter and the translated rows. The compiler
// checks each name is one the server knows; a test checks none the server knows is missing.
import type { AuditAction } from './api';

export const AUDIT_ACTIONS = [
  'login_succeeded', 'login_failed', 'account_locked', 'logout', 'logout_everywhere', 'reauth_succeeded', 'reauth_failed',
  'staff_created', 'staff_updated', 'totp_reset', 'invitation_issued', 'sign_in_reset', 'activation_opened', 'activation_refused',
  'staff_activated', 'password_changed', 'password_change_failed', 'recovery_codes_regenerated', 'sign_in_ended', 'audit_verified',
  'api_key_created', 'api_key_revoked', 'roster_changed',
  'session_created', 'link_issued', 'link_revoked', 'joined', 'left', 'session_ended', 'appointment_booked', 'challenge_started',
  'session_read', 'reference_photo_written', 'ai_events_read', 'recording_read', 'playback_issued', 'recording_file_served', 'audit_read',
  'consent_recorded', 'still_captured', 'still_read', 'evidence_read', 'prompt_shown', 'read_aloud_started', 'read_aloud_judged',
  'check_confirmed', 'decision_recorded',
  'archive_read', 'timeline_read', 'stats_read', 'report_read', 'evidence_exported', 'document_signed', 'decision_reviewed', 'result_final',
  'identification_created', 'application_saved', 'application_submitted', 'application_read', 'document_captured', 'document_image_read', 'documents_read', 'passkey_enrolled', 'passkey_verified',
  'legal_hold_set', 'legal_hold_released', 'session_erased', 'retention_deleted', 'master_key_rotated',
] as const satisfies readonly AuditAction[];

/** The message id of an action's readable name; unknown (newer) actions show their raw name. */
export function actionMessageId(action: string): string {
  return `admin-audit-action-${action.replace(/_/g, '-')}`;
}

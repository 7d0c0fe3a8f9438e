// Message ids for the values the server sends as stable codes: checks of a profile, reason
// codes, approval blockers, recording failures, AI flags. The profile files are English; the
// console shows the catalogues' translation of each id instead.
import type { Blocker, ChecklistItem } from '../api/console';
import { hasMessage, t } from '../i18n/i18n';

/** A check's name in the interface language; the profile's own (English) label for a check the catalogues do not know yet. */
export function checkLabel(item: Pick<ChecklistItem, 'id' | 'label'>): string {
  return hasMessage(`check-${item.id}`) ? t(`check-${item.id}`) : item.label;
}

export function checkName(id: string): string {
  return hasMessage(`check-${id}`) ? t(`check-${id}`) : id;
}

export function reasonLabel(code: string): string {
  return hasMessage(`reason-${code}`) ? t(`reason-${code}`) : code;
}

/** A compliance profile's name in the interface language (the file's own name otherwise). */
export function profileLabel(p: { id: string; name: string }): string {
  return hasMessage(`profile-${p.id}`) ? t(`profile-${p.id}`) : p.name;
}

export function documentLabel(kind: string): string {
  return hasMessage(`document-${kind}`) ? t(`document-${kind}`) : kind;
}

/** The kind of a recording failure, from the recorder's reason text (which stays English, for logs). */
export function recordingProblem(reason: string | null): 'disk_full' | 'missing_media' | 'nothing_recorded' | 'disabled' | 'failed' {
  const r = (reason ?? '').toLowerCase();
  if (r.includes('space') || r.includes('enospc') || r.includes('disk')) return 'disk_full';
  if (r.startsWith('missing')) return 'missing_media';
  if (r === 'nothing_recorded') return 'nothing_recorded';
  if (r === 'recording_disabled') return 'disabled';
  return 'failed';
}

/** Why a check failed: the AI verdict or step result in words, or the recording problem. */
export function failureText(why: string): string {
  if (hasMessage(`why-${why}`)) return t(`why-${why}`);
  return t(`recording-problem-${recordingProblem(why)}`);
}

/** One approval blocker as a sentence. */
export function blockerText(b: Blocker): string {
  switch (b.code) {
    case 'recording_unhealthy':
      return t('blocker-recording_unhealthy', { problem: t(`recording-problem-${recordingProblem(b.reason)}`) });
    case 'check_open':
      return t('blocker-check_open', { check: checkName(b.item) });
    case 'check_failed':
      return t('blocker-check_failed', { check: checkName(b.item), why: failureText(b.why) });
    case 'face_no_match_without_override':
      return t('blocker-face_no_match_without_override');
  }
}

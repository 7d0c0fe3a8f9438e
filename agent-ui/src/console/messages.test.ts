// Message ids the console and the call pages build from values (a phase, a kind, a code):
// each must exist, or a person would read a raw id.
import { describe, expect, it } from 'vitest';
import type { PresenceState } from '../api/generated/PresenceState';
import type { PromptKind } from '../api/generated/PromptKind';
import type { StillKind } from '../api/generated/StillKind';
import { hasMessage } from '../i18n/i18n';
import { SHORTCUTS } from './shortcuts';

const PRESENCE: PresenceState[] = ['offline', 'available', 'offered', 'in_call', 'wrap_up', 'away'];
const PROMPTS: PromptKind[] = ['show_id_front', 'show_id_back', 'tilt_document', 'turn_head', 'read_digits', 'move_to_light', 'switch_camera'];
const STILLS: StillKind[] = ['face', 'id_front', 'id_back'];
const DIRECTIONS = ['left', 'right', 'up', 'down', 'centre'];
const CALL_STATUS = ['joining', 'waiting_for_peer', 'connecting_media', 'in_call', 'peer_left', 'reconnecting', 'server_restarting', 'cannot_join'];

describe('messages built from values', () => {
  it('exist for every value', () => {
    const ids = [
      ...PRESENCE.map((p) => `presence-${p}`),
      ...['available', 'away', 'offline'].map((p) => `presence-set-${p}`),
      ...['connecting', 'open', 'lost', 'closed'].map((l) => `link-${l}`),
      ...['pending', 'accepted', 'declined', 'timed_out', 'cancelled'].map((r) => `offer-gone-${r}`),
      ...['booked', 'cancelled', 'no_show', 'agent_unavailable'].map((s) => `appointment-${s}`),
      ...SHORTCUTS.map((s) => `shortcut-${s.action}`),
      ...[...CALL_STATUS, 'starting', 'no_camera', 'ended'].map((p) => `call-phase-${p}`),
      ...[...CALL_STATUS, 'checking-camera', 'incomplete-link', 'no-camera', 'camera-ready'].map((s) => `call-status-${s}`),
      ...PROMPTS.filter((k) => k !== 'turn_head').map((k) => `prompt-${k}`),
      ...DIRECTIONS.map((d) => `prompt-turn_head-${d}`),
      ...PROMPTS.map((k) => `prompt-${k}-detail`),
      ...PROMPTS.filter((k) => !['turn_head', 'read_digits'].includes(k)).map((k) => `prompt-action-${k}`),
      ...DIRECTIONS.map((d) => `direction-${d}`),
      ...['left', 'right', 'up', 'down'].map((d) => `prompt-turn-${d}-label`),
      ...STILLS.flatMap((k) => [`capture-${k}`, `capture-taking-${k}`, `still-kind-${k}`]),
      ...['resolution_low', 'fps_low', 'loss_high', 'bitrate_low', 'no_video'].map((w) => `quality-warning-${w}`),
      ...['no_face', 'multiple_faces', 'face_too_small', 'too_dark', 'too_bright', 'blurred'].map((f) => `ai-flag-${f}`),
      ...['match', 'no_match', 'inconclusive', 'not_enough_frames'].map((v) => `face-verdict-${v}`),
      ...['live', 'attack', 'not_enough_frames'].map((v) => `liveness-verdict-${v}`),
      ...['looped_clip', 'still_image', 'regular_timing', 'source_switch'].map((h) => `hint-${h}`),
      ...['pending', 'current', 'passed', 'failed'].map((s) => `step-${s}`),
      ...['timeout', 'no_face', 'wrong_move', 'not_reached'].map((r) => `step-reason-${r}`),
      ...['satisfied', 'open', 'failed'].map((s) => `check-state-${s}`),
      ...['disk_full', 'missing_media', 'nothing_recorded', 'disabled', 'failed'].map((p) => `recording-problem-${p}`),
      ...['approved', 'rejected', 'inconclusive'].flatMap((o) => [`outcome-choose-${o}`, `outcome-done-${o}`, `decision-submit-${o}`]),
      ...['final', 'pending_review'].map((s) => `decision-status-${s}`),
      ...['ai_busy', 'ai_unavailable', 'invalid_challenge', 'consent_required', 'approval_blocked', 'reauth_cancelled'].map((c) => `error-${c}`),
    ];
    expect(ids.filter((id) => !hasMessage(id))).toEqual([]);
  });
});

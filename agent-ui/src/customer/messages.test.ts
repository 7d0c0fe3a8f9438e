/// <reference types="node" />
// The customer pages' messages built from values exist, and every error code the API can answer
// a customer has its own message (never the generic "something went wrong").
import { parse, Message } from '@fluent/syntax';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../i18n/i18n';
import { CONSENT_KINDS } from '../api/journey';
import { FIELDS } from './draft';
import { CUSTOMER_CATALOGUES } from './i18n/catalogues';
import { STEPS } from './steps';

const ids = new Set(
  [CATALOGUES.en, CUSTOMER_CATALOGUES.en].flatMap((c) => parse(c, {}).body.filter((e): e is Message => e instanceof Message).map((m) => m.id.name)),
);
const missing = (list: string[]) => list.filter((id) => !ids.has(id));

/** Operations a customer's pages call (their tags in the OpenAPI document). */
const CUSTOMER_TAGS = ['journey', 'consent', 'scheduling', 'queue', 'passkeys'];
/** Codes in those operations' descriptions that a customer never meets (staff and integrator ones). */
// `session_id` is a body field named in a description; `no_passkey` answers the integrator's passkey challenge.
const NOT_FOR_CUSTOMERS = new Set(['session_required', 'agent_not_found', 'already_decided', 'invalid_api_key', 'websocket_upgrade_required', 'session_id', 'no_passkey']);

/** Every `snake_case` code named in the responses of the customer's operations. */
function customerCodes(): string[] {
  const doc = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'openapi.json'), 'utf8'));
  const out = new Set<string>();
  for (const item of Object.values(doc.paths) as Record<string, { tags?: string[]; responses?: Record<string, { description?: string }> }>[]) {
    for (const op of Object.values(item)) {
      if (!op.tags?.some((t) => CUSTOMER_TAGS.includes(t))) continue;
      for (const [status, r] of Object.entries(op.responses ?? {})) {
        if (!/^[45]/.test(status)) continue;
        for (const m of (r.description ?? '').matchAll(/`([a-z][a-z0-9]*(?:_[a-z0-9]+)+|[a-z]+)`/g)) out.add(m[1]);
      }
    }
  }
  return [...out].filter((c) => !NOT_FOR_CUSTOMERS.has(c));
}

/** The application's field codes (docs/journey-api.md, "Field codes"). */
const FIELD_CODES = [
  'name_required', 'invalid_name', 'date_of_birth_required', 'invalid_date_of_birth', 'date_of_birth_in_future', 'applicant_too_young',
  'implausible_date_of_birth', 'nationality_required', 'invalid_nationality', 'address_required', 'invalid_address', 'invalid_postal_code',
  'city_required', 'invalid_city', 'country_required', 'invalid_country', 'email_required', 'invalid_email', 'phone_required', 'invalid_phone',
  'field_too_long',
];

/** Codes of the sockets a customer uses (docs/signaling-protocol.md) that the pages show. */
const SOCKET_CODES = ['invalid_token', 'token_expired', 'token_revoked', 'token_not_yet_valid', 'session_ended', 'queue_entry_not_found', 'invalid_email', 'invalid_phone', 'contact_required'];

describe('the customer pages’ messages', () => {
  it('every error code the API answers a customer has its own message', () => {
    const codes = [...customerCodes(), ...FIELD_CODES, ...SOCKET_CODES];
    expect(codes.length).toBeGreaterThan(40);
    expect(missing(codes.map((c) => `error-${c}`))).toEqual([]);
  });

  it('every message id built from a value exists', () => {
    const checks = { browser: ['unsupported'], camera: ['denied', 'not_found', 'busy', 'unsupported', 'failed'], microphone: ['denied', 'not_found', 'busy', 'unsupported', 'failed', 'silent'], server: ['unreachable', 'socket_blocked', 'slow'], relay: ['blocked'] };
    const built = [
      ...Object.entries(checks).flatMap(([c, codes]) => [`device-check-${c}`, ...codes.map((code) => `device-fix-${c}-${code}`)]),
      ...['running', 'ok', 'warn', 'fail'].map((s) => `device-state-${s}`),
      ...['denied', 'not_found', 'busy', 'unsupported', 'failed'].map((c) => `camera-${c}`),
      ...CONSENT_KINDS.flatMap((k) => [`consent-agree-${k}`, `consent-kind-${k}`]),
      ...FIELDS.map((f) => `field-${f.replace('.', '-')}`),
      ...['idle', 'saving', 'saved', 'offline', 'failed'].map((s) => `details-save-${s}`),
      ...['passport', 'id_card', 'residence_permit', 'aadhaar_offline'].flatMap((d) => [`document-type-${d}`, `document-type-${d}-hint`]),
      ...['front', 'back', 'passport'].flatMap((s) => [`document-side-${s}`, `document-instruction-${s}`]),
      ...['camera', 'waiting_for_agent', 'connecting', 'in_call', 'agent_left', 'reconnecting', 'cannot_join'].map((p) => `call-phase-${p}`),
      ...['deciding', 'pending_review', 'approved', 'rejected', 'inconclusive', 'final', 'ended'].flatMap((s) => [`result-${s}-title`, `result-${s}-body`]),
      ...['booked', 'cancelled', 'no_show', 'agent_unavailable'].map((s) => `booking-status-${s}`),
      ...['rescheduled', 'cancelled'].map((n) => `booking-notice-${n}`),
      ...['callback', 'left'].flatMap((s) => [`waiting-closed-${s}-title`, `waiting-closed-${s}-body`]),
    ];
    expect(missing(built)).toEqual([]);
    expect(STEPS.length).toBe(12);
  });

  it('every document type of the shipped profiles has a name', () => {
    const profiles = join(import.meta.dirname, '..', '..', '..', 'profiles');
    const types = ['basic', 'bafin-rs-3-2017', 'rbi-vcip', 'at-fvfiv'].flatMap((p) => {
      const m = /^documents = \[(.*)\]/m.exec(readFileSync(join(profiles, `${p}.toml`), 'utf8'));
      return [...(m?.[1].matchAll(/"([a-z_]+)"/g) ?? [])].map((x) => x[1]);
    });
    expect(types.length).toBeGreaterThan(3);
    expect(missing(types.map((t) => `document-type-${t}`))).toEqual([]);
  });
});

// The sign-in form's rules, without the view: what counts as a well-formed entry, and what
// each server answer means for the person (which message, which field to fix, what to clear).
import type { LoginRequest } from '../api/auth';
import { ApiError } from '../api/problem';
import { errorMessageId } from '../i18n/errors';
import type { Args } from '../i18n/i18n';

export type CodeKind = 'totp' | 'recovery';
export type Field = 'username' | 'password' | 'code';

export interface LoginInput {
  username: string;
  password: string;
  code: string;
  codeKind: CodeKind;
}

/** A message to show, by Fluent id, with its arguments. */
export interface Message {
  id: string;
  args?: Args;
}

export type FieldErrors = Partial<Record<Field, Message>>;

/** The order fields appear in, which is the order focus visits the invalid ones. */
export const FIELDS: readonly Field[] = ['username', 'password', 'code'];

/** The code as the server expects it, or null when it cannot be one. */
export function normaliseCode(raw: string, kind: CodeKind): string | null {
  const compact = raw.replace(/\s+/g, '');
  if (kind === 'totp') return /^\d{6}$/.test(compact) ? compact : null;
  // Recovery codes are printed as xxxx-xxxx-xxxx; accept them typed without dashes too.
  const plain = compact.replace(/-/g, '').toLowerCase();
  if (!/^[a-z0-9]{12}$/.test(plain)) return null;
  return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`;
}

export function validateLogin(input: LoginInput): { request: LoginRequest } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const username = input.username.trim();
  if (!username) errors.username = { id: 'login-missing-username' };
  if (!input.password) errors.password = { id: 'login-missing-password' };
  const code = normaliseCode(input.code, input.codeKind);
  if (code === null) {
    const empty = input.code.trim() === '';
    errors.code =
      input.codeKind === 'totp'
        ? { id: empty ? 'login-missing-code' : 'login-bad-code-format' }
        : { id: empty ? 'login-missing-recovery' : 'login-bad-recovery-format' };
  }
  if (Object.keys(errors).length || code === null) return { errors };
  // The password is sent exactly as typed: spaces may be part of it.
  return { request: { username, password: input.password, code } };
}

export function firstInvalid(errors: FieldErrors): Field | null {
  return FIELDS.find((f) => errors[f]) ?? null;
}

/** What a failed sign-in means on screen. */
export interface Outcome {
  message: Message;
  /** The field to mark invalid and focus; null when the message is about the account. */
  field: Field | null;
  /** Fields to empty: secrets that were wrong, codes that cannot be used again. */
  clear: Field[];
}

export function outcomeOf(error: unknown, now: Date): Outcome {
  if (!(error instanceof ApiError)) return { message: { id: 'error-generic' }, field: null, clear: [] };
  switch (error.code) {
    case 'invalid_credentials':
      return { message: { id: errorMessageId(error.code) }, field: 'password', clear: ['password', 'code'] };
    case 'invalid_code':
    case 'code_already_used':
      return { message: { id: errorMessageId(error.code) }, field: 'code', clear: ['code'] };
    case 'account_disabled':
      return { message: { id: errorMessageId(error.code) }, field: null, clear: ['password', 'code'] };
    case 'account_locked':
      return { message: lockedMessage(error.number('retry_after_seconds'), now), field: null, clear: ['password', 'code'] };
    default:
      return { message: { id: errorMessageId(error.code) }, field: null, clear: [] };
  }
}

/** "Locked; try again in N minutes, at HH:MM" when the server says how long, else without a time. */
export function lockedMessage(retryAfterSeconds: number | null, now: Date): Message {
  if (retryAfterSeconds === null || retryAfterSeconds <= 0) return { id: 'error-account_locked' };
  return {
    id: 'error-account_locked-retry',
    args: {
      minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)),
      time: new Date(now.getTime() + retryAfterSeconds * 1000),
    },
  };
}

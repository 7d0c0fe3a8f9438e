import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import { t } from '../i18n/i18n';
import { lockedMessage, normaliseCode, outcomeOf, validateLogin } from './login-form';

const NOW = new Date('2030-01-01T10:00:00Z');

describe('the second-factor code', () => {
  it('accepts six digits, also typed with a space as apps show them', () => {
    expect(normaliseCode('123456', 'totp')).toBe('123456');
    expect(normaliseCode(' 123 456 ', 'totp')).toBe('123456');
  });

  it('rejects anything else as an authenticator code', () => {
    for (const bad of ['12345', '1234567', '12a456', '', 'abcd-efgh-ijkl']) expect(normaliseCode(bad, 'totp')).toBeNull();
  });

  it('accepts a recovery code with or without dashes, in either case', () => {
    expect(normaliseCode('abcd-efgh-ijkl', 'recovery')).toBe('abcd-efgh-ijkl');
    expect(normaliseCode('ABCD EFGH IJKL', 'recovery')).toBe('abcd-efgh-ijkl');
    expect(normaliseCode('abcdefgh1234', 'recovery')).toBe('abcd-efgh-1234');
    expect(normaliseCode('abcd-efgh', 'recovery')).toBeNull();
  });
});

describe('validating the sign-in form', () => {
  it('names every missing field', () => {
    expect(validateLogin({ username: ' ', password: '', code: '', codeKind: 'totp' })).toEqual({
      errors: { username: { id: 'login-missing-username' }, password: { id: 'login-missing-password' }, code: { id: 'login-missing-code' } },
    });
  });

  it('explains the expected shape of a malformed code', () => {
    expect(validateLogin({ username: 'a', password: 'p', code: '12', codeKind: 'totp' })).toEqual({ errors: { code: { id: 'login-bad-code-format' } } });
    expect(validateLogin({ username: 'a', password: 'p', code: 'x', codeKind: 'recovery' })).toEqual({ errors: { code: { id: 'login-bad-recovery-format' } } });
  });

  it('sends the username trimmed and the password exactly as typed', () => {
    expect(validateLogin({ username: ' ada ', password: ' pass word ', code: '123 456', codeKind: 'totp' })).toEqual({
      request: { username: 'ada', password: ' pass word ', code: '123456' },
    });
  });
});

describe('what a failed sign-in means on screen', () => {
  it('a wrong password clears the secrets and points at the password', () => {
    expect(outcomeOf(new ApiError(401, 'invalid_credentials'), NOW)).toEqual({ message: { id: 'error-invalid_credentials' }, field: 'password', clear: ['password', 'code'] });
  });

  it('a wrong or replayed code clears the code and points at it', () => {
    expect(outcomeOf(new ApiError(401, 'invalid_code'), NOW)).toMatchObject({ message: { id: 'error-invalid_code' }, field: 'code', clear: ['code'] });
    expect(outcomeOf(new ApiError(401, 'code_already_used'), NOW)).toMatchObject({ message: { id: 'error-code_already_used' }, field: 'code' });
  });

  it('a locked account says how long, rounded up to whole minutes, and until when', () => {
    const o = outcomeOf(new ApiError(423, 'account_locked', { type: 'urn:x', title: 'Locked', status: 423, code: 'account_locked', retry_after_seconds: 61 }), NOW);
    expect(o.field).toBeNull();
    expect(o.message).toEqual({ id: 'error-account_locked-retry', args: { minutes: 2, time: new Date('2030-01-01T10:01:01Z') } });
    expect(lockedMessage(20, NOW).args?.minutes).toBe(1);
  });

  it('a disabled account clears the secrets and says so, pointing at no field', () => {
    expect(outcomeOf(new ApiError(401, 'account_disabled'), NOW)).toEqual({ message: { id: 'error-account_disabled' }, field: null, clear: ['password', 'code'] });
  });

  it('a locked account without a duration still says it is locked', () => {
    expect(outcomeOf(new ApiError(423, 'account_locked'), NOW).message).toEqual({ id: 'error-account_locked' });
  });

  it('throttling, a bad body, an outage and unknown codes each get a message, none of them the server’s text', () => {
    for (const [code, id] of [
      ['too_many_requests', 'error-too_many_requests'],
      ['invalid_body', 'error-invalid_body'],
      ['network_error', 'error-network_error'],
      ['something_new', 'error-generic'],
    ]) {
      const o = outcomeOf(new ApiError(400, code, { type: 'urn:x', title: 'T', status: 400, code, detail: 'SERVER DETAIL' }), NOW);
      expect(o.message.id).toBe(id);
      expect(t(o.message.id)).not.toContain('SERVER DETAIL');
    }
    expect(outcomeOf(new Error('boom'), NOW).message.id).toBe('error-generic');
  });
});

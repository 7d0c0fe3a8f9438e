import { describe, expect, it } from 'vitest';
import { creationOptions, fromB64url, toB64url } from './passkey';

describe('passkey JSON', () => {
  it('base64url round-trips binary without padding', () => {
    const bytes = new Uint8Array([0, 251, 255, 62, 63, 1]);
    const s = toB64url(bytes);
    expect(s).not.toMatch(/[+/=]/);
    expect(new Uint8Array(fromB64url(s))).toEqual(bytes);
  });

  it('the server’s creation options get their binary fields as buffers', () => {
    const o = creationOptions({
      publicKey: {
        rp: { id: 'bank.example', name: 'Bank' },
        user: { id: toB64url(new Uint8Array([1, 2, 3])), name: 'u', displayName: 'U' },
        challenge: toB64url(new Uint8Array([9, 9])),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        excludeCredentials: [{ type: 'public-key', id: toB64url(new Uint8Array([7])) }],
      },
    });
    expect(new Uint8Array(o.challenge as ArrayBuffer)).toEqual(new Uint8Array([9, 9]));
    expect(new Uint8Array(o.user.id as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3]));
    expect(new Uint8Array(o.excludeCredentials![0].id as ArrayBuffer)).toEqual(new Uint8Array([7]));
    expect(o.rp.id).toBe('bank.example');
  });
});

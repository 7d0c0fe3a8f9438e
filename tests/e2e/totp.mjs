// RFC 6238 TOTP (HMAC-SHA1, 30-s steps, 6 digits), as an authenticator app computes it, for
// signing staff in during browser tests.
import { createHmac } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(text) {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const i = BASE32.indexOf(ch);
    if (i < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The code for time step `step` (RFC 4226 HOTP with the step as counter). */
export function hotp(secretBase32, step, digits = 6) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secretBase32)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const bin = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

export const stepOf = (ms, period = 30) => Math.floor(ms / 1000 / period);

export function totp(secretBase32, ms = Date.now()) {
  return hotp(secretBase32, stepOf(ms));
}

/** A current code with at least `marginS` seconds of its step left, so it is still current when it arrives. */
export async function freshTotp(secretBase32, marginS = 4) {
  const left = 30 - ((Date.now() / 1000) % 30);
  if (left < marginS) await new Promise((r) => setTimeout(r, left * 1000 + 200));
  return totp(secretBase32);
}

/** Six digits that are not the code of the previous, current or next step (any clock skew the server allows). */
export function wrongTotp(secretBase32, ms = Date.now()) {
  const near = new Set([-1, 0, 1].map((d) => hotp(secretBase32, stepOf(ms) + d)));
  for (let n = 0; ; n++) {
    const candidate = String((Number(totp(secretBase32, ms)) + 111111 * (n + 1)) % 1e6).padStart(6, '0');
    if (!near.has(candidate)) return candidate;
  }
}

/** A code of a later step than the one at `usedAtMs`, waiting for it: a used code stays used for its step. */
export async function nextTotp(secretBase32, usedAtMs) {
  const nextStepAt = (stepOf(usedAtMs) + 1) * 30_000;
  if (Date.now() < nextStepAt) await new Promise((r) => setTimeout(r, nextStepAt - Date.now() + 200));
  return freshTotp(secretBase32);
}

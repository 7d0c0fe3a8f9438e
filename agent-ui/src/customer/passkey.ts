// WebAuthn registration in the browser's JSON form (binary fields as base64url), as webauthn-rs
// sends the options and reads the credential.

export function fromB64url(s: string): ArrayBuffer {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(s.length / 4) * 4, '=');
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out.buffer;
}

export function toB64url(buf: ArrayBuffer | ArrayBufferView): string {
  const bytes = buf instanceof ArrayBuffer ? new Uint8Array(buf) : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

type Json = Record<string, unknown>;

/** `PublicKeyCredentialCreationOptions` from the server's JSON (`{publicKey: …}`). */
export function creationOptions(options: Json): PublicKeyCredentialCreationOptions {
  const pk = (options.publicKey ?? options) as Json;
  const user = pk.user as Json;
  return {
    ...(pk as unknown as PublicKeyCredentialCreationOptions),
    challenge: fromB64url(pk.challenge as string),
    user: { ...(user as unknown as PublicKeyCredentialUserEntity), id: fromB64url(user.id as string) },
    excludeCredentials: ((pk.excludeCredentials as Json[] | undefined) ?? []).map((c) => ({
      ...(c as unknown as PublicKeyCredentialDescriptor),
      id: fromB64url(c.id as string),
    })),
  };
}

/** The new credential as JSON for the server. */
export function registrationJson(cred: PublicKeyCredential): Json {
  const r = cred.response as AuthenticatorAttestationResponse;
  return {
    id: cred.id,
    rawId: toB64url(cred.rawId),
    type: cred.type,
    response: {
      attestationObject: toB64url(r.attestationObject),
      clientDataJSON: toB64url(r.clientDataJSON),
      ...(typeof r.getTransports === 'function' ? { transports: r.getTransports() } : {}),
    },
    extensions: cred.getClientExtensionResults?.() ?? {},
  };
}

export function passkeysSupported(): boolean {
  return typeof globalThis.PublicKeyCredential === 'function' && Boolean(navigator.credentials?.create);
}

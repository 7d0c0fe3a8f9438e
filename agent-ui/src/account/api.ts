// "My account" and activation calls. Types from the server's OpenAPI document (schema.ts).
import { api } from '../api/client';
import type { components } from '../api/schema';

type Schemas = components['schemas'];

export type MyAccount = Schemas['MyAccount'];
export type SignIn = Schemas['SignIn'];
export type Enrollment = Schemas['Enrollment'];
export type Activated = Schemas['Activated'];

export const accountApi = {
  account: () => api.request<MyAccount>('GET', '/api/v1/auth/account'),
  endSignIn: (id: string) => api.request<void>('DELETE', `/api/v1/auth/sign-ins/${encodeURIComponent(id)}`),
  changePassword: (current_password: string, new_password: string) =>
    api.request<void>('POST', '/api/v1/auth/password', { body: { current_password, new_password } satisfies Schemas['ChangePassword'] }),
  newRecoveryCodes: () => api.request<Schemas['RecoveryCodes']>('POST', '/api/v1/auth/recovery-codes'),
};

/** The activation link's calls: the token is the credential, so a 401 here is never a lost session. */
export const activationApi = {
  enrollment: (token: string) =>
    api.request<Enrollment>('POST', '/api/v1/activation/enrollment', { body: { token } satisfies Schemas['ActivationToken'], authProbe: true }),
  complete: (token: string, password: string, code: string) =>
    api.request<Activated>('POST', '/api/v1/activation/complete', { body: { token, password, code } satisfies Schemas['CompleteActivation'], authProbe: true }),
};

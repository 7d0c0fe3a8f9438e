// Sensitive actions (decision, playback, export, staff admin) need a re-authentication within
// the last few minutes. The API client asks here when the server answers `reauth_required`;
// the dialog answers. Concurrent requests share one prompt.
import { signal } from '@preact/signals';

export interface ReauthPrompt {
  /** true: the person re-authenticated, retry; false: they cancelled. */
  settle(ok: boolean): void;
}

export const reauthPrompt = signal<ReauthPrompt | null>(null);

let pending: Promise<boolean> | null = null;

export function requestReauth(): Promise<boolean> {
  pending ??= new Promise<boolean>((resolve) => {
    reauthPrompt.value = {
      settle(ok) {
        reauthPrompt.value = null;
        pending = null;
        resolve(ok);
      },
    };
  });
  return pending;
}

// Wiring shared by the plain-HTML call pages (the customer's /call/ and the agent's /agent/).
// Every string comes from the Fluent catalogues; the elements are found by id.
import { effect, signal } from '@preact/signals';
import { t } from '../i18n/i18n';
import { CallClient, CallEvents, type CallStatus } from './call';
import { translatePage } from './dom-i18n';
import { credentialFromLocation } from './location';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

declare global {
  interface Window { __call?: CallClient }
}

/** What the page's status line says: a message id, re-translated when the language changes. */
const statusId = signal('call-status-checking-camera');

/** Sets up the page; returns the call once the camera works (null when it cannot start). */
export async function startCallPage(opts: { endedId: string; extra?: Partial<CallEvents> }): Promise<CallClient | null> {
  const status = $<HTMLParagraphElement>('status');
  const joinBtn = $<HTMLButtonElement>('join');
  const hangupBtn = $<HTMLButtonElement>('hangup');
  const muteBtn = $<HTMLButtonElement>('mute');
  const muted = signal(false);
  translatePage();
  // The status line and the mute button follow the language like the fixed strings.
  effect(() => {
    status.textContent = t(statusId.value);
    muteBtn.textContent = t(muted.value ? 'call-unmute' : 'call-mute');
  });
  const credential = credentialFromLocation();
  if (!credential) {
    statusId.value = 'call-status-incomplete-link';
    return null;
  }
  let local: MediaStream;
  try {
    local = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
  } catch {
    statusId.value = 'call-status-no-camera';
    return null;
  }
  $<HTMLVideoElement>('local').srcObject = local;
  statusId.value = 'call-status-camera-ready';
  joinBtn.disabled = false;

  const events: CallEvents = {
    status: (s: CallStatus) => (statusId.value = `call-status-${s}`),
    remoteStream: (s) => {
      const v = $<HTMLVideoElement>('remote');
      if (v.srcObject !== s) v.srcObject = s;
    },
    peerPresent: (p) => {
      const el = document.getElementById('peer-state');
      if (el) el.dataset.i18n = p ? 'call-peer-connected' : 'call-peer-not-connected';
      if (el) el.textContent = t(el.dataset.i18n!);
    },
    ended: () => {
      statusId.value = opts.endedId;
      hangupBtn.disabled = true;
      joinBtn.disabled = true;
      local.getTracks().forEach((tr) => tr.stop());
    },
    error: (code, message) => console.warn('signaling error', code, message),
  };
  const call = new CallClient(credential, local, { ...events, ...opts.extra });
  window.__call = call;

  joinBtn.onclick = () => {
    joinBtn.disabled = true;
    hangupBtn.disabled = false;
    statusId.value = 'call-status-joining';
    call.join();
  };
  hangupBtn.onclick = () => call.hangup();
  muteBtn.onclick = () => {
    muted.value = !muted.value;
    call.setMuted(muted.value);
  };
  return call;
}

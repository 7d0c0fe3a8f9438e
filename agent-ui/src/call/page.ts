// Wiring shared by the customer and agent call pages.
import { CallClient, CallEvents } from './call';
import { credentialFromLocation } from './location';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

declare global {
  interface Window { __call?: CallClient }
}

/** Sets up the page; returns the call once the camera works (null when it cannot start). */
export async function startCallPage(opts: { endedText: string; extra?: Partial<CallEvents> }): Promise<CallClient | null> {
  const status = $<HTMLParagraphElement>('status');
  const joinBtn = $<HTMLButtonElement>('join');
  const hangupBtn = $<HTMLButtonElement>('hangup');
  const muteBtn = $<HTMLButtonElement>('mute');
  const credential = credentialFromLocation();
  if (!credential) {
    status.textContent = 'This link is incomplete. Please open the full link you were sent.';
    return null;
  }
  let local: MediaStream;
  try {
    local = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
  } catch (e) {
    status.textContent = 'We need your camera and microphone. Please allow access and reload the page.';
    return null;
  }
  $<HTMLVideoElement>('local').srcObject = local;
  status.textContent = 'Your camera works. Join when you are ready.';
  joinBtn.disabled = false;

  const events: CallEvents = {
    status: (t) => (status.textContent = t),
    remoteStream: (s) => {
      const v = $<HTMLVideoElement>('remote');
      if (v.srcObject !== s) v.srcObject = s;
    },
    peerPresent: (p) => {
      const el = document.getElementById('peer-state');
      if (el) el.textContent = p ? '(connected)' : '(not connected)';
    },
    ended: () => {
      status.textContent = opts.endedText;
      hangupBtn.disabled = true;
      joinBtn.disabled = true;
      local.getTracks().forEach((t) => t.stop());
    },
    error: (code, message) => console.warn('signaling error', code, message),
  };
  const call = new CallClient(credential, local, { ...events, ...opts.extra });
  window.__call = call;

  joinBtn.onclick = () => {
    joinBtn.disabled = true;
    hangupBtn.disabled = false;
    status.textContent = 'Joining…';
    call.join();
  };
  hangupBtn.onclick = () => call.hangup();
  let muted = false;
  muteBtn.onclick = () => {
    muted = !muted;
    call.setMuted(muted);
    muteBtn.textContent = muted ? 'Unmute' : 'Mute';
  };
  return call;
}

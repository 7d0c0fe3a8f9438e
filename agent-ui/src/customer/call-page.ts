// The customer's call page: the call, the agent's step prompts and the stills the agent asks
// for (taken at the camera's full resolution and uploaded with this link's token).
import { h, render } from 'preact';
import type { StillKind } from '../api/generated/StillKind';
import { isApiError } from '../api/problem';
import type { CallClient } from '../call/call';
import { credentialFromLocation } from '../call/location';
import { startCallPage } from '../call/page';
import { takeStill, uploadStill } from '../call/stills';
import { CallPrompt } from './CallPrompt';
import { capture, clearedByStill, prompt, shown } from './call-steps';

let call: CallClient | null = null;

async function onCapture(kind: StillKind, requestId: string): Promise<void> {
  const credential = credentialFromLocation();
  const track = call?.localVideoTrack;
  const session = call?.sessionId;
  if (!credential || !('token' in credential) || !track || !session) return;
  capture.value = { phase: 'taking', kind };
  try {
    const { blob } = await takeStill(track);
    await uploadStill(session, credential.token, kind, requestId, blob);
    capture.value = { phase: 'sent', kind, at: Date.now() };
    if (clearedByStill(prompt.peek(), kind)) prompt.value = null;
  } catch (e) {
    capture.value = { phase: 'failed', kind, code: isApiError(e) ? e.code : 'generic' };
  }
}

const root = document.getElementById('call-steps');
if (root) render(h(CallPrompt, {}), root);

call = await startCallPage({
  endedId: 'call-ended-customer',
  extra: {
    capture: (kind, requestId) => void onCapture(kind, requestId),
    prompt: (msg) => (prompt.value = shown(msg, Date.now())),
    promptClear: () => (prompt.value = null),
  },
});

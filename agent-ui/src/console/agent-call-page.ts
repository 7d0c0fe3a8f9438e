// The agent's call page: the call plus the live face-analysis panel (face match against the
// ID photo, liveness, capture quality, head-movement challenge). The AI only assists: the
// agent decides.
import { startCallPage } from '../call/page';
import type { AiEvent } from '../call/ai-event';

const $ = (id: string) => document.getElementById(id) as HTMLElement;

function showChallenge(event: AiEvent): void {
  const list = $('challenge-steps');
  if (event.type === 'challenge_started') {
    list.innerHTML = '';
    for (const step of event.steps as string[]) {
      const li = document.createElement('li');
      li.textContent = step;
      li.className = 'pending';
      list.appendChild(li);
    }
    $('challenge-result').textContent = 'Ask the customer to follow the steps.';
  } else if (event.type === 'challenge_step') {
    const li = list.children[event.index as number] as HTMLElement | undefined;
    if (li) {
      li.className = event.passed ? 'passed' : 'failed';
      li.textContent = `${event.step} — ${event.passed ? 'done' : `failed (${event.reason})`}`;
    }
  } else if (event.type === 'challenge_done') {
    $('challenge-result').textContent = event.passed ? 'Challenge passed' : 'Challenge failed';
  }
}

function onAi(event: AiEvent): void {
  switch (event.type) {
    case 'face_match':
      $('face-match').textContent = `${event.verdict} (distance ${Number(event.distance ?? NaN).toFixed(2)}, ${event.frames_used} frames)`;
      break;
    case 'antispoof':
      $('liveness').textContent = `${event.verdict} (p(real) ${Number(event.mean_p_real ?? NaN).toFixed(2)})`;
      break;
    case 'quality':
      $('quality').textContent = (event.flags as string[]).length ? (event.flags as string[]).join(', ') : 'good';
      break;
    case 'reference':
      $('reference').textContent = event.face ? 'face found on the ID photo' : 'no face found on the ID photo';
      break;
    default:
      showChallenge(event);
  }
}

const call = await startCallPage({
  endedId: 'call-ended-agent',
  extra: {
    ai: onAi,
    aiStatus: (available) => ($('ai-status').textContent = available ? 'running' : 'AI unavailable — continue manually'),
  },
});
const challengeBtn = $('start-challenge') as HTMLButtonElement;
challengeBtn.disabled = !call;
challengeBtn.onclick = () => call?.startChallenge({ moves: 4 });

import { useEffect, useMemo, useState } from 'preact/hooks';
import type { SessionId } from '../api/generated/SessionId';
import { t } from '../i18n/i18n';
import { navigate } from '../staff/router';
import { useNow } from '../ui/use-now';
import { AiPanel } from './AiPanel';
import { CallSession } from './call-session';
import { CameraActions } from './CameraActions';
import { ChallengePanel } from './ChallengePanel';
import { ChecklistPanel } from './ChecklistPanel';
import { DecisionPanel } from './DecisionPanel';
import { consoleDeps } from './deps';
import { QualityBar } from './QualityBar';
import { QueueGlance } from './QueueGlance';
import { recordingProblem } from './labels';
import { CONSOLE } from './routes';
import { SessionFacts } from './SessionFacts';
import { readyAfterDecision, shift } from './shift';
import { shortcutFor } from './shortcuts';
import { StillsGallery } from './StillsGallery';
import { clock } from './time';
import { VideoStage } from './VideoStage';

/**
 * One identification call: the customer's video with the camera actions under it, and beside
 * it what the agent judges by (application, stills, live analysis, challenges), the checklist
 * and the decision.
 */
export function CallView({ sessionId, onHelp }: { sessionId: SessionId; onHelp(): void }) {
  const call = useMemo(() => new CallSession(sessionId, consoleDeps.call), [sessionId]);
  const [since, setSince] = useState<number | null>(null);
  useEffect(() => {
    void call.start();
    return () => call.stop();
  }, [call]);

  const phase = call.phase.value;
  useEffect(() => {
    if (phase === 'in_call' && since === null) setSince(Date.now());
  }, [phase, since]);
  const now = useNow(1000, since !== null && phase !== 'ended');

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor(e, 'call');
      const run: Partial<Record<NonNullable<typeof action>, () => void>> = {
        capture_face: () => call.capture('face'),
        capture_id_front: () => call.capture('id_front'),
        capture_id_back: () => call.capture('id_back'),
        challenge: () => call.startChallenge(),
        read_aloud: () => call.startReadAloud(),
        mute: () => call.setMuted(!call.muted.peek()),
        go_decision: () => {
          const el = document.getElementById('decision');
          el?.scrollIntoView({ block: 'start' });
          (el?.querySelector<HTMLElement>('input, button') ?? el)?.focus();
        },
      };
      const f = action ? run[action] : undefined;
      if (!f) return;
      e.preventDefault();
      f();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [call]);

  const ended = phase === 'ended';
  const presence = shift.value.presence;
  const wrapUpUntil = shift.value.wrapUpUntil;
  return (
    <section class="call-view" aria-labelledby="call-title">
      <header class="call-head">
        <div class="call-title">
          <h1 id="call-title">{t('call-title')}</h1>
          <p class="call-sub">
            <span class={`phase phase-${phase}`}>{t(`call-phase-${phase}`)}</span>
            {since !== null && !ended && <span class="elapsed">{clock(now - since)}</span>}
            {presence === 'wrap_up' && wrapUpUntil !== null && <span class="wrap-up">{t('presence-wrap-up-left', { time: clock(wrapUpUntil - Date.now()) })}</span>}
          </p>
        </div>
        <QueueGlance compact />
        <div class="call-controls">
          <button type="button" class="link" onClick={onHelp} aria-keyshortcuts="?">
            {t('shortcuts-open')}
          </button>
          {!ended && (
            <>
              <button type="button" aria-pressed={call.muted.value} onClick={() => call.setMuted(!call.muted.value)} aria-keyshortcuts="m">
                {t(call.muted.value ? 'call-unmute' : 'call-mute')}
              </button>
              <button type="button" class="danger" onClick={() => call.hangup()}>
                {t('call-end')}
              </button>
            </>
          )}
          {ended && call.decision.value && (
            <button
              type="button"
              onClick={() => {
                void readyAfterDecision();
                navigate(CONSOLE);
              }}
            >
              {t('decision-back-to-queue')}
            </button>
          )}
        </div>
      </header>
      {call.recording.value?.ok === false && (
        <p class="message error recording-alert" role="alert">
          {t('recording-failed', { problem: t(`recording-problem-${recordingProblem(call.recording.value.reason)}`) })}
        </p>
      )}
      <div class="call-grid">
        <div class="col-media">
          <VideoStage call={call} />
          {!ended && <QualityBar call={call} />}
          {!ended && <CameraActions call={call} />}
        </div>
        <div class="col-evidence">
          <StillsGallery call={call} />
          <AiPanel call={call} />
          <ChallengePanel call={call} />
          <SessionFacts call={call} />
        </div>
        <div class="col-decide">
          <ChecklistPanel call={call} />
          <DecisionPanel call={call} />
        </div>
      </div>
    </section>
  );
}

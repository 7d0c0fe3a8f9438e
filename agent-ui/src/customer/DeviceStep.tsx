import { useEffect, useRef, useState } from 'preact/hooks';
import { signalingUrl } from '../call/location';
import { t } from '../i18n/i18n';
import { cameraProblem, openCamera, stopStream } from './camera';
import { LevelMeter, missingFeatures, relayReachable, serverRoundTrip, socketOpens, type CheckState } from './device-check';
import { useJourney } from './journey';

type CheckId = 'browser' | 'camera' | 'microphone' | 'server' | 'relay';
const CHECKS: CheckId[] = ['browser', 'camera', 'microphone', 'server', 'relay'];
/** Without these the call cannot work; the others only warn. */
const BLOCKING: CheckId[] = ['browser', 'camera', 'server'];
/** Speech reaches this level on the meter (0–1). */
const HEARD = 0.08;
/** After this long without sound, the microphone check says what to try. */
const SILENCE_MS = 10_000;
/** A round trip slower than this makes video stutter: warn. */
const SLOW_MS = 800;

/**
 * Camera and microphone (with a level meter), the browser, and a short test of the connection to
 * the server and the relay the call may need, each with what to do when it fails.
 */
export function DeviceStep() {
  const journey = useJourney();
  const [checks, setChecks] = useState<Record<CheckId, CheckState>>(() =>
    Object.fromEntries(CHECKS.map((c) => [c, { kind: 'running' }])) as Record<CheckId, CheckState>,
  );
  const [level, setLevel] = useState(0);
  const [round, setRound] = useState(0);
  const video = useRef<HTMLVideoElement>(null);
  const set = (id: CheckId, s: CheckState) => setChecks((x) => ({ ...x, [id]: s }));

  // Browser, camera and microphone.
  useEffect(() => {
    const missing = missingFeatures(window);
    set('browser', missing.length ? { kind: 'fail', code: 'unsupported' } : { kind: 'ok' });
    if (missing.length) {
      set('camera', { kind: 'fail', code: 'unsupported' });
      set('microphone', { kind: 'fail', code: 'unsupported' });
      return;
    }
    let stream: MediaStream | null = null;
    let meter: LevelMeter | null = null;
    let frame = 0;
    let live = true;
    const started = performance.now();
    openCamera('user', true).then(
      (s) => {
        if (!live) return stopStream(s);
        stream = s;
        if (video.current) video.current.srcObject = s;
        set('camera', s.getVideoTracks().length ? { kind: 'ok' } : { kind: 'fail', code: 'not_found' });
        if (!s.getAudioTracks().length) return set('microphone', { kind: 'fail', code: 'not_found' });
        meter = new LevelMeter(s);
        let heard = false;
        const tick = () => {
          const l = meter?.level() ?? 0;
          setLevel(l);
          if (!heard && l >= HEARD) {
            heard = true;
            set('microphone', { kind: 'ok' });
          } else if (!heard && performance.now() - started > SILENCE_MS) {
            set('microphone', { kind: 'warn', code: 'silent' });
          }
          frame = requestAnimationFrame(tick);
        };
        tick();
      },
      (e) => {
        const code = cameraProblem(e);
        set('camera', { kind: 'fail', code });
        set('microphone', { kind: 'fail', code });
      },
    );
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      meter?.close();
      stopStream(stream);
    };
  }, [round]);

  // The server (HTTP and the call's socket) and the relay.
  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const ms = await serverRoundTrip();
        const socket = await socketOpens(signalingUrl());
        if (!live) return;
        if (!socket) set('server', { kind: 'fail', code: 'socket_blocked' });
        else set('server', ms > SLOW_MS ? { kind: 'warn', code: 'slow' } : { kind: 'ok', detail: { ms } });
      } catch {
        if (live) set('server', { kind: 'fail', code: 'unreachable' });
      }
      try {
        const { ice_servers } = await journey.api.iceServers(journey.sessionId);
        const relay = await relayReachable(ice_servers as unknown as RTCIceServer[]);
        if (live) set('relay', relay === 'ok' ? { kind: 'ok' } : relay === 'not_configured' ? { kind: 'ok', detail: { direct: 1 } } : { kind: 'warn', code: 'blocked' });
      } catch {
        if (live) set('relay', { kind: 'warn', code: 'blocked' });
      }
    })();
    return () => {
      live = false;
    };
  }, [round]);

  const ready = BLOCKING.every((c) => checks[c].kind === 'ok' || checks[c].kind === 'warn');
  const running = CHECKS.some((c) => checks[c].kind === 'running');
  const failed = CHECKS.some((c) => checks[c].kind === 'fail');
  return (
    <section class="step">
      <h1 tabIndex={-1}>{t('device-title')}</h1>
      <p class="lead">{t('device-intro')}</p>
      <div class="device-preview">
        <video ref={video} autoPlay playsInline muted class="mirror" aria-label={t('device-preview')} />
        <div class="meter-row">
          <span id="mic-level-label">{t('device-mic-level')}</span>
          <div class="meter" role="meter" aria-labelledby="mic-level-label" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(level * 100)}>
            <div class="meter-fill" style={{ width: `${Math.round(level * 100)}%` }} />
          </div>
        </div>
        <p class="hint">{t('device-say-something')}</p>
      </div>
      <ul class="checks" aria-live="polite">
        {CHECKS.map((id) => (
          <CheckRow key={id} id={id} state={checks[id]} />
        ))}
      </ul>
      <div class="actions">
        <button type="button" class="primary wide" disabled={!ready} onClick={() => journey.go('choose')}>
          {t(running && !ready ? 'device-checking' : 'device-continue')}
        </button>
        {failed && (
          <button type="button" class="secondary wide" onClick={() => setRound((r) => r + 1)}>
            {t('device-retry')}
          </button>
        )}
      </div>
    </section>
  );
}

function CheckRow({ id, state }: { id: CheckId; state: CheckState }) {
  const detail = state.kind === 'ok' ? state.detail : undefined;
  return (
    <li class={`check-row ${state.kind}`}>
      <span class="check-icon" aria-hidden="true" />
      <div>
        <p class="check-name">
          {t(`device-check-${id}`)}: <span class="check-state">{t(`device-state-${state.kind}`)}</span>
        </p>
        {detail?.ms !== undefined && <p class="hint">{t('device-server-ms', { ms: Number(detail.ms) })}</p>}
        {detail?.direct !== undefined && <p class="hint">{t('device-relay-direct')}</p>}
        {(state.kind === 'fail' || state.kind === 'warn') && <p class="fix">{t(`device-fix-${id}-${state.code}`)}</p>}
      </div>
    </li>
  );
}

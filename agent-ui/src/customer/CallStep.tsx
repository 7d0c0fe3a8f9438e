import { useEffect, useRef, useState } from 'preact/hooks';
import { CallClient } from '../call/call';
import { t } from '../i18n/i18n';
import { factsOf, judge, type Quality } from './call-quality';
import { cameraCount, cameraProblem, openCamera, stopStream, type Facing } from './camera';
import { useJourney } from './journey';

declare global {
  interface Window {
    __call?: CallClient;
  }
}

type Phase = 'camera' | 'waiting_for_agent' | 'connecting' | 'in_call' | 'agent_left' | 'reconnecting' | 'cannot_join';

/** How often the connection's quality is looked at. */
const QUALITY_EVERY_MS = 2000;

/**
 * The call on a phone: the agent large, oneself small; mute, the front/rear camera switch (to
 * show the document with the rear camera), a connection-quality hint, and hang up. The call
 * joins by itself: the agent is already on the way.
 */
export function CallStep() {
  const journey = useJourney();
  const remote = useRef<HTMLVideoElement>(null);
  const self = useRef<HTMLVideoElement>(null);
  const call = useRef<CallClient | null>(null);
  const local = useRef<MediaStream | null>(null);
  const [phase, setPhase] = useState<Phase>('camera');
  const [cameraError, setCameraError] = useState<string | null>(null);
  const [muted, setMuted] = useState(false);
  const [facing, setFacing] = useState<Facing>('user');
  const [cameras, setCameras] = useState(0);
  const [quality, setQuality] = useState<Quality>('unknown');
  const [confirmHangup, setConfirmHangup] = useState(false);
  const agentPresent = useRef(false);

  useEffect(() => {
    let live = true;
    openCamera('user', true).then(
      (stream) => {
        if (!live) return stopStream(stream);
        local.current = stream;
        if (self.current) self.current.srcObject = stream;
        void cameraCount().then(setCameras);
        const c = new CallClient({ token: journey.token }, stream, {
          status: () => undefined,
          remoteStream: (s) => {
            if (remote.current && remote.current.srcObject !== s) remote.current.srcObject = s;
          },
          peerPresent: (present) => {
            agentPresent.current = present;
            setPhase((p) => (present ? (p === 'in_call' ? p : 'connecting') : p === 'camera' || p === 'waiting_for_agent' ? 'waiting_for_agent' : 'agent_left'));
          },
          ended: () => {
            journey.markCallEnded();
            stopStream(local.current);
            journey.go('result');
          },
          error: (code) => {
            if (['invalid_token', 'token_expired', 'token_revoked', 'session_ended', 'role_taken', 'consent_required'].includes(code)) setPhase('cannot_join');
          },
        });
        call.current = c;
        window.__call = c;
        c.join();
        setPhase('waiting_for_agent');
      },
      (e) => live && setCameraError(cameraProblem(e)),
    );
    return () => {
      live = false;
      call.current?.simulateDrop();
      stopStream(local.current);
    };
  }, []);

  // The quality hint.
  useEffect(() => {
    const timer = setInterval(async () => {
      const pc = call.current?.peerConnection;
      if (pc) setQuality(judge(factsOf(await pc.getStats())));
    }, QUALITY_EVERY_MS);
    return () => clearInterval(timer);
  }, []);

  const toggleMute = () => {
    call.current?.setMuted(!muted);
    setMuted(!muted);
  };

  const switchCamera = async () => {
    const stream = local.current;
    if (!stream) return;
    const next: Facing = facing === 'user' ? 'environment' : 'user';
    try {
      const fresh = await openCamera(next);
      const track = fresh.getVideoTracks()[0];
      const old = stream.getVideoTracks()[0];
      // The same stream keeps going: a rejoin sends whatever it holds.
      if (old) {
        stream.removeTrack(old);
        old.stop();
      }
      stream.addTrack(track);
      const sender = call.current?.peerConnection?.getSenders().find((s) => s.track?.kind === 'video' || (s.track === null && old));
      await sender?.replaceTrack(track);
      if (self.current) self.current.srcObject = stream;
      setFacing(next);
    } catch (e) {
      setCameraError(cameraProblem(e));
    }
  };

  if (cameraError && phase === 'camera') {
    return (
      <section class="step">
        <h1 tabIndex={-1}>{t('call-title')}</h1>
        <p class="message error" role="alert">{t(`camera-${cameraError}`)}</p>
        <button type="button" class="primary wide" onClick={() => location.reload()}>{t('journey-retry')}</button>
      </section>
    );
  }
  return (
    <section class="step call">
      <h1 tabIndex={-1} class="visually-hidden-mobile">{t('call-title')}</h1>
      <p class="call-status" role="status" aria-live="polite">
        {t(`call-phase-${phase}`)}
      </p>
      <div class="stage">
        <video
          ref={remote}
          class="remote"
          autoPlay
          playsInline
          aria-label={t('call-agent-video')}
          // Frames from the agent: the call is on.
          onPlaying={() => agentPresent.current && setPhase('in_call')}
          onResize={() => agentPresent.current && setPhase('in_call')}
        />
        <video ref={self} class={`self${facing === 'user' ? ' mirror' : ''}`} autoPlay playsInline muted aria-label={t('call-own-video')} />
        {quality === 'weak' && (
          <p class="quality weak" role="status">
            {t('call-quality-weak')}
          </p>
        )}
      </div>
      {cameraError && <p class="message error" role="alert">{t(`camera-${cameraError}`)}</p>}
      <div class="call-controls" role="group" aria-label={t('call-controls')}>
        <button type="button" class="control" aria-pressed={muted ? 'true' : 'false'} onClick={toggleMute}>
          {t(muted ? 'call-unmute' : 'call-mute')}
        </button>
        {cameras !== 1 && (
          <button type="button" class="control" onClick={switchCamera}>
            {t(facing === 'user' ? 'call-camera-rear' : 'call-camera-front')}
          </button>
        )}
        {!confirmHangup ? (
          <button type="button" class="control danger" onClick={() => setConfirmHangup(true)}>
            {t('call-hang-up')}
          </button>
        ) : (
          <div class="confirm" role="group" aria-labelledby="hangup-q">
            <p id="hangup-q">{t('call-hang-up-confirm')}</p>
            <button type="button" class="danger" onClick={() => call.current?.hangup()}>
              {t('call-hang-up-yes')}
            </button>
            <button type="button" class="secondary" onClick={() => setConfirmHangup(false)}>
              {t('call-hang-up-no')}
            </button>
          </div>
        )}
      </div>
      <p class="hint">{t('call-document-hint')}</p>
    </section>
  );
}

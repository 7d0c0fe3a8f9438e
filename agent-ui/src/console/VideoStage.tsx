import { useEffect, useRef } from 'preact/hooks';
import { errorText } from '../i18n/errors';
import { t } from '../i18n/i18n';
import type { CallSession } from './call-session';

function Video({ stream, muted, class: cls, label }: { stream: MediaStream | null; muted: boolean; class: string; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} class={cls} autoplay playsInline muted={muted} aria-label={label} />;
}

/** The customer's video large, the agent's own small in a corner, and what the call is doing. */
export function VideoStage({ call }: { call: CallSession }) {
  const phase = call.phase.value;
  const showOverlay = phase !== 'in_call';
  return (
    <div class="stage">
      <Video stream={call.remote.value} muted={false} class="remote" label={t('video-customer')} />
      {phase !== 'ended' && <Video stream={call.local.value} muted class="self" label={t('video-self')} />}
      {showOverlay && (
        <p class="stage-overlay" role="status">
          {t(`call-phase-${phase}`)}
          {call.joinError.value && <span class="stage-error">{errorText(call.joinError.value)}</span>}
        </p>
      )}
    </div>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import type { DocumentCapture, DocumentSide } from '../api/journey';
import { isApiError } from '../api/problem';
import { errorText } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { cameraProblem, grabFrame, openCamera, stopStream, type CameraProblem } from './camera';
import { useJourney } from './journey';

/** Codes that mean "take the photo again", each with its own advice. */
export const RETAKE_CODES = ['blurred', 'glare', 'document_cut_off', 'no_document', 'mrz_not_found', 'retake'] as const;

type Phase = { kind: 'camera' } | { kind: 'reading'; preview: string } | { kind: 'refused'; code: string; preview: string | null };

/**
 * One side of the document: the rear camera behind a document-shaped guide, or a photo from the
 * device. The server reads it (quality and MRZ) and either keeps it or says why to retake.
 */
export function CaptureSide({ docType, side, onDone }: { docType: string; side: DocumentSide; onDone(doc: DocumentCapture): void }) {
  const journey = useJourney();
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const takeRef = useRef<HTMLButtonElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const [camera, setCamera] = useState<'opening' | 'on' | CameraProblem>('opening');
  const [phase, setPhase] = useState<Phase>({ kind: 'camera' });

  useEffect(() => {
    let live = true;
    openCamera('environment').then(
      (s) => {
        if (!live) return stopStream(s);
        stream.current = s;
        if (video.current) video.current.srcObject = s;
        setCamera('on');
      },
      (e) => live && setCamera(cameraProblem(e)),
    );
    return () => {
      live = false;
      stopStream(stream.current);
    };
  }, []);

  const send = async (image: Blob) => {
    const preview = URL.createObjectURL(image);
    setPhase({ kind: 'reading', preview });
    try {
      const doc = await journey.api.uploadDocument(journey.sessionId, docType, side, image);
      URL.revokeObjectURL(preview);
      onDone(doc);
    } catch (e) {
      setPhase({ kind: 'refused', code: isApiError(e) ? e.code : 'network_error', preview });
      requestAnimationFrame(() => alertRef.current?.focus());
    }
  };

  const take = async () => {
    if (!video.current) return;
    try {
      await send(await grabFrame(video.current));
    } catch {
      setPhase({ kind: 'refused', code: 'capture_failed', preview: null });
    }
  };

  const retry = () => {
    if (phase.kind === 'refused' && phase.preview) URL.revokeObjectURL(phase.preview);
    setPhase({ kind: 'camera' });
    requestAnimationFrame(() => takeRef.current?.focus());
  };

  const guide = docType === 'passport' ? 'passport' : 'card';
  const reading = phase.kind === 'reading';
  return (
    <div class="capture">
      <h2>{t(`document-side-${docType === 'passport' ? 'passport' : side}`)}</h2>
      <p>{t(`document-instruction-${docType === 'passport' ? 'passport' : side}`)}</p>
      <div class={`viewfinder ${guide}`}>
        <video
          ref={video}
          autoPlay
          playsInline
          muted
          aria-label={t('document-viewfinder')}
          class={phase.kind === 'camera' && camera === 'on' ? '' : 'hidden'}
        />
        {phase.kind !== 'camera' && phase.preview && <img src={phase.preview} alt={t('document-your-photo')} />}
        {phase.kind === 'camera' && camera === 'on' && <div class="guide" aria-hidden="true" />}
        {camera === 'opening' && phase.kind === 'camera' && <p class="viewfinder-note" role="status">{t('document-camera-opening')}</p>}
        {camera !== 'on' && camera !== 'opening' && phase.kind === 'camera' && (
          <p class="viewfinder-note">{t(`camera-${camera}`)}</p>
        )}
        {reading && (
          <p class="viewfinder-note busy" role="status">
            {t('document-reading')}
          </p>
        )}
      </div>
      <div ref={alertRef} tabIndex={-1} class="alert-slot" role="alert">
        {phase.kind === 'refused' && (
          <div class="message error">
            <p class="strong">{errorText(phase.code)}</p>
            {(RETAKE_CODES as readonly string[]).includes(phase.code) && <p>{t('document-retake-hint')}</p>}
          </div>
        )}
      </div>
      <div class="actions">
        {phase.kind === 'refused' ? (
          <button type="button" class="primary wide" onClick={retry}>
            {t('document-retake')}
          </button>
        ) : (
          camera === 'on' && (
            <button ref={takeRef} type="button" class="primary wide capture-button" disabled={reading} onClick={take}>
              {t('document-take')}
            </button>
          )
        )}
        <label class={`button secondary wide upload${reading ? ' disabled' : ''}`}>
          {t('document-upload')}
          <input
            type="file"
            accept="image/jpeg,image/png"
            class="visually-hidden"
            disabled={reading}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void send(file);
            }}
          />
        </label>
      </div>
    </div>
  );
}

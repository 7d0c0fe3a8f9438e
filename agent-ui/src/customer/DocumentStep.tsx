import { useEffect, useState } from 'preact/hooks';
import type { DocumentCapture, DocumentSide } from '../api/journey';
import { isApiError } from '../api/problem';
import { errorText } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { CaptureSide } from './CaptureSide';
import { useJourney } from './journey';
import { sidesOf } from './steps';

type Captured = Partial<Record<DocumentSide, DocumentCapture>>;

/** The latest capture of each side of `docType`. */
export function capturedSides(docs: readonly DocumentCapture[], docType: string): Captured {
  const out: Captured = {};
  for (const d of [...docs].sort((a, b) => a.created_at - b.created_at)) if (d.doc_type === docType) out[d.side] = d;
  return out;
}

/**
 * The ID document: its type as the profile allows, then each side it needs (a passport's photo
 * page; both sides of a card), captured with the camera or uploaded, each read by the server.
 */
export function DocumentStep() {
  const journey = useJourney();
  const allowed = journey.view.value?.documents_allowed ?? [];
  const [docs, setDocs] = useState<DocumentCapture[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [docType, setDocType] = useState<string | null>(null);
  const [retaking, setRetaking] = useState<DocumentSide | null>(null);

  useEffect(() => {
    journey.api.documents(journey.sessionId).then(
      (list) => {
        setDocs(list);
        const latest = [...list].sort((a, b) => b.created_at - a.created_at)[0];
        setDocType(latest?.doc_type ?? (allowed.length === 1 ? allowed[0] : null));
      },
      (e) => setLoadError(isApiError(e) ? e.code : 'network_error'),
    );
  }, []);

  if (loadError) return <Shell><p class="message error" role="alert">{errorText(loadError)}</p></Shell>;
  if (!docs) return <Shell><p role="status">{t('loading')}</p></Shell>;
  if (!docType) return <Shell><ChooseType allowed={allowed} onChoose={setDocType} /></Shell>;

  const captured = capturedSides(docs, docType);
  const sides = sidesOf(docType);
  const next = retaking ?? sides.find((s) => !captured[s]);
  const done = async (doc: DocumentCapture) => {
    setDocs([...docs, doc]);
    setRetaking(null);
    await journey.refresh().catch(() => undefined);
  };
  return (
    <Shell>
      <p class="chosen">
        {t('document-chosen', { type: t(`document-type-${docType}`) })}{' '}
        {allowed.length > 1 && (
          <button type="button" class="link" onClick={() => { setDocType(null); setRetaking(null); }}>
            {t('document-change-type')}
          </button>
        )}
      </p>
      <ul class="sides">
        {sides.map((s) => (
          <li key={s} class={captured[s] ? 'done' : ''}>
            <span>{t(`document-side-${docType === 'passport' ? 'passport' : s}`)}</span>
            <span class="state">{captured[s] ? t('document-side-done') : t('document-side-todo')}</span>
            {captured[s] && next !== s && (
              <button type="button" class="link" onClick={() => setRetaking(s)}>
                {t('document-retake-side')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {next ? (
        <CaptureSide key={`${docType}-${next}`} docType={docType} side={next} onDone={done} />
      ) : (
        <div class="actions">
          <p class="message info">{t('document-all-done')}</p>
          <button type="button" class="primary wide" onClick={() => journey.go('review')}>
            {t('document-continue')}
          </button>
        </div>
      )}
    </Shell>
  );
}

function Shell({ children }: { children: preact.ComponentChildren }) {
  return (
    <section class="step">
      <h1 tabIndex={-1}>{t('document-title')}</h1>
      {children}
    </section>
  );
}

function ChooseType({ allowed, onChoose }: { allowed: string[]; onChoose(type: string): void }) {
  const [choice, setChoice] = useState<string>('');
  const [missing, setMissing] = useState(false);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (choice) onChoose(choice);
        else setMissing(true);
      }}
    >
      <fieldset class="choices" aria-describedby={missing ? 'doc-type-error' : undefined}>
        <legend>{t('document-choose-type')}</legend>
        {allowed.map((type) => (
          <label key={type} class="choice">
            <input type="radio" name="doc-type" value={type} checked={choice === type} onChange={() => { setChoice(type); setMissing(false); }} />
            <span>
              <span class="choice-title">{t(`document-type-${type}`)}</span>
              <span class="hint">{t(`document-type-${type}-hint`)}</span>
            </span>
          </label>
        ))}
        {missing && (
          <p id="doc-type-error" class="field-error" role="alert">
            {t('document-choose-type-missing')}
          </p>
        )}
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary wide">
          {t('document-start')}
        </button>
      </div>
    </form>
  );
}

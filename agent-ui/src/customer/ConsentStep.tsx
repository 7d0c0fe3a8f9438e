import { useEffect, useRef, useState } from 'preact/hooks';
import { CONSENT_KINDS, type ConsentText } from '../api/journey';
import { isApiError } from '../api/problem';
import { errorText } from '../i18n/errors';
import { locale, t } from '../i18n/i18n';
import { useJourney } from './journey';
import { Markdown } from './Markdown';

/** The consent texts of the page's language, loaded again when the language changes. */
export function useConsentTexts(): { texts: ConsentText[] | null; error: string | null } {
  const journey = useJourney();
  const lang = locale.value;
  const [state, setState] = useState<{ texts: ConsentText[] | null; error: string | null }>({ texts: null, error: null });
  useEffect(() => {
    let live = true;
    journey.api.consentTexts(lang).then(
      (texts) => live && setState({ texts: CONSENT_KINDS.map((k) => texts.find((x) => x.kind === k)).filter((x): x is ConsentText => !!x), error: null }),
      (e) => live && setState({ texts: null, error: isApiError(e) ? e.code : 'network_error' }),
    );
    return () => {
      live = false;
    };
  }, [lang]);
  return state;
}

/**
 * Processing, recording and biometrics: three separate texts, each agreed to explicitly with
 * its own box, before any camera or upload. Each agreement names the version of the text shown.
 */
export function ConsentStep() {
  const journey = useJourney();
  const { texts, error: loadError } = useConsentTexts();
  // Ticks by the version of the text they stood under: another language shows another text,
  // whose box starts unticked.
  const [agreed, setAgreed] = useState<Record<string, boolean>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [declined, setDeclined] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!texts || busy) return;
    const missing = texts.filter((x) => !agreed[x.version]);
    if (missing.length) {
      setProblem(t('consent-all-needed'));
      alertRef.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      for (const text of texts) await journey.api.consent(journey.sessionId, text.kind, 'given', text.version);
      await journey.refresh();
      journey.go('details');
    } catch (err) {
      setProblem(errorText(isApiError(err) ? err.code : 'network_error'));
      setBusy(false);
    }
  };

  if (declined) return <Declined onBack={() => setDeclined(false)} />;
  return (
    <section class="step">
      <h1 tabIndex={-1}>{t('consent-title')}</h1>
      <p class="lead">{t('consent-intro')}</p>
      {loadError && <p class="message error" role="alert">{errorText(loadError)}</p>}
      {!texts && !loadError && <p role="status">{t('loading')}</p>}
      {texts && (
        <form onSubmit={submit} noValidate aria-busy={busy}>
          {texts.map((text) => (
            <fieldset key={text.kind} class="consent-card" aria-labelledby={`consent-${text.kind}-heading`}>
              <div class="consent-text">
                <Markdown text={text.text} level={2} headingId={`consent-${text.kind}-heading`} />
              </div>
              <label class="check">
                <input
                  type="checkbox"
                  name={text.kind}
                  checked={Boolean(agreed[text.version])}
                  onChange={(e) => setAgreed({ ...agreed, [text.version]: e.currentTarget.checked })}
                />
                <span>{t(`consent-agree-${text.kind}`)}</span>
              </label>
              <p class="hint version">{t('consent-version', { version: text.version.slice(0, 12) })}</p>
            </fieldset>
          ))}
          <div ref={alertRef} tabIndex={-1} class="alert-slot" role="alert">
            {problem && <p class="message error">{problem}</p>}
          </div>
          <div class="actions">
            <button type="submit" class="primary wide" disabled={busy}>
              {t(busy ? 'consent-saving' : 'consent-submit')}
            </button>
            <button type="button" class="secondary wide" onClick={() => setDeclined(true)}>
              {t('consent-decline')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** Without consent there is no video identification; the way back to the bank. */
function Declined({ onBack }: { onBack(): void }) {
  const journey = useJourney();
  const back = journey.view.value?.return_url;
  return (
    <section class="step">
      <h1 tabIndex={-1}>{t('consent-declined-title')}</h1>
      <p>{t('consent-declined-body')}</p>
      <div class="actions">
        <button type="button" class="primary wide" onClick={onBack}>
          {t('consent-declined-back')}
        </button>
        {back && (
          <a class="button secondary wide" href={back}>
            {t('journey-return')}
          </a>
        )}
      </div>
    </section>
  );
}

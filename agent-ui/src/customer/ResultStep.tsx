import { useEffect, useState } from 'preact/hooks';
import type { CustomerResult } from '../api/journey';
import { isApiError } from '../api/problem';
import { errorText } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { useJourney } from './journey';
import { creationOptions, passkeysSupported, registrationJson } from './passkey';

/** How often the page asks again while the agent finishes the decision. */
const POLL_MS = 4000;
/** After the call, the agent's wrap-up: an ended session without a decision may still get one. */
export const WRAP_UP_MS = 15 * 60_000;

/** The bank's site by its host name, for "Return to bank.example". */
export function hostOf(url: string | null | undefined): string | null {
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
}

/** What the page says for a result: a message id stem (`result-<stem>-title`, `-body`). */
export function resultStem(r: CustomerResult, inWrapUp = false): string {
  if (r.status === 'final') return r.outcome ?? 'final';
  if (r.status === 'pending_review') return 'pending_review';
  if (r.status === 'ended' && !inWrapUp) return 'ended';
  return 'deciding';
}

/** Whether the call of this tab ended recently enough for the agent to be still deciding. */
export function inWrapUp(callEndedAt: number | null, now: number): boolean {
  return callEndedAt !== null && now - callEndedAt < WRAP_UP_MS;
}

/**
 * "Done — being reviewed" or the final result; an e-mail follows; the way back to the bank. After
 * an approved identification, a passkey bound to the verified identity can be enrolled.
 */
export function ResultStep() {
  const journey = useJourney();
  const [result, setResult] = useState<CustomerResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const poll = async () => {
      try {
        const r = await journey.api.result(journey.sessionId);
        if (!live) return;
        setResult(r);
        setProblem(null);
        const waiting = r.status === 'created' || r.status === 'in_progress' || (r.status === 'ended' && inWrapUp(journey.callEndedAt(), Date.now()));
        if (waiting) timer = setTimeout(poll, POLL_MS);
      } catch (e) {
        if (!live) return;
        setProblem(isApiError(e) ? e.code : 'network_error');
        timer = setTimeout(poll, POLL_MS);
      }
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, []);

  if (!result) {
    return (
      <section class="step">
        <h1 tabIndex={-1}>{t('result-deciding-title')}</h1>
        {problem ? <p class="message error" role="alert">{errorText(problem)}</p> : <p role="status">{t('loading')}</p>}
      </section>
    );
  }
  const stem = resultStem(result, inWrapUp(journey.callEndedAt(), Date.now()));
  const host = hostOf(result.return_url);
  return (
    <section class={`step result ${stem}`}>
      <div class="result-icon" aria-hidden="true" />
      <h1 tabIndex={-1}>{t(`result-${stem}-title`)}</h1>
      <p class="lead" role="status">{t(`result-${stem}-body`)}</p>
      {stem !== 'deciding' && <p>{t('result-email')}</p>}
      {result.passkey_enrollment && <Passkey already={result.passkeys} />}
      {result.return_url && host && (
        <div class="actions">
          <a class="button primary wide" href={result.return_url}>
            {t('result-return', { host })}
          </a>
        </div>
      )}
    </section>
  );
}

type PasskeyState = { kind: 'offer' } | { kind: 'busy' } | { kind: 'done' } | { kind: 'failed'; code: string };

/** The offer to enroll a passkey: sign in later without a new video identification. */
function Passkey({ already }: { already: number }) {
  const journey = useJourney();
  const [state, setState] = useState<PasskeyState>(already > 0 ? { kind: 'done' } : { kind: 'offer' });
  if (!passkeysSupported()) return null;
  const enroll = async () => {
    setState({ kind: 'busy' });
    try {
      const started = await journey.api.startPasskey(journey.sessionId);
      const cred = (await navigator.credentials.create({ publicKey: creationOptions(started.options as Record<string, unknown>) })) as PublicKeyCredential | null;
      if (!cred) throw new Error('no credential');
      await journey.api.finishPasskey(journey.sessionId, started.ceremony_id, registrationJson(cred));
      setState({ kind: 'done' });
    } catch (e) {
      // The person closing the browser's prompt is a choice, not an error.
      const name = (e as { name?: string }).name;
      setState(name === 'NotAllowedError' || name === 'AbortError' ? { kind: 'offer' } : { kind: 'failed', code: isApiError(e) ? e.code : 'passkey_failed' });
    }
  };
  return (
    <section class="option passkey" aria-labelledby="passkey-title">
      <h2 id="passkey-title">{t('passkey-title')}</h2>
      {state.kind === 'done' ? (
        <p class="message info" role="status">{t('passkey-done')}</p>
      ) : (
        <>
          <p>{t('passkey-intro')}</p>
          {state.kind === 'failed' && <p class="message error" role="alert">{errorText(state.code)}</p>}
          <button type="button" class="secondary wide" disabled={state.kind === 'busy'} onClick={enroll}>
            {t(state.kind === 'busy' ? 'passkey-creating' : 'passkey-create')}
          </button>
        </>
      )}
    </section>
  );
}

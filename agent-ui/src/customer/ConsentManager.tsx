import { useEffect, useState } from 'preact/hooks';
import { CONSENT_KINDS, type ConsentKind, type ConsentRecord } from '../api/journey';
import { isApiError } from '../api/problem';
import { errorText } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { Dialog } from './Dialog';
import { useJourney } from './journey';

/** The latest record of each kind: the consent in force, or its withdrawal. */
export function latestByKind(records: readonly ConsentRecord[]): Partial<Record<ConsentKind, ConsentRecord>> {
  const out: Partial<Record<ConsentKind, ConsentRecord>> = {};
  for (const r of [...records].sort((a, b) => a.at - b.at)) out[r.kind] = r;
  return out;
}

/**
 * The consents given, when, and a way to withdraw each. A withdrawal stops the identification
 * (the server schedules the data's deletion unless the law keeps it); the customer may consent again.
 */
export function ConsentManager({ onClose }: { onClose(): void }) {
  const journey = useJourney();
  const [records, setRecords] = useState<ConsentRecord[] | null>(null);
  const [confirming, setConfirming] = useState<ConsentKind | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    journey.api.consents(journey.sessionId).then(setRecords, (e) => setProblem(errorText(isApiError(e) ? e.code : 'network_error')));
  }, []);
  const latest = latestByKind(records ?? []);

  const withdraw = async (kind: ConsentKind) => {
    const record = latest[kind];
    if (!record || busy) return;
    setBusy(true);
    try {
      await journey.api.consent(journey.sessionId, kind, 'withdrawn', record.text_version);
      await journey.refresh();
      onClose();
      journey.go('withdrawn');
    } catch (e) {
      setProblem(errorText(isApiError(e) ? e.code : 'network_error'));
      setBusy(false);
    }
  };

  return (
    <Dialog labelledBy="consents-title" onClose={onClose}>
      <h2 id="consents-title">{t('consents-title')}</h2>
      <p>{t('consents-intro')}</p>
      {problem && <p class="message error" role="alert">{problem}</p>}
      {!records && !problem && <p role="status">{t('loading')}</p>}
      {records && (
        <ul class="consent-list">
          {CONSENT_KINDS.map((kind) => {
            const r = latest[kind];
            const given = r?.decision === 'given';
            return (
              <li key={kind}>
                <p class="consent-kind">{t(`consent-kind-${kind}`)}</p>
                <p class="hint">
                  {given ? t('consents-given-at', { time: new Date(r.at) }) : t('consents-not-given')}
                </p>
                {given && confirming !== kind && (
                  <button type="button" class="secondary" onClick={() => setConfirming(kind)}>
                    {t('consents-withdraw')}
                  </button>
                )}
                {confirming === kind && (
                  <div class="confirm" role="group" aria-labelledby={`withdraw-${kind}`}>
                    <p id={`withdraw-${kind}`}>{t('consents-withdraw-confirm')}</p>
                    <div class="actions row">
                      <button type="button" class="danger" disabled={busy} onClick={() => withdraw(kind)}>
                        {t('consents-withdraw-yes')}
                      </button>
                      <button type="button" class="secondary" onClick={() => setConfirming(null)}>
                        {t('consents-withdraw-no')}
                      </button>
                    </div>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div class="actions">
        <button type="button" class="primary wide" onClick={onClose}>
          {t('consents-close')}
        </button>
      </div>
    </Dialog>
  );
}

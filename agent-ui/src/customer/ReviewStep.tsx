import { useEffect, useRef, useState } from 'preact/hooks';
import type { FieldComparison, FieldError } from '../api/journey';
import { isApiError } from '../api/problem';
import { errorText } from '../i18n/errors';
import { locale, t } from '../i18n/i18n';
import { countryName } from './countries';
import { controlId } from './DetailsStep';
import { FROM_DOCUMENT, type Field } from './draft';
import { CountryField, DateField, InputField } from './fields';
import { useJourney } from './journey';

/** A value as the customer reads it: dates in their locale's order, countries by name. */
export function displayValue(field: string, value: string, lang: string): string {
  if (!value) return '';
  if (field === 'nationality' || field === 'address.country') return countryName(value, lang);
  if (field === 'date_of_birth' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number);
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
  }
  return value;
}

/**
 * "Check your details": what the document's machine-readable zone says next to the form, field
 * by field. Empty fields were filled from the document; differences are shown with the
 * document's value to take or to keep. Confirming records the comparison for the agent (every
 * remaining difference is kept) and submits the application.
 */
export function ReviewStep() {
  const journey = useJourney();
  const draft = journey.draft();
  const [ready, setReady] = useState(false);
  const [problem, setProblem] = useState<{ code: string; fields: FieldError[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // The document may have filled fields on the server since the form was last loaded.
    draft.load().then(
      () => setReady(true),
      (e) => setProblem({ code: isApiError(e) ? e.code : 'network_error', fields: [] }),
    );
  }, []);

  const view = draft.view.value;
  const values = draft.values.value;
  const lang = locale.value;
  const comparison = new Map<string, FieldComparison>((view?.mrz_comparison ?? []).map((c) => [c.field, c]));
  const errors = draft.errors.value;

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await draft.save(comparison.size > 0);
      await journey.api.submitApplication(journey.sessionId);
      draft.settle();
      await journey.refresh();
      journey.go('device');
    } catch (e) {
      const code = isApiError(e) ? e.code : 'network_error';
      const fields = isApiError(e) ? ((e.problem?.errors as FieldError[] | undefined) ?? []) : [];
      setProblem({ code, fields });
      setBusy(false);
      requestAnimationFrame(() => alertRef.current?.focus());
    }
  };

  const note = (f: Field): string | null => {
    const c = comparison.get(f);
    if (!c) return null;
    // Filled from the document, so equal to it: say where the value came from.
    if (c.status === 'filled_from_mrz' || (c.status === 'equal' && view?.from_mrz.includes(f))) return t('review-filled');
    if (c.status === 'equal') return t('review-equal');
    return t('review-mismatch', { value: displayValue(f, c.mrz, lang) });
  };
  const common = (f: Field) => ({
    id: controlId(f),
    label: t(`field-${f.replace('.', '-')}`),
    note: note(f),
    error: errors[f] ?? null,
    required: f !== 'given_names',
  });
  const useDocument = (f: Field) => {
    const c = comparison.get(f);
    if (c) draft.set(f, c.mrz);
  };

  return (
    <section class="step">
      <h1 tabIndex={-1}>{t('review-title')}</h1>
      {!ready && !problem && <p role="status">{t('loading')}</p>}
      <div ref={alertRef} tabIndex={-1} class="alert-slot" role="alert">
        {problem && (
          <div class="message error">
            <p>{errorText(problem.code)}</p>
            {problem.fields.length > 0 && (
              <ul>
                {problem.fields.map((f) => (
                  <li key={f.field}>
                    {t(`field-${f.field.replace('.', '-')}`)}: {errorText(f.code)}
                  </li>
                ))}
              </ul>
            )}
            {problem.fields.some((f) => !FROM_DOCUMENT.includes(f.field as Field)) && (
              <button type="button" class="secondary" onClick={() => journey.go('details')}>
                {t('review-fix-details')}
              </button>
            )}
          </div>
        )}
      </div>
      {ready && (
        <>
          <p class="lead">{t(comparison.size ? 'review-intro' : 'review-intro-no-mrz')}</p>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void confirm();
            }}
            aria-busy={busy}
          >
            <fieldset class="group compare">
              <legend>{t('review-from-document')}</legend>
              {FROM_DOCUMENT.map((f) => {
                const c = comparison.get(f);
                const mismatch = c?.status === 'mismatch';
                const props = { ...common(f), value: values[f], onValue: (v: string) => draft.set(f, v) };
                return (
                  <div key={f} class={`compare-row ${c?.status ?? 'none'}`}>
                    {f === 'date_of_birth' ? <DateField {...props} /> : f === 'nationality' ? <CountryField {...props} /> : <InputField {...props} autoCapitalize="words" />}
                    {mismatch && (
                      <button type="button" class="secondary small" onClick={() => useDocument(f)}>
                        {t('review-use-document')}
                      </button>
                    )}
                  </div>
                );
              })}
            </fieldset>
            <fieldset class="group summary-list">
              <legend>{t('review-other')}</legend>
              <dl>
                {(['address.line1', 'address.line2', 'address.postal_code', 'address.city', 'address.country', 'email', 'phone'] as Field[])
                  .filter((f) => values[f])
                  .map((f) => (
                    <div key={f}>
                      <dt>{t(`field-${f.replace('.', '-')}`)}</dt>
                      <dd>{displayValue(f, values[f], lang)}</dd>
                    </div>
                  ))}
              </dl>
              <button type="button" class="link" onClick={() => journey.go('details')}>
                {t('review-change-details')}
              </button>
            </fieldset>
            <div class="actions">
              <button type="submit" class="primary wide" disabled={busy}>
                {t(busy ? 'review-confirming' : 'review-confirm')}
              </button>
              <button type="button" class="secondary wide" onClick={() => journey.go('document')}>
                {t('review-back-document')}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { isApiError } from '../api/problem';
import { errorText } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { FROM_DOCUMENT, type Draft, type Field } from './draft';
import { CountryField, DateField, InputField } from './fields';
import { useJourney } from './journey';

/** The form's required fields (as the server checks them at submission). */
export const REQUIRED: readonly Field[] = ['surname', 'date_of_birth', 'nationality', 'address.line1', 'address.city', 'address.country', 'email', 'phone'];

/** The id of a field's control, for labels, error links and focus. */
export const controlId = (f: Field) => `f-${f.replace('.', '-')}`;

/** Problems that keep the customer on the form: refused values, and required fields left empty
 *  except those the document will fill in. */
export function blocking(draft: Draft): [Field, string][] {
  const errors = draft.errors.value;
  const out: [Field, string][] = Object.entries(errors) as [Field, string][];
  for (const m of draft.view.value?.missing ?? []) {
    const f = m.field as Field;
    if (!FROM_DOCUMENT.includes(f) && !(f in errors)) out.push([f, m.code]);
  }
  const order = (f: Field) => REQUIRED.concat(['given_names', 'address.line2', 'address.postal_code']).indexOf(f);
  return out.sort((a, b) => order(a[0]) - order(b[0]));
}

/**
 * Names, date of birth, nationality, address, e-mail and phone: prefilled by the bank where it
 * could, saved as a draft while typing (a reload loses nothing), checked by the server, whose
 * codes are shown at each field.
 */
export function DetailsStep() {
  const journey = useJourney();
  const draft = journey.draft();
  const [loaded, setLoaded] = useState(draft.view.peek() !== null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [showAll, setShowAll] = useState(false);
  const [problems, setProblems] = useState<[Field, string][]>([]);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (loaded) return;
    draft.load().then(
      () => setLoaded(true),
      (e) => setLoadError(isApiError(e) ? e.code : 'network_error'),
    );
  }, []);
  // Leaving the page (or the tab) sends what is pending.
  useEffect(() => () => void draft.flush().catch(() => undefined), []);

  const values = draft.values.value;
  const errors = draft.errors.value;
  const view = draft.view.value;
  const shown = (f: Field) => (showAll || touched[f] ? (errors[f] ?? problems.find(([p]) => p === f)?.[1] ?? null) : null);
  const touch = (f: Field) => () => setTouched((x) => ({ ...x, [f]: true }));
  const prefilled = (f: Field) => (view?.prefilled.includes(f) ? t('details-prefilled') : null);
  const common = (f: Field) => ({
    id: controlId(f),
    label: t(`field-${f.replace('.', '-')}`),
    error: shown(f),
    note: prefilled(f),
    required: REQUIRED.includes(f),
  });
  const input = (f: Field) => ({ ...common(f), value: values[f], onValue: (v: string) => draft.set(f, v), onBlur: touch(f) });

  const next = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await draft.flush();
    } catch {
      /* the refusal is in the draft's errors, or the page says it is offline */
    }
    setBusy(false);
    const found = blocking(draft);
    setProblems(found);
    setShowAll(true);
    if (draft.saveState.peek() === 'offline') {
      setProblems([]);
      summaryRef.current?.focus();
      return;
    }
    if (found.length) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    journey.go('document');
  };

  if (loadError) return <section class="step"><h1 tabIndex={-1}>{t('details-title')}</h1><p class="message error" role="alert">{errorText(loadError)}</p></section>;
  if (!loaded) return <section class="step"><h1 tabIndex={-1}>{t('details-title')}</h1><p role="status">{t('loading')}</p></section>;
  const state = draft.saveState.value;
  return (
    <section class="step">
      <h1 tabIndex={-1}>{t('details-title')}</h1>
      <p class="lead">{t('details-intro')}</p>
      <div ref={summaryRef} tabIndex={-1} class="alert-slot" role="alert">
        {showAll && problems.length > 0 && (
          <div class="message error summary">
            <p>{t('details-problems', { count: problems.length })}</p>
            <ul>
              {problems.map(([f, code]) => (
                <li key={f}>
                  <a href={`#${controlId(f)}${f === 'date_of_birth' ? '-day' : ''}`}>
                    {t(`field-${f.replace('.', '-')}`)}: {errorText(code)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
        {showAll && state === 'offline' && <p class="message error">{t('details-offline')}</p>}
      </div>
      <form noValidate onSubmit={next} aria-busy={busy}>
        <fieldset class="group">
          <legend>{t('details-about-you')}</legend>
          <p class="hint">{t('details-about-you-hint')}</p>
          <InputField {...input('surname')} autoComplete="family-name" autoCapitalize="words" />
          <InputField {...input('given_names')} autoComplete="given-name" autoCapitalize="words" hint={t('field-given_names-hint')} />
          <DateField {...input('date_of_birth')} hint={t('field-date_of_birth-hint')} />
          <CountryField {...common('nationality')} value={values.nationality} onValue={(v) => { draft.set('nationality', v); touch('nationality')(); }} />
        </fieldset>
        <fieldset class="group">
          <legend>{t('details-address')}</legend>
          <InputField {...input('address.line1')} autoComplete="address-line1" autoCapitalize="words" />
          <InputField {...input('address.line2')} autoComplete="address-line2" autoCapitalize="words" />
          <InputField {...input('address.postal_code')} autoComplete="postal-code" autoCapitalize="characters" />
          <InputField {...input('address.city')} autoComplete="address-level2" autoCapitalize="words" />
          <CountryField {...common('address.country')} value={values['address.country']} autoComplete="country" onValue={(v) => { draft.set('address.country', v); touch('address.country')(); }} />
        </fieldset>
        <fieldset class="group">
          <legend>{t('details-contact')}</legend>
          <InputField {...input('email')} type="email" inputMode="email" autoComplete="email" hint={t('field-email-hint')} />
          <InputField {...input('phone')} type="tel" inputMode="tel" autoComplete="tel" hint={t('field-phone-hint')} />
        </fieldset>
        <p class={`save-state ${state}`} aria-live={state === 'offline' || state === 'failed' ? 'polite' : 'off'}>
          {t(`details-save-${state}`)}
        </p>
        <div class="actions">
          <button type="submit" class="primary wide" disabled={busy}>
            {t('details-continue')}
          </button>
        </div>
      </form>
    </section>
  );
}

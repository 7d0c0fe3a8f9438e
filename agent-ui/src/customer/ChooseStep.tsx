import { useEffect, useRef, useState } from 'preact/hooks';
import type { QueueEstimate, SlotView } from '../api/journey';
import { isApiError } from '../api/problem';
import { errorText } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { keepBooking } from './booking-store';
import { useJourney } from './journey';
import { SlotPicker } from './SlotPicker';
import { browserZone, waitMinutes } from './time';

/**
 * Join the live queue now (with the wait the scheduler predicts) or book an appointment (the
 * next free slots, more on request), with the e-mail address the invitation goes to.
 */
export function ChooseStep() {
  const journey = useJourney();
  const tz = browserZone();
  const [estimate, setEstimate] = useState<QueueEstimate | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [more, setMore] = useState<SlotView[] | null>(null);
  const [slot, setSlot] = useState<string | null>(null);
  const [email, setEmail] = useState(() => journey.draft().values.peek().email);
  const [busy, setBusy] = useState<'join' | 'book' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    journey.api.estimate(journey.needs(), tz).then(setEstimate, (e) => setLoadError(isApiError(e) ? e.code : 'network_error'));
    // The e-mail for the invitation: the application's, unless this page has it already.
    if (!email) journey.api.application(journey.sessionId).then((a) => setEmail((x) => x || a.applicant.email || ''), () => undefined);
  }, []);

  const fail = (e: unknown) => {
    setProblem(errorText(isApiError(e) ? e.code : 'network_error'));
    setBusy(null);
    requestAnimationFrame(() => alertRef.current?.focus());
  };

  const join = async () => {
    setBusy('join');
    setProblem(null);
    try {
      await journey.api.joinQueue(journey.needs());
    } catch (e) {
      if (!isApiError(e, 'already_queued')) return fail(e);
    }
    await journey.refresh().catch(() => undefined);
    journey.go('waiting');
  };

  const book = async (e: Event) => {
    e.preventDefault();
    if (!slot) {
      setProblem(t('choose-pick-slot'));
      requestAnimationFrame(() => alertRef.current?.focus());
      return;
    }
    setBusy('book');
    setProblem(null);
    try {
      const booked = await journey.api.book(journey.needs(), slot, tz, email.trim() || null);
      keepBooking(journey.sessionId, booked);
      journey.go('booked');
    } catch (err) {
      // A slot someone else just took: show the fresh list.
      if (isApiError(err, 'slot_taken')) {
        setSlot(null);
        journey.api.estimate(journey.needs(), tz).then(setEstimate, () => undefined);
      }
      fail(err);
    }
  };

  const showMore = async () => {
    try {
      setMore(await journey.api.slots(journey.needs(), tz));
    } catch (e) {
      fail(e);
    }
  };

  if (loadError) return <Shell><p class="message error" role="alert">{errorText(loadError)}</p></Shell>;
  if (!estimate) return <Shell><p role="status">{t('loading')}</p></Shell>;
  const minutes = waitMinutes(estimate.estimated_wait_ms);
  const ahead = Math.max(0, estimate.position - 1);
  return (
    <Shell>
      <div ref={alertRef} tabIndex={-1} class="alert-slot" role="alert">
        {problem && <p class="message error">{problem}</p>}
      </div>
      <section class="option" aria-labelledby="join-now-title">
        <h2 id="join-now-title">{t('choose-now-title')}</h2>
        {estimate.agents_available > 0 ? (
          <>
            <p class="big">{minutes < 1 ? t('choose-wait-under-minute') : t('choose-wait-minutes', { minutes })}</p>
            <p class="hint">{t('choose-ahead', { count: ahead })}</p>
          </>
        ) : (
          <p class="message info">{t('choose-no-agent')}</p>
        )}
        <button type="button" class="primary wide" disabled={busy !== null} onClick={join}>
          {t(busy === 'join' ? 'choose-joining' : 'choose-join')}
        </button>
      </section>
      <section class="option" aria-labelledby="book-title">
        <h2 id="book-title">{t('choose-book-title')}</h2>
        <form noValidate onSubmit={book}>
          <SlotPicker slots={more ?? estimate.next_slots} value={slot} onChange={setSlot} tz={tz} name="slot" legend={t(more ? 'choose-all-slots' : 'choose-next-slots')} />
          {!more && (
            <button type="button" class="link more" onClick={showMore}>
              {t('choose-more-slots')}
            </button>
          )}
          {(more ?? estimate.next_slots).some((s) => s.free > 0) && (
            <>
              <div class="field">
                <label for="booking-email">{t('choose-email')}</label>
                <p id="booking-email-hint" class="hint">
                  {t('choose-email-hint')}
                </p>
                <input id="booking-email" type="email" inputMode="email" autoComplete="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} aria-describedby="booking-email-hint" maxLength={200} />
              </div>
              <button type="submit" class="secondary wide" disabled={busy !== null}>
                {t(busy === 'book' ? 'choose-booking' : 'choose-book')}
              </button>
            </>
          )}
        </form>
      </section>
    </Shell>
  );
}

function Shell({ children }: { children: preact.ComponentChildren }) {
  return (
    <section class="step">
      <h1 tabIndex={-1}>{t('choose-title')}</h1>
      {children}
    </section>
  );
}

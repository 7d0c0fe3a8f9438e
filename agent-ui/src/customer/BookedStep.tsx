import { useEffect, useState } from 'preact/hooks';
import { bookingApi, type BookingView } from '../api/journey';
import { isApiError } from '../api/problem';
import { errorText } from '../i18n/errors';
import { locale, t } from '../i18n/i18n';
import { forgetBooking, keptBooking } from './booking-store';
import { useJourney } from './journey';
import { formatDateTime } from './time';

/** Check-in opens this long before the appointment (the server's rule). */
export const CHECK_IN_EARLY_MS = 15 * 60_000;

/**
 * The session's appointment: when, the calendar file, the manage page (change or cancel), and
 * check-in when it is near, which leads to the waiting room. The server's journey view knows the
 * appointment on any device; the manage link's token only the device that booked (the e-mail
 * has it too).
 */
export function BookedStep({ now = () => Date.now() }: { now?: () => number }) {
  const journey = useJourney();
  const kept = keptBooking(journey.sessionId);
  const fromView = journey.view.value?.booking ?? null;
  const [fetched, setFetched] = useState<BookingView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const manage = kept ? bookingApi(kept.token) : null;

  useEffect(() => {
    if (!fromView) manage?.get().then(setFetched, (e) => setProblem(errorText(isApiError(e) ? e.code : 'network_error')));
  }, []);
  const booking = fromView ?? fetched;

  const chooseAgain = () => {
    forgetBooking(journey.sessionId);
    journey.go('choose');
  };

  if (!booking && !manage) {
    return (
      <Shell>
        <p>{t('booked-unknown')}</p>
        <button type="button" class="primary wide" onClick={chooseAgain}>{t('booked-choose-again')}</button>
      </Shell>
    );
  }
  if (!booking) return <Shell>{problem ? <p class="message error" role="alert">{problem}</p> : <p role="status">{t('loading')}</p>}</Shell>;

  const lang = locale.value;
  const when = formatDateTime(booking.start, lang, booking.customer_tz);
  if (booking.status !== 'booked') {
    return (
      <Shell>
        <p class="message info">{t(`booking-status-${booking.status}`)}</p>
        <button type="button" class="primary wide" onClick={chooseAgain}>{t('booked-choose-again')}</button>
      </Shell>
    );
  }
  const checkInOpen = Date.parse(booking.start) - now() <= CHECK_IN_EARLY_MS;
  const checkIn = async () => {
    setBusy(true);
    try {
      await journey.api.checkIn();
      await journey.refresh().catch(() => undefined);
      journey.go('waiting');
    } catch (e) {
      setProblem(errorText(isApiError(e) ? e.code : 'network_error'));
      setBusy(false);
    }
  };
  return (
    <Shell>
      <p class="lead">{t('booked-intro')}</p>
      <p class="appointment">
        <span class="appointment-when">{when}</span>
        <span class="hint">{t('booked-zone', { zone: booking.customer_tz })}</span>
      </p>
      <p>{t('booked-email')}</p>
      <p>{t('booked-come-back')}</p>
      {!manage && <p class="hint">{t('booked-manage-by-email')}</p>}
      {problem && <p class="message error" role="alert">{problem}</p>}
      <div class="actions">
        {checkInOpen && (
          <button type="button" class="primary wide" disabled={busy} onClick={checkIn}>
            {t('booked-check-in')}
          </button>
        )}
        {manage && kept && (
          <>
            <a class="button secondary wide" href={manage.icsUrl} download="appointment.ics">
              {t('booked-calendar')}
            </a>
            <a class="button secondary wide" href={kept.manage_url}>
              {t('booked-manage')}
            </a>
          </>
        )}
      </div>
    </Shell>
  );
}

function Shell({ children }: { children: preact.ComponentChildren }) {
  return (
    <section class="step">
      <h1 tabIndex={-1}>{t('booked-title')}</h1>
      {children}
    </section>
  );
}

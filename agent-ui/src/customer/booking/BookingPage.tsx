import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { bookingApi, needsOfSkills, type BookingView, type SlotView } from '../../api/journey';
import { isApiError } from '../../api/problem';
import { errorText } from '../../i18n/errors';
import { locale, t } from '../../i18n/i18n';
import { LanguageSwitcher } from '../../i18n/LanguageSwitcher';
import { SlotPicker } from '../SlotPicker';
import { browserZone, formatDateTime } from '../time';

type Mode = { kind: 'view' } | { kind: 'reschedule'; slots: SlotView[] | null } | { kind: 'cancel' };
type Notice = 'rescheduled' | 'cancelled' | null;

/**
 * The appointment behind a manage link: when (in the customer's zone), the calendar file, moving
 * it to another free slot (the invitation's SEQUENCE rises), cancelling it.
 */
export function BookingPage({ token }: { token: string | null }) {
  const api = useMemo(() => (token ? bookingApi(token) : null), [token]);
  const [booking, setBooking] = useState<BookingView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(api ? null : 'booking_not_found');
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const [slot, setSlot] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    api?.get().then(setBooking, (e) => setLoadError(isApiError(e) ? e.code : 'network_error'));
  }, [api]);

  const done = (b: BookingView, n: Notice) => {
    setBooking(b);
    setNotice(n);
    setMode({ kind: 'view' });
    setSlot(null);
    setBusy(false);
    requestAnimationFrame(() => heading.current?.focus());
  };
  const fail = (e: unknown) => {
    setProblem(errorText(isApiError(e) ? e.code : 'network_error'));
    setBusy(false);
  };

  const startReschedule = async () => {
    if (!api || !booking) return;
    setProblem(null);
    setNotice(null);
    setMode({ kind: 'reschedule', slots: null });
    try {
      const slots = await api.slots(needsOfSkills(booking.needs), booking.customer_tz);
      setMode({ kind: 'reschedule', slots: slots.filter((s) => s.start !== booking.start) });
    } catch (e) {
      fail(e);
    }
  };
  const reschedule = async (e: Event) => {
    e.preventDefault();
    if (!api) return;
    if (!slot) return setProblem(t('choose-pick-slot'));
    setBusy(true);
    try {
      done(await api.reschedule(slot), 'rescheduled');
    } catch (err) {
      fail(err);
    }
  };
  const cancel = async () => {
    if (!api) return;
    setBusy(true);
    try {
      done(await api.cancel(), 'cancelled');
    } catch (err) {
      fail(err);
    }
  };

  const lang = locale.value;
  const here = browserZone();
  return (
    <div class="journey">
      <header class="journey-top">
        <p class="brand">
          <span class="brand-name">{t('app-name')}</span>
        </p>
        <LanguageSwitcher class="compact" />
      </header>
      <main id="main" class="journey-main">
        <section class="step">
          <h1 ref={heading} tabIndex={-1}>{t('booking-page-title')}</h1>
          {loadError && <p class="message error" role="alert">{errorText(loadError)}</p>}
          {!booking && !loadError && <p role="status">{t('loading')}</p>}
          {booking && (
            <>
              <div role="status" class="alert-slot">
                {notice && <p class="message info">{t(`booking-notice-${notice}`)}</p>}
              </div>
              <div class={`appointment ${booking.status}`}>
                <p class="appointment-when">{formatDateTime(booking.start, lang, booking.customer_tz)}</p>
                <p class="hint">{t('booked-zone', { zone: booking.customer_tz })}</p>
                {here !== booking.customer_tz && <p class="hint">{t('booking-here', { time: formatDateTime(booking.start, lang, here) })}</p>}
                <p class="appointment-status">{t(`booking-status-${booking.status}`)}</p>
              </div>
              {problem && <p class="message error" role="alert">{problem}</p>}
              {booking.status === 'booked' && mode.kind === 'view' && (
                <div class="actions">
                  <a class="button primary wide" href={api!.icsUrl} download="appointment.ics">
                    {t('booked-calendar')}
                  </a>
                  <button type="button" class="secondary wide" onClick={startReschedule}>
                    {t('booking-reschedule')}
                  </button>
                  <button type="button" class="secondary wide danger-text" onClick={() => { setProblem(null); setNotice(null); setMode({ kind: 'cancel' }); }}>
                    {t('booking-cancel')}
                  </button>
                  <p class="hint">{t('booked-come-back')}</p>
                </div>
              )}
              {mode.kind === 'reschedule' && (
                <form noValidate onSubmit={reschedule} aria-busy={busy}>
                  {mode.slots === null ? (
                    <p role="status">{t('loading')}</p>
                  ) : (
                    <SlotPicker slots={mode.slots} value={slot} onChange={setSlot} tz={booking.customer_tz} name="new-slot" legend={t('booking-pick-new')} />
                  )}
                  <div class="actions">
                    <button type="submit" class="primary wide" disabled={busy || !mode.slots}>
                      {t('booking-reschedule-confirm')}
                    </button>
                    <button type="button" class="secondary wide" onClick={() => setMode({ kind: 'view' })}>
                      {t('booking-keep')}
                    </button>
                  </div>
                </form>
              )}
              {mode.kind === 'cancel' && (
                <div class="confirm" role="group" aria-labelledby="cancel-q">
                  <p id="cancel-q">{t('booking-cancel-confirm')}</p>
                  <div class="actions">
                    <button type="button" class="danger wide" disabled={busy} onClick={cancel}>
                      {t('booking-cancel-yes')}
                    </button>
                    <button type="button" class="secondary wide" onClick={() => setMode({ kind: 'view' })}>
                      {t('booking-keep')}
                    </button>
                  </div>
                </div>
              )}
            </>
          )}
        </section>
      </main>
    </div>
  );
}

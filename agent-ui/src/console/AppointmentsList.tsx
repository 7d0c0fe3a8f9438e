import { useEffect, useState } from 'preact/hooks';
import { consoleApi, type Appointment } from '../api/console';
import { isApiError } from '../api/problem';
import { errorText } from '../i18n/errors';
import { t } from '../i18n/i18n';

/** How often the list is fetched again (bookings change rarely; the queue socket covers due ones). */
const REFRESH_MS = 60_000;

/** Today's appointments of the agent (the next 24 hours), in time order. */
export function AppointmentsList() {
  const [items, setItems] = useState<Appointment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      consoleApi.appointments().then(
        (a) => live && (setItems([...a].sort((x, y) => Date.parse(x.start) - Date.parse(y.start))), setError(null)),
        (e) => live && setError(isApiError(e) ? e.code : 'generic'),
      );
    void load();
    const id = window.setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(id);
    };
  }, []);
  return (
    <section class="panel appointments" aria-labelledby="appointments-title">
      <h2 id="appointments-title">{t('appointments-title')}</h2>
      {error && <p class="message error">{errorText(error)}</p>}
      {items && items.length === 0 && <p class="empty">{t('appointments-none')}</p>}
      {items && items.length > 0 && (
        <ul class="appointment-list">
          {items.map((a) => (
            <li key={a.id} class={`appointment status-${a.status}`}>
              <time dateTime={a.start}>{t('appointment-time', { start: new Date(a.start), end: new Date(a.end) })}</time>
              <span class="appointment-status">{t(a.status === 'booked' && a.checked_in ? 'appointment-checked-in' : `appointment-${a.status}`)}</span>
              {a.needs.length > 0 && <span class="appointment-needs">{a.needs.join(', ')}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

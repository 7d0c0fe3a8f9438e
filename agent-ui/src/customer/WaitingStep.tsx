import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { useJourney } from './journey';
import { QueueSocket } from './queue-socket';
import { waitMinutes } from './time';

/**
 * The waiting room: the place in the queue and the estimated wait, live; "call me back instead"
 * (leave the queue for a callback, or book a time); the call opens when an agent accepts.
 */
export function WaitingStep({ socketFactory = (token: string) => new QueueSocket(token) }: { socketFactory?: (token: string) => QueueSocket }) {
  const journey = useJourney();
  const socket = useRef<QueueSocket | null>(null);
  socket.current ??= socketFactory(journey.token);
  const q = socket.current;
  const [callbackOpen, setCallbackOpen] = useState(false);

  useEffect(() => {
    q.open();
    return () => q.close();
  }, []);
  const state = q.state.value;
  useEffect(() => {
    if (state.kind === 'joining') journey.go('call');
    // The call happened (another tab, a reload at the wrong moment): the result is next.
    if (state.kind === 'closed' && state.status === 'done') journey.go('result');
  }, [state.kind]);

  if (state.kind === 'closed') return <Closed status={state.status} />;
  return (
    <section class="step waiting">
      <h1 tabIndex={-1}>{t('waiting-title')}</h1>
      <div class="waiting-status" role="status" aria-live="polite" aria-atomic="true">
        {state.kind === 'connecting' && <p>{t('waiting-connecting')}</p>}
        {state.kind === 'appointment' && <p>{t('waiting-appointment')}</p>}
        {state.kind === 'waiting' && (
          <>
            <p class="position">{state.position <= 1 ? t('waiting-next') : t('waiting-position', { position: state.position })}</p>
            <p class="eta">
              {waitMinutes(state.estimatedWaitMs) < 1 ? t('waiting-eta-soon') : t('waiting-eta', { minutes: waitMinutes(state.estimatedWaitMs) })}
            </p>
          </>
        )}
        {state.kind === 'offered' && <p class="position">{t('waiting-offered')}</p>}
        {state.kind === 'joining' && <p class="position">{t('waiting-joining')}</p>}
        {state.kind === 'refused' && <p class="message error">{errorText(state.code)}</p>}
      </div>
      <div class="pulse" aria-hidden="true" />
      <p>{t('waiting-keep-open')}</p>
      <ul class="checklist">
        <li>{t('waiting-tip-document')}</li>
        <li>{t('waiting-tip-light')}</li>
      </ul>
      {state.kind !== 'refused' && state.kind !== 'joining' && (
        <div class="actions">
          {!callbackOpen ? (
            <button type="button" class="secondary wide" onClick={() => setCallbackOpen(true)}>
              {t('waiting-callback-instead')}
            </button>
          ) : (
            <Callback socket={q} onCancel={() => setCallbackOpen(false)} />
          )}
        </div>
      )}
    </section>
  );
}

/** Leave the queue: be called back (phone or e-mail), or pick an appointment instead. */
function Callback({ socket, onCancel }: { socket: QueueSocket; onCancel(): void }) {
  const journey = useJourney();
  const values = journey.draft().values.peek();
  const [phone, setPhone] = useState(values.phone);
  const [email, setEmail] = useState(values.email);
  const [missing, setMissing] = useState(false);
  const error = socket.error.value;
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const send = (e: Event) => {
    e.preventDefault();
    if (!phone.trim() && !email.trim()) return setMissing(true);
    setMissing(false);
    socket.callback({ ...(phone.trim() ? { phone: phone.trim() } : {}), ...(email.trim() ? { email: email.trim() } : {}) });
  };
  const book = () => {
    socket.leave();
    journey.go('choose');
  };
  return (
    <form class="callback" noValidate onSubmit={send} aria-labelledby="callback-title">
      <h2 id="callback-title">{t('callback-title')}</h2>
      <p>{t('callback-intro')}</p>
      <div role="alert" class="alert-slot">
        {(missing || error) && <p class="message error">{missing ? t('callback-contact-needed') : errorText(error!)}</p>}
      </div>
      <div class="field">
        <label for="callback-phone">{t('field-phone')}</label>
        <input ref={first} id="callback-phone" type="tel" inputMode="tel" autoComplete="tel" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} maxLength={200} />
      </div>
      <div class="field">
        <label for="callback-email">{t('field-email')}</label>
        <input id="callback-email" type="email" inputMode="email" autoComplete="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} maxLength={200} />
      </div>
      <button type="submit" class="primary wide">{t('callback-send')}</button>
      <button type="button" class="secondary wide" onClick={book}>{t('callback-book-instead')}</button>
      <button type="button" class="link" onClick={onCancel}>{t('callback-stay')}</button>
    </form>
  );
}

function Closed({ status }: { status: string }) {
  const journey = useJourney();
  return (
    <section class="step">
      <h1 tabIndex={-1}>{t(`waiting-closed-${status === 'callback' ? 'callback' : 'left'}-title`)}</h1>
      <p>{t(`waiting-closed-${status === 'callback' ? 'callback' : 'left'}-body`)}</p>
      <div class="actions">
        <button type="button" class="primary wide" onClick={() => journey.go('choose')}>
          {t('waiting-closed-again')}
        </button>
      </div>
    </section>
  );
}

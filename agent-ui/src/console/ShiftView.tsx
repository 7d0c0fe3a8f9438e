import { errorText } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { AppointmentsList } from './AppointmentsList';
import { PresenceControl } from './PresenceControl';
import { QueueGlance } from './QueueGlance';
import { dismissNotice, shift } from './shift';

/** Between calls: presence, the queue at a glance and today's appointments. Offers ring on top. */
export function ShiftView({ onHelp }: { onHelp(): void }) {
  const notice = shift.value.notice;
  return (
    <section class="shift" aria-labelledby="console-title">
      <div class="page-head">
        <h1 id="console-title">{t('console-title')}</h1>
        <button type="button" class="link" onClick={onHelp} aria-keyshortcuts="?">
          {t('shortcuts-open')}
        </button>
      </div>
      {notice && (
        <div class="message info notice" role="status">
          <p>{notice.kind === 'offer_gone' ? t(`offer-gone-${notice.reason}`) : errorText(notice.code)}</p>
          <button type="button" class="link" onClick={dismissNotice}>
            {t('notice-dismiss')}
          </button>
        </div>
      )}
      {shift.value.presence === 'available' && !shift.value.offer && (
        <p class="waiting-hint" role="status">
          {t('shift-waiting-for-offer')}
        </p>
      )}
      <div class="shift-grid">
        <PresenceControl />
        <QueueGlance />
        <AppointmentsList />
      </div>
    </section>
  );
}

import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { useNow } from '../ui/use-now';
import { accept, decline, offerCountdown, shift } from './shift';

/**
 * A ringing offer: who is waiting (their needs), how long the agent has to take them, accept or
 * decline. Focus moves to Accept when it rings, so Enter takes the call; `a` and `d` work too.
 */
export function OfferCard() {
  const offer = shift.value.offer;
  const now = useNow(250, offer !== null);
  const acceptRef = useRef<HTMLButtonElement>(null);
  const offerId = offer?.offerId;
  useEffect(() => {
    if (offerId) acceptRef.current?.focus();
  }, [offerId]);
  if (!offer) return null;
  const { seconds, share } = offerCountdown(offer, now);
  return (
    <section class="offer" role="alert" aria-labelledby="offer-title">
      <div class="offer-ring" aria-hidden="true" />
      <div class="offer-body">
        <h2 id="offer-title">{t('offer-title')}</h2>
        <p class="offer-needs">{offer.needs.length ? t('offer-needs', { needs: offer.needs.join(', ') }) : t('offer-no-needs')}</p>
        <div class="offer-countdown">
          <progress max={1} value={share} aria-hidden="true" />
          <span>{t('offer-seconds-left', { seconds })}</span>
        </div>
      </div>
      <div class="offer-actions">
        <button ref={acceptRef} type="button" class="primary" onClick={() => void accept()} aria-keyshortcuts="a">
          {t('offer-accept')} <kbd aria-hidden="true">A</kbd>
        </button>
        <button type="button" onClick={() => void decline()} aria-keyshortcuts="d">
          {t('offer-decline')} <kbd aria-hidden="true">D</kbd>
        </button>
      </div>
    </section>
  );
}

import { t } from '../i18n/i18n';
import { onLinkClick } from './router';
import { HOME } from './routes';

/** A page that only says something: no access, not found, no role yet. */
export function MessagePage({ titleId, bodyId, homeLink = true }: { titleId: string; bodyId: string; homeLink?: boolean }) {
  return (
    <section class="placeholder-page" aria-labelledby="message-title">
      <h1 id="message-title">{t(titleId)}</h1>
      <p>{t(bodyId)}</p>
      {homeLink && (
        <p>
          <a href={HOME} onClick={onLinkClick}>
            {t('back-home')}
          </a>
        </p>
      )}
    </section>
  );
}

import { t } from '../i18n/i18n';

/** Staff administration's start page; accounts and roles come next. */
export function AdminHome() {
  return (
    <section class="placeholder-page" aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin-title')}</h1>
      <p>{t('admin-placeholder')}</p>
    </section>
  );
}

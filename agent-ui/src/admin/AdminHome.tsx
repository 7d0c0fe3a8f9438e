import { T } from '../i18n/T';

/** Staff administration's start page; accounts and roles come next. */
export function AdminHome() {
  return (
    <section class="placeholder-page" aria-labelledby="admin-title">
      <h1 id="admin-title"><T id="admin-title" /></h1>
      <p><T id="admin-placeholder" /></p>
    </section>
  );
}

import { T } from '../i18n/T';

/** Supervisor and auditor review's start page; the list of finished calls comes next. */
export function ReviewHome() {
  return (
    <section class="placeholder-page" aria-labelledby="review-title">
      <h1 id="review-title"><T id="review-title" /></h1>
      <p><T id="review-placeholder" /></p>
    </section>
  );
}

import { T } from '../i18n/T';

/** The agent console's start page; the queue and the call view come next. */
export function ConsoleHome() {
  return (
    <section class="placeholder-page" aria-labelledby="console-title">
      <h1 id="console-title"><T id="console-title" /></h1>
      <p><T id="console-placeholder" /></p>
    </section>
  );
}

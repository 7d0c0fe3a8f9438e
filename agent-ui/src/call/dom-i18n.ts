// The call pages are plain HTML: their fixed strings carry `data-i18n="<message id>"` and are
// filled from the Fluent catalogues here, again whenever the language changes.
import { effect } from '@preact/signals';
import { applyDocumentLanguage, locale, t } from '../i18n/i18n';

/** Fills every `[data-i18n]` element (and the title) now and on every language change. */
export function translatePage(root: ParentNode = document): () => void {
  return effect(() => {
    void locale.value;
    applyDocumentLanguage();
    root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
      el.textContent = t(el.dataset.i18n!);
    });
  });
}

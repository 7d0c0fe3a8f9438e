import '../staff/dialog.css';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { SHORTCUTS } from './shortcuts';

/** The list of keyboard shortcuts ("?"), as a modal; Escape or the button closes it. */
export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const back = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' || e.key === 'Tab') {
        // One control inside: Tab stays on it, Escape closes.
        e.preventDefault();
        if (e.key === 'Escape') close.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      back?.focus?.();
    };
  }, []);
  return (
    <div class="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="dialog shortcuts-dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">{t('shortcuts-title')}</h2>
        <table class="shortcuts-table">
          <thead>
            <tr>
              <th scope="col">{t('shortcuts-key')}</th>
              <th scope="col">{t('shortcuts-action')}</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.key}>
                <td>
                  <kbd>{s.key.toUpperCase()}</kbd>
                </td>
                <td>{t(`shortcut-${s.action}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="hint">{t('shortcuts-no-approve-key')}</p>
        <div class="dialog-actions">
          <button ref={closeRef} type="button" class="primary" onClick={onClose}>
            {t('shortcuts-close')}
          </button>
        </div>
      </div>
    </div>
  );
}

import '../staff/dialog.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { stillUrl, type Still } from '../api/console';
import type { SessionId } from '../api/generated/SessionId';
import { t } from '../i18n/i18n';

const ZOOMS = [0.25, 0.5, 0.75, 1, 1.5, 2, 3] as const;

/** The zoom that fits `w`×`h` into `box` (never above 100 %), snapped down to a step. */
export function fitZoom(w: number, h: number, box: { width: number; height: number }): number {
  const fit = Math.min(1, box.width / w, box.height / h);
  return [...ZOOMS].reverse().find((z) => z <= fit) ?? ZOOMS[0];
}

/**
 * A still at full size, zoomable (buttons, + and − keys) and scrollable, with its evidence:
 * resolution, time and SHA-256. Modal: Escape closes, focus returns.
 */
export function StillViewer({ session, still, onClose }: { session: SessionId; still: Still; onClose(): void }) {
  const [zoom, setZoom] = useState(() => fitZoom(still.width, still.height, { width: Math.min(1100, window.innerWidth - 96), height: window.innerHeight - 260 }));
  const closeRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const back = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      back?.focus?.();
    };
  }, []);
  const step = (dir: 1 | -1) => setZoom((z) => ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, ZOOMS.indexOf(z as (typeof ZOOMS)[number]) + dir))]);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === '+' || e.key === '=') step(1);
    else if (e.key === '-') step(-1);
    else if (e.key === 'Tab') trap(e, dialogRef.current);
  };
  const kind = t(`still-kind-${still.kind}`);
  return (
    <div class="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialogRef} class="dialog still-viewer" role="dialog" aria-modal="true" aria-labelledby="still-viewer-title" onKeyDown={onKeyDown}>
        <div class="still-viewer-head">
          <h2 id="still-viewer-title">{kind}</h2>
          <div class="zoom" role="group" aria-label={t('still-zoom')}>
            <button type="button" onClick={() => step(-1)} aria-label={t('still-zoom-out')}>−</button>
            <output aria-live="polite">{Math.round(zoom * 100)} %</output>
            <button type="button" onClick={() => step(1)} aria-label={t('still-zoom-in')}>+</button>
          </div>
          <button ref={closeRef} type="button" onClick={onClose}>
            {t('still-close')}
          </button>
        </div>
        <div class="still-canvas" tabIndex={0} aria-label={t('still-image-area')}>
          <img src={stillUrl(session, still.id)} alt={t('still-alt', { kind })} width={Math.round(still.width * zoom)} height={Math.round(still.height * zoom)} />
        </div>
        <dl class="still-evidence">
          <div>
            <dt>{t('still-resolution')}</dt>
            <dd>{`${still.width}×${still.height}`}</dd>
          </div>
          <div>
            <dt>{t('still-captured')}</dt>
            <dd>{t('still-captured-at', { at: new Date(still.captured_at) })}</dd>
          </div>
          <div class="hash">
            <dt>{t('still-hash')}</dt>
            <dd>
              <code>{still.sha256}</code>
            </dd>
          </div>
        </dl>
      </div>
    </div>
  );
}

function trap(e: KeyboardEvent, root: HTMLElement | null): void {
  if (!root) return;
  const els = Array.from(root.querySelectorAll<HTMLElement>('button, [tabindex="0"]')).filter((el) => !el.hasAttribute('disabled'));
  if (!els.length) return;
  const [first, last] = [els[0], els[els.length - 1]];
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

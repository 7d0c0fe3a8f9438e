import { useState } from 'preact/hooks';
import { stillUrl, type Still } from '../api/console';
import type { StillKind } from '../api/generated/StillKind';
import { t } from '../i18n/i18n';
import type { CallSession } from './call-session';
import { STILL_KINDS } from './CameraActions';
import { StillViewer } from './StillViewer';

/** The latest still of each kind (the one the checklist counts). */
export function latestByKind(stills: readonly Still[]): Partial<Record<StillKind, Still>> {
  const out: Partial<Record<StillKind, Still>> = {};
  for (const s of stills) {
    const cur = out[s.kind];
    if (!cur || s.captured_at >= cur.captured_at) out[s.kind] = s;
  }
  return out;
}

/** The face and the ID document as the customer's camera photographed them; click to zoom. */
export function StillsGallery({ call }: { call: CallSession }) {
  const [open, setOpen] = useState<Still | null>(null);
  const latest = latestByKind(call.stills.value);
  return (
    <section class="panel stills" aria-labelledby="stills-title">
      <h2 id="stills-title">{t('stills-title')}</h2>
      <ul class="still-grid">
        {STILL_KINDS.map((kind) => {
          const s = latest[kind];
          return (
            <li key={kind} class="still-slot">
              {s ? (
                <button type="button" class="still-thumb" onClick={() => setOpen(s)} aria-label={t('still-open', { kind: t(`still-kind-${kind}`) })}>
                  <img src={stillUrl(call.id, s.id)} alt="" width={s.width} height={s.height} />
                </button>
              ) : (
                <div class="still-empty" aria-hidden="true" />
              )}
              <p class="still-caption">
                <span class="still-kind">{t(`still-kind-${kind}`)}</span>
                <span class="still-meta">{s ? `${s.width}×${s.height}` : t('still-none')}</span>
              </p>
            </li>
          );
        })}
      </ul>
      {open && <StillViewer session={call.id} still={open} onClose={() => setOpen(null)} />}
    </section>
  );
}

import { useState } from 'preact/hooks';
import { documentUrl } from '../api/console';
import type { SessionId } from '../api/generated/SessionId';
import type { ApplicationView, DocumentCapture, DocumentSide } from '../api/journey';
import { t } from '../i18n/i18n';
import { compareApplication, latestWithMrz, type FieldVerdict } from './mrz-compare';

const SIDES: readonly DocumentSide[] = ['front', 'back'];
const MARK: Record<FieldVerdict, string> = { match: '✓', mismatch: '≠', missing: '–' };

/** The latest capture of each side of the document. */
function latestBySide(documents: readonly DocumentCapture[]): Partial<Record<DocumentSide, DocumentCapture>> {
  const out: Partial<Record<DocumentSide, DocumentCapture>> = {};
  for (const d of documents) {
    const cur = out[d.side];
    if (!cur || d.created_at >= cur.created_at) out[d.side] = d;
  }
  return out;
}

/**
 * The customer's application beside what the ID document's MRZ says, field by field, with every
 * difference marked in words and a sign (not by colour alone), the MRZ's check-digit verdict,
 * whether the customer confirmed the comparison, and the document's photos.
 */
export function ApplicationCompare({
  sessionId,
  application,
  documents,
  today,
}: {
  sessionId: SessionId;
  application: ApplicationView | null;
  documents: readonly DocumentCapture[];
  today: Date;
}) {
  const [shown, setShown] = useState<string | null>(null);
  const doc = latestWithMrz(documents);
  const rows = application ? compareApplication(application, doc, today) : [];
  const mismatches = rows.filter((r) => r.verdict === 'mismatch').length;
  const sides = latestBySide(documents);
  const checkDigits = doc?.check_digits_ok == null ? 'none' : doc.check_digits_ok ? 'ok' : 'failed';
  return (
    <div class="app-compare">
      <dl class="fact-list">
        <div>
          <dt>{t('app-compare-check-digits')}</dt>
          <dd class={`check-digits check-digits-${checkDigits}`}>{t(`app-compare-check-digits-${checkDigits}`)}</dd>
        </div>
        {application && (
          <div>
            <dt>{t('app-compare-review')}</dt>
            <dd>{t(`app-compare-review-${application.mrz_review}`)}</dd>
          </div>
        )}
      </dl>
      {application ? (
        <table class="compare-table">
          <caption>{mismatches > 0 ? t('app-compare-caption-mismatches', { count: mismatches }) : t('app-compare-caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('app-compare-col-field')}</th>
              <th scope="col">{t('app-compare-col-application')}</th>
              <th scope="col">{t('app-compare-col-mrz')}</th>
              <th scope="col">{t('app-compare-col-result')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.field} class={`verdict-${r.verdict}`}>
                <th scope="row">{t(`app-compare-field-${r.field}`)}</th>
                <td>{r.application ?? '—'}</td>
                <td>{r.mrz ?? '—'}</td>
                <td>
                  <span aria-hidden="true">{MARK[r.verdict]} </span>
                  {t(`app-compare-verdict-${r.verdict}`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="hint">{t('app-compare-no-application')}</p>
      )}
      {!doc && <p class="hint">{t('app-compare-no-mrz')}</p>}
      <ul class="doc-images">
        {SIDES.map((side) => {
          const d = sides[side];
          if (!d) return null;
          const open = shown === d.id;
          const label = t(`app-compare-side-${side}`);
          return (
            <li key={side}>
              <button type="button" aria-expanded={open} onClick={() => setShown(open ? null : d.id)}>
                {t(open ? 'app-compare-hide-image' : 'app-compare-show-image', { side: label })}
              </button>
              {open && <img class="doc-image" src={documentUrl(sessionId, d.id)} alt={t('app-compare-image-alt', { side: label })} width={d.width} height={d.height} />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

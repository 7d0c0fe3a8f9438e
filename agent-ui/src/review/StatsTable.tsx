import { t } from '../i18n/i18n';
import type { Figures } from './api';
import { countAndShare, countText, pairText } from './stats-view';

/**
 * Figures per agent or per day, one row each: the numbers behind the charts (and their
 * accessible alternative). The first cell names the row (`rowName`).
 */
export function StatsTable({ id, caption, firstColumn, rows, rowName }: { id: string; caption: string; firstColumn: string; rows: Figures[]; rowName(f: Figures): preact.ComponentChildren }) {
  return (
    <section class="dash-table" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{caption}</h2>
      {/* Focusable, so a keyboard can scroll a table wider than the page. */}
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-title`}>
        <table id={id}>
          <caption class="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{firstColumn}</th>
              <th scope="col">{t('dash-col-sessions')}</th>
              <th scope="col">{t('dash-col-approved')}</th>
              <th scope="col">{t('dash-col-rejected')}</th>
              <th scope="col">{t('dash-col-inconclusive')}</th>
              <th scope="col">{t('dash-col-abandoned')}</th>
              <th scope="col">{t('dash-col-wait')}</th>
              <th scope="col">{t('dash-col-handling')}</th>
              <th scope="col">{t('dash-col-wrap-up')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => (
              <tr key={`${f.day ?? ''}|${f.agent_id ?? ''}`}>
                <th scope="row">{rowName(f)}</th>
                <td class="num">{countText(f.sessions)}</td>
                <td class="num">{countAndShare(f.approved, f.approve_rate)}</td>
                <td class="num">{countAndShare(f.rejected, f.reject_rate)}</td>
                <td class="num">{countAndShare(f.inconclusive, f.inconclusive_rate)}</td>
                <td class="num">{countAndShare(f.abandoned, f.abandonment_rate)}</td>
                <td class="num">{pairText(f.wait_p50_ms, f.wait_p90_ms)}</td>
                <td class="num">{pairText(f.handling_p50_ms, f.handling_p90_ms)}</td>
                <td class="num">{pairText(f.wrap_up_p50_ms, f.wrap_up_p90_ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

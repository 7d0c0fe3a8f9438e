import { t } from '../i18n/i18n';
import type { Figures } from './api';
import { countText, durationText, percentText, undecided } from './stats-view';

/** The totals of the range as cards: volume, the three outcome shares, abandonment, the times. */
export function FigureCards({ total }: { total: Figures }) {
  const decided = total.sessions - undecided(total);
  const cards: { key: string; label: string; value: string; sub: string }[] = [
    { key: 'sessions', label: t('dash-card-sessions'), value: countText(total.sessions), sub: t('dash-card-decided', { count: decided }) },
    { key: 'approved', label: t('dash-card-approved'), value: percentText(total.approve_rate), sub: t('dash-card-of-decided', { count: total.approved, decided }) },
    { key: 'rejected', label: t('dash-card-rejected'), value: percentText(total.reject_rate), sub: t('dash-card-of-decided', { count: total.rejected, decided }) },
    { key: 'inconclusive', label: t('dash-card-inconclusive'), value: percentText(total.inconclusive_rate), sub: t('dash-card-of-decided', { count: total.inconclusive, decided }) },
    { key: 'abandoned', label: t('dash-card-abandoned'), value: percentText(total.abandonment_rate), sub: t('dash-card-of-entries', { count: total.abandoned, entries: total.queue_entries }) },
    { key: 'wait', label: t('dash-card-wait'), value: durationText(total.wait_p50_ms), sub: t('dash-card-p90', { value: durationText(total.wait_p90_ms) }) },
    { key: 'handling', label: t('dash-card-handling'), value: durationText(total.handling_p50_ms), sub: t('dash-card-p90', { value: durationText(total.handling_p90_ms) }) },
    { key: 'wrap_up', label: t('dash-card-wrap-up'), value: durationText(total.wrap_up_p50_ms), sub: t('dash-card-p90', { value: durationText(total.wrap_up_p90_ms) }) },
  ];
  return (
    <section aria-labelledby="dash-totals-title">
      <h2 id="dash-totals-title" class="visually-hidden">
        {t('dash-totals')}
      </h2>
      <dl class="figure-cards">
        {cards.map((c) => (
          <div key={c.key} class="figure-card" data-figure={c.key}>
            <dt>{c.label}</dt>
            <dd class="figure">{c.value}</dd>
            <dd class="figure-sub">{c.sub}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

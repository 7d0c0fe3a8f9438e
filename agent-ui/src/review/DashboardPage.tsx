import './review.css';
import './dashboard.css';
import { adminApi } from '../admin/api';
import { errorText } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { navigate, where } from '../staff/router';
import { useLoad } from '../ui/use-load';
import { useNow } from '../ui/use-now';
import { reviewApi, type Figures, type Stats } from './api';
import { DashboardFilters, type AgentOption } from './DashboardFilters';
import { FigureCards } from './FigureCards';
import { DASHBOARD } from './paths';
import { ReviewTabs } from './ReviewTabs';
import { StatsChart } from './StatsChart';
import { statsApiQuery, statsFilterFromSearch, statsFilterProblem, searchFromStatsFilter, type StatsFilter } from './stats-query';
import { StatsTable } from './StatsTable';
import { countText, dayText, durationText, isEmpty, seriesOf, VOLUME_PARTS } from './stats-view';

/** Colours of the chart layers; the legend's swatch classes in dashboard.css match them. */
const OUTCOME_COLOURS = { approved: '#1b6e2b', rejected: '#a8231b', inconclusive: '#c78a00', undecided: '#8a95a5' } as const;
const TIME_COLOURS = { wait: '#1d5fa8', handling: '#6b3fa0', wrap_up: '#0f766e' } as const;

/**
 * The supervisors' dashboard: for a range of UTC days and optionally one agent, the totals as
 * cards, charts per day (volume by outcome, queue wait, handling and wrap-up times) and the same
 * figures as tables per agent and per day. Filters live in the address.
 */
export function DashboardPage() {
  // The clock is read once a minute: the default range ("the last 30 days") follows midnight.
  const now = useNow(60_000);
  const filter = statsFilterFromSearch(where.value.search, now);
  const key = statsApiQuery(filter);
  const [staff] = useLoad(adminApi.listStaff);
  const agents: AgentOption[] | null =
    staff.kind === 'ready'
      ? staff.value
          .filter((s) => s.roles.includes('agent'))
          .map((s) => ({ id: s.id, name: s.display_name }))
          .sort((a, b) => a.name.localeCompare(b.name))
      : staff.kind === 'error'
        ? null
        : [];
  const names = new Map((staff.kind === 'ready' ? staff.value : []).map((s) => [s.id, s.display_name]));
  const problem = statsFilterProblem(filter);

  return (
    <section class="review-page dashboard" aria-labelledby="page-title">
      <header class="page-header">
        <div>
          <h1 id="page-title">{t('dash-title')}</h1>
          <p class="page-intro">{t('dash-intro')}</p>
        </div>
      </header>
      <ReviewTabs current="dashboard" dashboard />
      <DashboardFilters
        key={key}
        value={filter}
        agents={agents}
        nowMs={now}
        onApply={(f) => {
          const q = searchFromStatsFilter(f, now);
          navigate(`${DASHBOARD}${q ? `?${q}` : ''}`);
        }}
      />
      {problem ? (
        <p class="message error" role="alert">
          {t(problem)}
        </p>
      ) : (
        <DashboardFigures key={key} filter={filter} names={names} />
      )}
    </section>
  );
}

function DashboardFigures({ filter, names }: { filter: StatsFilter; names: Map<string, string> }) {
  const [stats] = useLoad(() => reviewApi.stats(statsApiQuery(filter)));
  if (stats.kind === 'loading') {
    return (
      <p class="results-status" role="status">
        {t('loading')}
      </p>
    );
  }
  if (stats.kind === 'error') {
    return (
      <p class="message error" role="alert">
        {errorText(stats.code)}
      </p>
    );
  }
  const s = stats.value;
  const period = t('dash-period', { from: dayText(filter.from, { year: true }), to: dayText(filter.to, { year: true }) });
  if (isEmpty(s)) {
    return (
      <div role="status">
        <p class="results-status">{period}</p>
        <p class="empty">{t('dash-empty')}</p>
      </div>
    );
  }
  const agentName = (f: Figures) => {
    if (!f.agent_id) return <span class="muted-text">{t('dash-no-agent')}</span>;
    const name = names.get(f.agent_id);
    return name && name !== f.agent_id ? (
      <>
        {name}
        <span class="row-id">{f.agent_id}</span>
      </>
    ) : (
      <span class="mono">{f.agent_id}</span>
    );
  };
  // Sessions no agent took (abandoned in the queue) come last.
  const byAgent = [...s.by_agent].sort((a, b) => Number(a.agent_id === null) - Number(b.agent_id === null));
  return (
    <>
      <p class="results-status" role="status">
        {period}
      </p>
      <FigureCards total={s.total} />
      <Charts stats={s} filter={filter} />
      <StatsTable id="dash-by-agent" caption={t('dash-by-agent')} firstColumn={t('dash-col-agent')} rows={byAgent} rowName={agentName} />
      <StatsTable
        id="dash-by-day"
        caption={t('dash-by-day')}
        firstColumn={t('dash-col-day')}
        rows={s.by_day}
        rowName={(f) => (f.day ? <time dateTime={f.day}>{dayText(f.day, { year: true })}</time> : '–')}
      />
    </>
  );
}

function Charts({ stats, filter }: { stats: Stats; filter: StatsFilter }) {
  const series = seriesOf(stats, filter);
  const seconds = (v: number) => durationText(v * 1000);
  const p = (kind: 'wait' | 'handling' | 'wrap_up', label: string) => [
    { label: t('dash-series-p50', { what: label }), values: series.p50[kind], colour: TIME_COLOURS[kind], swatch: `swatch-${kind}` },
    { label: t('dash-series-p90', { what: label }), values: series.p90[kind], colour: TIME_COLOURS[kind], swatch: `swatch-${kind}`, dashed: true },
  ];
  const t0 = stats.total;
  return (
    <div class="dash-charts">
      <StatsChart
        id="chart-volume"
        kind="stacked-bars"
        integers
        title={t('dash-chart-volume')}
        summary={t('dash-chart-volume-summary', {
          days: series.days.length,
          sessions: countText(t0.sessions),
          approved: countText(t0.approved),
          rejected: countText(t0.rejected),
          inconclusive: countText(t0.inconclusive),
        })}
        days={series.days}
        series={VOLUME_PARTS.map((part) => ({ label: t(`dash-part-${part}`), values: series.volume[part], colour: OUTCOME_COLOURS[part], swatch: `swatch-${part}` }))}
        yText={(v) => countText(v)}
      />
      <StatsChart
        id="chart-wait"
        kind="lines"
        title={t('dash-chart-wait')}
        summary={t('dash-chart-wait-summary', { p50: durationText(t0.wait_p50_ms), p90: durationText(t0.wait_p90_ms) })}
        days={series.days}
        series={p('wait', t('dash-what-wait'))}
        yText={seconds}
      />
      <StatsChart
        id="chart-times"
        kind="lines"
        title={t('dash-chart-times')}
        summary={t('dash-chart-times-summary', {
          handling50: durationText(t0.handling_p50_ms),
          handling90: durationText(t0.handling_p90_ms),
          wrap50: durationText(t0.wrap_up_p50_ms),
          wrap90: durationText(t0.wrap_up_p90_ms),
        })}
        days={series.days}
        series={[...p('handling', t('dash-what-handling')), ...p('wrap_up', t('dash-what-wrap-up'))]}
        yText={seconds}
      />
    </div>
  );
}

import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { defaultFilter, statsFilterProblem, type StatsFilter } from './stats-query';

export interface AgentOption {
  id: string;
  name: string;
}

/**
 * The dashboard's range (UTC days) and agent. It edits a draft; "Show" hands a valid draft on
 * (the page puts it in the address), "Last 30 days" goes back to the default range.
 */
export function DashboardFilters({ value, agents, nowMs, onApply }: { value: StatsFilter; agents: AgentOption[] | null; nowMs: number; onApply(f: StatsFilter): void }) {
  const [draft, setDraft] = useState(value);
  const [problem, setProblem] = useState<string | null>(null);
  const set = <K extends keyof StatsFilter>(k: K, v: StatsFilter[K]) => setDraft((d) => ({ ...d, [k]: v }));
  // The agent asked for in the address is offered even when the staff list does not have them.
  const options = agents && value.agent && !agents.some((a) => a.id === value.agent) ? [...agents, { id: value.agent, name: value.agent }] : agents;

  return (
    <form
      class="archive-filters dash-filters"
      aria-label={t('dash-filters')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const p = statsFilterProblem(draft);
        setProblem(p);
        if (!p) onApply(draft);
      }}
    >
      <div class="filter-row">
        <div class="field">
          <label for="d-from">{t('dash-from')}</label>
          <input id="d-from" type="date" value={draft.from} required aria-describedby="d-utc" onInput={(e) => set('from', e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="d-to">{t('dash-to')}</label>
          <input id="d-to" type="date" value={draft.to} required aria-describedby="d-utc" onInput={(e) => set('to', e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="d-agent">{t('dash-agent')}</label>
          {options ? (
            <select id="d-agent" value={draft.agent} onChange={(e) => set('agent', e.currentTarget.value)}>
              <option value="">{t('dash-all-agents')}</option>
              {options.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name === a.id ? a.id : t('dash-agent-option', { name: a.name, id: a.id })}
                </option>
              ))}
            </select>
          ) : (
            <input id="d-agent" type="text" value={draft.agent} spellcheck={false} autoCapitalize="none" onInput={(e) => set('agent', e.currentTarget.value)} />
          )}
        </div>
      </div>
      <p id="d-utc" class="hint">
        {t('dash-utc-hint')}
      </p>
      {problem && (
        <p class="message error" role="alert">
          {t(problem)}
        </p>
      )}
      <div class="filter-actions">
        <button type="submit" class="primary">
          {t('dash-apply')}
        </button>
        <button
          type="button"
          onClick={() => {
            const d = { ...defaultFilter(nowMs), agent: draft.agent };
            setDraft(d);
            setProblem(null);
            onApply(d);
          }}
        >
          {t('dash-last-30')}
        </button>
      </div>
    </form>
  );
}

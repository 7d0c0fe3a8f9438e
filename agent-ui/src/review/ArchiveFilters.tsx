import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import { EMPTY_FILTER, FLAGS, OUTCOMES, REVIEW_STATES, type ArchiveFilter, type Flag } from './archive-query';

/**
 * The archive's search form: date range, agent, decision, review state and risk flags. It
 * edits a draft; "Search" hands the draft on (the page puts it in the address).
 */
export function ArchiveFilters({ value, onSearch }: { value: ArchiveFilter; onSearch(f: ArchiveFilter): void }) {
  const [draft, setDraft] = useState(value);
  const set = <K extends keyof ArchiveFilter>(k: K, v: ArchiveFilter[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const toggle = (f: Flag, on: boolean) => set('flags', on ? FLAGS.filter((x) => x === f || draft.flags.includes(x)) : draft.flags.filter((x) => x !== f));

  return (
    <form
      class="archive-filters"
      aria-label={t('archive-filters')}
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(draft);
      }}
    >
      <div class="filter-row">
        <div class="field">
          <label for="f-from">{t('archive-from')}</label>
          <input id="f-from" type="date" value={draft.from} onInput={(e) => set('from', e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="f-to">{t('archive-to')}</label>
          <input id="f-to" type="date" value={draft.to} onInput={(e) => set('to', e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="f-agent">{t('archive-agent')}</label>
          <input id="f-agent" type="text" value={draft.agent} spellcheck={false} autoCapitalize="none" onInput={(e) => set('agent', e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="f-outcome">{t('archive-outcome')}</label>
          <select id="f-outcome" value={draft.outcome} onChange={(e) => set('outcome', e.currentTarget.value as ArchiveFilter['outcome'])}>
            <option value="">{t('archive-any')}</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`outcome-${o}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-review">{t('archive-review')}</label>
          <select id="f-review" value={draft.review} onChange={(e) => set('review', e.currentTarget.value as ArchiveFilter['review'])}>
            <option value="">{t('archive-any')}</option>
            {REVIEW_STATES.map((r) => (
              <option key={r} value={r}>
                {t(`review-state-${r}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset class="filter-flags">
        <legend>{t('archive-flags')}</legend>
        {FLAGS.map((f) => (
          <label key={f} class="check">
            <input type="checkbox" checked={draft.flags.includes(f)} onChange={(e) => toggle(f, e.currentTarget.checked)} />
            {t(`flag-${f}`)}
          </label>
        ))}
      </fieldset>
      <div class="filter-actions">
        <button type="submit" class="primary">
          {t('archive-search')}
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(EMPTY_FILTER);
            onSearch(EMPTY_FILTER);
          }}
        >
          {t('archive-clear')}
        </button>
      </div>
    </form>
  );
}

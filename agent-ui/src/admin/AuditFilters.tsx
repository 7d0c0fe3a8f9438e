import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n';
import type { AuditAction, AuditFilter } from './api';

/** `datetime-local` text (the viewer's own time zone) → unix ms, or undefined when empty. */
function localMs(v: string): number | undefined {
  if (!v) return undefined;
  const ms = new Date(v).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

/** Unix ms → `datetime-local` text in the viewer's own time zone, or '' for none. */
function localText(ms: number | undefined): string {
  if (ms === undefined) return '';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The filters above the log: who, what, which session, when. Start from `value`; applied on submit. */
export function AuditFilters({ value = {}, actions, onApply }: { value?: AuditFilter; actions: { value: AuditAction; label: string }[]; onApply(f: AuditFilter): void }) {
  const [actor, setActor] = useState(value.actor ?? '');
  const [action, setAction] = useState<string>(value.action ?? '');
  const [session, setSession] = useState(value.session_id ?? '');
  const [from, setFrom] = useState(localText(value.from));
  const [to, setTo] = useState(localText(value.to));
  const apply = (e: Event) => {
    e.preventDefault();
    onApply({
      actor: actor.trim() || undefined,
      action: (action || undefined) as AuditAction | undefined,
      session_id: session.trim() || undefined,
      from: localMs(from),
      to: localMs(to),
    });
  };
  const clear = () => {
    setActor('');
    setAction('');
    setSession('');
    setFrom('');
    setTo('');
    onApply({});
  };
  return (
    <form class="panel filters" onSubmit={apply} aria-labelledby="filters-title">
      <h2 id="filters-title" class="visually-hidden">
        {t('admin-audit-filters')}
      </h2>
      <div class="filter-grid">
        <div class="field">
          <label for="f-actor">{t('admin-audit-actor')}</label>
          <input id="f-actor" type="text" value={actor} onInput={(e) => setActor(e.currentTarget.value)} aria-describedby="f-actor-hint" spellcheck={false} autoComplete="off" />
          <p id="f-actor-hint" class="hint">
            {t('admin-audit-actor-hint')}
          </p>
        </div>
        <div class="field">
          <label for="f-action">{t('admin-audit-action')}</label>
          <select id="f-action" value={action} onChange={(e) => setAction(e.currentTarget.value)}>
            <option value="">{t('admin-audit-any-action')}</option>
            {actions.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-session">{t('admin-audit-session')}</label>
          <input id="f-session" type="text" value={session} onInput={(e) => setSession(e.currentTarget.value)} spellcheck={false} autoComplete="off" />
        </div>
        <div class="field">
          <label for="f-from">{t('admin-audit-from')}</label>
          <input id="f-from" type="datetime-local" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="f-to">{t('admin-audit-to')}</label>
          <input id="f-to" type="datetime-local" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </div>
      </div>
      <div class="filter-actions">
        <button type="submit" class="primary">
          {t('admin-audit-apply')}
        </button>
        <button type="button" onClick={clear}>
          {t('admin-audit-clear')}
        </button>
      </div>
    </form>
  );
}

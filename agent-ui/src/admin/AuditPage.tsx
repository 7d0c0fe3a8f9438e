import './admin.css';
import { useEffect, useState } from 'preact/hooks';
import { navigate, where } from '../staff/router';
import { isApiError } from '../api/problem';
import { hasMessage, t } from '../i18n/i18n';
import { adminApi, type AuditAction, type AuditFilter, type AuditRow } from './api';
import { actionMessageId, AUDIT_ACTIONS } from './audit-actions';
import { AUDIT_BASE, auditFilterFromSearch, searchFromAuditFilter } from './audit-query';
import { AuditFilters } from './AuditFilters';
import { ChainCheck } from './ChainCheck';
import { isoTime, preciseTime } from './format';
import { LoadFailed } from './LoadFailed';
import { PageHeader } from './PageParts';

const PAGE = 50;

/** An actor as people read it: "staff:ada" → "ada (staff)". */
function actorText(actor: string): string {
  const [kind, id] = actor.includes(':') ? (actor.split(/:(.*)/s) as [string, string]) : [actor, ''];
  const label = hasMessage(`admin-actor-${kind}`) ? t(`admin-actor-${kind}`) : kind;
  return id ? `${id} (${label})` : label;
}

function actionText(action: string): string {
  const id = actionMessageId(action);
  return hasMessage(id) ? t(id) : action;
}

type Page = { kind: 'loading' } | { kind: 'error'; code: string } | { kind: 'ready'; rows: AuditRow[] };

/**
 * The audit log, newest first: filters (in the page address, see audit-query.ts), one page at a
 * time (keyset: "older" continues below the last row shown, so rows appended meanwhile never
 * shift a page), and the chain check.
 */
export function AuditPage() {
  const key = searchFromAuditFilter(auditFilterFromSearch(where.value.search));
  return (
    <section aria-labelledby="page-title" class="admin-page">
      <PageHeader titleId="admin-audit-title" introId="admin-audit-intro" />
      <ChainCheck />
      <AuditLog key={key} filter={auditFilterFromSearch(key)} />
    </section>
  );
}

function AuditLog({ filter }: { filter: AuditFilter }) {
  // The `before` of each page shown so far: the first is null (the newest rows).
  const [cursors, setCursors] = useState<(number | null)[]>([null]);
  const [page, setPage] = useState<Page>({ kind: 'loading' });
  const before = cursors[cursors.length - 1];

  const load = async () => {
    setPage({ kind: 'loading' });
    try {
      setPage({ kind: 'ready', rows: await adminApi.audit(filter, before, PAGE) });
    } catch (e) {
      setPage({ kind: 'error', code: isApiError(e) ? e.code : 'generic' });
    }
  };
  useEffect(() => {
    void load();
  }, [before]);

  const rows = page.kind === 'ready' ? page.rows : [];
  const older = rows.length === PAGE ? rows[rows.length - 1].seq : null;

  return (
    <>
      <AuditFilters
        value={filter}
        actions={AUDIT_ACTIONS.map((a) => ({ value: a as AuditAction, label: actionText(a) })).sort((a, b) => a.label.localeCompare(b.label))}
        onApply={(f) => {
          const q = searchFromAuditFilter(f);
          // The same filter again reloads from the newest rows; a new one is a new address.
          if (q === searchFromAuditFilter(filter)) {
            if (cursors.length === 1) void load();
            setCursors([null]);
          } else navigate(`${AUDIT_BASE}${q ? `?${q}` : ''}`);
        }}
      />
      {page.kind === 'error' && <LoadFailed code={page.code} retry={load} />}
      <div aria-live="polite" class="visually-hidden">
        {page.kind === 'ready' ? t('admin-audit-shown', { count: rows.length }) : ''}
      </div>
      {page.kind === 'loading' && <p role="status">{t('loading')}</p>}
      {page.kind === 'ready' && rows.length === 0 && <p class="panel muted">{t('admin-audit-none')}</p>}
      {page.kind === 'ready' && rows.length > 0 && (
        <table class="data-table audit-table">
          <caption class="visually-hidden">{t('admin-audit-title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin-col-seq')}</th>
              <th scope="col">{t('admin-col-time')}</th>
              <th scope="col">{t('admin-col-actor')}</th>
              <th scope="col">{t('admin-col-action')}</th>
              <th scope="col">{t('admin-col-target')}</th>
              <th scope="col">{t('admin-col-session')}</th>
              <th scope="col">{t('admin-col-detail')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.seq}>
                <td data-label={t('admin-col-seq')} class="num">
                  {r.seq}
                </td>
                <td data-label={t('admin-col-time')}>
                  <time dateTime={isoTime(r.at)}>{preciseTime(r.at)}</time>
                </td>
                <td data-label={t('admin-col-actor')}>{actorText(r.actor)}</td>
                <th scope="row" data-label={t('admin-col-action')}>
                  {actionText(r.action)}
                </th>
                <td data-label={t('admin-col-target')} class="mono">
                  {r.target ?? ''}
                </td>
                <td data-label={t('admin-col-session')} class="mono">
                  {r.session_id ?? ''}
                </td>
                <td data-label={t('admin-col-detail')} class="mono">
                  {r.detail ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label={t('admin-audit-pages')}>
        <button type="button" disabled={cursors.length === 1} onClick={() => setCursors([null])}>
          {t('admin-audit-newest')}
        </button>
        <button type="button" disabled={older === null} onClick={() => older !== null && setCursors([...cursors, older])}>
          {t('admin-audit-older')}
        </button>
      </nav>
    </>
  );
}


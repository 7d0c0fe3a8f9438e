import './admin.css';
import { useState } from 'preact/hooks';
import { isApiError } from '../api/problem';
import { errorMessageId } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { currentUser } from '../staff/session';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { adminApi, type ApiKey } from './api';
import { dateTime, isoTime } from './format';
import { LoadFailed } from './LoadFailed';
import { LinkButton, PageHeader } from './PageParts';
import { useLoad } from '../ui/use-load';

export const KEYS_BASE = '/staff/api-keys';

type KeyStatus = 'active' | 'expired' | 'revoked';

function statusOf(k: ApiKey, now: number): KeyStatus {
  if (k.revoked_at) return 'revoked';
  return k.expires_at <= now ? 'expired' : 'active';
}

/** "staff:ada" → "ada"; "cli" → the command line. */
function creator(by: string): string {
  if (by.startsWith('staff:')) return by.slice(6);
  return by === 'cli' ? t('admin-actor-cli') : by;
}

function When({ ms }: { ms: number | null | undefined }) {
  return ms ? <time dateTime={isoTime(ms)}>{dateTime(ms)}</time> : <span class="muted">{t('admin-never')}</span>;
}

/** Every integrator key, newest first; admins revoke here (after confirming). */
export function KeyList() {
  const [keys, reload] = useLoad(adminApi.listKeys);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'info' | 'error'; id: string; args?: Record<string, string> } | null>(null);
  const canManage = currentUser()?.roles.includes('admin') ?? false;
  const now = Date.now();

  const revoke = async (k: ApiKey) => {
    setBusy(true);
    try {
      await adminApi.revokeKey(k.id);
      // The notice comes with the updated table, so what it says is what the row shows.
      await reload();
      setNotice({ kind: 'info', id: 'admin-key-revoked', args: { name: k.name } });
    } catch (e) {
      if (!isApiError(e, 'reauth_cancelled')) setNotice({ kind: 'error', id: errorMessageId(isApiError(e) ? e.code : 'generic') });
    } finally {
      setBusy(false);
      setRevoking(null);
    }
  };

  return (
    <section aria-labelledby="page-title" class="admin-page">
      <PageHeader
        titleId="admin-keys-title"
        introId="admin-keys-intro"
        action={canManage ? <LinkButton href={`${KEYS_BASE}/new`} label={t('admin-key-create')} primary /> : undefined}
      />
      <div role={notice?.kind === 'error' ? 'alert' : 'status'} class={notice ? `message ${notice.kind}` : 'alert-slot'}>
        {notice && <p>{t(notice.id, notice.args)}</p>}
      </div>
      {keys.kind === 'loading' && <p role="status">{t('loading')}</p>}
      {keys.kind === 'error' && <LoadFailed code={keys.code} retry={reload} />}
      {keys.kind === 'ready' && keys.value.length === 0 && <p class="panel muted">{t('admin-keys-none')}</p>}
      {keys.kind === 'ready' && keys.value.length > 0 && (
        <table class="data-table">
          <caption class="visually-hidden">{t('admin-keys-title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin-col-name')}</th>
              <th scope="col">{t('admin-col-scopes')}</th>
              <th scope="col">{t('admin-col-created')}</th>
              <th scope="col">{t('admin-col-expires')}</th>
              <th scope="col">{t('admin-col-last-used')}</th>
              <th scope="col">{t('admin-col-status')}</th>
              {canManage && (
                <th scope="col">
                  <span class="visually-hidden">{t('admin-col-actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {keys.value.map((k) => {
              const status = statusOf(k, now);
              return (
                <tr key={k.id} class={status !== 'active' ? 'inactive' : undefined}>
                  <th scope="row" data-label={t('admin-col-name')}>
                    {k.name}
                    <span class="sub mono">{k.id}</span>
                  </th>
                  <td data-label={t('admin-col-scopes')}>
                    <ul class="tags">
                      {k.scopes.map((s) => (
                        <li key={s} class="mono">
                          {s}
                        </li>
                      ))}
                    </ul>
                  </td>
                  {/* Who and when in one column: the table fits a laptop screen without scrolling. */}
                  <td data-label={t('admin-col-created')}>
                    {creator(k.created_by)}
                    <span class="sub">
                      <When ms={k.created_at} />
                    </span>
                  </td>
                  <td data-label={t('admin-col-expires')}>
                    <When ms={k.expires_at} />
                  </td>
                  <td data-label={t('admin-col-last-used')}>
                    <When ms={k.last_used_at} />
                  </td>
                  <td data-label={t('admin-col-status')}>
                    <span class={`badge badge-key-${status}`}>{t(`admin-key-status-${status}`)}</span>
                    {status === 'revoked' && k.revoked_at && (
                      <span class="sub">
                        <When ms={k.revoked_at} />
                      </span>
                    )}
                  </td>
                  {canManage && (
                    <td class="row-actions">
                      {status === 'active' && (
                        <button type="button" class="danger small" onClick={() => setRevoking(k)} aria-label={t('admin-key-revoke-named', { name: k.name })}>
                          {t('admin-key-revoke')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {revoking && (
        <ConfirmDialog
          title={t('admin-key-revoke-title', { name: revoking.name })}
          confirmLabel={t('admin-key-revoke')}
          cancelLabel={t('admin-cancel')}
          danger
          busy={busy}
          onCancel={() => setRevoking(null)}
          onConfirm={() => revoke(revoking)}
        >
          <p>{t('admin-key-revoke-body')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

import './admin.css';
import { useState } from 'preact/hooks';
import type { StaffRole } from '../api/auth';
import { isApiError } from '../api/problem';
import { errorMessageId } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { MessagePage } from '../staff/MessagePage';
import { onLinkClick } from '../staff/router';
import { currentUser } from '../staff/session';
import { CheckboxGroup } from '../ui/CheckboxGroup';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { TextField } from '../ui/TextField';
import { adminApi, type StaffAccount } from './api';
import { auditOfStaff } from './audit-query';
import { dateTime } from './format';
import { freshInvitation } from './invitation-store';
import { InvitationPanel } from './InvitationPanel';
import { LoadFailed } from './LoadFailed';
import { BackLink } from './PageParts';
import { roleOptions } from './roles';
import { STAFF_BASE } from './StaffList';
import { StateBadge } from './StateBadge';
import { useLoad } from '../ui/use-load';

type Pending = 'disable' | 'enable' | 'reset' | null;

/** One account: its facts, and for admins its name and roles, unlock, reset sign-in, disable. */
export function StaffDetail({ id }: { id: string }) {
  const [list, reload] = useLoad(adminApi.listStaff, [id]);
  if (list.kind === 'loading') return <p role="status">{t('loading')}</p>;
  if (list.kind === 'error') return <LoadFailed code={list.code} retry={reload} />;
  const account = list.value.find((s) => s.id === id);
  if (!account) return <MessagePage titleId="admin-staff-not-found-title" bodyId="admin-staff-not-found-body" />;
  return <Detail key={account.id} account={account} onChanged={reload} />;
}

function Detail({ account, onChanged }: { account: StaffAccount; onChanged(): Promise<void> }) {
  const me = currentUser();
  const canManage = me?.roles.includes('admin') ?? false;
  // Who may read the audit log (admins and auditors) can follow this person's actions there.
  const canAudit = canManage || (me?.roles.includes('auditor') ?? false);
  const self = me?.id === account.id;
  const invitation = freshInvitation.value?.staffId === account.id ? freshInvitation.value.invitation : null;
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'error' | 'info'; id: string } | null>(null);

  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setNotice(null);
    try {
      await action();
      setNotice({ kind: 'info', id: done });
      await onChanged();
    } catch (e) {
      if (!isApiError(e, 'reauth_cancelled')) setNotice({ kind: 'error', id: errorMessageId(isApiError(e) ? e.code : 'generic') });
    } finally {
      setBusy(false);
      setPending(null);
    }
  };

  const reset = () =>
    run(async () => {
      const inv = await adminApi.resetSignIn(account.id);
      freshInvitation.value = { staffId: account.id, invitation: inv };
    }, account.state === 'invited' ? 'admin-new-link-done' : 'admin-reset-done');

  const facts: [string, string | preact.JSX.Element][] = [
    ['admin-col-username', <span class="mono">{account.id}</span>],
    ['admin-col-state', <StateBadge state={account.state} />],
    ['admin-col-roles', account.roles.map((r) => t(`role-${r}`)).join(', ')],
    ['admin-col-created', dateTime(account.created_at)],
    ['admin-col-activated', account.activated_at ? dateTime(account.activated_at) : t('admin-not-yet')],
    ['admin-col-last-sign-in', account.last_sign_in_at ? dateTime(account.last_sign_in_at) : t('admin-never')],
  ];
  if (account.invitation_expires_at) facts.push(['admin-col-invitation', t('admin-invitation-pending', { time: dateTime(account.invitation_expires_at) })]);
  if (account.locked_until) facts.push(['admin-col-locked-until', dateTime(account.locked_until)]);

  return (
    <section aria-labelledby="page-title" class="admin-page narrow">
      <BackLink href={STAFF_BASE} label={t('admin-staff-back')} />
      <header class="page-header">
        <h1 id="page-title">{account.display_name}</h1>
      </header>
      {invitation && <InvitationPanel invitation={invitation} name={account.display_name} />}
      <div role="status" class={notice?.kind === 'info' ? 'message info' : 'alert-slot'}>
        {notice?.kind === 'info' && <p>{t(notice.id)}</p>}
      </div>
      <div role="alert" class={notice?.kind === 'error' ? 'message error' : 'alert-slot'}>
        {notice?.kind === 'error' && <p>{t(notice.id)}</p>}
      </div>
      <dl class="facts panel">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {canAudit && (
        <p class="staff-audit-link">
          <a href={auditOfStaff(account.id)} onClick={onLinkClick}>
            {t('admin-staff-access-log')}
          </a>
        </p>
      )}
      {canManage && <EditForm account={account} self={self} onSaved={onChanged} />}
      {canManage && (
        <section class="panel" aria-labelledby="access-title">
          <h2 id="access-title">{t('admin-access-title')}</h2>
          <div class="action-list">
            {account.state === 'locked' && (
              <Action label="admin-unlock" hint="admin-unlock-hint" busy={busy} onClick={() => run(() => adminApi.unlock(account.id), 'admin-unlock-done')} />
            )}
            {!self && account.state !== 'disabled' && (
              <Action
                label={account.state === 'invited' ? 'admin-new-link' : 'admin-reset'}
                hint={account.state === 'invited' ? 'admin-new-link-hint' : 'admin-reset-hint'}
                busy={busy}
                onClick={() => (account.state === 'invited' ? reset() : setPending('reset'))}
              />
            )}
            {!self && account.state !== 'disabled' && <Action label="admin-disable" hint="admin-disable-hint" danger busy={busy} onClick={() => setPending('disable')} />}
            {!self && account.state === 'disabled' && <Action label="admin-enable" hint="admin-enable-hint" busy={busy} onClick={() => setPending('enable')} />}
            {self && <p class="hint">{t('admin-self-hint')}</p>}
          </div>
        </section>
      )}
      {pending && (
        <ConfirmDialog
          title={t(`admin-confirm-${pending}-title`, { name: account.display_name })}
          confirmLabel={t(`admin-confirm-${pending}`)}
          cancelLabel={t('admin-cancel')}
          danger={pending !== 'enable'}
          busy={busy}
          onCancel={() => setPending(null)}
          onConfirm={() =>
            pending === 'reset'
              ? reset()
              : run(() => adminApi.updateStaff(account.id, { disabled: pending === 'disable' }), pending === 'disable' ? 'admin-disable-done' : 'admin-enable-done')
          }
        >
          <p>{t(`admin-confirm-${pending}-body`)}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function Action({ label, hint, danger = false, busy, onClick }: { label: string; hint: string; danger?: boolean; busy: boolean; onClick(): void }) {
  const hintId = `${label}-hint`;
  return (
    <div class="action">
      <button type="button" class={danger ? 'danger' : undefined} aria-describedby={hintId} aria-disabled={busy ? 'true' : undefined} onClick={() => !busy && onClick()}>
        {t(label)}
      </button>
      <p id={hintId} class="hint">
        {t(hint)}
      </p>
    </div>
  );
}

function EditForm({ account, self, onSaved }: { account: StaffAccount; self: boolean; onSaved(): Promise<void> }) {
  const [name, setName] = useState(account.display_name);
  const [roles, setRoles] = useState<StaffRole[]>([...account.roles]);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; id: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // An admin keeps their own admin role: the server refuses the change, so the box is fixed.
  const options = roleOptions().map((o) => (self && o.value === 'admin' ? { ...o, description: t('admin-own-admin-role') } : o));

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (roles.length === 0) return setMessage({ kind: 'error', id: 'admin-staff-roles-missing' });
    if (!name.trim()) return setMessage({ kind: 'error', id: 'admin-staff-name-missing' });
    setBusy(true);
    setMessage(null);
    try {
      await adminApi.updateStaff(account.id, { display_name: name.trim(), roles });
      setMessage({ kind: 'info', id: 'admin-saved' });
      await onSaved();
    } catch (err) {
      if (!isApiError(err, 'reauth_cancelled')) setMessage({ kind: 'error', id: errorMessageId(isApiError(err) ? err.code : 'generic') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel" noValidate onSubmit={onSubmit} aria-labelledby="edit-title" aria-busy={busy}>
      <h2 id="edit-title">{t('admin-edit-title')}</h2>
      <div role={message?.kind === 'error' ? 'alert' : 'status'} class={message ? `message ${message.kind}` : 'alert-slot'}>
        {message && <p>{t(message.id)}</p>}
      </div>
      <TextField id="edit-name" label={t('admin-staff-name')} value={name} onValue={setName} maxLength={100} autoComplete="off" />
      <CheckboxGroup
        id="edit-roles"
        legend={t('admin-staff-roles')}
        options={options}
        selected={roles}
        onChange={(next) => setRoles(self && !next.includes('admin') ? [...next, 'admin'] : next)}
      />
      <button type="submit" class="primary" aria-disabled={busy ? 'true' : undefined}>
        {t('admin-save')}
      </button>
    </form>
  );
}

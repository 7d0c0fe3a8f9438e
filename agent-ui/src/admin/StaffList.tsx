import './admin.css';
import { t } from '../i18n/i18n';
import { onLinkClick } from '../staff/router';
import { currentUser } from '../staff/session';
import { adminApi } from './api';
import { dateTime, isoTime } from './format';
import { LoadFailed } from './LoadFailed';
import { LinkButton, PageHeader } from './PageParts';
import { StateBadge } from './StateBadge';
import { useLoad } from '../ui/use-load';

export const STAFF_BASE = '/staff/admin';

/** Every staff account: who, which roles, where their account stands, when they last signed in. */
export function StaffList() {
  const [staff, reload] = useLoad(adminApi.listStaff);
  const canManage = currentUser()?.roles.includes('admin') ?? false;
  return (
    <section aria-labelledby="page-title" class="admin-page">
      <PageHeader
        titleId="admin-staff-title"
        introId={canManage ? 'admin-staff-intro' : 'admin-staff-intro-readonly'}
        action={canManage ? <LinkButton href={`${STAFF_BASE}/new`} label={t('admin-staff-invite')} primary /> : undefined}
      />
      {staff.kind === 'loading' && <p role="status">{t('loading')}</p>}
      {staff.kind === 'error' && <LoadFailed code={staff.code} retry={reload} />}
      {staff.kind === 'ready' && (
        <table class="data-table">
          <caption class="visually-hidden">{t('admin-staff-caption', { count: staff.value.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin-col-name')}</th>
              <th scope="col">{t('admin-col-roles')}</th>
              <th scope="col">{t('admin-col-state')}</th>
              <th scope="col">{t('admin-col-last-sign-in')}</th>
            </tr>
          </thead>
          <tbody>
            {staff.value.map((s) => (
              <tr key={s.id}>
                <th scope="row" data-label={t('admin-col-name')}>
                  <a href={`${STAFF_BASE}/${encodeURIComponent(s.id)}`} onClick={onLinkClick}>
                    {s.display_name}
                  </a>
                  <span class="sub mono">{s.id}</span>
                </th>
                <td data-label={t('admin-col-roles')}>{s.roles.map((r) => t(`role-${r}`)).join(', ')}</td>
                <td data-label={t('admin-col-state')}>
                  <StateBadge state={s.state} />
                </td>
                <td data-label={t('admin-col-last-sign-in')}>
                  {s.last_sign_in_at ? <time dateTime={isoTime(s.last_sign_in_at)}>{dateTime(s.last_sign_in_at)}</time> : <span class="muted">{t('admin-never')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import './admin.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StaffRole } from '../api/auth';
import { isApiError } from '../api/problem';
import { errorMessageId } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { navigate } from '../staff/router';
import { CheckboxGroup } from '../ui/CheckboxGroup';
import { TextField } from '../ui/TextField';
import { adminApi } from './api';
import { freshInvitation } from './invitation-store';
import { BackLink, PageHeader } from './PageParts';
import { roleOptions } from './roles';
import { STAFF_BASE } from './StaffList';

type Field = 'id' | 'name' | 'roles';

/** Which field a server code is about, so the message shows where the fix is. */
const FIELD_OF: Record<string, Field> = {
  invalid_staff_id: 'id',
  staff_exists: 'id',
  invalid_display_name: 'name',
  staff_needs_role: 'roles',
};

const ID_PATTERN = /^[a-z0-9._-]{1,64}$/;

/** Invite a staff member: username, name, roles. The answer is a one-time activation link. */
export function StaffNew() {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<StaffRole[]>([]);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => idRef.current?.focus(), []);

  const focus = (f: Field) => {
    if (f === 'id') idRef.current?.focus();
    else if (f === 'name') nameRef.current?.focus();
    else document.getElementById(`new-roles-${roles[0] ?? 'agent'}`)?.focus();
  };

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const found: Partial<Record<Field, string>> = {};
    if (!ID_PATTERN.test(id.trim())) found.id = 'admin-staff-id-invalid';
    if (!name.trim()) found.name = 'admin-staff-name-missing';
    if (roles.length === 0) found.roles = 'admin-staff-roles-missing';
    setErrors(found);
    setFormError(null);
    const first = (['id', 'name', 'roles'] as Field[]).find((f) => found[f]);
    if (first) return focus(first);
    setBusy(true);
    try {
      const created = await adminApi.createStaff({ id: id.trim(), display_name: name.trim(), roles });
      freshInvitation.value = { staffId: created.staff.id, invitation: created.invitation };
      navigate(`${STAFF_BASE}/${encodeURIComponent(created.staff.id)}`);
    } catch (err) {
      setBusy(false);
      const code = isApiError(err) ? err.code : 'generic';
      const field = FIELD_OF[code];
      if (field) {
        setErrors({ [field]: errorMessageId(code) });
        focus(field);
      } else setFormError(errorMessageId(code));
    }
  };

  return (
    <section aria-labelledby="page-title" class="admin-page narrow">
      <BackLink href={STAFF_BASE} label={t('admin-staff-back')} />
      <PageHeader titleId="admin-staff-new-title" introId="admin-staff-new-intro" />
      <form class="panel" noValidate onSubmit={onSubmit} aria-busy={busy}>
        <div role="alert" class={formError ? 'message error' : 'alert-slot'}>
          {formError && <p>{t(formError)}</p>}
        </div>
        <TextField
          id="new-id"
          label={t('admin-staff-id')}
          hint={t('admin-staff-id-hint')}
          value={id}
          onValue={(v) => setId(v.toLowerCase())}
          autoComplete="off"
          maxLength={64}
          error={errors.id ? t(errors.id) : null}
          inputRef={idRef}
        />
        <TextField
          id="new-name"
          label={t('admin-staff-name')}
          value={name}
          onValue={setName}
          autoComplete="off"
          maxLength={100}
          error={errors.name ? t(errors.name) : null}
          inputRef={nameRef}
        />
        <CheckboxGroup id="new-roles" legend={t('admin-staff-roles')} options={roleOptions()} selected={roles} onChange={setRoles} error={errors.roles ? t(errors.roles) : null} />
        <button type="submit" class="primary" aria-disabled={busy ? 'true' : undefined}>
          {t(busy ? 'admin-staff-inviting' : 'admin-staff-invite-submit')}
        </button>
      </form>
    </section>
  );
}

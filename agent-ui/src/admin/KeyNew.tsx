import './admin.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { isApiError } from '../api/problem';
import { errorMessageId } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { navigate } from '../staff/router';
import { CheckboxGroup } from '../ui/CheckboxGroup';
import { CopyField } from '../ui/CopyField';
import { TextField } from '../ui/TextField';
import { adminApi, type ApiScope, type CreatedKey } from './api';
import { dateTime } from './format';
import { KEYS_BASE } from './KeyList';
import { BackLink, PageHeader } from './PageParts';
import { scopeOptions } from './roles';

const LIFETIMES = [30, 90, 180, 365, 730] as const;

/** A new integrator key: name, scopes, lifetime; then its secret, shown exactly once. */
export function KeyNew() {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiScope[]>([]);
  const [days, setDays] = useState<number>(365);
  const [errors, setErrors] = useState<{ name?: string; scopes?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const secretRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => nameRef.current?.focus(), []);
  useEffect(() => {
    if (created) secretRef.current?.focus();
  }, [created]);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const found: { name?: string; scopes?: string } = {};
    if (!name.trim()) found.name = 'admin-key-name-missing';
    if (scopes.length === 0) found.scopes = 'admin-key-scopes-missing';
    setErrors(found);
    setFormError(null);
    if (found.name) return nameRef.current?.focus();
    if (found.scopes) return document.getElementById(`key-scopes-${scopes[0] ?? 'sessions-read'}`)?.focus();
    setBusy(true);
    try {
      setCreated(await adminApi.createKey({ name: name.trim(), scopes, days }));
    } catch (err) {
      const code = isApiError(err) ? err.code : 'generic';
      if (code !== 'reauth_cancelled') setFormError(errorMessageId(code));
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    return (
      <section aria-labelledby="secret-title" class="admin-page narrow">
        <div class="panel secret-panel">
          <h1 id="secret-title" tabIndex={-1} ref={secretRef}>
            {t('admin-key-created-title', { name: created.key.name })}
          </h1>
          <p class="message warning" role="note">
            <strong>{t('admin-key-secret-warning')}</strong>
          </p>
          <CopyField
            id="key-secret"
            label={t('admin-key-secret')}
            value={created.secret}
            copyLabel={t('admin-copy')}
            copiedLabel={t('admin-copied')}
            copyFailedLabel={t('admin-copy-failed')}
            mono
          />
          <p class="hint">{t('admin-key-secret-usage')}</p>
          <p class="hint">{t('admin-key-expires', { time: dateTime(created.key.expires_at) })}</p>
          <button
            type="button"
            class="primary"
            onClick={() => {
              setCreated(null);
              navigate(KEYS_BASE);
            }}
          >
            {t('admin-key-done')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section aria-labelledby="page-title" class="admin-page narrow">
      <BackLink href={KEYS_BASE} label={t('admin-keys-back')} />
      <PageHeader titleId="admin-key-new-title" introId="admin-key-new-intro" />
      <form class="panel" noValidate onSubmit={onSubmit} aria-busy={busy}>
        <div role="alert" class={formError ? 'message error' : 'alert-slot'}>
          {formError && <p>{t(formError)}</p>}
        </div>
        <TextField
          id="key-name"
          label={t('admin-key-name')}
          hint={t('admin-key-name-hint')}
          value={name}
          onValue={setName}
          maxLength={100}
          autoComplete="off"
          error={errors.name ? t(errors.name) : null}
          inputRef={nameRef}
        />
        <CheckboxGroup id="key-scopes" legend={t('admin-key-scopes')} options={scopeOptions()} selected={scopes} onChange={setScopes} error={errors.scopes ? t(errors.scopes) : null} />
        <div class="field">
          <label for="key-days">{t('admin-key-lifetime')}</label>
          <select id="key-days" value={String(days)} onChange={(e) => setDays(Number(e.currentTarget.value))}>
            {LIFETIMES.map((d) => (
              <option key={d} value={String(d)}>
                {t('admin-key-days', { days: d })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="primary" aria-disabled={busy ? 'true' : undefined}>
          {t(busy ? 'admin-key-creating' : 'admin-key-create-submit')}
        </button>
      </form>
    </section>
  );
}

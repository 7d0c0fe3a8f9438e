import '../admin/admin.css';
import './account.css';
import { useState } from 'preact/hooks';
import { LoadFailed } from '../admin/LoadFailed';
import { useLoad } from '../ui/use-load';
import { isApiError } from '../api/problem';
import { errorMessageId } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { currentUser } from '../staff/session';
import { accountApi } from './api';
import { PasswordForm } from './PasswordForm';
import { RecoveryCodes } from './RecoveryCodes';
import { SignIns } from './SignIns';

/** My account, for every staff member: password, recovery codes, where they are signed in. */
export function AccountPage() {
  const me = currentUser();
  const [account, reload] = useLoad(accountApi.account);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [codesError, setCodesError] = useState<string | null>(null);
  if (!me) return null;

  const regenerate = async () => {
    setCodesError(null);
    try {
      setCodes((await accountApi.newRecoveryCodes()).recovery_codes);
      await reload();
    } catch (e) {
      if (!isApiError(e, 'reauth_cancelled')) setCodesError(errorMessageId(isApiError(e) ? e.code : 'generic'));
    }
  };

  return (
    <section aria-labelledby="page-title" class="admin-page narrow account-page">
      <header class="page-header">
        <div>
          <h1 id="page-title">{t('account-title')}</h1>
          <p class="page-intro">
            {me.display_name} · <span class="mono">{me.username}</span> · {me.roles.map((r) => t(`role-${r}`)).join(', ')}
          </p>
        </div>
      </header>
      <PasswordForm />
      <section class="panel" aria-labelledby="recovery-title">
        <h2 id="recovery-title">{t('account-recovery-title')}</h2>
        {account.kind === 'ready' && <p>{t('account-recovery-left', { count: account.value.recovery_codes_left })}</p>}
        <p class="hint">{t('account-recovery-hint')}</p>
        {codesError && (
          <p class="message error" role="alert">
            {t(codesError)}
          </p>
        )}
        {codes ? (
          <RecoveryCodes codes={codes} username={me.username} />
        ) : (
          <button type="button" onClick={regenerate}>
            {t('account-recovery-new')}
          </button>
        )}
      </section>
      {account.kind === 'error' && <LoadFailed code={account.code} retry={reload} />}
      {account.kind === 'ready' && <SignIns signIns={account.value.sign_ins} onChanged={reload} />}
    </section>
  );
}

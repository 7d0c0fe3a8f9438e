import { t } from '../i18n/i18n';
import { CopyField } from '../ui/CopyField';
import type { Invitation } from './api';
import { dateTime } from './format';

/** The activation link, shown once, with how to hand it over. */
export function InvitationPanel({ invitation, name }: { invitation: Invitation; name: string }) {
  return (
    <section class="panel invitation" aria-labelledby="invitation-title">
      <h2 id="invitation-title">{t('admin-invitation-title', { name })}</h2>
      <p>{t('admin-invitation-body')}</p>
      <CopyField
        id="invitation-url"
        label={t('admin-invitation-link')}
        value={invitation.url}
        copyLabel={t('admin-copy')}
        copiedLabel={t('admin-copied')}
        copyFailedLabel={t('admin-copy-failed')}
        mono
      />
      <p class="hint">{t('admin-invitation-expires', { time: dateTime(invitation.expires_at) })}</p>
      <p class="message info">{t('admin-invitation-once')}</p>
    </section>
  );
}

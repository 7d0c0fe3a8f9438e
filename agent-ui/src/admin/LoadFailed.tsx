import { errorMessageId } from '../i18n/errors';
import { t } from '../i18n/i18n';

/** What a page shows instead of its data when loading failed, with a way to try again. */
export function LoadFailed({ code, retry }: { code: string; retry(): void }) {
  return (
    <div class="message error" role="alert">
      <p>{t(errorMessageId(code))}</p>
      <p>
        <button type="button" class="link" onClick={retry}>
          {t('admin-retry')}
        </button>
      </p>
    </div>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/i18n';

/**
 * Recovery codes, shown once: a list to copy, a text file to download, and print. The heading
 * takes the focus so a screen reader starts here.
 */
export function RecoveryCodes({ codes, username }: { codes: string[]; username: string }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    headingRef.current?.focus();
    const text = `${t('account-codes-file-title', { username })}\n\n${codes.join('\n')}\n`;
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [codes]);
  return (
    <section class="recovery-codes" aria-labelledby="codes-title">
      <h2 id="codes-title" tabIndex={-1} ref={headingRef}>
        {t('account-codes-title')}
      </h2>
      <p>{t('account-codes-body')}</p>
      <p class="message warning" role="note">
        {t('account-codes-once')}
      </p>
      <ol class="code-list mono" data-recovery-codes={codes.join(' ')}>
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <div class="code-actions no-print">
        {href && (
          <a class="button" href={href} download={`recovery-codes-${username}.txt`}>
            {t('account-codes-download')}
          </a>
        )}
        <button type="button" onClick={() => window.print()}>
          {t('account-codes-print')}
        </button>
      </div>
    </section>
  );
}

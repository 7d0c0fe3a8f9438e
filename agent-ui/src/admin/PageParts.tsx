import { t } from '../i18n/i18n';
import { onLinkClick } from '../staff/router';

/** A page header: the title, one line on what the page is for, and its main action. */
export function PageHeader({ titleId, introId, action }: { titleId: string; introId?: string; action?: preact.ComponentChildren }) {
  return (
    <header class="page-header">
      <div>
        <h1 id="page-title">{t(titleId)}</h1>
        {introId && <p class="page-intro">{t(introId)}</p>}
      </div>
      {action && <div class="page-actions">{action}</div>}
    </header>
  );
}

/** An in-app link styled as a button (for "Invite", "Create key"). */
export function LinkButton({ href, label, primary = false }: { href: string; label: string; primary?: boolean }) {
  return (
    <a href={href} class={primary ? 'button primary' : 'button'} onClick={onLinkClick}>
      {label}
    </a>
  );
}

/** "← Back to …" above a sub-page. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <p class="back-link">
      <a href={href} onClick={onLinkClick}>
        <span aria-hidden="true">← </span>
        {label}
      </a>
    </p>
  );
}

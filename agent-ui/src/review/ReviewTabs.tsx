import './dashboard.css';
import { t } from '../i18n/i18n';
import { onLinkClick } from '../staff/router';
import { DASHBOARD, REVIEW } from './paths';

/** The review section's own pages: the archive and, for those who may read the figures, the dashboard. */
export function ReviewTabs({ current, dashboard }: { current: 'archive' | 'dashboard'; dashboard: boolean }) {
  if (!dashboard) return null;
  const tabs = [
    { tab: 'archive', href: REVIEW, label: t('review-tab-archive') },
    { tab: 'dashboard', href: DASHBOARD, label: t('review-tab-dashboard') },
  ] as const;
  return (
    <nav class="review-tabs" aria-label={t('review-tabs')}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.tab}>
            <a href={tab.href} onClick={onLinkClick} aria-current={tab.tab === current ? 'page' : undefined}>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

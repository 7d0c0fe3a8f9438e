import './review.css';
import { useEffect } from 'preact/hooks';
import { errorText } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { navigate, onLinkClick, where } from '../staff/router';
import { archive, more, search } from './archive-store';
import { filterFromSearch, searchFromFilter } from './archive-query';
import { ArchiveFilters } from './ArchiveFilters';
import { capabilitiesOf } from './capabilities';
import { currentUser } from '../staff/session';
import { ReviewTabs } from './ReviewTabs';
import { FlagList, OutcomeBadge, ReviewBadge } from './Badges';
import { dateTime, shortId } from './format';
import { REVIEW, sessionPath } from './paths';

/**
 * The archive of identifications: newest first, filtered by what the address says, one page at
 * a time ("Show more" follows the server's cursor). Opening a row shows its review page.
 */
export function ArchivePage() {
  const filter = filterFromSearch(where.value.search);
  const key = searchFromFilter(filter);
  useEffect(() => {
    void search(filter);
  }, [key]);

  const rows = archive.rows.value;
  const status = archive.status.value;
  const names = archive.namesVisible.value;
  const loading = status.kind === 'loading';

  return (
    <section class="review-page" aria-labelledby="page-title">
      <header class="page-header">
        <h1 id="page-title">{t('review-title')}</h1>
        <p class="page-intro">{t('archive-intro')}</p>
      </header>
      <ReviewTabs current="archive" dashboard={capabilitiesOf(currentUser()?.roles ?? []).dashboard} />
      <ArchiveFilters key={key} value={filter} onSearch={(f) => navigate(`${REVIEW}${searchFromFilter(f) ? `?${searchFromFilter(f)}` : ''}`)} />
      <div class="archive-results">
        <p class="results-status" role="status">
          {loading && !rows.length ? t('loading') : t('archive-count', { count: rows.length, more: archive.next.value ? 'yes' : 'no' })}
        </p>
        {status.kind === 'error' && (
          <p class="message error" role="alert">
            {errorText(status.code)}
          </p>
        )}
        {rows.length > 0 && (
          <div class="table-scroll">
            <table class="archive-table">
              <caption class="visually-hidden">{t('archive-caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('archive-col-created')}</th>
                  {names && <th scope="col">{t('archive-col-customer')}</th>}
                  <th scope="col">{t('archive-col-agent')}</th>
                  <th scope="col">{t('archive-col-profile')}</th>
                  <th scope="col">{t('archive-col-outcome')}</th>
                  <th scope="col">{t('archive-col-review')}</th>
                  <th scope="col">{t('archive-col-flags')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.session_id}>
                    <td>
                      <a href={sessionPath(r.session_id)} onClick={onLinkClick} title={r.session_id}>
                        {dateTime(r.created_at)}
                      </a>
                      <span class="row-id">{shortId(r.session_id)}</span>
                    </td>
                    {names && <td>{r.customer_name ?? <span class="muted-text">{t('archive-no-name')}</span>}</td>}
                    <td>{r.agent_id ?? <span class="muted-text">–</span>}</td>
                    <td>{r.profile}</td>
                    <td>
                      <OutcomeBadge outcome={r.outcome} />
                    </td>
                    <td>
                      <ReviewBadge row={r} />
                      {r.legal_hold && <span class="badge hold">{t('legal-hold-badge')}</span>}
                    </td>
                    <td>
                      <FlagList flags={r.flags} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {!loading && status.kind !== 'error' && rows.length === 0 && <p class="empty">{t('archive-empty')}</p>}
        {archive.next.value && (
          <p class="more">
            <button type="button" onClick={() => void more(filter)} aria-disabled={loading ? 'true' : undefined}>
              {t(loading ? 'loading' : 'archive-more')}
            </button>
          </p>
        )}
      </div>
    </section>
  );
}

import './review.css';
import { useMemo, useState } from 'preact/hooks';
import { isApiError } from '../api/problem';
import { errorMessageId, errorText } from '../i18n/errors';
import { t } from '../i18n/i18n';
import { onLinkClick } from '../staff/router';
import { currentUser } from '../staff/session';
import { reviewApi, type ArchiveRow, type Playback, type ReviewState, type ReviewView, type SessionView, type Timeline } from './api';
import { invalidate, rowOf } from './archive-store';
import { AccessLog } from './AccessLog';
import { axisOf } from './axis';
import { FlagList, hasFlags, OutcomeBadge, ReviewBadge } from './Badges';
import { capabilitiesOf } from './capabilities';
import { EventTrack } from './EventTrack';
import { EvidenceExport } from './EvidenceExport';
import { dateTime, shortId } from './format';
import { FourEyesPanel } from './FourEyesPanel';
import { LegalHoldPanel, type HoldState } from './LegalHoldPanel';
import { REVIEW } from './paths';
import { PlaybackClock } from './sync';
import { SyncedPlayer } from './SyncedPlayer';
import { useLoad } from '../ui/use-load';

interface Loaded {
  session: SessionView;
  timeline: Timeline;
  /** null: no decision yet. */
  review: ReviewView | null;
  row: ArchiveRow | null;
}

/**
 * The archive row of a session, for its flags and legal hold: from the list when we came from
 * it, else the archive page around its creation time (the API has no single-row read).
 */
async function archiveRow(session: SessionView): Promise<ArchiveRow | null> {
  const known = rowOf(session.id);
  if (known) return known;
  const page = await reviewApi.archive(`from=${session.created_at}&to=${session.created_at + 1}&limit=200`);
  return page.items.find((r) => r.session_id === session.id) ?? null;
}

async function load(id: string): Promise<Loaded> {
  const [session, timeline, review] = await Promise.all([
    reviewApi.session(id),
    reviewApi.timeline(id),
    reviewApi.review(id).catch((e) => {
      if (isApiError(e, 'decision_not_found')) return null;
      throw e;
    }),
  ]);
  return { session, timeline, review, row: await archiveRow(session).catch(() => null) };
}

/** Where the review stands, from the decision itself (fresher than an archive row). */
function reviewStateOf(v: ReviewView): ReviewState {
  if (v.review) return v.review.verdict === 'confirm' ? 'confirmed' : 'overturned';
  return v.decision.status === 'pending_review' ? 'pending' : 'none';
}

/** One identification under review: the synchronised recordings, the event track, and the panels. */
export function SessionPage({ id }: { id: string }) {
  const [state, , replace] = useLoad(() => load(id), [id]);
  return (
    <section class="review-page session-page" aria-labelledby="page-title">
      <p class="back-link">
        <a href={REVIEW} onClick={onLinkClick}>
          <span aria-hidden="true">← </span>
          {t('session-back')}
        </a>
      </p>
      {state.kind === 'loading' && (
        <p class="loading" role="status">
          {t('loading')}
        </p>
      )}
      {state.kind === 'error' && (
        <>
          <h1 id="page-title">{t('session-title-id', { id: shortId(id) })}</h1>
          <p class="message error" role="alert">
            {errorText(state.code)}
          </p>
        </>
      )}
      {state.kind === 'ready' && <SessionView data={state.value} onChange={replace} />}
    </section>
  );
}

function SessionView({ data, onChange }: { data: Loaded; onChange(d: Loaded): void }) {
  const user = currentUser();
  const caps = capabilitiesOf(user?.roles ?? []);
  const { session, timeline, review, row } = data;
  const axis = useMemo(() => axisOf(timeline), [timeline]);
  const clock = useMemo(() => new PlaybackClock(axis.endMs), [axis.endMs]);
  const recorded = timeline.files.length > 0;
  const [hold, setHold] = useState<HoldState>(row ? { known: true, held: row.legal_hold } : { known: false });
  const [playing, setPlaying] = useState(false);
  const reviewState = review ? reviewStateOf(review) : (row?.review ?? null);

  return (
    <>
      <header class="session-header">
        <div>
          <h1 id="page-title">{t('session-title', { created: dateTime(session.created_at) })}</h1>
          <p class="session-meta">
            {row?.customer_name && <>{row.customer_name} · </>}
            {t('session-meta', { profile: session.profile })} · <span class="session-id">{session.id}</span>
          </p>
        </div>
        <div class="session-badges">
          <OutcomeBadge outcome={review ? (review.review?.outcome_after ?? review.decision.outcome) : null} />
          {reviewState && <ReviewBadge row={{ review: reviewState }} />}
          {row && hasFlags(row.flags) && <FlagList flags={row.flags} />}
        </div>
      </header>
      <div class="session-grid">
        <div class="session-main">
          <section class="panel player-panel" aria-labelledby="player-title">
            <h2 id="player-title">{t('player-title')}</h2>
            {!recorded ? (
              <p class="muted-text">{t(`player-recording-${timeline.recording === 'recording' ? 'live' : 'none'}`)}</p>
            ) : caps.play ? (
              <PlayerLoader sessionId={session.id} clock={clock} timeline={timeline} onLoaded={() => setPlaying(true)} />
            ) : (
              <p class="message info">{t('player-not-allowed')}</p>
            )}
          </section>
          <EventTrack events={timeline.events} axis={axis} position={playing ? clock.position.value : null} onSeek={recorded && caps.play ? (ms) => clock.seek(ms) : null} />
          {caps.accessLog && <AccessLog sessionId={session.id} />}
        </div>
        <aside class="session-side" aria-label={t('session-side')}>
          {review ? (
            <FourEyesPanel
              sessionId={session.id}
              profile={session.profile}
              view={review}
              me={user?.id ?? ''}
              canReview={caps.review}
              onReviewed={(v) => {
                invalidate();
                onChange({ ...data, review: v });
              }}
            />
          ) : (
            <section class="panel">
              <h2>{t('four-eyes-title')}</h2>
              <p class="muted-text">{t('four-eyes-no-decision')}</p>
            </section>
          )}
          <EvidenceExport sessionId={session.id} allowed={caps.exportEvidence} />
          <LegalHoldPanel sessionId={session.id} hold={hold} allowed={caps.legalHold} onChange={(held) => setHold({ known: true, held })} />
        </aside>
      </div>
    </>
  );
}

/** Playback links are issued on request (re-authentication, audit-logged), not on page load. */
function PlayerLoader({ sessionId, clock, timeline, onLoaded }: { sessionId: string; clock: PlaybackClock; timeline: Timeline; onLoaded(): void }) {
  const [playback, setPlayback] = useState<Playback | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const axis = useMemo(() => axisOf(timeline), [timeline]);
  if (playback) return <SyncedPlayer clock={clock} files={playback.files} axis={axis} segments={timeline.segments} />;
  const open = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setPlayback(await reviewApi.playback(sessionId));
      onLoaded();
    } catch (e) {
      setError(isApiError(e) ? errorMessageId(e.code) : 'error-generic');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="player-gate">
      <p class="hint">{t('player-gate-intro', { files: timeline.files.length, segments: Math.max(1, timeline.segments.length) })}</p>
      <button type="button" class="primary" onClick={open} aria-disabled={busy ? 'true' : undefined}>
        {t(busy ? 'loading' : 'player-load')}
      </button>
      {error && (
        <p class="message error" role="alert">
          {t(error)}
        </p>
      )}
    </div>
  );
}

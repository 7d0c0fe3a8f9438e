//! Decisions whose messages are not queued yet: the agent's decision (and a reviewer's four-eyes
//! finality, if it sets the decision's status) is found here and handed to
//! [`crate::journey::decision_changed`], which queues the webhooks and the e-mail. Deriving the
//! messages from the stored decision means none is lost to a crash between the decision and
//! its announcement, and the decision route needs no knowledge of messages.

use crate::AppState;
use domain::SessionId;

pub async fn run(state: &AppState) -> Result<usize, sqlx::Error> {
    // The journey's e-mail row is queued last by `decision_changed`: its absence marks a
    // decision (or a finality) not yet announced.
    let due: Vec<String> = sqlx::query_scalar(
        "SELECT d.session_id FROM decisions d JOIN journeys j ON j.session_id = d.session_id \
         WHERE NOT EXISTS (SELECT 1 FROM mail_outbox m WHERE m.id = 'journey:' || d.session_id || ':' || \
           CASE WHEN d.status = 'final' THEN 'result' ELSE 'under_review' END) \
         ORDER BY d.decided_at LIMIT 100",
    )
    .fetch_all(&state.db)
    .await?;
    let n = due.len();
    for s in due {
        crate::journey::decision_changed(state, &SessionId::from_stored(s)).await?;
    }
    Ok(n)
}

//! The server's clockwork, one tracked task: the scheduling actor's tick (due appointments,
//! offer timeouts, wrap-ups, no-shows) and the session lifecycle's tick (calls over the maximum
//! length, sessions nobody joined in time). Both read the app's [`crate::clock::Clock`].

use crate::AppState;
use crate::audit::Actor;
use crate::lifecycle::Event;
use std::time::Duration;

pub fn spawn(state: &AppState) {
    let state2 = state.clone();
    state.tasks.spawn(async move {
        let state = state2;
        let period = Duration::from_millis(state.config.scheduling.tick_ms.max(10));
        let mut every = tokio::time::interval(period);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut shutdown = state.shutdown.clone();
        loop {
            tokio::select! {
                _ = every.tick() => {}
                _ = crate::stopping(&mut shutdown) => return,
            }
            if !state.scheduling.tick().await {
                return;
            }
            tick_sessions(&state).await;
        }
    });
}

async fn tick_sessions(state: &AppState) {
    let due = match state.sessions.due_for_tick().await {
        Ok(d) => d,
        Err(e) => return tracing::error!(error = %e, "finding sessions to time out failed"),
    };
    for id in due {
        if let Err(e) = state.sessions.apply(&id, Event::Tick, Actor::System).await {
            tracing::warn!(error = %e, "timing out a session failed");
        }
    }
}

//! Live calls: who of a session is connected right now, and the session's media room.
//!
//! One [`Call`] exists per session while anybody is connected. A seat per role holds the
//! current connection; a second connection for an occupied role is a rejoin when it presents
//! the same link (it takes the seat over) and a third party otherwise (refused).

use crate::metrics::Metrics;
use crate::sfu::{MediaRoom, MediaTap};
use crate::ws::protocol::ServerMsg;
use domain::Party;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::mpsc;

/// What one connection's task can be told by others.
#[derive(Debug, Clone)]
pub enum Notice {
    Send(ServerMsg),
    /// Send this and close: the session ended, or a rejoin took the seat over.
    Close(ServerMsg),
}

pub type NoticeTx = mpsc::UnboundedSender<Notice>;

struct Seat {
    conn_id: u64,
    /// Who holds the seat: a customer link's hash, or `staff:<id>` for an agent.
    key: String,
    tx: NoticeTx,
}

pub struct Call {
    pub session_id: String,
    pub media: MediaRoom,
    seats: Mutex<HashMap<Party, Seat>>,
    /// Stills the agent asked for and the customer has not uploaded yet: request id → kind.
    captures: Mutex<HashMap<String, crate::profiles::StillKind>>,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum SeatError {
    #[error("someone else already holds this role in the call")]
    RoleTaken,
}

impl Call {
    fn seats(&self) -> MutexGuard<'_, HashMap<Party, Seat>> {
        self.seats.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Seats a connection. Returns whether the other party is present.
    pub fn take_seat(&self, role: Party, conn_id: u64, key: &str, tx: NoticeTx) -> Result<bool, SeatError> {
        let mut seats = self.seats();
        if let Some(current) = seats.get(&role) {
            if current.key != key {
                return Err(SeatError::RoleTaken);
            }
            // Same holder: the old connection is a stale one of the same person.
            let _ = current.tx.send(Notice::Close(ServerMsg::error("replaced", "this link joined from another connection")));
        }
        seats.insert(role, Seat { conn_id, key: key.to_owned(), tx });
        Ok(seats.contains_key(&role.other()))
    }

    /// Frees the seat if `conn_id` still holds it. Returns whether it did.
    pub fn leave(&self, role: Party, conn_id: u64) -> bool {
        let mut seats = self.seats();
        if seats.get(&role).is_some_and(|s| s.conn_id == conn_id) {
            seats.remove(&role);
            true
        } else {
            false
        }
    }

    pub fn notify(&self, role: Party, notice: Notice) {
        if let Some(seat) = self.seats().get(&role) {
            let _ = seat.tx.send(notice);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.seats().is_empty()
    }

    pub fn present(&self) -> Vec<Party> {
        self.seats().keys().copied().collect()
    }

    /// Registers the agent's request for a still; the customer's upload must name it.
    pub fn request_capture(&self, kind: crate::profiles::StillKind) -> String {
        let id = domain::SessionId::random().into_string();
        self.captures.lock().unwrap_or_else(|e| e.into_inner()).insert(id.clone(), kind);
        id
    }

    /// Takes a pending request (each is answered once).
    pub fn take_capture(&self, request_id: &str, kind: crate::profiles::StillKind) -> bool {
        let mut pending = self.captures.lock().unwrap_or_else(|e| e.into_inner());
        if pending.get(request_id) == Some(&kind) {
            pending.remove(request_id);
            true
        } else {
            false
        }
    }
}

/// Makes the media taps (recorder, face analysis) of a session's call when the call starts.
pub trait TapFactory: Send + Sync {
    fn tap_for(&self, session_id: &str) -> Option<Arc<dyn MediaTap>>;
    /// The call emptied (everyone left or it was hung up): close what the tap opened.
    fn call_ended(&self, _session_id: &str) {}
}

/// Cheap-clone registry of live calls.
#[derive(Clone)]
pub struct Calls {
    inner: Arc<Mutex<HashMap<String, Arc<Call>>>>,
    metrics: Arc<Metrics>,
    factories: Arc<Mutex<Vec<Arc<dyn TapFactory>>>>,
}

impl Calls {
    pub fn new(metrics: Arc<Metrics>) -> Calls {
        Calls { inner: Arc::default(), metrics, factories: Arc::default() }
    }

    /// Every call started from now on gets this factory's tap.
    pub fn add_tap_factory(&self, factory: Arc<dyn TapFactory>) {
        self.factories.lock().unwrap_or_else(|e| e.into_inner()).push(factory);
    }

    fn map(&self) -> MutexGuard<'_, HashMap<String, Arc<Call>>> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn get_or_create(&self, session_id: &str) -> Arc<Call> {
        self.map()
            .entry(session_id.to_owned())
            .or_insert_with(|| {
                let media = MediaRoom::new(self.metrics.clone());
                for f in self.factories.lock().unwrap_or_else(|e| e.into_inner()).iter() {
                    if let Some(tap) = f.tap_for(session_id) {
                        media.add_tap(tap);
                    }
                }
                Arc::new(Call { session_id: session_id.to_owned(), media, seats: Mutex::default(), captures: Mutex::default() })
            })
            .clone()
    }

    pub fn get(&self, session_id: &str) -> Option<Arc<Call>> {
        self.map().get(session_id).cloned()
    }

    /// Drops the call once nobody is connected, so an idle session holds no memory.
    pub fn remove_if_empty(&self, session_id: &str) {
        let removed = {
            let mut map = self.map();
            map.get(session_id).is_some_and(|c| c.is_empty()) && map.remove(session_id).is_some()
        };
        if removed {
            for f in self.factories.lock().unwrap_or_else(|e| e.into_inner()).iter() {
                f.call_ended(session_id);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.map().len()
    }

    /// Follows the session lifecycle: when a session ends, both parties are told why and
    /// their sockets close.
    pub async fn follow(self, mut events: tokio::sync::broadcast::Receiver<crate::sessions::SessionEvent>) {
        use tokio::sync::broadcast::error::RecvError;
        loop {
            match events.recv().await {
                Ok(crate::sessions::SessionEvent::Ended { session, reason }) => {
                    if let Some(call) = self.get(session.as_str()) {
                        for role in [Party::Customer, Party::Agent] {
                            call.notify(role, Notice::Close(ServerMsg::Ended { reason }));
                        }
                    }
                }
                Err(RecvError::Lagged(n)) => tracing::warn!(missed = n, "session events missed by the call registry"),
                Err(RecvError::Closed) => return,
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call() -> Arc<Call> {
        Calls::new(Arc::default()).get_or_create("s1")
    }

    #[test]
    fn a_second_link_for_an_occupied_role_is_refused() {
        let c = call();
        let (tx, _rx) = mpsc::unbounded_channel();
        assert_eq!(c.take_seat(Party::Customer, 1, "h1", tx.clone()), Ok(false));
        assert_eq!(c.take_seat(Party::Customer, 2, "h2", tx), Err(SeatError::RoleTaken));
    }

    #[test]
    fn the_same_link_takes_its_seat_over_and_closes_the_stale_connection() {
        let c = call();
        let (old_tx, mut old_rx) = mpsc::unbounded_channel();
        let (new_tx, _new_rx) = mpsc::unbounded_channel();
        c.take_seat(Party::Agent, 1, "h", old_tx).ok();
        assert_eq!(c.take_seat(Party::Agent, 2, "h", new_tx), Ok(false));
        assert!(matches!(old_rx.try_recv(), Ok(Notice::Close(_))));
        // The stale connection's late leave does not free the new holder's seat.
        assert!(!c.leave(Party::Agent, 1));
        assert_eq!(c.present(), vec![Party::Agent]);
    }
}

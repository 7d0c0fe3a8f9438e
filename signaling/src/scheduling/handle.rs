//! [`Scheduling`]: the cheap-clone handle through which HTTP handlers, the queue socket and
//! the timer reach the scheduling actor (`actor.rs`): each method sends one command over the
//! mpsc channel and waits for the actor's reply.

use super::actor::Actor;
use super::{EntryView, OfferView, PresenceView, Push, SchedulingError, booking_policy, dispatch_config};
use crate::clock::Clock;
use crate::config::Config;
use crate::db::Db;
use crate::sessions::SessionEvent;
use domain::{EntryId, OfferId, PresenceState, SessionId, StaffId};
use scheduler::{Agent, BookingPolicy, Contact, Needs, QueuePosition, Store};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::{broadcast, mpsc, oneshot};

/// Where pushed messages for one subscriber go.
pub type Outbox = mpsc::UnboundedSender<Push>;
pub(super) type Reply<T> = oneshot::Sender<Result<T, SchedulingError>>;

pub(super) enum Cmd {
    UpsertAgent(Agent, Reply<()>),
    Presences(Vec<String>, Reply<HashMap<String, PresenceView>>),
    SetPresence(StaffId, PresenceState, Reply<PresenceView>),
    Join(SessionId, Needs, Reply<(EntryId, QueuePosition)>),
    Entry(EntryId, Reply<EntryView>),
    EntryForSession(SessionId, Reply<Option<EntryId>>),
    SessionOfEntry(EntryId, Reply<Option<SessionId>>),
    AgentHasSession(StaffId, SessionId, Reply<bool>),
    OffersOf(StaffId, Reply<Vec<OfferView>>),
    Stats(Reply<super::QueueStats>),
    /// The place and wait a live customer with these needs would get now, and the agents able to serve them.
    Predict(Needs, Reply<(QueuePosition, usize)>),
    Leave(EntryId, Reply<()>),
    Callback(EntryId, Contact, Reply<()>),
    Accept { agent: StaffId, offer: OfferId, reply: Reply<(EntryId, SessionId)> },
    Decline { agent: StaffId, offer: OfferId, reply: Reply<()> },
    EndCall(StaffId, Reply<PresenceView>),
    WrapUpDone(StaffId, Reply<PresenceView>),
    Tick(Reply<()>),
    SubscribeCustomer(SessionId, Outbox, Reply<()>),
    SubscribeAgent(StaffId, Outbox, Reply<()>),
    /// A console closed or lost its socket: the agent becomes unavailable, pending offers move on.
    ConsoleGone(StaffId, Reply<()>),
}

/// Cheap-clone handle to the scheduling actor, plus what handlers need around it.
#[derive(Clone)]
pub struct Scheduling {
    tx: mpsc::Sender<Cmd>,
    pub clock: Clock,
    store: Store,
    policy: Arc<BookingPolicy>,
    extra_skills: Arc<Vec<String>>,
}

impl Scheduling {
    /// Starts the actor on the server's pool; it rebuilds the live queue from the database
    /// before serving its first command, and follows `sessions` to end calls of ended sessions.
    /// It is not a tracked task: it serves through the shutdown's drain (calls that end then
    /// still free their agents) and stops with the runtime, as in a crash, after which it
    /// rebuilds the queue as above.
    pub fn spawn(db: Db, config: &Config, clock: Clock, sessions: broadcast::Receiver<SessionEvent>) -> Scheduling {
        let store = Store::from_pool(db);
        let policy = Arc::new(booking_policy(&config.scheduling, &config.public_url));
        let (tx, rx) = mpsc::channel(1024);
        let cfg = dispatch_config(&config.scheduling);
        tokio::spawn(Actor::new(store.clone(), cfg, policy.clone(), clock.clone()).run(rx, sessions));
        Scheduling { tx, clock, store, policy, extra_skills: Arc::new(config.scheduling.skills.clone()) }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }
    pub fn policy(&self) -> &BookingPolicy {
        &self.policy
    }
    pub fn extra_skills(&self) -> &[String] {
        &self.extra_skills
    }

    async fn ask<T>(&self, cmd: impl FnOnce(Reply<T>) -> Cmd) -> Result<T, SchedulingError> {
        let (tx, rx) = oneshot::channel();
        self.tx.send(cmd(tx)).await.map_err(|_| SchedulingError::Stopped)?;
        rx.await.map_err(|_| SchedulingError::Stopped)?
    }

    pub async fn upsert_agent(&self, a: Agent) -> Result<(), SchedulingError> {
        self.ask(|r| Cmd::UpsertAgent(a, r)).await
    }
    pub async fn presences(&self, ids: Vec<String>) -> Result<HashMap<String, PresenceView>, SchedulingError> {
        self.ask(|r| Cmd::Presences(ids, r)).await
    }
    pub async fn set_presence(&self, agent: &StaffId, s: PresenceState) -> Result<PresenceView, SchedulingError> {
        self.ask(|r| Cmd::SetPresence(agent.clone(), s, r)).await
    }
    /// A live customer joins: entry id and first position.
    pub async fn join(&self, session: &SessionId, needs: Needs) -> Result<(EntryId, QueuePosition), SchedulingError> {
        self.ask(|r| Cmd::Join(session.clone(), needs, r)).await
    }
    pub async fn entry(&self, id: &EntryId) -> Result<EntryView, SchedulingError> {
        self.ask(|r| Cmd::Entry(id.clone(), r)).await
    }
    /// The queued (waiting or offered) entry of a session.
    pub async fn entry_for_session(&self, session: &SessionId) -> Result<Option<EntryId>, SchedulingError> {
        self.ask(|r| Cmd::EntryForSession(session.clone(), r)).await
    }
    /// The session of a queue entry the dispatcher still holds.
    pub async fn session_of_entry(&self, entry: &EntryId) -> Result<Option<SessionId>, SchedulingError> {
        self.ask(|r| Cmd::SessionOfEntry(entry.clone(), r)).await
    }
    /// Whether the session is offered to the agent, in a call with them, or in their wrap-up.
    pub async fn agent_has_session(&self, agent: &StaffId, session: &SessionId) -> Result<bool, SchedulingError> {
        self.ask(|r| Cmd::AgentHasSession(agent.clone(), session.clone(), r)).await
    }
    pub async fn offers_of(&self, agent: &StaffId) -> Result<Vec<OfferView>, SchedulingError> {
        self.ask(|r| Cmd::OffersOf(agent.clone(), r)).await
    }
    pub async fn stats(&self) -> Result<super::QueueStats, SchedulingError> {
        self.ask(Cmd::Stats).await
    }
    /// The place and estimated wait of a customer with `needs` joining now (before they join),
    /// and how many signed-in agents could serve them.
    pub async fn predict(&self, needs: Needs) -> Result<(QueuePosition, usize), SchedulingError> {
        self.ask(|r| Cmd::Predict(needs, r)).await
    }
    pub async fn leave(&self, entry: &EntryId) -> Result<(), SchedulingError> {
        self.ask(|r| Cmd::Leave(entry.clone(), r)).await
    }
    pub async fn callback(&self, entry: &EntryId, contact: Contact) -> Result<(), SchedulingError> {
        self.ask(|r| Cmd::Callback(entry.clone(), contact, r)).await
    }
    /// The agent takes its offer: `(entry id, session id)`.
    pub async fn accept(&self, agent: &StaffId, offer: &OfferId) -> Result<(EntryId, SessionId), SchedulingError> {
        self.ask(|r| Cmd::Accept { agent: agent.clone(), offer: offer.clone(), reply: r }).await
    }
    pub async fn decline(&self, agent: &StaffId, offer: &OfferId) -> Result<(), SchedulingError> {
        self.ask(|r| Cmd::Decline { agent: agent.clone(), offer: offer.clone(), reply: r }).await
    }
    pub async fn end_call(&self, agent: &StaffId) -> Result<PresenceView, SchedulingError> {
        self.ask(|r| Cmd::EndCall(agent.clone(), r)).await
    }
    /// Available again before the wrap-up time ran out.
    pub async fn wrap_up_done(&self, agent: &StaffId) -> Result<PresenceView, SchedulingError> {
        self.ask(|r| Cmd::WrapUpDone(agent.clone(), r)).await
    }
    /// One timer step at the clock's `now`: due appointments, offer timeouts, wrap-ups,
    /// no-shows. Errors are logged by the actor; `false` means the actor is gone.
    pub async fn tick(&self) -> bool {
        !matches!(self.ask(Cmd::Tick).await, Err(SchedulingError::Stopped))
    }
    pub async fn subscribe_customer(&self, session: &SessionId, out: Outbox) -> Result<(), SchedulingError> {
        self.ask(|r| Cmd::SubscribeCustomer(session.clone(), out, r)).await
    }
    pub async fn subscribe_agent(&self, agent: &StaffId, out: Outbox) -> Result<(), SchedulingError> {
        self.ask(|r| Cmd::SubscribeAgent(agent.clone(), out, r)).await
    }
    pub async fn console_gone(&self, agent: &StaffId) -> Result<(), SchedulingError> {
        self.ask(|r| Cmd::ConsoleGone(agent.clone(), r)).await
    }
}

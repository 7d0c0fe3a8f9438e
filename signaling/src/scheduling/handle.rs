//! [`Scheduling`]: the cheap-clone handle through which HTTP handlers, the queue socket and
//! the timer reach the scheduling actor (`actor.rs`): each method sends one command
//! over the mpsc channel and waits for the actor's reply.

use super::actor::Actor;
use super::protocol::ServerMsg;
use super::views::{EntryView, PresenceView};
use super::{Clock, booking_policy, dispatch_config};
use crate::config::Config;
use crate::db::Db;
use crate::error::AppError;
use scheduler::{Agent, BookingPolicy, Contact, Needs, PresenceState, QueuePosition, Store};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};

/// Where pushed socket messages go.
pub type Outbox = mpsc::UnboundedSender<ServerMsg>;
pub(super) type Reply<T> = oneshot::Sender<Result<T, AppError>>;

pub(super) enum Cmd {
    UpsertAgent(Agent, Reply<()>),
    Presences(Vec<String>, Reply<HashMap<String, PresenceView>>),
    SetPresence(String, PresenceState, Reply<PresenceView>),
    Join(String, Needs, Reply<(String, QueuePosition)>),
    Entry(String, Reply<EntryView>),
    EntryForSession(String, Reply<Option<String>>),
    Leave(String, Reply<()>),
    Callback(String, Contact, Reply<()>),
    Accept { agent: String, offer: String, reply: Reply<(String, String)> },
    Decline { agent: String, offer: String, reply: Reply<()> },
    EndCall(String, Reply<PresenceView>),
    Tick(Reply<()>),
    SubscribeCustomer(String, Outbox, Reply<()>),
    SubscribeAgent(String, Outbox, Reply<()>),
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
    /// before serving its first command. The timer is separate ([`super::spawn_ticker`]).
    pub fn spawn(db: Db, config: &Config, clock: Clock) -> Scheduling {
        let store = Store::from_pool(db);
        let policy = Arc::new(booking_policy(&config.scheduling, &config.public_url));
        let (tx, rx) = mpsc::channel(1024);
        let cfg = dispatch_config(&config.scheduling);
        tokio::spawn(Actor::new(store.clone(), cfg, policy.clone(), clock.clone()).run(rx));
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

    async fn ask<T>(&self, cmd: impl FnOnce(Reply<T>) -> Cmd) -> Result<T, AppError> {
        let (tx, rx) = oneshot::channel();
        let gone = || AppError::Internal(anyhow::anyhow!("the scheduling actor has stopped"));
        self.tx.send(cmd(tx)).await.map_err(|_| gone())?;
        rx.await.map_err(|_| gone())?
    }

    pub async fn upsert_agent(&self, a: Agent) -> Result<(), AppError> {
        self.ask(|r| Cmd::UpsertAgent(a, r)).await
    }
    pub async fn presences(&self, ids: Vec<String>) -> Result<HashMap<String, PresenceView>, AppError> {
        self.ask(|r| Cmd::Presences(ids, r)).await
    }
    pub async fn set_presence(&self, agent: &str, s: PresenceState) -> Result<PresenceView, AppError> {
        self.ask(|r| Cmd::SetPresence(agent.into(), s, r)).await
    }
    /// A live customer joins: entry id and first position.
    pub async fn join(&self, session: &str, needs: Needs) -> Result<(String, QueuePosition), AppError> {
        self.ask(|r| Cmd::Join(session.into(), needs, r)).await
    }
    pub async fn entry(&self, id: &str) -> Result<EntryView, AppError> {
        self.ask(|r| Cmd::Entry(id.into(), r)).await
    }
    /// The queued (waiting or offered) entry of a session.
    pub async fn entry_for_session(&self, session: &str) -> Result<Option<String>, AppError> {
        self.ask(|r| Cmd::EntryForSession(session.into(), r)).await
    }
    pub async fn leave(&self, entry: &str) -> Result<(), AppError> {
        self.ask(|r| Cmd::Leave(entry.into(), r)).await
    }
    pub async fn callback(&self, entry: &str, contact: Contact) -> Result<(), AppError> {
        self.ask(|r| Cmd::Callback(entry.into(), contact, r)).await
    }
    /// The agent takes its offer: `(entry id, session id)`.
    pub async fn accept(&self, agent: &str, offer: &str) -> Result<(String, String), AppError> {
        self.ask(|r| Cmd::Accept { agent: agent.into(), offer: offer.into(), reply: r }).await
    }
    pub async fn decline(&self, agent: &str, offer: &str) -> Result<(), AppError> {
        self.ask(|r| Cmd::Decline { agent: agent.into(), offer: offer.into(), reply: r }).await
    }
    pub async fn end_call(&self, agent: &str) -> Result<PresenceView, AppError> {
        self.ask(|r| Cmd::EndCall(agent.into(), r)).await
    }
    /// One timer step at the clock's `now`: due appointments, offer timeouts, wrap-ups,
    /// no-shows. Errors are logged by the actor; `false` means the actor is gone.
    pub async fn tick(&self) -> bool {
        !matches!(self.ask(Cmd::Tick).await, Err(AppError::Internal(_)))
    }
    pub async fn subscribe_customer(&self, session: &str, out: Outbox) -> Result<(), AppError> {
        self.ask(|r| Cmd::SubscribeCustomer(session.into(), out, r)).await
    }
    pub async fn subscribe_agent(&self, agent: &str, out: Outbox) -> Result<(), AppError> {
        self.ask(|r| Cmd::SubscribeAgent(agent.into(), out, r)).await
    }
}


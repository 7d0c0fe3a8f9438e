//! The live queue's single owner. One task holds the [`Dispatcher`]; HTTP handlers, the
//! queue socket and the timer reach it through [`super::Scheduling`], which sends commands over an
//! mpsc channel, so dispatcher calls never interleave. Every change set is persisted with
//! `Store::apply` before anything is pushed; if persisting fails the dispatcher is rebuilt
//! from the database, so memory never runs ahead of what a restart would see.

use super::handle::{Cmd, Outbox};
use super::{EntryView, OfferView, PresenceView, Push, SchedulingError};
use crate::clock::Clock;
use crate::sessions::SessionEvent;
use domain::{EntryId, EntryStatus, OfferId, OfferStatus, PresenceState, SessionId, StaffId};
use scheduler::{BookingPolicy, Change, DispatchConfig, Dispatcher, Needs, QueuePosition, Store};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::{broadcast, mpsc};

struct CustomerSub {
    tx: Outbox,
    /// Last position pushed, to push only changes.
    last: Option<(String, usize, i64)>,
}

pub(super) struct Actor {
    store: Store,
    d: Dispatcher,
    cfg: DispatchConfig,
    policy: Arc<BookingPolicy>,
    clock: Clock,
    agents: HashMap<String, Vec<Outbox>>,
    customers: HashMap<String, Vec<CustomerSub>>,
    /// The session each agent is in a call with or wrapping up.
    assigned: HashMap<String, String>,
    /// The queue at a glance as last pushed to the consoles.
    stats: super::QueueStats,
}

fn not_found(what: &'static str) -> SchedulingError {
    SchedulingError::NotFound(what)
}

impl Actor {
    pub(super) fn new(store: Store, cfg: DispatchConfig, policy: Arc<BookingPolicy>, clock: Clock) -> Actor {
        let d = Dispatcher::new(cfg.clone());
        Actor { store, d, cfg, policy, clock, agents: HashMap::new(), customers: HashMap::new(), assigned: HashMap::new(), stats: super::QueueStats { waiting: 0, oldest_joined_at: None } }
    }

    pub(super) async fn run(mut self, mut rx: mpsc::Receiver<Cmd>, mut sessions: broadcast::Receiver<SessionEvent>) {
        while !self.rebuild().await {
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        }
        self.tick().await;
        let mut sessions_open = true;
        loop {
            // Session events first: a command sent after a session ended (the decision's
            // wrap-up-done after the decision ended the session) must find the call already
            // ended, not start its wrap-up afterwards.
            tokio::select! {
                biased;
                ev = sessions.recv(), if sessions_open => match ev {
                    Ok(SessionEvent::Ended { session, .. }) => self.session_ended(session.as_str()).await,
                    Err(broadcast::error::RecvError::Lagged(n)) => tracing::warn!(missed = n, "session events missed by the scheduler"),
                    // A closed channel is ready at once, every time: stop asking it.
                    Err(broadcast::error::RecvError::Closed) => sessions_open = false,
                },
                cmd = rx.recv() => match cmd {
                    Some(cmd) => self.handle(cmd).await,
                    None => return,
                },
            }
        }
    }

    /// Replaces the dispatcher with the persisted state; `false` if the database failed.
    async fn rebuild(&mut self) -> bool {
        match self.store.rebuild_dispatcher(self.cfg.clone(), self.clock.now_ms()).await {
            Ok(d) => {
                self.d = d;
                self.assigned = match self.store.load_live().await {
                    Ok(snap) => snap
                        .entries
                        .into_iter()
                        .filter(|e| e.status == EntryStatus::Connected)
                        .filter_map(|e| Some((e.agent_id?, e.session_id)))
                        .collect(),
                    Err(_) => HashMap::new(),
                };
                true
            }
            Err(e) => {
                tracing::error!(error = %e, "rebuilding the live queue from the database failed");
                false
            }
        }
    }

    async fn handle(&mut self, cmd: Cmd) {
        let now = self.clock.now_ms();
        match cmd {
            Cmd::UpsertAgent(a, r) => {
                self.d.upsert_agent(&a, now);
                let _ = r.send(Ok(()));
            }
            Cmd::Presences(ids, r) => {
                let m = ids.into_iter().filter_map(|id| self.d.presence(&id).map(|p| (id, PresenceView::from(p)))).collect();
                let _ = r.send(Ok(m));
            }
            Cmd::SetPresence(agent, s, r) => {
                let res = match self.d.set_presence(agent.as_str(), s, now) {
                    Ok(ch) => self.commit(ch).await.map(|()| self.presence_view(agent.as_str())),
                    Err(e) => Err(e.into()),
                };
                let _ = r.send(res);
            }
            Cmd::Join(session, needs, r) => {
                let _ = r.send(self.join(&session, needs, now).await);
            }
            Cmd::Entry(id, r) => {
                let _ = r.send(self.entry_view(id.as_str()));
            }
            Cmd::EntryForSession(s, r) => {
                let _ = r.send(Ok(self.queued_entry_of(s.as_str()).map(EntryId::from_stored)));
            }
            Cmd::SessionOfEntry(e, r) => {
                let _ = r.send(Ok(self.d.entry(e.as_str()).map(|e| SessionId::from_stored(e.session_id.clone()))));
            }
            Cmd::AgentHasSession(agent, session, r) => {
                let _ = r.send(Ok(self.agent_has_session(agent.as_str(), session.as_str())));
            }
            Cmd::Stats(r) => {
                let _ = r.send(Ok(self.queue_stats()));
            }
            Cmd::Predict(needs, r) => {
                let _ = r.send(Ok(self.d.predict(&needs)));
            }
            Cmd::OffersOf(agent, r) => {
                let offers = self.d.pending_offers().filter(|o| o.agent_id == agent.as_str()).filter_map(|o| self.offer_view(o)).collect();
                let _ = r.send(Ok(offers));
            }
            Cmd::Leave(id, r) => {
                let res = match self.d.leave(id.as_str(), now) {
                    Ok(ch) => self.commit(ch).await,
                    Err(e) => Err(e.into()),
                };
                let _ = r.send(res);
            }
            Cmd::Callback(id, contact, r) => {
                let res = match self.d.request_callback(id.as_str(), contact, now) {
                    Ok(ch) => self.commit(ch).await,
                    Err(e) => Err(e.into()),
                };
                let _ = r.send(res);
            }
            Cmd::Accept { agent, offer, reply } => {
                let _ = reply.send(self.accept(agent.as_str(), offer.as_str(), now).await);
            }
            Cmd::Decline { agent, offer, reply } => {
                let _ = reply.send(self.decline(agent.as_str(), offer.as_str(), now).await);
            }
            Cmd::EndCall(agent, r) => {
                let res = match self.d.end_call(agent.as_str(), now) {
                    Ok(ch) => self.commit(ch).await.map(|()| self.presence_view(agent.as_str())),
                    Err(e) => Err(e.into()),
                };
                let _ = r.send(res);
            }
            Cmd::WrapUpDone(agent, r) => {
                let state = self.d.presence(agent.as_str()).map(|p| p.state).unwrap_or(PresenceState::Offline);
                let res = if state != PresenceState::WrapUp {
                    Err(SchedulingError::NotInWrapUp(state))
                } else {
                    match self.d.set_presence(agent.as_str(), PresenceState::Available, now) {
                        Ok(ch) => self.commit(ch).await.map(|()| self.presence_view(agent.as_str())),
                        Err(e) => Err(e.into()),
                    }
                };
                let _ = r.send(res);
            }
            Cmd::Tick(r) => {
                self.tick().await;
                let _ = r.send(Ok(()));
            }
            Cmd::SubscribeCustomer(session, out, r) => {
                self.subscribe_customer(session.into_string(), out);
                let _ = r.send(Ok(()));
            }
            Cmd::SubscribeAgent(agent, out, r) => {
                let _ = r.send(self.subscribe_agent(agent.into_string(), out));
            }
            Cmd::ConsoleGone(agent, r) => {
                let _ = r.send(self.console_gone(agent.as_str(), now).await);
            }
        }
    }

    fn presence_view(&self, agent: &str) -> PresenceView {
        self.d.presence(agent).map(PresenceView::from).unwrap_or_else(PresenceView::offline)
    }

    fn queued_entry_of(&self, session: &str) -> Option<String> {
        self.d.queue_order().into_iter().find(|id| self.d.entry(id).is_some_and(|e| e.session_id == session))
    }

    fn queue_stats(&self) -> super::QueueStats {
        let queued: Vec<i64> = self.d.queue_order().iter().filter_map(|id| self.d.entry(id)).map(|e| e.joined_ms).collect();
        super::QueueStats { waiting: queued.len(), oldest_joined_at: queued.iter().min().copied() }
    }

    /// Tells every console when the queue at a glance changed.
    fn push_stats(&mut self) {
        let stats = self.queue_stats();
        if stats != self.stats {
            self.stats = stats;
            let agents: Vec<String> = self.agents.keys().cloned().collect();
            for a in agents {
                self.push_agent(&a, Push::QueueStats(stats));
            }
        }
    }

    fn agent_has_session(&self, agent: &str, session: &str) -> bool {
        let offered = self.d.pending_offers().any(|o| o.agent_id == agent && self.d.entry(&o.entry_id).is_some_and(|e| e.session_id == session));
        offered || self.assigned.get(agent).is_some_and(|s| s == session)
    }

    fn offer_view(&self, o: &scheduler::Offer) -> Option<OfferView> {
        let e = self.d.entry(&o.entry_id)?;
        Some(OfferView {
            offer_id: OfferId::from_stored(o.id.clone()),
            entry_id: EntryId::from_stored(o.entry_id.clone()),
            session_id: SessionId::from_stored(e.session_id.clone()),
            needs: e.needs.0.iter().cloned().collect(),
            expires_at: o.expires_ms,
        })
    }

    async fn join(&mut self, session: &SessionId, needs: Needs, now: i64) -> Result<(EntryId, QueuePosition), SchedulingError> {
        if self.queued_entry_of(session.as_str()).is_some() {
            return Err(SchedulingError::AlreadyQueued);
        }
        let (id, ch) = self.d.join(session.as_str(), needs, now);
        self.commit(ch).await?;
        let pos = self.d.position(&id).unwrap_or(QueuePosition { position: 0, estimated_wait_ms: 0 });
        Ok((EntryId::from_stored(id), pos))
    }

    fn entry_view(&self, id: &str) -> Result<EntryView, SchedulingError> {
        let e = self.d.entry(id).ok_or_else(|| not_found("queue entry"))?;
        let pos = self.d.position(id).ok();
        Ok(EntryView {
            entry_id: EntryId::from_stored(e.id.clone()),
            session_id: SessionId::from_stored(e.session_id.clone()),
            status: e.status,
            position: pos.as_ref().map(|p| p.position),
            estimated_wait_ms: pos.map(|p| p.estimated_wait_ms),
            agent_id: e.agent_id.clone().map(StaffId::from_stored),
        })
    }

    async fn accept(&mut self, agent: &str, offer: &str, now: i64) -> Result<(EntryId, SessionId), SchedulingError> {
        let o = self.d.pending_offers().find(|o| o.id == offer && o.agent_id == agent).cloned().ok_or_else(|| not_found("offer"))?;
        let ch = self.d.accept(offer, now)?;
        self.commit(ch).await?;
        let session = self.d.entry(&o.entry_id).map(|e| e.session_id.clone()).unwrap_or_default();
        Ok((EntryId::from_stored(o.entry_id), SessionId::from_stored(session)))
    }

    async fn decline(&mut self, agent: &str, offer: &str, now: i64) -> Result<(), SchedulingError> {
        if !self.d.pending_offers().any(|o| o.id == offer && o.agent_id == agent) {
            return Err(not_found("offer"));
        }
        let ch = self.d.decline(offer, now)?;
        self.commit(ch).await
    }

    /// The agent's last console went away: pending offers move on and the agent is offline
    /// (a call in progress is left alone; it has its own socket).
    async fn console_gone(&mut self, agent: &str, now: i64) -> Result<(), SchedulingError> {
        if self.agents.get(agent).is_some_and(|subs| subs.iter().any(|tx| !tx.is_closed())) {
            return Ok(());
        }
        let pending: Vec<String> = self.d.pending_offers().filter(|o| o.agent_id == agent).map(|o| o.id.clone()).collect();
        for o in pending {
            let ch = self.d.decline(&o, now)?;
            self.commit(ch).await?;
        }
        let state = self.d.presence(agent).map(|p| p.state);
        if matches!(state, Some(PresenceState::Available | PresenceState::Away | PresenceState::WrapUp)) {
            let ch = self.d.set_presence(agent, PresenceState::Offline, now)?;
            self.commit(ch).await?;
        }
        Ok(())
    }

    async fn tick(&mut self) {
        let now = self.clock.now();
        match self.store.dispatch_due(&mut self.d, now).await {
            Ok(ch) => self.act(&ch),
            Err(e) => {
                tracing::error!(error = %e, "dispatching due appointments failed");
                self.rebuild().await;
                return;
            }
        }
        let ch = self.d.tick(now.timestamp_millis());
        if let Err(e) = self.commit(ch).await {
            tracing::error!(error = %e, "persisting queue timers failed");
        }
        match self.store.mark_no_shows(&self.policy, now).await {
            Ok(ids) if !ids.is_empty() => tracing::info!(count = ids.len(), "appointments marked no-show"),
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "marking no-shows failed"),
        }
    }

    /// The session ended (hang-up, ended by API, maximum length): its agent's call ends and
    /// wrap-up starts, so `end-call` is only needed when the session outlives the call.
    async fn session_ended(&mut self, session: &str) {
        let agents: Vec<String> = self.assigned.iter().filter(|(_, s)| *s == session).map(|(a, _)| a.clone()).collect();
        let now = self.clock.now_ms();
        for a in agents {
            if self.d.presence(&a).is_some_and(|p| p.state == PresenceState::InCall) {
                match self.d.end_call(&a, now) {
                    Ok(ch) => {
                        if let Err(e) = self.commit(ch).await {
                            tracing::error!(error = %e, "ending an agent's call failed");
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "ending an agent's call was refused"),
                }
            }
        }
    }

    /// Persists, then pushes. On a failed write the dispatcher is rebuilt from the database.
    async fn commit(&mut self, changes: Vec<Change>) -> Result<(), SchedulingError> {
        if let Err(e) = self.store.apply(&changes).await {
            tracing::error!(error = %e, "persisting queue changes failed; rebuilding from the database");
            self.rebuild().await;
            return Err(e.into());
        }
        self.act(&changes);
        Ok(())
    }

    fn act(&mut self, changes: &[Change]) {
        for c in changes {
            match c {
                Change::Offer(o) if o.status == OfferStatus::Pending => {
                    let Some(view) = self.offer_view(o) else { continue };
                    let session = view.session_id.clone();
                    self.push_agent(&o.agent_id, Push::Offer(view));
                    self.push_session(session.as_str(), Push::Offered { entry: EntryId::from_stored(o.entry_id.clone()) });
                }
                Change::Offer(o) if matches!(o.status, OfferStatus::TimedOut | OfferStatus::Cancelled) => {
                    self.push_agent(&o.agent_id, Push::OfferGone { offer: OfferId::from_stored(o.id.clone()), status: o.status });
                }
                Change::Presence(p) => {
                    if !matches!(p.state, PresenceState::InCall | PresenceState::WrapUp) {
                        self.assigned.remove(&p.agent_id);
                    }
                    self.push_agent(&p.agent_id, Push::Presence { state: p.state, wrap_up_until: p.wrap_up_until_ms })
                }
                Change::Entry(e) => match e.status {
                    EntryStatus::Connected => {
                        if let Some(a) = &e.agent_id {
                            self.assigned.insert(a.clone(), e.session_id.clone());
                        }
                        self.push_session(&e.session_id, Push::Connected { entry: EntryId::from_stored(e.id.clone()) })
                    }
                    EntryStatus::Done | EntryStatus::Left | EntryStatus::Callback => {
                        self.push_session(&e.session_id, Push::Closed { entry: EntryId::from_stored(e.id.clone()), status: e.status })
                    }
                    EntryStatus::Waiting | EntryStatus::Offered => {}
                },
                _ => {}
            }
        }
        self.push_positions();
        self.push_stats();
    }

    fn push_agent(&mut self, agent: &str, msg: Push) {
        if let Some(subs) = self.agents.get_mut(agent) {
            subs.retain(|tx| tx.send(msg.clone()).is_ok());
        }
    }

    fn push_session(&mut self, session: &str, msg: Push) {
        if let Some(subs) = self.customers.get_mut(session) {
            subs.retain_mut(|s| {
                s.last = None; // the next position is news again
                s.tx.send(msg.clone()).is_ok()
            });
        }
    }

    /// Sends each waiting customer its position when it changed.
    fn push_positions(&mut self) {
        if self.customers.is_empty() {
            return;
        }
        let d = &self.d;
        let by_session: HashMap<String, String> =
            d.queue_order().into_iter().filter_map(|id| d.entry(&id).map(|e| (e.session_id.clone(), id.clone()))).collect();
        for (session, subs) in self.customers.iter_mut() {
            let Some(eid) = by_session.get(session) else { continue };
            let Ok(p) = d.position(eid) else { continue };
            if p.position == 0 {
                continue; // offered: `offered` was sent
            }
            let key = (eid.clone(), p.position, p.estimated_wait_ms);
            subs.retain_mut(|s| {
                if s.last.as_ref() == Some(&key) {
                    return !s.tx.is_closed();
                }
                s.last = Some(key.clone());
                s.tx.send(Push::Position { entry: EntryId::from_stored(eid.clone()), position: p.position, estimated_wait_ms: p.estimated_wait_ms }).is_ok()
            });
        }
        self.customers.retain(|_, v| v.iter().any(|s| !s.tx.is_closed()));
    }

    fn subscribe_customer(&mut self, session: String, out: Outbox) {
        let entry = self.queued_entry_of(&session);
        let _ = out.send(Push::CustomerReady { session: SessionId::from_stored(session.clone()), entry: entry.clone().map(EntryId::from_stored) });
        if let Some(e) = entry.as_deref().and_then(|id| self.d.entry(id)) {
            if e.status == EntryStatus::Offered {
                let _ = out.send(Push::Offered { entry: EntryId::from_stored(e.id.clone()) });
            }
        }
        self.customers.entry(session).or_default().push(CustomerSub { tx: out, last: None });
        self.push_positions();
    }

    fn subscribe_agent(&mut self, agent: String, out: Outbox) -> Result<(), SchedulingError> {
        let p = self.d.presence(&agent).ok_or_else(|| not_found("agent"))?;
        let _ = out.send(Push::AgentReady { presence: p.state });
        let _ = out.send(Push::QueueStats(self.queue_stats()));
        // A console that reconnects sees its pending offer again.
        let offers: Vec<OfferView> = self.d.pending_offers().filter(|o| o.agent_id == agent).filter_map(|o| self.offer_view(o)).collect();
        for o in offers {
            let _ = out.send(Push::Offer(o));
        }
        let subs = self.agents.entry(agent).or_default();
        subs.retain(|tx| !tx.is_closed());
        subs.push(out);
        Ok(())
    }
}

//! The live queue's single owner. One task holds the [`Dispatcher`]; HTTP handlers, the
//! queue socket and the timer reach it through [`super::Scheduling`], which sends commands over an
//! mpsc channel, so dispatcher calls never interleave. Every change set is persisted with
//! `Store::apply` before anything is pushed; if persisting fails the dispatcher is rebuilt
//! from the database, so memory never runs ahead of what a restart would see.

use super::protocol::ServerMsg;
use super::handle::{Cmd, Outbox};
use super::views::{EntryView, PresenceView};
use super::{Clock, sched_err};
use crate::error::AppError;
use scheduler::{BookingPolicy, Change, DispatchConfig, Dispatcher, EntryStatus, Needs, OfferStatus, QueuePosition, Store};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::mpsc;

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
    /// Agents in a call and the call's session, to end the call when the session ends.
    in_call: HashMap<String, String>,
}

fn not_found() -> AppError {
    AppError::NotFound("not_found")
}

impl Actor {
    pub(super) fn new(store: Store, cfg: DispatchConfig, policy: Arc<BookingPolicy>, clock: Clock) -> Actor {
        let d = Dispatcher::new(cfg.clone());
        Actor { store, d, cfg, policy, clock, agents: HashMap::new(), customers: HashMap::new(), in_call: HashMap::new() }
    }

    pub(super) async fn run(mut self, mut rx: mpsc::Receiver<Cmd>) {
        while !self.rebuild().await {
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        }
        self.tick().await;
        while let Some(cmd) = rx.recv().await {
            self.handle(cmd).await;
        }
    }

    /// Replaces the dispatcher with the persisted state; `false` if the database failed.
    async fn rebuild(&mut self) -> bool {
        match self.store.rebuild_dispatcher(self.cfg.clone(), self.clock.now_ms()).await {
            Ok(d) => {
                self.d = d;
                self.in_call = match self.store.load_live().await {
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
                let res = match self.d.set_presence(&agent, s, now) {
                    Ok(ch) => self.commit(ch).await.map(|()| self.presence_view(&agent)),
                    Err(e) => Err(sched_err(e)),
                };
                let _ = r.send(res);
            }
            Cmd::Join(session, needs, r) => {
                let _ = r.send(self.join(&session, needs, now).await);
            }
            Cmd::Entry(id, r) => {
                let _ = r.send(self.entry_view(&id));
            }
            Cmd::EntryForSession(s, r) => {
                let _ = r.send(Ok(self.queued_entry_of(&s)));
            }
            Cmd::Leave(id, r) => {
                let res = match self.d.leave(&id, now) {
                    Ok(ch) => self.commit(ch).await,
                    Err(e) => Err(sched_err(e)),
                };
                let _ = r.send(res);
            }
            Cmd::Callback(id, contact, r) => {
                let res = match self.d.request_callback(&id, contact, now) {
                    Ok(ch) => self.commit(ch).await,
                    Err(e) => Err(sched_err(e)),
                };
                let _ = r.send(res);
            }
            Cmd::Accept { agent, offer, reply } => {
                let _ = reply.send(self.accept(&agent, &offer, now).await);
            }
            Cmd::Decline { agent, offer, reply } => {
                let res = if self.d.pending_offers().any(|o| o.id == offer && o.agent_id == agent) {
                    match self.d.decline(&offer, now) {
                        Ok(ch) => self.commit(ch).await,
                        Err(e) => Err(sched_err(e)),
                    }
                } else {
                    Err(not_found())
                };
                let _ = reply.send(res);
            }
            Cmd::EndCall(agent, r) => {
                let res = match self.d.end_call(&agent, now) {
                    Ok(ch) => self.commit(ch).await.map(|()| self.presence_view(&agent)),
                    Err(e) => Err(sched_err(e)),
                };
                let _ = r.send(res);
            }
            Cmd::Tick(r) => {
                self.tick().await;
                let _ = r.send(Ok(()));
            }
            Cmd::SubscribeCustomer(session, out, r) => {
                self.subscribe_customer(session, out);
                let _ = r.send(Ok(()));
            }
            Cmd::SubscribeAgent(agent, out, r) => {
                let _ = r.send(self.subscribe_agent(agent, out));
            }
        }
    }

    fn presence_view(&self, agent: &str) -> PresenceView {
        self.d.presence(agent).map(PresenceView::from).unwrap_or_else(|| PresenceView {
            state: "offline".into(),
            since: String::new(),
            wrap_up_until: None,
            entry_id: None,
        })
    }

    fn queued_entry_of(&self, session: &str) -> Option<String> {
        self.d.queue_order().into_iter().find(|id| self.d.entry(id).is_some_and(|e| e.session_id == session))
    }

    async fn join(&mut self, session: &str, needs: Needs, now: i64) -> Result<(String, QueuePosition), AppError> {
        if self.queued_entry_of(session).is_some() {
            return Err(AppError::Conflict { code: "already_queued", message: "the session is already waiting in the queue".into() });
        }
        let (id, ch) = self.d.join(session, needs, now);
        self.commit(ch).await?;
        let pos = self.d.position(&id).unwrap_or(QueuePosition { position: 0, estimated_wait_ms: 0 });
        Ok((id, pos))
    }

    fn entry_view(&self, id: &str) -> Result<EntryView, AppError> {
        let e = self.d.entry(id).ok_or_else(not_found)?;
        let pos = self.d.position(id).ok();
        Ok(EntryView {
            entry_id: e.id.clone(),
            session_id: e.session_id.clone(),
            status: e.status.as_str().into(),
            position: pos.as_ref().map(|p| p.position),
            estimated_wait_ms: pos.map(|p| p.estimated_wait_ms),
            agent_id: e.agent_id.clone(),
        })
    }

    async fn accept(&mut self, agent: &str, offer: &str, now: i64) -> Result<(String, String), AppError> {
        let o = self.d.pending_offers().find(|o| o.id == offer && o.agent_id == agent).cloned().ok_or_else(not_found)?;
        let ch = self.d.accept(offer, now).map_err(sched_err)?;
        self.commit(ch).await?;
        let session = self.d.entry(&o.entry_id).map(|e| e.session_id.clone()).unwrap_or_default();
        Ok((o.entry_id, session))
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
        self.end_finished_calls(now.timestamp_millis()).await;
        match self.store.mark_no_shows(&self.policy, now).await {
            Ok(ids) if !ids.is_empty() => tracing::info!(count = ids.len(), "appointments marked no-show"),
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "marking no-shows failed"),
        }
    }

    /// Starts wrap-up for agents whose call's session has ended (hang-up or `…/end`), so
    /// `end-call` is only needed when the session outlives the call.
    async fn end_finished_calls(&mut self, now: i64) {
        if self.in_call.is_empty() {
            return;
        }
        let sessions: Vec<&String> = self.in_call.values().collect();
        let marks: Vec<String> = (1..=sessions.len()).map(|i| format!("${i}")).collect();
        let sql = format!("SELECT id FROM sessions WHERE status = 'ended' AND id IN ({})", marks.join(","));
        let mut q = sqlx::query_as::<_, (String,)>(&sql);
        for s in sessions {
            q = q.bind(s.clone());
        }
        let ended: Vec<(String,)> = match q.fetch_all(self.store.pool()).await {
            Ok(r) => r,
            Err(e) => return tracing::error!(error = %e, "checking for ended calls failed"),
        };
        let agents: Vec<String> =
            self.in_call.iter().filter(|(_, s)| ended.iter().any(|(e,)| e == *s)).map(|(a, _)| a.clone()).collect();
        for a in agents {
            self.in_call.remove(&a);
            if let Ok(ch) = self.d.end_call(&a, now) {
                let _ = self.commit(ch).await;
            }
        }
    }

    /// Persists, then pushes. On a failed write the dispatcher is rebuilt from the database.
    async fn commit(&mut self, changes: Vec<Change>) -> Result<(), AppError> {
        if let Err(e) = self.store.apply(&changes).await {
            tracing::error!(error = %e, "persisting queue changes failed; rebuilding from the database");
            self.rebuild().await;
            return Err(sched_err(e));
        }
        self.act(&changes);
        Ok(())
    }

    fn act(&mut self, changes: &[Change]) {
        for c in changes {
            match c {
                Change::Offer(o) if o.status == OfferStatus::Pending => {
                    let Some(e) = self.d.entry(&o.entry_id) else { continue };
                    let msg = ServerMsg::Offer {
                        offer_id: o.id.clone(),
                        entry_id: o.entry_id.clone(),
                        session_id: e.session_id.clone(),
                        needs: e.needs.0.iter().cloned().collect(),
                        expires_at: o.expires_ms,
                    };
                    let session = e.session_id.clone();
                    self.push_agent(&o.agent_id, msg);
                    self.push_session(&session, ServerMsg::Offered { entry_id: o.entry_id.clone() });
                }
                Change::Offer(o) if matches!(o.status, OfferStatus::TimedOut | OfferStatus::Cancelled) => {
                    self.push_agent(&o.agent_id, ServerMsg::OfferExpired { offer_id: o.id.clone(), reason: o.status.as_str().into() });
                }
                Change::Presence(p) => {
                    if p.state != scheduler::PresenceState::InCall {
                        self.in_call.remove(&p.agent_id);
                    }
                    self.push_agent(&p.agent_id, ServerMsg::Presence { state: p.state.as_str().into() })
                }
                Change::Entry(e) => match e.status {
                    // The socket fills in the customer's own join link.
                    EntryStatus::Connected => {
                        if let Some(a) = &e.agent_id {
                            self.in_call.insert(a.clone(), e.session_id.clone());
                        }
                        self.push_session(&e.session_id, ServerMsg::AgentReady { entry_id: e.id.clone(), join_url: String::new() })
                    }
                    EntryStatus::Done | EntryStatus::Left | EntryStatus::Callback => {
                        self.push_session(&e.session_id, ServerMsg::Closed { entry_id: e.id.clone(), status: e.status.as_str().into() })
                    }
                    EntryStatus::Waiting | EntryStatus::Offered => {}
                },
                _ => {}
            }
        }
        self.push_positions();
    }

    fn push_agent(&mut self, agent: &str, msg: ServerMsg) {
        if let Some(subs) = self.agents.get_mut(agent) {
            subs.retain(|tx| tx.send(msg.clone()).is_ok());
        }
    }

    fn push_session(&mut self, session: &str, msg: ServerMsg) {
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
                s.tx.send(ServerMsg::Position { entry_id: eid.clone(), position: p.position, estimated_wait_ms: p.estimated_wait_ms }).is_ok()
            });
        }
        self.customers.retain(|_, v| v.iter().any(|s| !s.tx.is_closed()));
    }

    fn subscribe_customer(&mut self, session: String, out: Outbox) {
        let entry = self.queued_entry_of(&session);
        let _ = out.send(ServerMsg::Ready { role: "customer".into(), session_id: Some(session.clone()), entry_id: entry.clone(), presence: None });
        if let Some(e) = entry.as_deref().and_then(|id| self.d.entry(id)) {
            if e.status == EntryStatus::Offered {
                let _ = out.send(ServerMsg::Offered { entry_id: e.id.clone() });
            }
        }
        self.customers.entry(session).or_default().push(CustomerSub { tx: out, last: None });
        self.push_positions();
    }

    fn subscribe_agent(&mut self, agent: String, out: Outbox) -> Result<(), AppError> {
        let p = self.d.presence(&agent).ok_or_else(not_found)?;
        let _ = out.send(ServerMsg::Ready { role: "agent".into(), session_id: None, entry_id: None, presence: Some(p.state.as_str().into()) });
        // A console that reconnects sees its pending offer again.
        for o in self.d.pending_offers().filter(|o| o.agent_id == agent) {
            if let Some(e) = self.d.entry(&o.entry_id) {
                let _ = out.send(ServerMsg::Offer {
                    offer_id: o.id.clone(),
                    entry_id: o.entry_id.clone(),
                    session_id: e.session_id.clone(),
                    needs: e.needs.0.iter().cloned().collect(),
                    expires_at: o.expires_ms,
                });
            }
        }
        let subs = self.agents.entry(agent).or_default();
        subs.retain(|tx| !tx.is_closed());
        subs.push(out);
        Ok(())
    }
}

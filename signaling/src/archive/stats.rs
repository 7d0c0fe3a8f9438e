//! The supervisor's dashboard figures, per agent and per day (UTC): volume, approve / reject /
//! inconclusive rates, queue wait p50/p90 (joined → connected), abandonment (left the queue
//! or asked for a call-back), handling time (connected → call done) and wrap-up time (call
//! done → decision). [`summarise`] is pure; [`load`] reads the rows.

use crate::db::Db;
use serde::Serialize;
use sqlx::Row;
use std::collections::BTreeMap;

/// A decided or undecided session, as the dashboard counts it.
#[derive(Debug, Clone)]
pub struct SessionFact {
    pub created_at: i64,
    pub agent: Option<String>,
    pub outcome: Option<String>,
}

/// A queue entry: when it joined, was connected, ended, how, and when its decision came.
#[derive(Debug, Clone)]
pub struct QueueFact {
    pub joined_ms: i64,
    pub agent: Option<String>,
    /// `waiting`, `offered`, `connected`, `done`, `left`, `callback`.
    pub status: String,
    pub connected_ms: Option<i64>,
    pub ended_ms: Option<i64>,
    pub decided_at: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct Figures {
    /// `YYYY-MM-DD` (UTC), or null in the per-agent and overall totals.
    pub day: Option<String>,
    /// Null in the per-day and overall totals, and for sessions no agent took.
    pub agent_id: Option<String>,
    #[ts(type = "number")]
    pub sessions: u64,
    #[ts(type = "number")]
    pub approved: u64,
    #[ts(type = "number")]
    pub rejected: u64,
    #[ts(type = "number")]
    pub inconclusive: u64,
    /// Shares of the decided sessions (0..1), null when none was decided.
    pub approve_rate: Option<f64>,
    pub reject_rate: Option<f64>,
    pub inconclusive_rate: Option<f64>,
    #[ts(type = "number")]
    pub queue_entries: u64,
    /// Entries that left the queue or asked for a call-back before an agent took them.
    #[ts(type = "number")]
    pub abandoned: u64,
    pub abandonment_rate: Option<f64>,
    #[ts(type = "number | null")]
    pub wait_p50_ms: Option<i64>,
    #[ts(type = "number | null")]
    pub wait_p90_ms: Option<i64>,
    #[ts(type = "number | null")]
    pub handling_p50_ms: Option<i64>,
    #[ts(type = "number | null")]
    pub handling_p90_ms: Option<i64>,
    #[ts(type = "number | null")]
    pub wrap_up_p50_ms: Option<i64>,
    #[ts(type = "number | null")]
    pub wrap_up_p90_ms: Option<i64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, ts_rs::TS)]
#[ts(export)]
pub struct Stats {
    #[ts(type = "number")]
    pub from: i64,
    #[ts(type = "number")]
    pub to: i64,
    pub total: Figures,
    pub by_day: Vec<Figures>,
    pub by_agent: Vec<Figures>,
    /// Per day and agent.
    pub rows: Vec<Figures>,
}

#[derive(Default)]
struct Acc {
    sessions: u64,
    approved: u64,
    rejected: u64,
    inconclusive: u64,
    entries: u64,
    abandoned: u64,
    waits: Vec<i64>,
    handling: Vec<i64>,
    wrap_up: Vec<i64>,
}

/// Nearest-rank percentile of sorted values.
fn pct(sorted: &[i64], p: f64) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    Some(sorted[rank.min(sorted.len()) - 1])
}

fn rate(n: u64, of: u64) -> Option<f64> {
    (of > 0).then(|| n as f64 / of as f64)
}

impl Acc {
    fn figures(mut self, day: Option<String>, agent_id: Option<String>) -> Figures {
        for v in [&mut self.waits, &mut self.handling, &mut self.wrap_up] {
            v.sort_unstable();
        }
        let decided = self.approved + self.rejected + self.inconclusive;
        Figures {
            day,
            agent_id,
            sessions: self.sessions,
            approved: self.approved,
            rejected: self.rejected,
            inconclusive: self.inconclusive,
            approve_rate: rate(self.approved, decided),
            reject_rate: rate(self.rejected, decided),
            inconclusive_rate: rate(self.inconclusive, decided),
            queue_entries: self.entries,
            abandoned: self.abandoned,
            abandonment_rate: rate(self.abandoned, self.entries),
            wait_p50_ms: pct(&self.waits, 50.0),
            wait_p90_ms: pct(&self.waits, 90.0),
            handling_p50_ms: pct(&self.handling, 50.0),
            handling_p90_ms: pct(&self.handling, 90.0),
            wrap_up_p50_ms: pct(&self.wrap_up, 50.0),
            wrap_up_p90_ms: pct(&self.wrap_up, 90.0),
        }
    }
}

fn day_of(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms).map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

type Key = (Option<String>, Option<String>);

/// The figures from the facts, grouped four ways.
pub fn summarise(from: i64, to: i64, sessions: &[SessionFact], queue: &[QueueFact]) -> Stats {
    let mut groups: BTreeMap<Key, Acc> = BTreeMap::new();
    let mut touch = |day: &str, agent: &Option<String>, f: &mut dyn FnMut(&mut Acc)| {
        for key in [(Some(day.to_owned()), agent.clone()), (Some(day.to_owned()), Some("\u{0}all".into())), (None, agent.clone()), (None, Some("\u{0}all".into()))] {
            f(groups.entry(key).or_default());
        }
    };
    for s in sessions {
        touch(&day_of(s.created_at), &s.agent, &mut |a| {
            a.sessions += 1;
            match s.outcome.as_deref() {
                Some("approved") => a.approved += 1,
                Some("rejected") => a.rejected += 1,
                Some("inconclusive") => a.inconclusive += 1,
                _ => {}
            }
        });
    }
    for q in queue {
        touch(&day_of(q.joined_ms), &q.agent, &mut |a| {
            a.entries += 1;
            if matches!(q.status.as_str(), "left" | "callback") {
                a.abandoned += 1;
            }
            if let Some(c) = q.connected_ms {
                a.waits.push(c - q.joined_ms);
                if let Some(e) = q.ended_ms {
                    a.handling.push(e - c);
                    if let Some(d) = q.decided_at.filter(|d| *d >= e) {
                        a.wrap_up.push(d - e);
                    }
                }
            }
        });
    }
    let all = |a: &Option<String>| a.as_deref() == Some("\u{0}all");
    let mut out = Stats { from, to, total: Figures::default(), by_day: vec![], by_agent: vec![], rows: vec![] };
    for ((day, agent), acc) in groups {
        match (day, all(&agent)) {
            (None, true) => out.total = acc.figures(None, None),
            (None, false) => out.by_agent.push(acc.figures(None, agent)),
            (Some(d), true) => out.by_day.push(acc.figures(Some(d), None)),
            (Some(d), false) => out.rows.push(acc.figures(Some(d), agent)),
        }
    }
    out
}

/// Reads the facts of `[from, to)`, optionally of one agent.
pub async fn load(db: &Db, from: i64, to: i64, agent: Option<&str>) -> Result<(Vec<SessionFact>, Vec<QueueFact>), sqlx::Error> {
    let mut sql = "SELECT created_at, agent_id, outcome FROM session_index WHERE created_at >= $1 AND created_at < $2".to_owned();
    if agent.is_some() {
        sql += " AND agent_id = $3";
    }
    let mut q = sqlx::query(&sql).bind(from).bind(to);
    if let Some(a) = agent {
        q = q.bind(a.to_owned());
    }
    let sessions = q
        .fetch_all(db)
        .await?
        .iter()
        .map(|r| Ok(SessionFact { created_at: r.try_get("created_at")?, agent: r.try_get("agent_id")?, outcome: r.try_get("outcome")? }))
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let mut sql = "SELECT q.joined_ms, q.agent_id, q.status, q.connected_ms, q.ended_ms, d.decided_at FROM sched_queue q \
                   LEFT JOIN decisions d ON d.session_id = q.session_id WHERE q.joined_ms >= $1 AND q.joined_ms < $2"
        .to_owned();
    if agent.is_some() {
        sql += " AND q.agent_id = $3";
    }
    let mut q = sqlx::query(&sql).bind(from).bind(to);
    if let Some(a) = agent {
        q = q.bind(a.to_owned());
    }
    let queue = q
        .fetch_all(db)
        .await?
        .iter()
        .map(|r| {
            Ok(QueueFact {
                joined_ms: r.try_get("joined_ms")?,
                agent: r.try_get("agent_id")?,
                status: r.try_get("status")?,
                connected_ms: r.try_get("connected_ms")?,
                ended_ms: r.try_get("ended_ms")?,
                decided_at: r.try_get("decided_at")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok((sessions, queue))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;

    #[test]
    fn rates_waits_and_times_are_computed_per_agent_per_day_and_overall() {
        let t0 = 1_893_456_000_000; // 2030-01-01
        let s = |d: i64, a: &str, o: Option<&str>| SessionFact { created_at: t0 + d * DAY, agent: Some(a.into()), outcome: o.map(Into::into) };
        let sessions = vec![s(0, "anna", Some("approved")), s(0, "anna", Some("rejected")), s(0, "ben", Some("approved")), s(1, "anna", None)];
        let q = |wait: i64, status: &str, agent: Option<&str>| QueueFact {
            joined_ms: t0,
            agent: agent.map(Into::into),
            status: status.into(),
            connected_ms: (status == "done").then_some(t0 + wait),
            ended_ms: (status == "done").then_some(t0 + wait + 600_000),
            decided_at: (status == "done").then_some(t0 + wait + 600_000 + 60_000),
        };
        let queue = vec![q(10_000, "done", Some("anna")), q(30_000, "done", Some("anna")), q(90_000, "done", Some("ben")), q(0, "left", None)];
        let st = summarise(t0, t0 + 2 * DAY, &sessions, &queue);
        assert_eq!(st.total.sessions, 4);
        assert_eq!(st.total.approve_rate, Some(2.0 / 3.0));
        assert_eq!(st.total.abandoned, 1);
        assert_eq!(st.total.abandonment_rate, Some(0.25));
        assert_eq!(st.total.wait_p50_ms, Some(30_000));
        assert_eq!(st.total.wait_p90_ms, Some(90_000));
        assert_eq!(st.total.handling_p50_ms, Some(600_000));
        assert_eq!(st.total.wrap_up_p50_ms, Some(60_000));
        let anna = st.by_agent.iter().find(|f| f.agent_id.as_deref() == Some("anna")).expect("anna");
        assert_eq!((anna.sessions, anna.approved, anna.rejected), (3, 1, 1));
        assert_eq!(anna.wait_p50_ms, Some(10_000));
        assert_eq!(st.by_day.len(), 2);
        assert_eq!(st.by_day[0].day.as_deref(), Some("2030-01-01"));
        assert!(st.rows.iter().any(|r| r.day.as_deref() == Some("2030-01-02") && r.agent_id.as_deref() == Some("anna") && r.sessions == 1));
    }
}

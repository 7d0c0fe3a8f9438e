//! Agents, weekly shifts and exceptions, and their expansion into UTC working intervals.
//!
//! Shifts are written in the agent's local wall-clock time because that is how rosters are
//! planned; expansion to UTC happens per local date so DST is handled where it bites:
//! * a local time that does not exist (spring-forward gap) means the instant the clocks
//!   jump, e.g. 02:30 in Berlin on the last Sunday of March means 03:00 CEST (01:00 UTC).
//!   A shift "01:00-02:30" then ends at the jump and a shift "02:30-06:00" starts there,
//!   so no slot ever shows a wall-clock time outside the written shift;
//! * an ambiguous local time (fall-back overlap) takes its first occurrence.

use crate::error::{Result, SchedError};
use crate::skills::Needs;
use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use std::collections::BTreeSet;

pub type AgentId = String;

/// One recurring working window. `end <= start` means the shift runs past midnight.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WeeklyShift {
    pub weekday: Weekday,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

/// Deviations from the weekly pattern.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RosterException {
    /// The whole local calendar day (agent's zone) is off.
    Holiday { date: NaiveDate },
    /// Off between two instants (sickness, training, ...).
    Absence { from: DateTime<Utc>, to: DateTime<Utc> },
}

/// An agent as far as scheduling is concerned. No names: the id is opaque.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Agent {
    pub id: AgentId,
    #[serde(with = "tz_serde")]
    pub tz: Tz,
    pub skills: BTreeSet<String>,
    pub shifts: Vec<WeeklyShift>,
    pub exceptions: Vec<RosterException>,
    /// Relative weight for weighted-random routing (1.0 = normal share).
    pub weight: f64,
}

impl Agent {
    pub fn new(id: impl Into<String>, tz: Tz) -> Self {
        Self { id: id.into(), tz, skills: BTreeSet::new(), shifts: vec![], exceptions: vec![], weight: 1.0 }
    }
    pub fn with_skills<I: IntoIterator<Item = S>, S: Into<String>>(mut self, s: I) -> Self {
        self.skills.extend(s.into_iter().map(Into::into));
        self
    }
    pub fn with_shift(mut self, weekday: Weekday, start: NaiveTime, end: NaiveTime) -> Self {
        self.shifts.push(WeeklyShift { weekday, start, end });
        self
    }
    pub fn qualifies(&self, needs: &Needs) -> bool {
        needs.satisfied_by(&self.skills)
    }
    /// True when an absence or holiday overlaps `[from, to)`.
    pub fn is_absent(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> bool {
        self.exception_intervals(from, to).iter().any(|(a, b)| *a < to && *b > from)
    }

    /// Working intervals (UTC, half-open, merged, exceptions removed) of every shift that
    /// touches `[from, to)`. Intervals are not clipped to the window so that the slot grid,
    /// anchored at the interval start, does not depend on the window asked for.
    pub fn working_intervals(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        let first = from.with_timezone(&self.tz).date_naive() - Days::new(1);
        let last = to.with_timezone(&self.tz).date_naive() + Days::new(1);
        let mut raw = Vec::new();
        let mut d = first;
        while d <= last {
            for s in self.shifts.iter().filter(|s| s.weekday == d.weekday_chrono()) {
                let end_date = if s.end <= s.start { d + Days::new(1) } else { d };
                let a = resolve_local(self.tz, d.and_time(s.start));
                let b = resolve_local(self.tz, end_date.and_time(s.end));
                if b > a && b > from && a < to {
                    raw.push((a, b));
                }
            }
            d = d + Days::new(1);
        }
        raw.sort();
        let mut merged: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
        for (a, b) in raw {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        let lo = merged.first().map_or(from, |m| m.0.min(from));
        let hi = merged.last().map_or(to, |m| m.1.max(to));
        subtract(merged, &self.exception_intervals(lo, hi))
    }

    fn exception_intervals(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        let mut out = Vec::new();
        for e in &self.exceptions {
            match e {
                RosterException::Absence { from: a, to: b } => out.push((*a, *b)),
                RosterException::Holiday { date } => {
                    let a = resolve_local(self.tz, date.and_time(NaiveTime::MIN));
                    let b = resolve_local(self.tz, (*date + Days::new(1)).and_time(NaiveTime::MIN));
                    out.push((a, b));
                }
            }
        }
        out.retain(|(a, b)| a < b && *a < to && *b > from);
        out
    }
}

trait WeekdayOf {
    fn weekday_chrono(&self) -> Weekday;
}
impl WeekdayOf for NaiveDate {
    fn weekday_chrono(&self) -> Weekday {
        chrono::Datelike::weekday(self)
    }
}

/// Removes `cuts` from sorted, disjoint `intervals`.
fn subtract(
    intervals: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    cuts: &[(DateTime<Utc>, DateTime<Utc>)],
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut cur = intervals;
    for &(ca, cb) in cuts {
        let mut next = Vec::with_capacity(cur.len() + 1);
        for (a, b) in cur {
            if cb <= a || ca >= b {
                next.push((a, b));
                continue;
            }
            if a < ca {
                next.push((a, ca));
            }
            if cb < b {
                next.push((cb, b));
            }
        }
        cur = next;
    }
    cur
}

/// Maps a local wall-clock time to an instant (see module docs for the DST rules).
pub fn resolve_local(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(d) => d.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        chrono::LocalResult::None => {
            // In a gap: use the instant the clocks jump. Walk back to the first skipped
            // wall-clock minute and apply the offset in force just before it.
            let mut gap_start = local;
            for _ in 0..(26 * 60) {
                let prev = gap_start - TimeDelta::minutes(1);
                if let Some(d) = tz.from_local_datetime(&prev).earliest() {
                    let off = d.offset().fix().local_minus_utc();
                    return Utc.from_utc_datetime(&(gap_start - TimeDelta::seconds(i64::from(off))));
                }
                gap_start = prev;
            }
            // No zone has a gap of a whole day; treating the time as UTC is a safe fallback.
            Utc.from_utc_datetime(&local)
        }
    }
}

/// Parses an IANA zone name.
pub fn parse_tz(name: &str) -> Result<Tz> {
    name.parse::<Tz>().map_err(|_| SchedError::UnknownTimeZone(name.to_string()))
}

mod tz_serde {
    use chrono_tz::Tz;
    use serde::{Deserialize, Deserializer, Serializer};
    pub fn serialize<S: Serializer>(tz: &Tz, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(tz.name())
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Tz, D::Error> {
        let s = String::deserialize(d)?;
        s.parse::<Tz>().map_err(serde::de::Error::custom)
    }
}

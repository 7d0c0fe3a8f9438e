#![allow(clippy::unwrap_used)]
mod common;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, TimeZone, Timelike, Utc, Weekday};
use chrono_tz::Tz;
use common::{berlin_agent, hm};
use proptest::prelude::*;
use scheduler::roster::resolve_local;
use scheduler::slots::{agent_slots, free_slots};
use scheduler::{Agent, Needs, RosterException, SlotConfig, WeeklyShift};

const ZONES: [Tz; 6] = [
    chrono_tz::Europe::Berlin,
    chrono_tz::America::New_York,
    chrono_tz::Australia::Sydney,
    chrono_tz::Asia::Kolkata,
    chrono_tz::Australia::Lord_Howe, // 30-minute DST shift
    chrono_tz::America::Sao_Paulo,
];

/// DST transition dates (local) of 2026, plus ordinary days for the zones without DST.
const AROUND: [(i32, u32, u32); 6] = [(2026, 3, 29), (2026, 10, 25), (2026, 3, 8), (2026, 11, 1), (2026, 4, 5), (2026, 10, 4)];

/// Independent oracle for "inside a shift", by brute force over UTC minutes and using only
/// the zone's forward mapping (UTC -> wall clock): a shift occurrence starts at the first
/// minute whose wall clock reads at least its start and ends at the first later minute whose
/// wall clock reads at least its end. Returns the occurrences as UTC intervals.
fn oracle_occurrences(shifts: &[WeeklyShift], tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let lo = from - TimeDelta::days(3);
    let n = (to - lo).num_minutes() as usize + 3 * 1440;
    let minutes: Vec<DateTime<Utc>> = (0..n).map(|i| lo + TimeDelta::minutes(i as i64)).collect();
    let wall: Vec<chrono::NaiveDateTime> = minutes.iter().map(|m| m.with_timezone(&tz).naive_local()).collect();
    let first_at_least = |x: chrono::NaiveDateTime, after: usize| (after..n).find(|&i| wall[i] >= x);
    let mut out = vec![];
    let mut day = wall[0].date();
    while day <= wall[n - 1].date() {
        for s in shifts.iter().filter(|s| s.weekday == day.weekday()) {
            let end_day = if s.end <= s.start { day.succ_opt().unwrap() } else { day };
            if let Some(a) = first_at_least(day.and_time(s.start), 0) {
                if let Some(b) = first_at_least(end_day.and_time(s.end), a) {
                    out.push((minutes[a], minutes[b]));
                }
            }
        }
        day = day.succ_opt().unwrap();
    }
    out
}

fn shift_strategy() -> impl Strategy<Value = WeeklyShift> {
    // Biased towards weekend nights, where the DST transitions are.
    let wd = prop_oneof![0u32..7, 5u32..7];
    let start = prop_oneof![0u32..96, 4u32..14, 84u32..96];
    (wd, start, 1u32..64).prop_map(|(wd, start_q, len_q)| {
        let start = NaiveTime::from_num_seconds_from_midnight_opt(start_q * 900, 0).unwrap();
        let end = NaiveTime::from_num_seconds_from_midnight_opt(((start_q + len_q) % 96) * 900, 0).unwrap();
        WeeklyShift { weekday: Weekday::try_from(wd as u8).unwrap(), start, end }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn generated_slots_never_overlap_and_stay_inside_shifts_across_dst(
        zone in 0usize..ZONES.len(),
        around in 0usize..AROUND.len(),
        shifts in proptest::collection::vec(shift_strategy(), 1..5),
        len_min in prop_oneof![Just(15i64), Just(20), Just(30), Just(45), Just(60)],
        buf_min in 0i64..20,
        absent in proptest::option::of((0i64..72, 1i64..10)),
    ) {
        let tz = ZONES[zone];
        let (y, m, d) = AROUND[around];
        let centre = Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
        let (from, to) = (centre - TimeDelta::days(2), centre + TimeDelta::days(2));
        let mut agent = Agent::new("a1", tz);
        agent.shifts = shifts.clone();
        if let Some((h, len)) = absent {
            agent.exceptions.push(RosterException::Absence { from: from + TimeDelta::hours(h), to: from + TimeDelta::hours(h + len) });
        }
        let cfg = SlotConfig { length: TimeDelta::minutes(len_min), buffer: TimeDelta::minutes(buf_min) };
        let slots = agent_slots(&agent, &cfg, from, to);
        let occ = oracle_occurrences(&shifts, tz, from, to);
        for w in slots.windows(2) {
            prop_assert!(w[0].end + cfg.buffer <= w[1].start || w[0].end <= w[1].start, "overlap {:?} {:?}", w[0], w[1]);
            prop_assert!(w[0].end <= w[1].start);
        }
        for s in &slots {
            prop_assert_eq!(s.end - s.start, cfg.length);
            prop_assert!(s.start >= from && s.start < to);
            // Sample the half-open slot every 5 minutes and its last second.
            let mut samples: Vec<DateTime<Utc>> = vec![s.end - TimeDelta::seconds(1)];
            let mut t = s.start;
            while t < s.end {
                samples.push(t);
                t += TimeDelta::minutes(5);
            }
            for t in samples {
                prop_assert!(occ.iter().any(|(a, b)| *a <= t && t < *b), "{} ({}) outside shifts in {}", t, t.with_timezone(&tz), tz);
                if let Some((h, len)) = absent {
                    let (aa, ab) = (from + TimeDelta::hours(h), from + TimeDelta::hours(h + len));
                    prop_assert!(!(aa <= t && t < ab), "slot inside absence");
                }
            }
        }
    }
}

#[test]
fn a_shift_starting_in_the_spring_forward_gap_starts_when_the_gap_ends() {
    // 02:30 does not exist in Berlin on 29 March 2026; it is read as the jump, 03:00 CEST.
    let local = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap().and_time(hm(2, 30));
    assert_eq!(resolve_local(chrono_tz::Europe::Berlin, local), Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap());
    // A shift 01:00-02:30 that day is 1 h long, a shift 02:30-05:00 runs 03:00-05:00 CEST.
    let a = Agent::new("g", chrono_tz::Europe::Berlin)
        .with_shift(Weekday::Sun, hm(1, 0), hm(2, 30))
        .with_shift(Weekday::Sun, hm(2, 30), hm(5, 0));
    let iv = a.working_intervals(common::t("2026-03-28T12:00:00Z"), common::t("2026-03-29T12:00:00Z"));
    assert_eq!(iv, vec![(common::t("2026-03-29T00:00:00Z"), common::t("2026-03-29T03:00:00Z"))]);
}

#[test]
fn an_ambiguous_fall_back_time_means_its_first_occurrence() {
    // 02:30 happens twice in Berlin on 25 October 2026; the first is CEST (00:30 UTC).
    let local = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap().and_time(hm(2, 30));
    assert_eq!(resolve_local(chrono_tz::Europe::Berlin, local), Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap());
}

#[test]
fn an_overnight_shift_over_fall_back_lasts_one_hour_longer() {
    let a = Agent::new("n", chrono_tz::Europe::Berlin).with_shift(Weekday::Sat, hm(22, 0), hm(6, 0));
    let iv = a.working_intervals(common::t("2026-10-24T12:00:00Z"), common::t("2026-10-25T12:00:00Z"));
    assert_eq!(iv, vec![(common::t("2026-10-24T20:00:00Z"), common::t("2026-10-25T05:00:00Z"))]);
}

#[test]
fn slots_follow_the_local_shift_start_after_the_dst_change() {
    let a = berlin_agent("b", &["lang:de"]);
    let cfg = SlotConfig::default();
    let before = agent_slots(&a, &cfg, common::t("2026-03-27T00:00:00Z"), common::t("2026-03-28T00:00:00Z"));
    let after = agent_slots(&a, &cfg, common::t("2026-03-30T00:00:00Z"), common::t("2026-03-31T00:00:00Z"));
    assert_eq!(before[0].start, common::t("2026-03-27T08:00:00Z")); // 09:00 CET
    assert_eq!(after[0].start, common::t("2026-03-30T07:00:00Z")); // 09:00 CEST
    // 8 h shift, 30 min step, 20 min slot: 16 slots, the last at 16:30 local.
    assert_eq!(before.len(), 16);
    assert_eq!(before[15].start.with_timezone(&chrono_tz::Europe::Berlin).hour(), 16);
}

#[test]
fn holidays_and_absences_remove_slots() {
    let mut a = berlin_agent("b", &["lang:de"]);
    a.exceptions.push(RosterException::Holiday { date: NaiveDate::from_ymd_opt(2026, 4, 3).unwrap() });
    a.exceptions.push(RosterException::Absence { from: common::t("2026-04-02T08:00:00Z"), to: common::t("2026-04-02T10:00:00Z") });
    let cfg = SlotConfig::default();
    let fri = agent_slots(&a, &cfg, common::t("2026-04-03T00:00:00Z"), common::t("2026-04-04T00:00:00Z"));
    assert!(fri.is_empty());
    let thu = agent_slots(&a, &cfg, common::t("2026-04-02T00:00:00Z"), common::t("2026-04-03T00:00:00Z"));
    assert!(thu.iter().all(|s| s.end <= common::t("2026-04-02T08:00:00Z") || s.start >= common::t("2026-04-02T10:00:00Z")));
    assert_eq!(thu.len(), 12);
}

#[test]
fn capacity_counts_qualified_agents_and_is_shown_in_the_customer_zone() {
    let agents = vec![
        berlin_agent("a", &["lang:de", "doc:passport"]),
        berlin_agent("b", &["lang:de", "doc:passport"]),
        berlin_agent("c", &["lang:en", "doc:passport"]),
    ];
    let needs = Needs::of(["lang:de", "doc:passport"]);
    let from = common::t("2026-03-23T00:00:00Z");
    let to = common::t("2026-03-24T00:00:00Z");
    let taken = vec![("a".to_string(), common::t("2026-03-23T08:00:00Z").timestamp_millis(), common::t("2026-03-23T08:20:00Z").timestamp_millis())];
    let slots = free_slots(&agents, &SlotConfig::default(), &needs, chrono_tz::America::New_York, from, to, &taken);
    assert_eq!(slots.len(), 16);
    assert_eq!((slots[0].capacity, slots[0].free), (2, 1));
    assert_eq!((slots[1].capacity, slots[1].free), (2, 2));
    assert_eq!(slots[0].local_start.hour(), 4); // 09:00 CET = 04:00 EDT (US already switched)
}

#[test]
fn a_customer_day_is_23_or_25_hours_long_on_dst_days() {
    use scheduler::slots::local_day;
    let (a, b) = local_day(chrono_tz::America::New_York, NaiveDate::from_ymd_opt(2026, 3, 8).unwrap());
    assert_eq!(b - a, TimeDelta::hours(23));
    let (a, b) = local_day(chrono_tz::America::New_York, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
    assert_eq!(b - a, TimeDelta::hours(25));
    // São Paulo used to skip midnight itself; a day start in a gap still resolves.
    let (a, _) = local_day(chrono_tz::America::Sao_Paulo, NaiveDate::from_ymd_opt(2018, 11, 4).unwrap());
    assert_eq!(a, Utc.with_ymd_and_hms(2018, 11, 4, 3, 0, 0).unwrap());
}

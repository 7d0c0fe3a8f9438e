//! Which decisions go to a second person: the profile's four-eyes rule, its risk-based rules
//! (every face no-match, every override, every low-quality session) and a random share of the
//! rest. Pure: the signals and the random draw come in, the reasons go out (empty: final).

use crate::profiles::Profile;
use serde::{Deserialize, Serialize};

/// Why a decision waits for review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, ts_rs::TS, strum::AsRefStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[ts(export)]
pub enum ReviewReason {
    /// The profile requires a second person for every decision.
    FourEyes,
    /// The face analysis said `no_match` during the call.
    NoMatch,
    /// The agent approved over a blocker with a written override.
    Override,
    /// Recording gaps or reconnects, an undecided face match, or quality warnings.
    LowQuality,
    /// Drawn at random (`review_sample_percent`).
    Random,
}

/// What the risk rules look at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Signals {
    pub no_match: bool,
    pub overridden: bool,
    pub low_quality: bool,
}

/// The reasons a decision goes to review; `draw` is uniform in 0..100.
pub fn reasons(profile: &Profile, s: Signals, draw: u8) -> Vec<ReviewReason> {
    let mut out = vec![];
    if profile.four_eyes {
        out.push(ReviewReason::FourEyes);
    }
    if profile.review_no_match && s.no_match {
        out.push(ReviewReason::NoMatch);
    }
    if profile.review_overrides && s.overridden {
        out.push(ReviewReason::Override);
    }
    if profile.review_low_quality && s.low_quality {
        out.push(ReviewReason::LowQuality);
    }
    if out.is_empty() && draw < profile.review_sample_percent {
        out.push(ReviewReason::Random);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::Profiles;

    fn profile(id: &str) -> Profile {
        Profiles::built_in().expect("profiles").get(id).expect(id).clone()
    }

    #[test]
    fn risky_sessions_always_go_to_review_and_clean_ones_only_by_the_random_share() {
        let mut p = profile("bafin-rs-3-2017");
        p.review_sample_percent = 10;
        let clean = Signals::default();
        assert_eq!(reasons(&p, clean, 9), vec![ReviewReason::Random]);
        assert!(reasons(&p, clean, 10).is_empty());
        for (s, r) in [
            (Signals { no_match: true, ..clean }, ReviewReason::NoMatch),
            (Signals { overridden: true, ..clean }, ReviewReason::Override),
            (Signals { low_quality: true, ..clean }, ReviewReason::LowQuality),
        ] {
            assert_eq!(reasons(&p, s, 99), vec![r], "{s:?} whatever the draw");
        }
    }

    #[test]
    fn a_four_eyes_profile_reviews_everything_and_the_basic_one_nothing() {
        assert_eq!(reasons(&profile("rbi-vcip"), Signals::default(), 99), vec![ReviewReason::FourEyes]);
        let all = Signals { no_match: true, overridden: true, low_quality: true };
        assert!(reasons(&profile("basic"), all, 0).is_empty());
    }
}

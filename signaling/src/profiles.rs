//! Compliance profiles: the rules of one regime (BaFin, RBI V-CIP, Austria, a basic one) as
//! versioned files in the repository's `profiles/`. A profile lists the checks that apply, each
//! with the kind of evidence that satisfies it, the reason codes an agent may give, whether a
//! second person must review, and the quality minimums. A session keeps the version (SHA-256 of
//! the file) it started with.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The built-in profiles, embedded so a deployment always has them.
const BUILT_IN: &[&str] = &[
    include_str!("../../profiles/basic.toml"),
    include_str!("../../profiles/bafin-rs-3-2017.toml"),
    include_str!("../../profiles/rbi-vcip.toml"),
    include_str!("../../profiles/at-fvfiv.toml"),
];

pub const DEFAULT: &str = "basic";

/// The kinds of still the agent captures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema, ts_rs::TS)]
#[derive(strum::AsRefStr, strum::EnumString, strum::EnumIter)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[ts(export)]
pub enum StillKind {
    Face,
    IdFront,
    IdBack,
}

/// Prompts the agent can put on the customer's screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema, ts_rs::TS)]
#[derive(strum::AsRefStr, strum::EnumString, strum::EnumIter)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[ts(export)]
pub enum PromptKind {
    ShowIdFront,
    ShowIdBack,
    TiltDocument,
    TurnHead,
    ReadDigits,
    MoveToLight,
    SwitchCamera,
}

/// What satisfies a check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Evidence {
    /// The customer's consent to processing, recording and biometrics.
    Consent,
    /// A still of this kind.
    Still { still: StillKind },
    /// A face-match verdict of `match` (or an override with a reason).
    FaceMatch,
    /// A head-movement challenge passed.
    Challenge,
    /// Random digits read aloud, judged passed by the agent.
    ReadAloud,
    /// A healthy recording: both parties' audio and video.
    Recording,
    /// The agent's explicit confirmation.
    Confirm,
    /// The prompt was shown to the customer and the agent confirmed what they saw.
    PromptAndConfirm { prompt: PromptKind },
}

impl Evidence {
    fn parse(text: &str) -> Option<Evidence> {
        Some(match text {
            "consent" => Evidence::Consent,
            "ai:face_match" => Evidence::FaceMatch,
            "ai:challenge" => Evidence::Challenge,
            "read_aloud" => Evidence::ReadAloud,
            "recording" => Evidence::Recording,
            "confirm" => Evidence::Confirm,
            other => {
                if let Some(k) = other.strip_prefix("still:") {
                    Evidence::Still { still: k.parse().ok()? }
                } else if let Some(p) = other.strip_prefix("prompt:").and_then(|p| p.strip_suffix("+confirm")) {
                    Evidence::PromptAndConfirm { prompt: p.parse().ok()? }
                } else {
                    return None;
                }
            }
        })
    }
}

/// One check of a profile.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Check {
    pub id: String,
    /// The requirement of `docs` / the compliance guide it implements (S1–S20).
    pub requirement: String,
    pub label: String,
    pub evidence: Evidence,
    pub required: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Quality {
    pub min_width: u32,
    pub min_height: u32,
    pub min_fps: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Reasons {
    pub reject: Vec<String>,
    pub inconclusive: Vec<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Profile {
    pub id: String,
    pub name: String,
    pub jurisdiction: String,
    /// SHA-256 of the profile file.
    pub version: String,
    pub documents: Vec<String>,
    /// A supervisor who is not the deciding agent must confirm before the result is final.
    pub four_eyes: bool,
    /// Share of the other sessions sent to review at random.
    pub review_sample_percent: u8,
    /// Risk-based sampling: always review a session whose face match said `no_match` ...
    pub review_no_match: bool,
    /// ... whose agent approved over a blocker with an override reason ...
    pub review_overrides: bool,
    /// ... or whose evidence was of low quality (recording gaps or reconnects, an inconclusive
    /// face match, quality warnings from the face analysis).
    pub review_low_quality: bool,
    pub retention_days: u32,
    pub aborted_retention_days: u32,
    pub quality: Quality,
    pub checks: Vec<Check>,
    pub reasons: Reasons,
}

#[derive(Deserialize)]
struct RawCheck {
    id: String,
    requirement: String,
    label: String,
    evidence: String,
    #[serde(default = "yes")]
    required: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    id: String,
    name: String,
    jurisdiction: String,
    documents: Vec<String>,
    four_eyes: bool,
    review_sample_percent: u8,
    #[serde(default)]
    review_no_match: bool,
    #[serde(default)]
    review_overrides: bool,
    #[serde(default)]
    review_low_quality: bool,
    retention_days: u32,
    aborted_retention_days: u32,
    quality: Quality,
    checks: Vec<RawCheck>,
    reasons: Reasons,
}

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("profile file: {0}")]
    Syntax(#[from] toml::de::Error),
    #[error("check `{check}` names unknown evidence `{evidence}`")]
    Evidence { check: String, evidence: String },
    #[error("two profiles are called `{0}`")]
    Duplicate(String),
}

pub fn parse(text: &str) -> Result<Profile, ProfileError> {
    let raw: RawProfile = toml::from_str(text)?;
    let checks = raw
        .checks
        .into_iter()
        .map(|c| {
            let evidence = Evidence::parse(&c.evidence).ok_or_else(|| ProfileError::Evidence { check: c.id.clone(), evidence: c.evidence.clone() })?;
            Ok(Check { id: c.id, requirement: c.requirement, label: c.label, evidence, required: c.required })
        })
        .collect::<Result<_, ProfileError>>()?;
    Ok(Profile {
        id: raw.id,
        name: raw.name,
        jurisdiction: raw.jurisdiction,
        version: hex::encode(Sha256::digest(text.as_bytes())),
        documents: raw.documents,
        four_eyes: raw.four_eyes,
        review_sample_percent: raw.review_sample_percent.min(100),
        review_no_match: raw.review_no_match,
        review_overrides: raw.review_overrides,
        review_low_quality: raw.review_low_quality,
        retention_days: raw.retention_days,
        aborted_retention_days: raw.aborted_retention_days,
        quality: raw.quality,
        checks,
        reasons: raw.reasons,
    })
}

/// Every profile of the deployment, by id (cheap to clone).
#[derive(Debug, Clone)]
pub struct Profiles(Arc<BTreeMap<String, Profile>>);

impl Profiles {
    pub fn built_in() -> Result<Profiles, ProfileError> {
        let mut map = BTreeMap::new();
        for text in BUILT_IN {
            let p = parse(text)?;
            if map.insert(p.id.clone(), p.clone()).is_some() {
                return Err(ProfileError::Duplicate(p.id));
            }
        }
        Ok(Profiles(Arc::new(map)))
    }

    pub fn get(&self, id: &str) -> Option<&Profile> {
        self.0.get(id)
    }

    pub fn all(&self) -> impl Iterator<Item = &Profile> {
        self.0.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_profiles_parse_and_name_known_evidence() {
        let p = Profiles::built_in().expect("built-in profiles parse");
        for id in ["basic", "bafin-rs-3-2017", "rbi-vcip", "at-fvfiv"] {
            let profile = p.get(id).expect(id);
            assert_eq!(profile.version.len(), 64);
            assert!(profile.checks.iter().any(|c| c.evidence == Evidence::Recording), "{id} requires a recording");
            assert!(!profile.reasons.reject.is_empty());
        }
        assert!(p.get("rbi-vcip").expect("rbi").four_eyes, "RBI requires a concurrent audit");
    }

    #[test]
    fn unknown_evidence_is_refused() {
        let text = include_str!("../../profiles/basic.toml").replace("\"still:face\"", "\"still:selfie\"");
        assert!(matches!(parse(&text), Err(ProfileError::Evidence { .. })));
    }

    #[test]
    fn the_version_changes_with_the_file() {
        let a = parse(include_str!("../../profiles/basic.toml")).expect("parses");
        let b = parse(&format!("{}\n# edited\n", include_str!("../../profiles/basic.toml"))).expect("parses");
        assert_ne!(a.version, b.version);
    }
}

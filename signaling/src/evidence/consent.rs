//! Consent: separate, explicit, versioned texts for processing, recording and biometrics; each
//! decision stored as an append-only record (no route updates or deletes one). Media and stills
//! are refused until all three are given; a withdrawal is a new record.

use crate::db::Db;
use domain::SessionId;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::Row;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema, ts_rs::TS)]
#[derive(strum::AsRefStr, strum::EnumString, strum::EnumIter)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[ts(export)]
pub enum ConsentKind {
    /// Processing of personal data for the identification.
    Processing,
    /// Audio and video recording of the call.
    Recording,
    /// Biometric comparison of the face with the ID photo.
    Biometrics,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, strum::AsRefStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ConsentDecision {
    Given,
    Withdrawn,
}

/// The consent texts the server knows, per kind and language: `profiles/consent/<kind>.<lang>.md`.
const TEXTS: &[(ConsentKind, &str, &str)] = &[
    (ConsentKind::Processing, "en", include_str!("../../../profiles/consent/processing.en.md")),
    (ConsentKind::Processing, "fr", include_str!("../../../profiles/consent/processing.fr.md")),
    (ConsentKind::Processing, "vi", include_str!("../../../profiles/consent/processing.vi.md")),
    (ConsentKind::Recording, "en", include_str!("../../../profiles/consent/recording.en.md")),
    (ConsentKind::Recording, "fr", include_str!("../../../profiles/consent/recording.fr.md")),
    (ConsentKind::Recording, "vi", include_str!("../../../profiles/consent/recording.vi.md")),
    (ConsentKind::Biometrics, "en", include_str!("../../../profiles/consent/biometrics.en.md")),
    (ConsentKind::Biometrics, "fr", include_str!("../../../profiles/consent/biometrics.fr.md")),
    (ConsentKind::Biometrics, "vi", include_str!("../../../profiles/consent/biometrics.vi.md")),
];

/// A consent text as shown to the customer.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ConsentText {
    pub kind: ConsentKind,
    pub language: String,
    /// SHA-256 of the text; the customer's consent names it.
    pub version: String,
    /// Markdown.
    pub text: String,
}

pub fn texts(language: &str) -> Vec<ConsentText> {
    let lang = if TEXTS.iter().any(|(_, l, _)| *l == language) { language } else { "en" };
    TEXTS
        .iter()
        .filter(|(_, l, _)| *l == lang)
        .map(|(k, l, t)| ConsentText { kind: *k, language: (*l).to_owned(), version: hex::encode(Sha256::digest(t.as_bytes())), text: (*t).to_owned() })
        .collect()
}

/// The versions of the texts of this kind (one per language), for the API description.
pub fn versions(kind: ConsentKind) -> Vec<String> {
    TEXTS.iter().filter(|(k, _, _)| *k == kind).map(|(_, _, t)| hex::encode(Sha256::digest(t.as_bytes()))).collect()
}

/// Whether `version` is the hash of a text of this kind (in any language).
pub fn known_version(kind: ConsentKind, version: &str) -> Option<&'static str> {
    TEXTS.iter().find(|(k, _, t)| *k == kind && hex::encode(Sha256::digest(t.as_bytes())) == version).map(|(_, l, _)| *l)
}

/// A stored consent record.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ConsentRecord {
    pub kind: ConsentKind,
    pub decision: ConsentDecision,
    pub text_version: String,
    pub language: String,
    pub at: i64,
}

pub async fn record(db: &Db, session: &SessionId, kind: ConsentKind, decision: ConsentDecision, version: &str, language: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO consents (session_id, kind, decision, text_version, language, at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(session.as_str().to_owned())
        .bind(kind.as_ref())
        .bind(decision.as_ref())
        .bind(version.to_owned())
        .bind(language.to_owned())
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn history(db: &Db, session: &SessionId) -> Result<Vec<ConsentRecord>, sqlx::Error> {
    let rows = sqlx::query("SELECT kind, decision, text_version, language, at FROM consents WHERE session_id = $1 ORDER BY id")
        .bind(session.as_str().to_owned())
        .fetch_all(db)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(ConsentRecord {
                kind: r.try_get::<String, _>("kind")?.parse().map_err(|_| sqlx::Error::Decode("consent kind".into()))?,
                decision: r.try_get::<String, _>("decision")?.parse().map_err(|_| sqlx::Error::Decode("consent decision".into()))?,
                text_version: r.try_get("text_version")?,
                language: r.try_get("language")?,
                at: r.try_get("at")?,
            })
        })
        .collect()
}

/// The kinds currently given (the latest record of each kind says `given`).
pub fn in_force(history: &[ConsentRecord]) -> BTreeSet<ConsentKind> {
    let mut given = BTreeSet::new();
    for r in history {
        match r.decision {
            ConsentDecision::Given => given.insert(r.kind),
            ConsentDecision::Withdrawn => given.remove(&r.kind),
        };
    }
    given
}

/// Whether media (the call, stills) may be taken: every kind given.
pub fn allows_media(history: &[ConsentRecord]) -> bool {
    in_force(history).len() == 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(kind: ConsentKind, decision: ConsentDecision) -> ConsentRecord {
        ConsentRecord { kind, decision, text_version: String::new(), language: "en".into(), at: 0 }
    }

    #[test]
    fn media_needs_all_three_consents_and_a_withdrawal_takes_one_back() {
        use ConsentDecision::*;
        use ConsentKind::*;
        let mut h = vec![rec(Processing, Given), rec(Recording, Given)];
        assert!(!allows_media(&h));
        h.push(rec(Biometrics, Given));
        assert!(allows_media(&h));
        h.push(rec(Recording, Withdrawn));
        assert!(!allows_media(&h));
    }

    #[test]
    fn every_text_exists_in_english_french_and_vietnamese_and_versions_are_known() {
        for lang in ["en", "fr", "vi"] {
            let t = texts(lang);
            assert_eq!(t.len(), 3, "{lang}");
            for text in t {
                assert_eq!(known_version(text.kind, &text.version), Some(lang));
                assert!(text.text.len() > 100);
            }
        }
        assert_eq!(texts("de")[0].language, "en", "unknown languages fall back to English");
    }
}

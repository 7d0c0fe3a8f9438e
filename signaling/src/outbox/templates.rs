//! The e-mails' texts, one file per language (`signaling/templates/mail/<lang>.toml`, embedded),
//! one table per message with `subject` and `body`. Placeholders are `{name}`; a body line that
//! consists only of a placeholder whose value is empty is dropped.

use serde::Deserialize;
use std::collections::BTreeMap;

const FILES: &[(&str, &str)] = &[
    ("en", include_str!("../../templates/mail/en.toml")),
    ("fr", include_str!("../../templates/mail/fr.toml")),
    ("vi", include_str!("../../templates/mail/vi.toml")),
];

/// Every message the outbox sends.
pub const MESSAGES: &[&str] = &[
    "invite",
    "rescheduled",
    "cancel",
    "reminder",
    "rebook_offer",
    "callback",
    "under_review",
    "result_approved",
    "result_rejected",
    "result_inconclusive",
];

/// The placeholders texts may use.
pub const PLACEHOLDERS: &[&str] = &["start", "manage_url", "link", "return_url"];

#[derive(Debug, Clone, Deserialize)]
struct Text {
    subject: String,
    body: String,
}

/// A rendered e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub body: String,
}

fn catalogue(language: &str) -> Option<BTreeMap<String, Text>> {
    let (_, text) = FILES.iter().find(|(l, _)| *l == language).or_else(|| FILES.first())?;
    toml::from_str(text).ok()
}

fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// Renders `message` in `language` (English when the language is unknown).
pub fn render(message: &str, language: &str, values: &[(&str, &str)]) -> Option<Rendered> {
    let cat = catalogue(language)?;
    let t = cat.get(message)?;
    let empty: Vec<String> = values.iter().filter(|(_, v)| v.is_empty()).map(|(k, _)| format!("{{{k}}}")).collect();
    let body: Vec<String> = t.body.trim().lines().filter(|l| !empty.iter().any(|e| l.trim() == e)).map(|l| fill(l, values)).collect();
    // A subject is one line: whatever a value holds, no header can be injected.
    let subject = fill(&t.subject, values).replace(['\r', '\n'], " ");
    Some(Rendered { subject, body: format!("{}\n", body.join("\n")) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_exists_in_every_language_with_known_placeholders_only() {
        for (lang, _) in FILES {
            let cat = catalogue(lang).expect(lang);
            for m in MESSAGES {
                let t = cat.get(*m).unwrap_or_else(|| panic!("{m} missing in {lang}"));
                let mut text = format!("{} {}", t.subject, t.body);
                for p in PLACEHOLDERS {
                    text = text.replace(&format!("{{{p}}}"), "");
                }
                assert!(!text.contains('{'), "{lang}/{m} uses an unknown placeholder");
            }
            assert_eq!(cat.len(), MESSAGES.len(), "{lang} has extra messages");
        }
    }

    #[test]
    fn empty_placeholders_drop_their_line_and_subjects_stay_on_one_line() {
        let r = render("result_approved", "fr", &[("return_url", "")]).expect("renders");
        assert!(!r.body.contains("{return_url}"));
        assert_eq!(r.subject, "Votre identification est réussie");
        let r = render("invite", "vi", &[("start", "2030-01-07 10:00\r\nBcc: x"), ("manage_url", "https://k/b#t=1")]).expect("renders");
        assert!(!r.subject.contains('\n') && !r.subject.contains('\r'));
        assert!(r.body.contains("https://k/b#t=1"));
        assert_eq!(render("invite", "de", &[]).map(|r| r.subject.starts_with("Your")), Some(true));
    }
}

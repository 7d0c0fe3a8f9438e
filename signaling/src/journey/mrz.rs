//! What a machine-readable zone says, and how it compares with the application (pure).
//!
//! Names on an MRZ are upper case, transliterated per ICAO Doc 9303 (accents dropped, or
//! `Ä`→`AE`, `ß`→`SS`, …, depending on the issuer), with hyphens and apostrophes dropped and
//! long names truncated at the field's end. A name typed as "Müller-Lüdenscheidt" therefore
//! equals `MUELLER LUEDENSCHEIDT` and `MULLER LUDENSCHEIDT`; a truncated MRZ name equals a
//! typed name it begins.

use super::applicant::Applicant;
use super::countries;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use utoipa::ToSchema;

/// The fields media-ai read (media-ai/PROTOCOL.md, `document_result.mrz`). `Debug` redacts.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Mrz {
    /// `TD1`, `TD2` or `TD3`.
    pub format: String,
    pub document_code: String,
    pub issuing_state: String,
    pub document_number: String,
    pub nationality: String,
    /// ISO date, when the field read as a date.
    pub birth_date: Option<String>,
    pub sex: String,
    pub expiry_date: Option<String>,
    pub surname: String,
    pub given_names: String,
    #[serde(default)]
    pub optional_data: String,
}

impl std::fmt::Debug for Mrz {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Mrz({}, <redacted>)", self.format)
    }
}

/// How one application field compares with the MRZ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MatchStatus {
    Equal,
    Mismatch,
    /// The form was empty here; the MRZ's value was filled in for the customer to confirm.
    FilledFromMrz,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FieldComparison {
    pub field: String,
    pub status: MatchStatus,
    /// What the MRZ says (in the form's format: ISO date, alpha-3 code).
    pub mrz: String,
    /// What the application said before the comparison.
    pub application: Option<String>,
}

impl std::fmt::Debug for FieldComparison {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FieldComparison({}, {:?})", self.field, self.status)
    }
}

/// The MRZ's value of each compared application field.
fn mrz_fields(m: &Mrz) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("surname", Some(m.surname.clone())),
        ("given_names", Some(m.given_names.clone())),
        ("date_of_birth", m.birth_date.clone()),
        ("nationality", Some(countries::canonical(&m.nationality).to_owned()).filter(|n| !n.is_empty())),
    ]
}

/// Whether the MRZ's name field is cut at the end of its line (the line ends in a letter, not `<`).
pub fn names_truncated(m: &Mrz, lines: &[String]) -> bool {
    let line = match m.format.as_str() {
        "TD1" => lines.get(2),
        _ => lines.first(),
    };
    line.and_then(|l| l.chars().last()).is_some_and(|c| c != '<')
}

/// Compares the application with the MRZ, field by field.
pub fn compare(app: &Applicant, m: &Mrz, truncated: bool) -> Vec<FieldComparison> {
    let mut out = vec![];
    for (field, mrz) in mrz_fields(m) {
        let Some(mrz) = mrz else { continue };
        let typed = app.get(field).map(str::trim).filter(|v| !v.is_empty());
        let status = match (field, typed) {
            ("given_names", None) if mrz.is_empty() => MatchStatus::Equal,
            (_, None) => MatchStatus::FilledFromMrz,
            ("surname" | "given_names", Some(t)) if name_matches(t, &mrz, truncated) => MatchStatus::Equal,
            ("nationality", Some(t)) if countries::canonical(&t.to_ascii_uppercase()) == mrz => MatchStatus::Equal,
            ("date_of_birth", Some(t)) if t == mrz => MatchStatus::Equal,
            _ => MatchStatus::Mismatch,
        };
        out.push(FieldComparison { field: field.to_owned(), status, mrz, application: typed.map(str::to_owned) });
    }
    out
}

/// The application with the MRZ's values in its empty fields.
pub fn fill(app: &Applicant, comparison: &[FieldComparison]) -> Applicant {
    let mut a = app.clone();
    for c in comparison.iter().filter(|c| c.status == MatchStatus::FilledFromMrz) {
        a.set(&c.field, Some(c.mrz.clone()));
    }
    a
}

/// Whether a typed name and an MRZ name are the same under the Doc 9303 transliterations.
pub fn name_matches(typed: &str, mrz: &str, truncated: bool) -> bool {
    let mrz = squash(&mrz.replace('<', " "));
    transliterations(typed).iter().any(|t| *t == mrz || (truncated && !mrz.is_empty() && t.starts_with(&mrz)))
}

/// Upper-case letters and single spaces only.
fn squash(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_alphanumeric() { c.to_ascii_uppercase() } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The MRZ spellings of a typed name: diacritics dropped, or the German/Nordic expansions.
fn transliterations(typed: &str) -> Vec<String> {
    let special = |c: char, expand: bool| -> Option<&'static str> {
        Some(match c {
            'Ä' | 'ä' if expand => "AE",
            'Ö' | 'ö' if expand => "OE",
            'Ü' | 'ü' if expand => "UE",
            'Å' | 'å' if expand => "AA",
            'Ø' | 'ø' => if expand { "OE" } else { "O" },
            'Æ' | 'æ' => "AE",
            'Œ' | 'œ' => "OE",
            'ß' => "SS",
            'Þ' | 'þ' => "TH",
            'Đ' | 'đ' | 'Ð' | 'ð' => "D",
            'Ł' | 'ł' => "L",
            'ı' => "I",
            // Apostrophes vanish in the MRZ (O'Sullivan → OSULLIVAN).
            '\'' | '\u{2019}' => "",
            _ => return None,
        })
    };
    [false, true]
        .iter()
        .map(|&expand| {
            let mut s = String::new();
            for c in typed.chars() {
                match special(c, expand) {
                    Some(r) => s.push_str(r),
                    None => s.extend(c.to_string().nfd().filter(|d| d.is_ascii())),
                }
            }
            squash(&s)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mrz(surname: &str, given: &str) -> Mrz {
        Mrz {
            format: "TD3".into(),
            document_code: "P".into(),
            issuing_state: "D".into(),
            document_number: "C01X00T47".into(),
            nationality: "D".into(),
            birth_date: Some("1964-08-12".into()),
            sex: "F".into(),
            expiry_date: Some("2031-10-31".into()),
            surname: surname.into(),
            given_names: given.into(),
            optional_data: String::new(),
        }
    }

    #[test]
    fn typed_names_match_their_mrz_transliterations() {
        assert!(name_matches("Müller-Lüdenscheidt", "MUELLER LUEDENSCHEIDT", false));
        assert!(name_matches("Müller", "MULLER", false));
        assert!(name_matches("O'Sullivan", "OSULLIVAN", false));
        assert!(name_matches("Nguyễn Thị", "NGUYEN THI", false));
        assert!(name_matches("Đặng", "DANG", false));
        assert!(name_matches("Ana Carolina", "ANA CAROLI", true), "a truncated MRZ name is a prefix");
        assert!(!name_matches("Ana Carolina", "ANA CAROLI", false));
        assert!(!name_matches("Meyer", "MEIER", false));
    }

    #[test]
    fn the_comparison_names_mismatches_and_fills_what_was_empty() {
        let app = Applicant { surname: Some("Müller".into()), given_names: Some("Erika".into()), nationality: Some("DEU".into()), date_of_birth: Some("1964-08-21".into()), ..Applicant::default() };
        let c = compare(&app, &mrz("MUELLER", "ERIKA"), false);
        let status = |f: &str| c.iter().find(|x| x.field == f).map(|x| x.status);
        assert_eq!(status("surname"), Some(MatchStatus::Equal));
        assert_eq!(status("nationality"), Some(MatchStatus::Equal), "the MRZ's D is Germany");
        assert_eq!(status("date_of_birth"), Some(MatchStatus::Mismatch));
        let empty = compare(&Applicant::default(), &mrz("MUELLER", "ERIKA"), false);
        assert!(empty.iter().all(|x| x.status == MatchStatus::FilledFromMrz));
        let filled = fill(&Applicant::default(), &empty);
        assert_eq!(filled.nationality.as_deref(), Some("DEU"));
        assert_eq!(filled.date_of_birth.as_deref(), Some("1964-08-12"));
    }

    #[test]
    fn a_name_line_ending_in_a_letter_is_truncated() {
        let m = mrz("ANA", "CAROLI");
        assert!(names_truncated(&m, &["P<PRTANA<<CAROLI".into()]));
        assert!(!names_truncated(&m, &["P<PRTANA<<CAROLINA<<<".into()]));
    }
}

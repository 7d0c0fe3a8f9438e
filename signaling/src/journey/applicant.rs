//! The applicant's data and its validation (pure): names, date of birth, nationality, address,
//! e-mail and phone. Every refusal is a field and a stable code the form translates. A draft
//! is checked field by field (missing fields are fine); a submission needs every required one.

use super::countries;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// An optional nested object that must be written as a JSON object: serde's derive would also
/// take an array of the fields' values in order, which the API does not document.
pub fn object_only<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    Option::<serde_json::Map<String, serde_json::Value>>::deserialize(d)?
        .map(|m| serde_json::from_value(serde_json::Value::Object(m)).map_err(serde::de::Error::custom))
        .transpose()
}

/// Longest accepted value of any field; longer is not a typing state but garbage, refused whole.
pub const MAX_FIELD_CHARS: usize = 200;

/// The applicant as typed. Every field is optional in a draft. `Debug` prints nothing of it.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surname: Option<String>,
    /// May be empty: some people have a single name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_names: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<String>,
    /// ISO 3166-1 alpha-3, as on machine-readable zones (`FRA`, `VNM`; `D` is accepted for Germany).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
    #[serde(default, deserialize_with = "object_only", skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// International format (`+33 1 23 45 67 89`); stored in E.164.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

impl std::fmt::Debug for Applicant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Applicant(<redacted>)")
    }
}

#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Address {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// ISO 3166-1 alpha-3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

impl std::fmt::Debug for Address {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Address(<redacted>)")
    }
}

/// One refused field: `field` is its path (`address.city`), `code` a stable snake_case code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FieldError {
    pub field: String,
    pub code: String,
}

fn err(field: &str, code: &str) -> FieldError {
    FieldError { field: field.to_owned(), code: code.to_owned() }
}

/// What a check needs besides the data.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    pub today: NaiveDate,
    pub min_age_years: u32,
    /// `true` for a submission: required fields must be there.
    pub complete: bool,
}

/// Values longer than [`MAX_FIELD_CHARS`]: the request is refused and nothing stored.
pub fn oversized(a: &Applicant) -> Vec<FieldError> {
    a.fields().into_iter().filter(|(_, v)| v.is_some_and(|v| v.chars().count() > MAX_FIELD_CHARS)).map(|(f, _)| err(f, "field_too_long")).collect()
}

impl Applicant {
    /// Every field by its path, in form order.
    pub fn fields(&self) -> Vec<(&'static str, Option<&str>)> {
        let ad = self.address.as_ref();
        vec![
            ("surname", self.surname.as_deref()),
            ("given_names", self.given_names.as_deref()),
            ("date_of_birth", self.date_of_birth.as_deref()),
            ("nationality", self.nationality.as_deref()),
            ("address.line1", ad.and_then(|a| a.line1.as_deref())),
            ("address.line2", ad.and_then(|a| a.line2.as_deref())),
            ("address.postal_code", ad.and_then(|a| a.postal_code.as_deref())),
            ("address.city", ad.and_then(|a| a.city.as_deref())),
            ("address.country", ad.and_then(|a| a.country.as_deref())),
            ("email", self.email.as_deref()),
            ("phone", self.phone.as_deref()),
        ]
    }

    /// The value of one field (by its path).
    pub fn get(&self, field: &str) -> Option<&str> {
        self.fields().into_iter().find(|(f, _)| *f == field).and_then(|(_, v)| v)
    }

    /// Sets one field (by its path); `None` clears it.
    pub fn set(&mut self, field: &str, value: Option<String>) {
        let ad = || Address::default();
        match field {
            "surname" => self.surname = value,
            "given_names" => self.given_names = value,
            "date_of_birth" => self.date_of_birth = value,
            "nationality" => self.nationality = value,
            "email" => self.email = value,
            "phone" => self.phone = value,
            "address.line1" => self.address.get_or_insert_with(ad).line1 = value,
            "address.line2" => self.address.get_or_insert_with(ad).line2 = value,
            "address.postal_code" => self.address.get_or_insert_with(ad).postal_code = value,
            "address.city" => self.address.get_or_insert_with(ad).city = value,
            "address.country" => self.address.get_or_insert_with(ad).country = value,
            _ => {}
        }
    }

    /// Overlays `other`'s present fields onto `self` (a prefill under what the customer typed).
    pub fn overlay(&mut self, other: &Applicant) {
        for (f, v) in other.fields() {
            if let Some(v) = v {
                self.set(f, Some(v.to_owned()));
            }
        }
    }
}

fn has_control(v: &str) -> bool {
    v.chars().any(char::is_control)
}

/// Letters of any script, combining marks, and the separators names use.
fn is_name(v: &str) -> bool {
    let ok = |c: char| c.is_alphabetic() || ('\u{0300}'..='\u{036F}').contains(&c) || matches!(c, ' ' | '-' | '\'' | '\u{2019}' | '.');
    v.chars().all(ok) && v.chars().any(char::is_alphabetic)
}

/// Checks `a`; returns it normalised (trimmed; e-mail and phone as the parsers give them;
/// codes upper case) with the refused fields. Refused values are kept as typed.
pub fn check(a: &Applicant, rules: Rules) -> (Applicant, Vec<FieldError>) {
    let mut out = Applicant::default();
    let mut errors = vec![];
    for (field, value) in a.fields() {
        let v = value.map(str::trim).filter(|v| !v.is_empty());
        let required = matches!(field, "surname" | "date_of_birth" | "nationality" | "address.line1" | "address.city" | "address.country" | "email" | "phone");
        let Some(v) = v else {
            if rules.complete && required {
                errors.push(err(field, required_code(field)));
            }
            continue;
        };
        match check_field(field, v, rules) {
            Ok(norm) => out.set(field, Some(norm)),
            Err(code) => {
                errors.push(err(field, code));
                out.set(field, Some(v.to_owned()));
            }
        }
    }
    (out, errors)
}

fn required_code(field: &str) -> &'static str {
    match field {
        "surname" => "name_required",
        "date_of_birth" => "date_of_birth_required",
        "nationality" => "nationality_required",
        "address.line1" => "address_required",
        "address.city" => "city_required",
        "address.country" => "country_required",
        "email" => "email_required",
        "phone" => "phone_required",
        _ => "required",
    }
}

fn check_field(field: &str, v: &str, rules: Rules) -> Result<String, &'static str> {
    match field {
        "surname" | "given_names" => is_name(v).then(|| v.split_whitespace().collect::<Vec<_>>().join(" ")).ok_or("invalid_name"),
        "date_of_birth" => date_of_birth(v, rules),
        "nationality" | "address.country" => {
            let code = v.to_ascii_uppercase();
            let known = code.len() <= 3 && code.chars().all(|c| c.is_ascii_uppercase()) && countries::is_known(&code);
            known.then_some(code).ok_or(if field == "nationality" { "invalid_nationality" } else { "invalid_country" })
        }
        "address.line1" | "address.line2" => (!has_control(v)).then(|| v.to_owned()).ok_or("invalid_address"),
        "address.city" => (!has_control(v) && v.chars().any(char::is_alphabetic)).then(|| v.to_owned()).ok_or("invalid_city"),
        "address.postal_code" => {
            let ok = v.chars().count() <= 16 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
            ok.then(|| v.to_ascii_uppercase()).ok_or("invalid_postal_code")
        }
        "email" => crate::contact::email(v),
        "phone" => crate::contact::phone(v),
        _ => Ok(v.to_owned()),
    }
}

fn date_of_birth(v: &str, rules: Rules) -> Result<String, &'static str> {
    let well_formed = v.len() == 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-';
    let d = NaiveDate::parse_from_str(v, "%Y-%m-%d").ok().filter(|_| well_formed).ok_or("invalid_date_of_birth")?;
    if d > rules.today {
        return Err("date_of_birth_in_future");
    }
    let age = years_between(d, rules.today);
    if age > 130 {
        return Err("implausible_date_of_birth");
    }
    if age < rules.min_age_years {
        return Err("applicant_too_young");
    }
    Ok(d.format("%Y-%m-%d").to_string())
}

/// Whole years from `from` to `to` (birthday rule: the day before the anniversary is one short).
fn years_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut years = to.year() - from.year();
    if (to.month(), to.day()) < (from.month(), from.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

/// Errors grouped by field, for a quick look-up.
pub fn by_field(errors: &[FieldError]) -> BTreeMap<&str, &str> {
    errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(complete: bool) -> Rules {
        Rules { today: NaiveDate::from_ymd_opt(2030, 1, 7).expect("date"), min_age_years: 18, complete }
    }

    fn full() -> Applicant {
        Applicant {
            surname: Some("Nguyễn".into()),
            given_names: Some("Thị  Minh Khai".into()),
            date_of_birth: Some("1990-02-28".into()),
            nationality: Some("vnm".into()),
            address: Some(Address {
                line1: Some("12 rue de la Paix".into()),
                line2: None,
                postal_code: Some("75002".into()),
                city: Some("Paris".into()),
                country: Some("FRA".into()),
            }),
            email: Some("minh@example.org".into()),
            phone: Some("+33 1 42 68 53 00".into()),
        }
    }

    #[test]
    fn a_complete_application_passes_and_comes_back_normalised() {
        let (norm, errors) = check(&full(), rules(true));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(norm.given_names.as_deref(), Some("Thị Minh Khai"));
        assert_eq!(norm.nationality.as_deref(), Some("VNM"));
        assert_eq!(norm.phone.as_deref(), Some("+33142685300"));
    }

    #[test]
    fn every_field_refuses_garbage_with_its_own_code() {
        let mut a = full();
        a.surname = Some("R2-D2".into());
        a.given_names = Some("<script>".into());
        a.date_of_birth = Some("1990-02-30".into());
        a.nationality = Some("XYZ".into());
        a.address = Some(Address { line1: Some("a\u{0}b".into()), line2: None, postal_code: Some("75002!".into()), city: Some("123".into()), country: Some("France".into()) });
        a.email = Some("not an address".into());
        a.phone = Some("0123".into());
        let (_, errors) = check(&a, rules(false));
        let got = by_field(&errors);
        assert_eq!(got["surname"], "invalid_name");
        assert_eq!(got["given_names"], "invalid_name");
        assert_eq!(got["date_of_birth"], "invalid_date_of_birth");
        assert_eq!(got["nationality"], "invalid_nationality");
        assert_eq!(got["address.line1"], "invalid_address");
        assert_eq!(got["address.postal_code"], "invalid_postal_code");
        assert_eq!(got["address.city"], "invalid_city");
        assert_eq!(got["address.country"], "invalid_country");
        assert_eq!(got["email"], "invalid_email");
        assert_eq!(got["phone"], "invalid_phone");
    }

    #[test]
    fn dates_of_birth_must_be_real_past_and_of_age() {
        let mut a = Applicant::default();
        for (v, code) in [("07/01/1990", "invalid_date_of_birth"), ("2031-01-01", "date_of_birth_in_future"), ("1890-01-01", "implausible_date_of_birth"), ("2012-01-08", "applicant_too_young")] {
            a.date_of_birth = Some(v.into());
            assert_eq!(by_field(&check(&a, rules(false)).1).get("date_of_birth").copied(), Some(code), "{v}");
        }
        a.date_of_birth = Some("2012-01-07".into());
        assert!(check(&a, rules(false)).1.is_empty(), "18 on the day");
    }

    #[test]
    fn a_draft_may_be_partial_but_a_submission_names_what_is_missing() {
        let a = Applicant { surname: Some("Martin".into()), ..Applicant::default() };
        assert!(check(&a, rules(false)).1.is_empty());
        let missing = by_field(&check(&a, rules(true)).1).into_iter().map(|(f, c)| format!("{f}:{c}")).collect::<Vec<_>>();
        assert_eq!(
            missing,
            ["address.city:city_required", "address.country:country_required", "address.line1:address_required", "date_of_birth:date_of_birth_required", "email:email_required", "nationality:nationality_required", "phone:phone_required"]
        );
    }

    #[test]
    fn refused_values_are_kept_as_typed_and_oversized_ones_are_named() {
        let a = Applicant { phone: Some("+49 1".into()), surname: Some("x".repeat(201)), ..Applicant::default() };
        let (kept, _) = check(&a, rules(false));
        assert_eq!(kept.phone.as_deref(), Some("+49 1"));
        assert_eq!(oversized(&a), vec![err("surname", "field_too_long")]);
        assert!(!format!("{a:?}").contains("+49"), "Debug prints no personal data");
    }
}

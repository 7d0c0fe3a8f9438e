//! Contact details as they enter the system, checked with real parsers: e-mail addresses per
//! RFC 5322 (`email_address`), phone numbers per the numbering plans (`phonenumber`, stored in
//! E.164). Refusals are stable codes.

use std::str::FromStr;

/// A bare address (`local@domain`): no display name, no comments, nothing that needs quoting in
/// a header or a calendar line.
pub fn email(raw: &str) -> Result<String, &'static str> {
    let trimmed = raw.trim();
    if trimmed.is_empty() || trimmed.len() > 254 || trimmed.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err("invalid_email");
    }
    let parsed = email_address::EmailAddress::from_str(trimmed).map_err(|_| "invalid_email")?;
    // Display-name forms ("Anna <a@b>") parse too; only the bare address is accepted.
    if parsed.display_part() != "" || parsed.email() != trimmed || !parsed.domain().contains('.') || parsed.domain().starts_with('[') {
        return Err("invalid_email");
    }
    Ok(parsed.email().to_owned())
}

/// A phone number in international format, returned as E.164 (`+4930123456`).
pub fn phone(raw: &str) -> Result<String, &'static str> {
    let trimmed = raw.trim();
    if trimmed.len() > 32 || !trimmed.starts_with('+') {
        return Err("invalid_phone");
    }
    let n = phonenumber::parse(None, trimmed).map_err(|_| "invalid_phone")?;
    if !phonenumber::is_valid(&n) {
        return Err("invalid_phone");
    }
    Ok(n.format().mode(phonenumber::Mode::E164).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_addresses_are_accepted_and_injection_attempts_refused() {
        assert_eq!(email(" anna@example.org ").as_deref(), Ok("anna@example.org"));
        for bad in ["anna", "anna@", "a@b", "Anna <anna@example.org>", "a@example.org\r\nATTENDEE:x", "a b@example.org", "a@[127.0.0.1]", ""] {
            assert_eq!(email(bad), Err("invalid_email"), "{bad:?}");
        }
    }

    #[test]
    fn phone_numbers_are_checked_against_the_numbering_plan_and_stored_in_e164() {
        assert_eq!(phone("+49 30 901820").as_deref(), Ok("+4930901820"));
        assert_eq!(phone("+84 28 3829 5555").as_deref(), Ok("+842838295555"));
        for bad in ["030 901820", "+49 1", "+999 123456", "call me", "+49 30 9018\r\n20"] {
            assert_eq!(phone(bad), Err("invalid_phone"), "{bad:?}");
        }
    }
}

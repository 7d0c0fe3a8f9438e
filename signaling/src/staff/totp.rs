//! Mandatory second factor: RFC 6238 TOTP (SHA-1, 6 digits, 30 s — what every authenticator
//! app speaks), each code accepted once (the highest accepted time step is stored), plus
//! single-use recovery codes. Enrollment shows an `otpauth://` URI and its QR code, rendered
//! here as SVG (no third-party service sees the secret).

use rand::RngCore;
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, TOTP};

pub const ISSUER: &str = "Video identification";
const STEP_SECS: i64 = 30;
/// Codes of the neighbouring time steps are accepted too (clock drift on phones).
const SKEW_STEPS: i64 = 1;

/// A fresh 160-bit secret.
pub fn new_secret() -> Vec<u8> {
    let mut s = vec![0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut s);
    s
}

fn totp(secret: &[u8], account: &str) -> Option<TOTP> {
    TOTP::new(Algorithm::SHA1, 6, 1, STEP_SECS as u64, secret.to_vec(), Some(ISSUER.to_owned()), account.to_owned()).ok()
}

/// The enrollment URI for authenticator apps.
pub fn uri(secret: &[u8], account: &str) -> String {
    totp(secret, account).map(|t| t.get_url()).unwrap_or_default()
}

/// The secret in base32, for typing it in by hand.
pub fn secret_base32(secret: &[u8]) -> String {
    totp_rs::Secret::Raw(secret.to_vec()).to_encoded().to_string()
}

/// The code for unix time `now_ms` (demo and tests).
pub fn code_at(secret: &[u8], now_ms: i64) -> String {
    totp(secret, "x").map(|t| t.generate((now_ms / 1000).max(0) as u64)).unwrap_or_default()
}

/// Why a code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeRefusal {
    Wrong,
    /// Right, but its time step was used already.
    Replayed,
}

/// Checks `code` at `now_ms` against a secret whose highest accepted step is `last_step`;
/// returns the step to store on success.
pub fn check(secret: &[u8], code: &str, now_ms: i64, last_step: i64) -> Result<i64, CodeRefusal> {
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CodeRefusal::Wrong);
    }
    let t = totp(secret, "x").ok_or(CodeRefusal::Wrong)?;
    let now_step = now_ms.div_euclid(1000) / STEP_SECS;
    let matched = (-SKEW_STEPS..=SKEW_STEPS)
        .map(|d| now_step + d)
        .filter(|s| *s >= 0)
        .find(|s| crate::tokens::constant_time_eq(t.generate((*s * STEP_SECS) as u64).as_bytes(), code.as_bytes()));
    match matched {
        Some(step) if step <= last_step => Err(CodeRefusal::Replayed),
        Some(step) => Ok(step),
        None => Err(CodeRefusal::Wrong),
    }
}

/// The enrollment URI as an SVG QR code.
pub fn qr_svg(uri: &str) -> String {
    match qrcode::QrCode::new(uri.as_bytes()) {
        Ok(code) => code.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).quiet_zone(true).build(),
        Err(_) => String::new(),
    }
}

/// Ten single-use recovery codes, `xxxx-xxxx-xxxx` (60 bits each).
pub fn new_recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    use rand::Rng;
    let mut rng = rand::rngs::OsRng;
    (0..10)
        .map(|_| {
            let chars: String = (0..12).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect();
            format!("{}-{}-{}", &chars[0..4], &chars[4..8], &chars[8..12])
        })
        .collect()
}

/// Whether a typed code looks like a recovery code rather than a TOTP code.
pub fn is_recovery_code(code: &str) -> bool {
    normalise_recovery(code).len() == 12
}

fn normalise_recovery(code: &str) -> String {
    code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

/// What is stored of a recovery code.
pub fn recovery_hash(code: &str) -> String {
    hex::encode(Sha256::digest(normalise_recovery(code).as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

    #[test]
    fn the_current_code_is_accepted_once() {
        let s = new_secret();
        let code = code_at(&s, T0);
        let step = check(&s, &code, T0, 0).expect("accepted");
        assert_eq!(check(&s, &code, T0 + 5_000, step), Err(CodeRefusal::Replayed));
    }

    #[test]
    fn a_code_from_the_previous_step_is_accepted_but_not_two_steps_back() {
        let s = new_secret();
        assert!(check(&s, &code_at(&s, T0 - 30_000), T0, 0).is_ok());
        assert_eq!(check(&s, &code_at(&s, T0 - 90_000), T0, 0), Err(CodeRefusal::Wrong));
    }

    #[test]
    fn an_older_code_is_refused_after_a_newer_one_was_used() {
        let s = new_secret();
        let newer = check(&s, &code_at(&s, T0), T0, 0).expect("accepted");
        assert_eq!(check(&s, &code_at(&s, T0 - 30_000), T0, newer), Err(CodeRefusal::Replayed));
    }

    #[test]
    fn malformed_codes_are_wrong() {
        let s = new_secret();
        for c in ["", "12345", "1234567", "abcdef"] {
            assert_eq!(check(&s, c, T0, 0), Err(CodeRefusal::Wrong));
        }
    }

    #[test]
    fn the_enrollment_uri_and_qr_carry_the_secret_and_issuer() {
        let s = new_secret();
        let u = uri(&s, "anna");
        assert!(u.starts_with("otpauth://totp/"));
        assert!(u.contains(&secret_base32(&s)));
        assert!(qr_svg(&u).starts_with("<?xml"));
    }

    #[test]
    fn recovery_codes_are_matched_regardless_of_case_and_dashes() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), 10);
        assert!(codes.iter().all(|c| is_recovery_code(c)));
        assert_eq!(recovery_hash(&codes[0]), recovery_hash(&codes[0].to_uppercase().replace('-', "")));
        assert!(!is_recovery_code("123456"));
    }
}

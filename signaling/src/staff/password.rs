//! Staff passwords: argon2id (OWASP parameters), and the policy a new password must meet —
//! long enough, not too long to hash cheaply, not on the list of passwords attackers try first,
//! not the account's own id.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

pub const MIN_LEN: usize = 12;
pub const MAX_LEN: usize = 128;

/// Passwords and password stems that breach lists show first; a password containing one of
/// these as a large part is refused.
const BLOCKLIST: &[&str] = &[
    "password", "passwort", "motdepasse", "matkhau", "123456", "1234567", "12345678", "123456789", "1234567890",
    "qwerty", "qwertz", "azerty", "asdfgh", "zxcvbn", "letmein", "welcome", "willkommen", "bienvenue", "admin",
    "administrator", "iloveyou", "monkey", "dragon", "football", "baseball", "sunshine", "princess", "master",
    "shadow", "superman", "trustno1", "abc123", "111111", "000000", "123123", "654321", "changeme", "secret",
    "passw0rd", "p@ssw0rd", "p@ssword", "summer", "winter", "spring", "autumn", "login", "default", "videokyc",
    "identity", "verification", "qazwsx", "1q2w3e4r", "zaq12wsx", "hello123", "freedom", "whatever", "starwars",
];

/// Why a new password is refused (a stable code for the UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordRejected {
    #[error("the password must have at least {MIN_LEN} characters")]
    TooShort,
    #[error("the password must have at most {MAX_LEN} characters")]
    TooLong,
    #[error("the password is too common or too close to the account name")]
    TooCommon,
}

impl PasswordRejected {
    pub fn code(self) -> &'static str {
        match self {
            PasswordRejected::TooShort => "password_too_short",
            PasswordRejected::TooLong => "password_too_long",
            PasswordRejected::TooCommon => "password_too_common",
        }
    }
}

/// Checks a new password for `account` against the policy.
pub fn check_policy(password: &str, account: &str) -> Result<(), PasswordRejected> {
    let n = password.chars().count();
    if n < MIN_LEN {
        return Err(PasswordRejected::TooShort);
    }
    if n > MAX_LEN {
        return Err(PasswordRejected::TooLong);
    }
    let lower = password.to_lowercase();
    let distinct = lower.chars().collect::<std::collections::BTreeSet<_>>().len();
    // A password made mostly of a blocked stem, of the account name, or of very few distinct
    // characters ("aaaaaaaaaaaa1") adds little to what an attacker tries first.
    let mostly = |stem: &str| !stem.is_empty() && lower.contains(stem) && stem.chars().count() * 2 >= n;
    if distinct < 5 || BLOCKLIST.iter().any(|s| mostly(s)) || mostly(&account.to_lowercase()) {
        return Err(PasswordRejected::TooCommon);
    }
    Ok(())
}

fn argon2() -> Argon2<'static> {
    // OWASP 2023: argon2id, 19 MiB, 2 iterations, 1 lane.
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The PHC string to store.
pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    argon2().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).unwrap_or_default()
}

pub fn verify(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => argon2().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// Spends the time a real verification takes, so an unknown account answers as slowly as a
/// known one with a wrong password.
pub fn verify_dummy(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let phc = DUMMY.get_or_init(|| hash("a dummy password that matches nothing"));
    let _ = verify(password, phc);
}

/// A random password for accounts made on the command line (the person changes it later).
pub fn generate() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    (0..20).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let phc = hash("correct horse battery staple");
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify("correct horse battery staple", &phc));
        assert!(!verify("correct horse battery stapler", &phc));
        assert!(!verify("x", "not a phc string"));
    }

    #[test]
    fn short_common_and_own_name_passwords_are_refused() {
        assert_eq!(check_policy("short1", "anna"), Err(PasswordRejected::TooShort));
        assert_eq!(check_policy("password1234", "anna"), Err(PasswordRejected::TooCommon));
        assert_eq!(check_policy("anna.schmidt1", "anna.schmidt"), Err(PasswordRejected::TooCommon));
        assert_eq!(check_policy("aaaaaaaaaaaa1", "anna"), Err(PasswordRejected::TooCommon));
        assert_eq!(check_policy(&"x1y2z3w4".repeat(20), "anna"), Err(PasswordRejected::TooLong));
        assert_eq!(check_policy("correct horse battery staple", "anna"), Ok(()));
    }

    #[test]
    fn generated_passwords_meet_the_policy() {
        for _ in 0..20 {
            assert_eq!(check_policy(&generate(), "anna"), Ok(()));
        }
    }
}

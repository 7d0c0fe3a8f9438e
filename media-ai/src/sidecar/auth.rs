//! The sidecar's shared secret: where it comes from, how it is compared, and that it never
//! appears in logs or debug output.
//!
//! The server proves it knows the secret with its first message, `{"type":"auth","secret":…}`;
//! nothing (frames, reference images, commands) is processed before that. The comparison takes
//! the same time whatever the position of the first differing byte.

use std::path::Path;

use crate::error::{Error, Result};

/// Environment variable holding the secret when no `--secret-file` is given.
pub const SECRET_ENV: &str = "MEDIA_AI_SECRET";
/// Shortest accepted secret (bytes): anything shorter is a typo or a placeholder.
pub const MIN_SECRET_LEN: usize = 16;

/// A secret. `Debug` prints a placeholder, never the value; `==` is constant-time.
#[derive(Clone, serde::Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl PartialEq for Secret {
    fn eq(&self, other: &Secret) -> bool {
        self.matches(&other.0)
    }
}

impl Eq for Secret {}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl Secret {
    /// A secret from its text; surrounding whitespace (a trailing newline in a file) is dropped.
    pub fn new(text: &str) -> Result<Self> {
        let t = text.trim();
        if t.len() < MIN_SECRET_LEN {
            return Err(Error::InvalidArgument(format!(
                "the sidecar secret must be at least {MIN_SECRET_LEN} bytes"
            )));
        }
        Ok(Secret(t.to_owned()))
    }

    /// Reads the secret from a file (the file's content, trimmed).
    pub fn from_file(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        Self::new(&text)
    }

    /// Whether `offered` is this secret, in time independent of where they differ.
    pub fn matches(&self, offered: &str) -> bool {
        constant_time_eq(self.0.as_bytes(), offered.as_bytes())
    }
}

/// Compares two byte strings without an early exit: every byte of the longer one is visited and
/// the result is folded with OR, so timing reveals at most the lengths.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let n = a.len().max(b.len());
    let mut diff = (a.len() ^ b.len()) as u64;
    for i in 0..n {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0);
        diff |= u64::from(x ^ y);
    }
    // Keep the optimiser from turning the loop back into an early-exit comparison.
    std::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_exactly_and_never_print() {
        let s = Secret::new("  correct horse battery staple\n").unwrap_or_else(|e| panic!("{e}"));
        assert!(s.matches("correct horse battery staple"));
        assert!(!s.matches("correct horse battery stapl"));
        assert!(!s.matches("correct horse battery staplf"));
        assert!(!s.matches(""));
        assert_eq!(format!("{s:?}"), "Secret(<redacted>)");
        assert!(Secret::new("short").is_err());
        assert!(constant_time_eq(b"", b""));
    }
}

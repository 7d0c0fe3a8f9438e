//! Personal data in a wrapper whose `Debug` and `Display` print nothing of it, so a stray
//! `{:?}` in a log line cannot leak a name, an e-mail address or a phone number.

use serde::{Deserialize, Serialize};

#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Pii<T>(T);

impl<T> Pii<T> {
    pub fn new(value: T) -> Self {
        Pii(value)
    }

    /// The value itself, for the code that has to use it (storage, rendering for the
    /// person it belongs to). Never for logging.
    pub fn expose(&self) -> &T {
        &self.0
    }

    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::fmt::Debug for Pii<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<personal data>")
    }
}

impl<T> std::fmt::Display for Pii<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<personal data>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_data_never_appears_in_debug_or_display_output() {
        let p = Pii::new("anna@example.com".to_owned());
        assert!(!format!("{p:?} {p}").contains("anna"));
        assert_eq!(p.expose(), "anna@example.com");
    }

    #[test]
    fn personal_data_serialises_as_the_value_itself() {
        let p = Pii::new("Anna".to_owned());
        assert_eq!(serde_json::to_string(&p).ok().as_deref(), Some("\"Anna\""));
    }
}

//! Identifiers. Each is a newtype over its text form, so ids of different things cannot be
//! mixed up; random ids are 128 bits in hex.

use rand::RngCore;

macro_rules! id_type {
    ($(#[doc = $doc:literal])* $name:ident, pattern = $pattern:literal) => {
        $(#[doc = $doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        #[serde(transparent)]
        #[ts(type = "string")]
        pub struct $name(String);

        /// A string of the id's form, so the API description says which texts can name one.
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .description(Some(concat!($($doc, "\n"),*).trim()))
                    .pattern(Some($pattern))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }
        }

        impl $name {
            /// The form of this id's text, as a regular expression (also in the API description).
            pub const PATTERN: &'static str = $pattern;
        }

        impl $name {
            /// A fresh random id (128 bits, hex).
            pub fn random() -> Self {
                let mut bytes = [0u8; 16];
                rand::rngs::OsRng.fill_bytes(&mut bytes);
                $name(hex::encode(bytes))
            }

            /// Wraps a text read from the database or a trusted source.
            pub fn from_stored(s: impl Into<String>) -> Self {
                $name(s.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// A verification session: one customer, one call (or several attempts), its evidence.
    SessionId, pattern = "^[0-9a-f]{32}$"
);
id_type!(
    /// A staff account. Agents' roster entries in the scheduler use the same id.
    StaffId, pattern = "^[a-z0-9._-]{1,64}$"
);
id_type!(
    /// An integrator API key (the public part; the secret is stored hashed).
    ApiKeyId, pattern = "^[0-9a-f]{16}$"
);
id_type!(
    /// An entry of the live queue.
    EntryId, pattern = "^[0-9a-f]{32}$"
);
id_type!(
    /// An offer of a queue entry to an agent.
    OfferId, pattern = "^[0-9a-f]{32}$"
);
id_type!(
    /// An appointment.
    BookingId, pattern = "^[0-9a-f]{32}$"
);

impl SessionId {
    /// Whether a text from a URL can be a session id at all (32 lowercase hex digits), so
    /// junk never reaches a query.
    pub fn parse(s: &str) -> Option<SessionId> {
        (s.len() == 32 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))).then(|| SessionId(s.to_owned()))
    }
}

impl StaffId {
    /// Staff ids are chosen by admins: 1–64 characters of `[a-z0-9._-]`.
    pub fn parse(s: &str) -> Option<StaffId> {
        let ok = !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
        ok.then(|| StaffId(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_session_ids_are_valid_and_distinct() {
        let a = SessionId::random();
        assert!(SessionId::parse(a.as_str()).is_some());
        assert_ne!(a, SessionId::random());
    }

    #[test]
    fn session_ids_from_urls_must_be_32_hex_digits() {
        assert!(SessionId::parse("../etc/passwd").is_none());
        assert!(SessionId::parse("ABCDEF0123456789abcdef0123456789").is_none());
        assert!(SessionId::parse("abcdef0123456789abcdef0123456789").is_some());
    }

    #[test]
    fn staff_ids_are_lowercase_slugs() {
        assert!(StaffId::parse("anna.schmidt").is_some());
        assert!(StaffId::parse("Anna").is_none());
        assert!(StaffId::parse("").is_none());
        assert!(StaffId::parse(&"a".repeat(65)).is_none());
    }

    #[test]
    fn ids_serialise_as_plain_strings() {
        let id = StaffId::from_stored("agent-1");
        assert_eq!(serde_json::to_string(&id).ok().as_deref(), Some("\"agent-1\""));
    }
}

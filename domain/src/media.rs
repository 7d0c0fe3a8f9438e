//! Kinds of media in a call.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[derive(strum::AsRefStr, strum::EnumString, strum::EnumIter, strum::IntoStaticStr, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum MediaKind {
    Audio,
    Video,
}

#[cfg(test)]
mod tests {
    #[test]
    fn stored_and_wire_names_agree() {
        crate::wire_check::same_names::<super::MediaKind>();
    }
}

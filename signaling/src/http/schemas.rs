//! Schemas the request types share, written out where a derive cannot say enough: the set of
//! time zones the server knows, binary bodies, and the text forms the handlers check. Each
//! one states exactly what the server accepts, so a request the document calls valid is not
//! refused for its form. (Patterns given inline in `#[utoipa::path]` attributes must be
//! literals there.)

use std::borrow::Cow;
use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::{KnownFormat, RefOr};
use utoipa::{PartialSchema, ToSchema};

/// A skill: `lang:`, `doc:` or `reg:` and a name.
pub const SKILL: &str = "^(lang|doc|reg):.+$";

/// A local wall-clock time, `HH:MM` or `HH:MM:SS`.
pub const TIME_OF_DAY: &str = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$";

/// Weekday names the roster accepts.
pub const WEEKDAYS: [&str; 28] = [
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
];

/// An IANA time zone name the server knows (the tz database compiled into it).
pub struct TimeZoneName;

impl PartialSchema for TimeZoneName {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some("An IANA time zone name, e.g. `Europe/Berlin` (the tz database compiled into the server)."))
            .enum_values(Some(chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())))
            .into()
    }
}

impl ToSchema for TimeZoneName {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("TimeZoneName")
    }
}

/// Raw bytes (an image, a media file).
pub struct Binary;

impl PartialSchema for Binary {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new().schema_type(Type::String).format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary))).into()
    }
}

impl ToSchema for Binary {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Binary")
    }
}

/// A string of the given form.
pub fn string_of(pattern: &str) -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String).pattern(Some(pattern))
}

/// A phone number in international format (`+` and digits; spaces allowed), valid in its
/// country's numbering plan. The format name `phone` is ours; JSON Schema has none for it.
pub fn phone() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::Custom("phone".into())))
        .max_length(Some(32))
        .description(Some("International format (`+49 30 1234567`), valid in the country's numbering plan; stored in E.164"))
}

/// An e-mail address (`local@domain`, no display name).
pub fn email() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String).format(Some(SchemaFormat::KnownFormat(KnownFormat::Email))).max_length(Some(254))
}

/// A string schema that also admits `null`.
pub fn nullable_string(schema: ObjectBuilder) -> Schema {
    let schema: Schema = schema.into();
    match schema {
        Schema::Object(mut o) => {
            o.schema_type = utoipa::openapi::schema::SchemaType::from_iter([Type::String, Type::Null]);
            Schema::Object(o)
        }
        other => other,
    }
}

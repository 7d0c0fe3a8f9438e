//! Request and response bodies of the scheduling API (times are RFC 3339 strings).

use super::booking_routes::{parse_time, rfc3339_ms, sched_err};
use super::error::AppError;
use super::extract::{object, objects};
use super::schemas::{self, TimeZoneName};
use crate::sessions::IssuedLink;
use domain::{BookingStatus, EntryId, OfferId, SessionId};
use chrono::{NaiveDate, NaiveTime, Weekday};
use scheduler::roster::parse_tz;
use scheduler::{Agent, Booking, FreeSlot, Needs, RosterException, WeeklyShift};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What the customer needs from the agent. `language` becomes the skill `lang:<language>`,
/// `document` `doc:<document>`, `profile` `reg:<profile>`; `skills` are taken as written.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct NeedsSpec {
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub document: Option<String>,
    #[serde(default)]
    pub profile: Option<String>,
    #[serde(default)]
    pub skills: Vec<String>,
}

impl NeedsSpec {
    /// No need named at all (a journey session then gets the needs the server derives).
    pub fn is_empty(&self) -> bool {
        self.language.is_none() && self.document.is_none() && self.profile.is_none() && self.skills.is_empty()
    }

    pub fn to_needs(&self) -> Needs {
        let mut v: Vec<String> = self.skills.clone();
        v.extend(self.language.iter().map(|l| format!("lang:{l}")));
        v.extend(self.document.iter().map(|d| format!("doc:{d}")));
        v.extend(self.profile.iter().map(|p| format!("reg:{p}")));
        Needs::of(v)
    }
}

fn weekday_schema() -> utoipa::openapi::Schema {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(schemas::WEEKDAYS))
        .description(Some("`mon` … `sun` (or full names)."))
        .into()
}

fn time_of_day_schema() -> utoipa::openapi::ObjectBuilder {
    schemas::string_of(schemas::TIME_OF_DAY)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShiftSpec {
    #[schema(schema_with = weekday_schema)]
    pub weekday: String,
    /// Local wall-clock time in the agent's zone, `HH:MM`; an end at or before the start ends next day.
    #[schema(schema_with = time_of_day_schema)]
    pub start: String,
    #[schema(schema_with = time_of_day_schema)]
    pub end: String,
}

/// A roster exception, by `kind`.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ExceptionSpec {
    /// A whole local day off.
    Holiday { date: String },
    /// An absence between two instants; booked appointments in it are moved to other agents.
    Absence { from: String, to: String },
}

// Written out because the derive leaves the variants open to other properties, which
// `deny_unknown_fields` refuses.
impl utoipa::PartialSchema for ExceptionSpec {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
        use utoipa::openapi::schema::{AdditionalProperties, KnownFormat, ObjectBuilder, OneOfBuilder, SchemaFormat, Type};
        let kind = |k: &str| ObjectBuilder::new().schema_type(Type::String).enum_values(Some([k]));
        let formatted = |f: KnownFormat| ObjectBuilder::new().schema_type(Type::String).format(Some(SchemaFormat::KnownFormat(f)));
        let closed = Some(AdditionalProperties::FreeForm(false));
        let holiday = ObjectBuilder::new()
            .description(Some("A whole local day off."))
            .property("kind", kind("holiday"))
            .property("date", formatted(KnownFormat::Date))
            .required("kind")
            .required("date")
            .additional_properties(closed.clone());
        let absence = ObjectBuilder::new()
            .description(Some("An absence between two instants; booked appointments in it are moved to other agents."))
            .property("kind", kind("absence"))
            .property("from", formatted(KnownFormat::DateTime))
            .property("to", formatted(KnownFormat::DateTime))
            .required("kind")
            .required("from")
            .required("to")
            .additional_properties(closed);
        OneOfBuilder::new().item(holiday).item(absence).into()
    }
}

impl ToSchema for ExceptionSpec {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("ExceptionSpec")
    }
}

fn skill_schema() -> utoipa::openapi::ObjectBuilder {
    schemas::string_of(schemas::SKILL)
}

fn skills_schema() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new().items(skill_schema()).build()
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutAgent {
    /// Time zone of the agent's shifts, e.g. `Europe/Berlin`.
    #[schema(value_type = TimeZoneName)]
    pub tz: String,
    /// `lang:…`, `doc:…`, `reg:…`.
    #[schema(schema_with = skills_schema)]
    pub skills: Vec<String>,
    #[serde(default, deserialize_with = "objects")]
    pub shifts: Vec<ShiftSpec>,
    #[serde(default, deserialize_with = "objects")]
    pub exceptions: Vec<ExceptionSpec>,
    /// Share of live customers under weighted-random routing (default 1).
    #[serde(default)]
    #[schema(minimum = 0)]
    pub weight: Option<f64>,
}

fn bad(msg: String) -> AppError {
    AppError::bad_request("invalid_input", msg)
}

/// `HH:MM` or `HH:MM:SS`, two digits each (as the document's pattern says).
fn parse_hm(s: &str) -> Result<NaiveTime, AppError> {
    let two_digit_fields = s.split(':').all(|f| f.len() == 2 && f.bytes().all(|b| b.is_ascii_digit()));
    let format = match s.len() {
        5 => "%H:%M",
        8 => "%H:%M:%S",
        _ => "",
    };
    (!format.is_empty() && two_digit_fields)
        .then(|| NaiveTime::parse_from_str(s, format).ok())
        .flatten()
        .ok_or_else(|| bad(format!("`{s}` is not a time of day (HH:MM)")))
}

fn parse_weekday(s: &str) -> Result<Weekday, AppError> {
    schemas::WEEKDAYS.contains(&s).then(|| s.parse().ok()).flatten().ok_or_else(|| bad(format!("`{s}` is not a weekday")))
}

impl PutAgent {
    pub fn into_agent(self, id: &str) -> Result<Agent, AppError> {
        // Roster entries are staff accounts' ids.
        if domain::StaffId::parse(id).is_none() {
            return Err(AppError::bad_request("invalid_path", "agent ids are staff ids: 1-64 characters of [a-z0-9._-]"));
        }
        let tz = parse_tz(&self.tz).map_err(sched_err)?;
        // A malformed skill is the request's fault (422), not the roster's (which is 409).
        scheduler::SkillCatalog::new(self.skills.iter().cloned()).map_err(|e| AppError::unprocessable(e.code(), e.to_string()))?;
        let mut agent = Agent::new(id, tz).with_skills(self.skills);
        for s in self.shifts {
            let weekday = parse_weekday(&s.weekday)?;
            agent.shifts.push(WeeklyShift { weekday, start: parse_hm(&s.start)?, end: parse_hm(&s.end)? });
        }
        for e in self.exceptions {
            agent.exceptions.push(match e {
                ExceptionSpec::Holiday { date } => RosterException::Holiday {
                    date: NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| bad(format!("`{date}` is not a date")))?,
                },
                ExceptionSpec::Absence { from, to } => RosterException::Absence { from: parse_time("from", &from)?, to: parse_time("to", &to)? },
            });
        }
        if let Some(w) = self.weight {
            if !(w.is_finite() && w >= 0.0) {
                return Err(bad("weight must be a non-negative number".into()));
            }
            agent.weight = w;
        }
        Ok(agent)
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReassignmentView {
    pub booking_id: String,
    pub from: String,
    /// `null`: nobody could take it; the booking was cancelled and a rebooking offer queued.
    pub to: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AgentView {
    pub id: String,
    pub tz: String,
    pub skills: Vec<String>,
    /// Shifts as `weekday start-end` in the agent's zone, e.g. `Mon 09:00-17:00`.
    pub shifts: Vec<String>,
    pub exceptions: usize,
    pub weight: f64,
    pub presence: Option<crate::scheduling::PresenceView>,
    /// Appointments moved because of an absence in this update.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reassigned: Vec<ReassignmentView>,
}

impl AgentView {
    pub fn new(a: &Agent, presence: Option<crate::scheduling::PresenceView>) -> Self {
        AgentView {
            id: a.id.clone(),
            tz: a.tz.name().into(),
            skills: a.skills.iter().cloned().collect(),
            shifts: a.shifts.iter().map(|s| format!("{} {}-{}", s.weekday, s.start.format("%H:%M"), s.end.format("%H:%M"))).collect(),
            exceptions: a.exceptions.len(),
            weight: a.weight,
            presence,
            reassigned: vec![],
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SlotView {
    pub start: String,
    pub end: String,
    /// The start in the customer's zone, with its offset.
    pub local_start: String,
    /// Qualified agents with a slot at this time, and how many of them are still free.
    pub capacity: u32,
    pub free: u32,
}

impl From<&FreeSlot> for SlotView {
    fn from(s: &FreeSlot) -> Self {
        SlotView {
            start: rfc3339_ms(s.start.timestamp_millis()),
            end: rfc3339_ms(s.end.timestamp_millis()),
            local_start: s.local_start.to_rfc3339(),
            capacity: s.capacity,
            free: s.free,
        }
    }
}

fn email_schema() -> utoipa::openapi::Schema {
    schemas::nullable_string(schemas::email())
}

fn phone_schema() -> utoipa::openapi::Schema {
    schemas::nullable_string(schemas::phone())
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactSpec {
    #[serde(default)]
    #[schema(schema_with = email_schema)]
    pub email: Option<String>,
    #[serde(default)]
    #[schema(schema_with = phone_schema)]
    pub phone: Option<String>,
}

/// A callback request: contact details with at least one of the two.
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub struct CallbackContact(pub ContactSpec);

impl utoipa::PartialSchema for CallbackContact {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
        use utoipa::openapi::schema::{AllOfBuilder, AnyOfBuilder, ObjectBuilder, Type};
        let present = |field: &str| ObjectBuilder::new().property(field, ObjectBuilder::new().schema_type(Type::String)).required(field);
        AllOfBuilder::new()
            .item(utoipa::openapi::Ref::from_schema_name("ContactSpec"))
            .item(AnyOfBuilder::new().item(present("email")).item(present("phone")))
            .description(Some("An e-mail address, a phone number, or both"))
            .into()
    }
}

impl ToSchema for CallbackContact {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("CallbackContact")
    }

    fn schemas(out: &mut Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::Schema>)>) {
        out.push(("ContactSpec".into(), <ContactSpec as utoipa::PartialSchema>::schema()));
    }
}

impl ContactSpec {
    /// Checks both with real parsers: the e-mail address per RFC 5322 (no display names, no
    /// comments, no line breaks), the phone number per the numbering plan (international
    /// format, `+…`), stored in E.164.
    pub fn into_contact(self) -> Result<scheduler::Contact, AppError> {
        let email = self.email.map(|e| crate::contact::email(&e)).transpose().map_err(|c| AppError::unprocessable(c, "the e-mail address is not valid"))?;
        let phone = self.phone.map(|p| crate::contact::phone(&p)).transpose().map_err(|c| AppError::unprocessable(c, "the phone number is not valid (international format, e.g. +49 30 1234567)"))?;
        Ok(scheduler::Contact { email, phone })
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateBooking {
    /// Slot start as listed by `GET /api/v1/slots`.
    #[schema(format = DateTime)]
    pub start: String,
    /// The customer's zone (for the invitation and the displayed time).
    #[schema(value_type = TimeZoneName)]
    pub tz: String,
    /// Skills the case needs. Left empty for a session with a customer journey, the server
    /// derives them (its language, profile and document type, each when an agent has it).
    #[serde(default, deserialize_with = "object")]
    pub needs: NeedsSpec,
    #[serde(default, deserialize_with = "object")]
    pub contact: ContactSpec,
    /// The session to book for: required for integrators (404 `session_required` without
    /// it); a customer books for their own.
    #[serde(default)]
    pub session_id: Option<SessionId>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BookingView {
    pub id: String,
    pub status: BookingStatus,
    pub start: String,
    pub end: String,
    pub local_start: String,
    pub customer_tz: String,
    pub needs: Vec<String>,
    /// iCalendar SEQUENCE: grows with every change.
    pub sequence: i64,
    pub checked_in: bool,
    pub session_id: Option<SessionId>,
}

impl BookingView {
    pub fn new(b: &Booking) -> Self {
        BookingView {
            id: b.id.clone(),
            status: b.status,
            start: rfc3339_ms(b.start.timestamp_millis()),
            end: rfc3339_ms(b.end.timestamp_millis()),
            local_start: b.start.with_timezone(&b.customer_tz).to_rfc3339(),
            customer_tz: b.customer_tz.name().into(),
            needs: b.needs.0.iter().cloned().collect(),
            sequence: b.sequence,
            checked_in: b.checked_in_ms.is_some(),
            session_id: b.session_id.clone().map(SessionId::from_stored),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BookedView {
    pub booking: BookingView,
    /// The secret of the manage link; shown once, only its hash is stored.
    pub token: String,
    pub manage_url: String,
    /// A join link for the call, valid only around the appointment.
    pub join_link: IssuedLink,
    /// iCalendar invitation (METHOD:REQUEST).
    pub ics: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Reschedule {
    /// The new slot's start, as listed by `GET /api/v1/slots`.
    #[schema(format = DateTime)]
    pub start: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JoinQueue {
    /// The session to queue: required for integrators (404 `session_required` without it); a
    /// customer queues their own.
    #[serde(default)]
    pub session_id: Option<SessionId>,
    /// Skills the case needs. Left empty for a session with a customer journey, the server
    /// derives them (its language, profile and document type, each when an agent has it).
    #[serde(default, deserialize_with = "object")]
    pub needs: NeedsSpec,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueueJoined {
    pub entry_id: EntryId,
    /// When an integrator queued the session: a new customer link for the queue socket,
    /// `GET /api/v1/queue/{entry}` and the call. A customer keeps using their own link.
    pub link: Option<IssuedLink>,
    pub position: usize,
    pub estimated_wait_ms: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetPresence {
    pub state: crate::queue_ws::protocol::PresenceTarget,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Accepted {
    pub offer_id: OfferId,
    pub entry_id: EntryId,
    /// Join its call on the call socket with `{"type":"join","session_id":…}`.
    pub session_id: SessionId,
}

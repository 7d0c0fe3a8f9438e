//! iCalendar (RFC 5545 / iTIP RFC 5546) invitations for appointments.
//!
//! The UID is the booking id, stable across reschedules, and SEQUENCE grows with every
//! change so calendar clients replace the old event instead of adding a second one.
//! Times are written in UTC (`...Z`) so no VTIMEZONE is needed.

use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IcsMethod {
    Request,
    Cancel,
}

/// Deployment-specific parts of an invitation.
#[derive(Debug, Clone)]
pub struct IcsConfig {
    /// Right-hand side of the UID, e.g. `kyc.example.org`.
    pub uid_domain: String,
    /// Organizer address (`mailto:` is added).
    pub organizer_email: String,
    pub summary: String,
    /// Base of the manage-my-booking link; the token is appended.
    pub manage_url_base: Option<String>,
}

impl Default for IcsConfig {
    fn default() -> Self {
        Self {
            uid_domain: "videoident.invalid".into(),
            organizer_email: "noreply@videoident.invalid".into(),
            summary: "Video identification appointment".into(),
            manage_url_base: None,
        }
    }
}

/// Inputs of one invitation.
#[derive(Debug, Clone)]
pub struct IcsEvent<'a> {
    pub booking_id: &'a str,
    pub sequence: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub stamp: DateTime<Utc>,
    pub method: IcsMethod,
    /// Only set when sending to the customer; never logged.
    pub attendee_email: Option<&'a str>,
    pub token: Option<&'a str>,
}

pub fn uid(cfg: &IcsConfig, booking_id: &str) -> String {
    format!("{booking_id}@{}", cfg.uid_domain)
}

fn ical_time(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Escapes TEXT values (RFC 5545 3.3.11).
fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => o.push_str("\\\\"),
            ';' => o.push_str("\\;"),
            ',' => o.push_str("\\,"),
            '\n' => o.push_str("\\n"),
            c if c.is_control() => {}
            c => o.push(c),
        }
    }
    o
}

/// An e-mail address that can stand in a `mailto:` URI unescaped: no whitespace, no control
/// characters, none of the iCalendar separators. Addresses are validated properly where they
/// enter the system; this is the last line of defence against line injection.
fn is_plain_address(a: &str) -> bool {
    !a.is_empty() && a.len() <= 254 && a.contains('@') && !a.chars().any(|c| c.is_control() || c.is_whitespace() || matches!(c, ';' | ',' | ':' | '"' | '\\'))
}

/// Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// Renders the calendar object.
pub fn render(cfg: &IcsConfig, ev: &IcsEvent<'_>) -> String {
    let (method, status) = match ev.method {
        IcsMethod::Request => ("REQUEST", "CONFIRMED"),
        IcsMethod::Cancel => ("CANCEL", "CANCELLED"),
    };
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//videoident//scheduler//EN".into(),
        format!("METHOD:{method}"),
        "CALSCALE:GREGORIAN".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{}", uid(cfg, ev.booking_id)),
        format!("SEQUENCE:{}", ev.sequence),
        format!("DTSTAMP:{}", ical_time(ev.stamp)),
        format!("DTSTART:{}", ical_time(ev.start)),
        format!("DTEND:{}", ical_time(ev.end)),
        format!("SUMMARY:{}", escape(&cfg.summary)),
        format!("STATUS:{status}"),
        format!("ORGANIZER:mailto:{}", if is_plain_address(&cfg.organizer_email) { cfg.organizer_email.as_str() } else { "invalid@invalid" }),
    ];
    // A CAL-ADDRESS is a URI, not TEXT: an address that needs escaping is not an address.
    if let Some(a) = ev.attendee_email.filter(|a| is_plain_address(a)) {
        lines.push(format!("ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:{a}"));
    }
    if let (Some(base), Some(tok)) = (&cfg.manage_url_base, ev.token) {
        lines.push(format!("URL:{base}{tok}"));
    }
    lines.push("END:VEVENT".into());
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in &lines {
        fold(l, &mut out);
    }
    out
}

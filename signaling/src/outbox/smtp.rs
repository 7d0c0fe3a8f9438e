//! Sending one e-mail by SMTP (`lettre`): a plain-text body in the customer's language, the
//! calendar object attached to invitations and cancellations (`text/calendar; method=…`), and
//! a `Message-ID` derived from the outbox item, so a resend after a crash is recognisably the
//! same message.

use crate::config::SmtpSection;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// One e-mail to send. `Debug` shows no address.
#[derive(Clone)]
pub struct Outgoing {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// `(method, calendar object)`: `REQUEST` or `CANCEL`.
    pub calendar: Option<(String, String)>,
    /// Without angle brackets: `<id>@<domain>`.
    pub message_id: String,
}

impl std::fmt::Debug for Outgoing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outgoing").field("message_id", &self.message_id).field("calendar", &self.calendar.as_ref().map(|c| &c.0)).finish_non_exhaustive()
    }
}

/// Why an e-mail was not sent (codes, never addresses).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    #[error("no SMTP server is configured")]
    NotConfigured,
    /// The recipient or sender address does not parse.
    #[error("bad address: {0}")]
    BadAddress(&'static str),
    /// Worth retrying: connection refused, timeout, 4xx.
    #[error("transient: {0}")]
    Transient(&'static str),
    /// The server refused for good (5xx).
    #[error("permanent: {0}")]
    Permanent(&'static str),
}

impl SendError {
    pub fn code(&self) -> &'static str {
        match self {
            SendError::NotConfigured => "smtp_not_configured",
            SendError::BadAddress(c) | SendError::Transient(c) | SendError::Permanent(c) => c,
        }
    }
}

fn message(from: &str, m: &Outgoing) -> Result<Message, SendError> {
    let from: Mailbox = from.parse().map_err(|_| SendError::BadAddress("invalid_sender"))?;
    let to: Mailbox = m.to.parse().map_err(|_| SendError::BadAddress("invalid_recipient"))?;
    let builder = Message::builder().from(from).to(to).subject(m.subject.clone()).message_id(Some(format!("<{}>", m.message_id)));
    let text = SinglePart::plain(m.body.clone());
    let built = match &m.calendar {
        Some((method, ics)) => {
            let ctype = ContentType::parse(&format!("text/calendar; method={method}; charset=utf-8")).map_err(|_| SendError::Permanent("bad_calendar_type"))?;
            let part = Attachment::new("invite.ics".to_owned()).body(ics.clone(), ctype);
            builder.multipart(MultiPart::mixed().singlepart(text).singlepart(part))
        }
        None => builder.singlepart(text),
    };
    built.map_err(|_| SendError::Permanent("message_build_failed"))
}

/// Sends `m` through the configured server.
pub async fn send(cfg: &SmtpSection, m: &Outgoing) -> Result<(), SendError> {
    if cfg.host.is_empty() {
        return Err(SendError::NotConfigured);
    }
    let msg = message(&cfg.from, m)?;
    let mut b = if cfg.starttls {
        AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&cfg.host).map_err(|_| SendError::Transient("smtp_tls_setup"))?
    } else {
        AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(cfg.host.clone())
    };
    b = b.port(cfg.port).timeout(Some(Duration::from_secs(cfg.timeout_secs.max(1))));
    if let Some(user) = cfg.username.as_ref().filter(|u| !u.is_empty()) {
        b = b.credentials(Credentials::new(user.clone(), cfg.password.0.clone()));
    }
    match b.build().send(msg).await {
        Ok(_) => Ok(()),
        Err(e) if e.is_permanent() => Err(SendError::Permanent("smtp_rejected")),
        Err(e) if e.is_timeout() => Err(SendError::Transient("smtp_timeout")),
        Err(e) if e.is_transient() => Err(SendError::Transient("smtp_deferred")),
        Err(_) => Err(SendError::Transient("smtp_unreachable")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_is_text_plus_a_calendar_part_with_its_method() {
        let m = Outgoing {
            to: "anna@example.org".into(),
            subject: "Termin".into(),
            body: "Hallo".into(),
            calendar: Some(("REQUEST".into(), "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".into())),
            message_id: "sched-1@kyc.example".into(),
        };
        let raw = String::from_utf8(message("noreply@kyc.example", &m).expect("builds").formatted()).expect("utf-8");
        assert!(raw.contains("Message-ID: <sched-1@kyc.example>"));
        assert!(raw.contains("text/calendar; method=REQUEST"));
        assert!(!format!("{m:?}").contains("anna"), "Debug shows no address");
        let bad = Outgoing { to: "x\r\nBcc: y@z".into(), ..m };
        assert_eq!(message("noreply@kyc.example", &bad).err(), Some(SendError::BadAddress("invalid_recipient")));
    }
}

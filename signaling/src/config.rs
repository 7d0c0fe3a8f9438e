//! Configuration: defaults, then an optional TOML file, then `VKYC_*` environment variables
//! (nested keys with `__`, e.g. `VKYC_MEDIA__UDP_IPS='["127.0.0.1"]'`). `DATABASE_URL` is
//! honoured too, as every PostgreSQL deployment tool sets it.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};

/// A secret string: never printed by `Debug`, so a logged config leaks nothing.
#[derive(Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(transparent)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_empty() { "<unset>" } else { "<redacted>" })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// HTTP(S) listen address. Port 0 picks a free port (tests).
    pub listen: SocketAddr,
    /// `sqlite://path?mode=rwc` (default) or `postgres://…`.
    pub database_url: String,
    /// Base URL written into join links, e.g. `https://kyc.example.com`. Its origin is the one
    /// browsers must send (`Origin`) on state-changing requests and WebSocket upgrades.
    pub public_url: String,
    /// Further origins allowed to call the API from a browser (e.g. a second host name).
    pub extra_origins: Vec<String>,
    /// Built web pages (agent-ui/dist).
    pub static_dir: PathBuf,
    /// Default lifetime of a join link.
    pub link_ttl_secs: u64,
    /// Longest lifetime an integrator may ask for (the cap of every link).
    pub link_max_ttl_secs: u64,
    pub auth: AuthSection,
    pub limits: LimitsSection,
    pub keys: KeysSection,
    pub media: MediaSection,
    pub ice: IceSection,
    pub tls: Option<TlsSection>,
    pub ai: AiSection,
    pub scheduling: SchedulingSection,
    pub recording: RecordingSection,
    // The customer journey and message delivery (journey/, outbox/).
    pub journey: JourneySection,
    pub smtp: SmtpSection,
    pub outbox: OutboxSection,
    // --- Review, evidence and retention (issue 11) ---
    pub retention: RetentionSection,
}

/// Staff sign-in and sessions.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct AuthSection {
    /// A staff session ends after this long without a request.
    pub idle_timeout_secs: u64,
    /// … and after this long in any case.
    pub absolute_timeout_secs: u64,
    /// Sensitive actions (decision, playback, export, staff admin) need a TOTP re-entry this recent.
    pub reauth_window_secs: u64,
    /// Failed sign-ins in a row before the account is locked; each further lock doubles.
    pub lockout_threshold: u32,
    pub lockout_base_secs: u64,
    /// Sign-in attempts per minute from one address (on top of the per-account lockout).
    pub login_per_minute_per_ip: u32,
    /// An activation link (new account, reset sign-in) works for this long, once.
    pub invitation_ttl_secs: u64,
}

impl Default for AuthSection {
    fn default() -> Self {
        AuthSection {
            idle_timeout_secs: 30 * 60,
            absolute_timeout_secs: 12 * 3600,
            reauth_window_secs: 5 * 60,
            lockout_threshold: 5,
            lockout_base_secs: 15 * 60,
            login_per_minute_per_ip: 30,
            invitation_ttl_secs: 72 * 3600,
        }
    }
}

/// Abuse limits on what anonymous and customer callers can do.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct LimitsSection {
    /// Requests per second (sustained) and burst per address on the public endpoints: free
    /// slots, bookings, queue join, call and queue socket upgrades.
    pub public_per_second: u32,
    pub public_burst: u32,
    /// Open WebSockets (call and queue sockets together) per address.
    pub max_sockets_per_ip: u32,
    /// A call socket that has not joined this long after opening is closed.
    pub join_deadline_secs: u64,
    /// A call is ended when it has lasted this long.
    pub max_call_secs: u64,
    /// A session nobody ever joined ends (`expired`) this long after it was created.
    pub session_ttl_secs: u64,
}

impl Default for LimitsSection {
    fn default() -> Self {
        LimitsSection {
            public_per_second: 5,
            public_burst: 20,
            max_sockets_per_ip: 16,
            join_deadline_secs: 10,
            max_call_secs: 90 * 60,
            session_ttl_secs: 14 * 24 * 3600,
        }
    }
}

/// Where the server's own secrets come from.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct KeysSection {
    /// 32 random bytes (hex or raw) that encrypt stored secrets (TOTP seeds) and sign
    /// playback tokens. Created with mode 0600 on first start if missing.
    pub master_key_file: PathBuf,
    // --- Review, evidence and retention (issue 11) ---
    /// The master key before the last `signaling keys rotate`: values it still wraps keep
    /// opening until a rotation run reports nothing left to re-wrap; then remove this.
    pub previous_master_key_file: Option<PathBuf>,
    /// Ed25519 key (PKCS#8 PEM) signing manifests, decisions, reports and evidence packages;
    /// created with mode 0600 on first start if missing. Default: `signing.key` next to the
    /// master key file.
    pub signing_key_file: Option<PathBuf>,
}

impl Default for KeysSection {
    fn default() -> Self {
        KeysSection { master_key_file: PathBuf::from("var/master.key"), previous_master_key_file: None, signing_key_file: None }
    }
}

impl KeysSection {
    /// The signing key's file: configured, or `signing.key` beside the master key.
    pub fn signing_key_path(&self) -> PathBuf {
        self.signing_key_file.clone().unwrap_or_else(|| self.master_key_file.with_file_name("signing.key"))
    }
}

/// Deleting what the law no longer allows to keep (`signaling/src/retention.rs`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct RetentionSection {
    /// Run the retention job in the server (operators can also run `signaling retention run`).
    pub enabled: bool,
    /// How often the job runs.
    pub interval_secs: u64,
    /// Sessions that ended without a decision (aborted, expired, no-show) are deleted this
    /// many days after they ended; unset: the profile's `aborted_retention_days`.
    pub aborted_after_days: Option<u32>,
    /// Sessions deleted per run at most (the rest follow in the next run).
    pub batch: u32,
}

impl Default for RetentionSection {
    fn default() -> Self {
        RetentionSection { enabled: true, interval_secs: 3600, aborted_after_days: None, batch: 500 }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct RecordingSection {
    /// Record every call (regulators require it; off only for development).
    pub enabled: bool,
    /// Where recordings are written: all of them (`storage = "local"`), or the live files and
    /// the crash journal (`storage = "s3"`, finished files go to the bucket).
    pub dir: PathBuf,
    /// Retention written into every manifest (`keep_until`).
    pub retention_days: u32,
    // --- Review, evidence and retention (issue 11) ---
    pub storage: RecordingStorage,
    /// The bucket, for `storage = "s3"`.
    pub s3: S3Section,
}

impl Default for RecordingSection {
    fn default() -> Self {
        RecordingSection { enabled: true, dir: PathBuf::from("var/recordings"), retention_days: 5 * 366, storage: RecordingStorage::Local, s3: S3Section::default() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordingStorage {
    Local,
    S3,
}

/// An S3-compatible bucket (AWS, or any server speaking the S3 API).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct S3Section {
    pub bucket: String,
    pub region: String,
    /// e.g. `https://s3.example.internal`; unset for AWS itself.
    pub endpoint: Option<String>,
    pub access_key_id: String,
    pub secret_access_key: Secret,
    /// Allow `http://` endpoints (a server on the same host only).
    pub allow_http: bool,
    /// Key prefix for this deployment's objects.
    pub prefix: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct AiSection {
    /// Address of the media-ai sidecar (`media-ai serve --listen …`); unset = no face analysis.
    pub sidecar: Option<SocketAddr>,
    /// Shared secret the sidecar checks on connect (its `MEDIA_AI_SECRET`).
    pub secret: Secret,
    /// Frames per second of the customer's video the sidecar decodes and analyses.
    pub fps: u32,
}

impl Default for AiSection {
    fn default() -> Self {
        AiSection { sidecar: None, secret: Secret::default(), fps: 8 }
    }
}

/// Appointments and the live queue (`signaling/src/scheduling/`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct SchedulingSection {
    /// Length of an appointment slot, then the agent's paperwork buffer, in minutes.
    pub slot_minutes: u32,
    pub buffer_minutes: u32,
    /// How far ahead a booking must start at least, in minutes.
    pub min_lead_minutes: u32,
    /// How far ahead a booking may start at most, in days.
    pub horizon_days: u32,
    /// A join link made by a booking admits its holder only from this long before the
    /// appointment until the appointment's end plus the no-show grace.
    pub link_early_minutes: u32,
    /// A booked customer not checked in this long after the start is a no-show.
    pub grace_minutes: u32,
    /// `longest_idle` or `weighted_random`.
    pub routing_policy: RoutingPolicyName,
    /// How long an agent has to accept an offered customer.
    pub offer_timeout_secs: u64,
    /// Longest wrap-up after a call; the agent's decision ends it earlier (the usual case).
    pub wrap_up_secs: u64,
    /// Period of the timer that dispatches due appointments and expires offers.
    pub tick_ms: u64,
    /// Skills customers may ask for besides those some agent holds (`lang:de`, `doc:passport`, `reg:…`).
    pub skills: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoutingPolicyName {
    LongestIdle,
    WeightedRandom,
}

impl Default for SchedulingSection {
    fn default() -> Self {
        SchedulingSection {
            slot_minutes: 20,
            buffer_minutes: 10,
            min_lead_minutes: 15,
            horizon_days: 60,
            link_early_minutes: 15,
            grace_minutes: 10,
            routing_policy: RoutingPolicyName::LongestIdle,
            offer_timeout_secs: 20,
            wrap_up_secs: 600,
            tick_ms: 500,
            skills: vec![],
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct MediaSection {
    /// Addresses media sockets bind to (explicit; 127.0.0.1 in tests).
    pub udp_ips: Vec<IpAddr>,
    /// Public addresses advertised instead of the bound ones (behind 1:1 NAT).
    pub nat_1to1_ips: Vec<IpAddr>,
    /// The one UDP port the media loop uses on each address (0: the system picks one at start;
    /// set it when a firewall must let media in). Unused by the `webrtc` engine.
    pub port: u16,
    /// `loop` (one media thread and socket for all peers) or `webrtc` (the `webrtc` crate, one
    /// task and socket per peer connection).
    pub engine: crate::sfu::EngineKind,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IceSection {
    /// STUN URLs handed to clients (`stun:host:port`).
    pub stun_urls: Vec<String>,
    /// TURN URLs handed to clients (`turn:host:3478?transport=udp`, `turns:…`).
    pub turn_urls: Vec<String>,
    /// coturn `static-auth-secret`; when set, clients get short-lived REST-style credentials.
    pub turn_secret: Secret,
    pub turn_ttl_secs: u64,
}

// ---- The customer journey and message delivery (journey/, outbox/) ----

/// The customer journey (`signaling/src/journey/`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct JourneySection {
    /// Applicants younger than this are refused (`applicant_too_young`).
    pub min_age_years: u32,
    /// How long a document read by media-ai may take.
    pub document_read_timeout_secs: u64,
    /// Accept `http://` and private-network return and webhook URLs (development and tests only:
    /// in production a webhook URL must not point into the server's own network).
    pub allow_insecure_urls: bool,
    /// How long a passkey ceremony (registration or authentication) stays open.
    pub passkey_ceremony_secs: u64,
}

impl Default for JourneySection {
    fn default() -> Self {
        JourneySection { min_age_years: 18, document_read_timeout_secs: 20, allow_insecure_urls: false, passkey_ceremony_secs: 300 }
    }
}

/// The SMTP server e-mails go through (`signaling/src/outbox/`). No host: nothing is sent (the
/// queue waits).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct SmtpSection {
    pub host: String,
    pub port: u16,
    /// The sender address, e.g. `Video identification <noreply@kyc.example.com>`.
    pub from: String,
    /// Upgrade with STARTTLS (required when set: no credentials or mail go over plain text).
    pub starttls: bool,
    pub username: Option<String>,
    pub password: Secret,
    pub timeout_secs: u64,
}

impl Default for SmtpSection {
    fn default() -> Self {
        SmtpSection { host: String::new(), port: 587, from: "noreply@localhost".into(), starttls: true, username: None, password: Secret::default(), timeout_secs: 30 }
    }
}

/// Delivery of e-mails and webhooks: polling, retries, leases.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct OutboxSection {
    /// How often the worker looks for due messages.
    pub poll_ms: u64,
    /// The first retry waits this long; each further one twice as long, at most `retry_max_secs`.
    pub retry_base_secs: u64,
    pub retry_max_secs: u64,
    /// Attempts before a message is given up.
    pub max_attempts: u32,
    /// A claimed message not marked within this time is claimed again (a worker died).
    pub claim_lease_secs: u64,
    pub webhook_timeout_secs: u64,
}

impl Default for OutboxSection {
    fn default() -> Self {
        OutboxSection { poll_ms: 1000, retry_base_secs: 30, retry_max_secs: 6 * 3600, max_attempts: 12, claim_lease_secs: 300, webhook_timeout_secs: 10 }
    }
}

// ---- end of the journey's sections ----

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TlsSection {
    pub cert: PathBuf,
    pub key: PathBuf,
}

impl Default for MediaSection {
    fn default() -> Self {
        MediaSection { udp_ips: vec![IpAddr::V4(Ipv4Addr::LOCALHOST)], nat_1to1_ips: vec![], port: 0, engine: Default::default() }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: "sqlite://var/videokyc.db?mode=rwc".to_owned(),
            public_url: "http://127.0.0.1:8080".to_owned(),
            extra_origins: vec![],
            static_dir: PathBuf::from("agent-ui/dist"),
            link_ttl_secs: 24 * 3600,
            link_max_ttl_secs: 7 * 24 * 3600,
            auth: AuthSection::default(),
            limits: LimitsSection::default(),
            keys: KeysSection::default(),
            media: MediaSection::default(),
            ice: IceSection { turn_ttl_secs: 3600, ..IceSection::default() },
            tls: None,
            ai: AiSection::default(),
            scheduling: SchedulingSection::default(),
            recording: RecordingSection::default(),
            journey: JourneySection::default(),
            smtp: SmtpSection::default(),
            outbox: OutboxSection::default(),
            retention: RetentionSection::default(),
        }
    }
}

impl Config {
    pub fn load(file: Option<&Path>) -> Result<Config, figment::Error> {
        let mut fig = Figment::from(Serialized::defaults(Config::default()));
        if let Some(f) = file {
            fig = fig.merge(Toml::file_exact(f));
        }
        if let Ok(url) = std::env::var("DATABASE_URL") {
            fig = fig.merge(("database_url", url));
        }
        fig.merge(Env::prefixed("VKYC_").split("__")).extract()
    }

    /// The origins browsers may send (`Origin`) on state-changing requests and socket upgrades.
    pub fn allowed_origins(&self) -> Vec<String> {
        std::iter::once(origin_of(&self.public_url)).chain(self.extra_origins.iter().map(|o| origin_of(o))).collect()
    }

    /// Whether staff cookies must be `Secure` (served over TLS, or behind an HTTPS proxy).
    pub fn secure_cookies(&self) -> bool {
        self.tls.is_some() || self.public_url.starts_with("https://")
    }
}

/// `scheme://host[:port]` of a URL, without path or trailing slash.
fn origin_of(url: &str) -> String {
    let url = url.trim_end_matches('/');
    match url.find("://") {
        Some(i) => match url[i + 3..].find('/') {
            Some(j) => url[..i + 3 + j].to_owned(),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted_in_debug_output() {
        let c = Config { ai: AiSection { secret: Secret("hunter2".into()), ..AiSection::default() }, ..Config::default() };
        let dbg = format!("{c:?}");
        assert!(!dbg.contains("hunter2"));
        assert!(dbg.contains("<redacted>"));
    }

    #[test]
    fn the_allowed_origin_is_the_public_url_without_its_path() {
        let c = Config { public_url: "https://kyc.example.com/base/".into(), ..Config::default() };
        assert_eq!(c.allowed_origins(), vec!["https://kyc.example.com".to_owned()]);
        assert!(c.secure_cookies());
    }

    #[test]
    fn defaults_bind_loopback_media() {
        let c = Config::default();
        assert_eq!(c.media.udp_ips, vec![IpAddr::V4(Ipv4Addr::LOCALHOST)]);
    }
}

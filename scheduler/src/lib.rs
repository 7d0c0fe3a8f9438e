//! Scheduling for video identification: appointments and the live queue.
//!
//! # Map of modules
//! | module | what it does |
//! | --- | --- |
//! | [`roster`] | agents, skills held, weekly shifts, holidays/absences, IANA zones → UTC working intervals (DST-safe) |
//! | [`slots`] | slot grid per agent (length + buffer), capacity per slot time, free slots in the customer's zone |
//! | [`booking`] | booking rules, statuses, request/response types |
//! | [`ics`] | iCalendar REQUEST/CANCEL with stable UID and growing SEQUENCE |
//! | [`skills`] | skill strings, the catalog, customer needs, the bit set used by the routing index |
//! | [`presence`] | agent presence state machine (offline, available, offered, in_call, wrap_up, away) |
//! | [`queue`] | queue entries, their order, wait estimation |
//! | [`routing`] | longest-idle and weighted-random policies, replayable audit records |
//! | [`dispatcher`] | the live-queue state machine (`now` passed in, no I/O) emitting [`Change`]s |
//! | [`store`] | `sqlx::AnyPool` persistence (SQLite and PostgreSQL): bookings, outbox, live queue, rebuild input |
//! | [`ids`] | random ids, 256-bit booking tokens (only their SHA-256 is stored), redacting [`Contact`] |
//! | [`error`] | [`SchedError`] with stable `code()` strings |
//!
//! # How the HTTP layer uses it
//! Appointments: [`Store::free_slots`], [`Store::book`], [`Store::reschedule`],
//! [`Store::cancel`], [`Store::check_in`]; periodically [`Store::dispatch_due`],
//! [`Store::mark_no_shows`]; on an absence [`Store::reassign_absent`].
//! Live queue: keep one [`Dispatcher`] per process, call its methods
//! (`join`, `set_presence`, `accept`, `decline`, `end_call`, `leave`, `tick`), and persist
//! each returned `Vec<Change>` with [`Store::apply`] before acting on it. After a restart,
//! [`Dispatcher::rebuild`] from [`Store::load_live`] (or [`Store::rebuild_dispatcher`]).
//!
//! ```text
//! let store = Store::connect("sqlite:///var/lib/kyc/db.sqlite?mode=rwc", 8).await?;
//! store.migrate(Path::new("migrations")).await?;
//! let booked = store.book(&agents, &catalog, &policy, &request, Utc::now()).await?;
//! // e-mail booked.ics / the link with booked.token; only its SHA-256 is stored.
//! let mut d = store.rebuild_dispatcher(DispatchConfig::default(), now_ms).await?;
//! let (entry_id, changes) = d.join(&session_id, needs, now_ms);
//! store.apply(&changes).await?; // then push changes' new offers to agent consoles
//! ```
//!
//! Errors carry a stable [`SchedError::code`] and a suggested [`SchedError::http_status`].
//! Nothing here logs; customer contact data is wrapped in [`Contact`], whose `Debug`
//! is redacted.

pub mod booking;
pub mod dispatcher;
pub mod error;
pub mod ics;
pub mod ids;
pub mod presence;
pub mod queue;
pub mod roster;
pub mod routing;
pub mod skills;
pub mod slots;
pub mod store;

pub use booking::{Booked, Booking, BookingPolicy, BookingRequest, BookingStatus, Reassignment};
pub use dispatcher::{Change, DispatchConfig, Dispatcher, LiveSnapshot, Offer, OfferStatus};
pub use error::{Result, SchedError};
pub use ids::Contact;
pub use presence::{AgentPresence, PresenceState};
pub use queue::{EntryStatus, QueueEntry, QueuePosition};
pub use roster::{Agent, AgentId, RosterException, WeeklyShift};
pub use routing::{RoutingAudit, RoutingPolicy};
pub use skills::{Needs, SkillCatalog};
pub use slots::{FreeSlot, SlotConfig};
pub use store::Store;

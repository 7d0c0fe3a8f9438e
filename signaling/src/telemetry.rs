//! JSON logs on stdout. Log fields are ids, roles and states; personal data (names, tokens,
//! addresses) never goes in, and the media engine's own logs (which print candidate
//! addresses) are not forwarded.

use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_env("VKYC_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().json().with_env_filter(filter).with_current_span(false).try_init();
}

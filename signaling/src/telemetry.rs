//! JSON logs on stdout. Log fields are ids, roles and states; personal data (names, tokens,
//! addresses) never goes in, and the media engine's own logs (which print candidate
//! addresses) are not forwarded.

use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_env("VKYC_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let subscriber = tracing_subscriber::fmt().json().with_env_filter(filter).with_current_span(false).finish();
    // `set_global_default`, not `try_init`: the latter would also bridge the `log` crate, and
    // the media engine logs candidate addresses through it.
    let _ = tracing::subscriber::set_global_default(subscriber);
}

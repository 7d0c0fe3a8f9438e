//! `signaling [--config FILE]`: runs the server until SIGINT/SIGTERM.

use signaling::{Server, config::Config, telemetry};
use std::path::PathBuf;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut config_file: Option<PathBuf> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--config" => config_file = args.next().map(PathBuf::from),
            other => anyhow::bail!("unknown argument {other}; usage: signaling [--config FILE]"),
        }
    }
    telemetry::init();
    let config = Config::load(config_file.as_deref())?;
    let server = Server::start(config).await?;
    tracing::info!(addr = %server.addr, "listening");
    let stop = server.shutdown_handle();
    tokio::spawn(async move {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = async { match term.as_mut() { Some(t) => { t.recv().await; } None => std::future::pending().await } } => {}
        }
        tracing::info!("shutting down");
        let _ = stop.send(true);
    });
    server.wait().await?;
    Ok(())
}

//! `signaling [--config FILE] [COMMAND …]`: runs the server until SIGINT/SIGTERM, or one
//! administration command (see [`signaling::cli`]).

use signaling::{Server, cli, config::Config, telemetry};
use std::path::PathBuf;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut config_file: Option<PathBuf> = None;
    if let Some(i) = args.iter().position(|a| a == "--config") {
        config_file = args.get(i + 1).map(PathBuf::from);
        args.drain(i..(i + 2).min(args.len()));
    }
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{}", cli::HELP);
        return Ok(());
    }
    let config = Config::load(config_file.as_deref())?;
    if !args.is_empty() {
        let code = cli::run(&config, &args).await?;
        std::process::exit(code);
    }
    telemetry::init();
    let server = Server::start(config).await?;
    tracing::info!(addr = %server.addr, "listening");
    let state = server.state.clone();
    tokio::spawn(async move {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = async { match term.as_mut() { Some(t) => { t.recv().await; } None => std::future::pending().await } } => {}
        }
        tracing::info!("shutting down");
        state.begin_shutdown();
    });
    server.wait().await?;
    tracing::info!("stopped");
    Ok(())
}

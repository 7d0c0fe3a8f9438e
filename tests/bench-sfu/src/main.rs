//! `bench-sfu`: our SFU and Janus under the same load of 1:1 calls, side by side.
//!
//! - `bench-sfu` (no arguments; root, for the network namespaces): the whole run, printed, written to
//!   BENCHMARKS.md, ending with the `sfu-vs-janus:` line. Tuned by `BENCH_*` variables
//!   (`orchestrate::Settings`). `make bench-sfu` builds both binaries and runs it.
//! - `bench-sfu engine`: the engine micro-benchmark (`rtc` vs `str0m`, in memory, no sockets).
//! - `bench-sfu loadgen <ours|janus> <server addr> <local ip>`: the load generator, started by the
//!   run inside the clients' namespace.

mod engine;
mod janus;
mod loadgen;
mod media;
mod netns;
mod orchestrate;
mod ours;
mod party;
mod peer;
mod report;
mod stats;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("run") => orchestrate::run(),
        Some("loadgen") => {
            let target = args
                .get(1)
                .and_then(|t| loadgen::Target::parse(t))
                .ok_or_else(|| anyhow::anyhow!("loadgen <ours|janus> <server> <local ip>"))?;
            let server = args
                .get(2)
                .cloned()
                .ok_or_else(|| anyhow::anyhow!("server address missing"))?;
            let local: std::net::IpAddr = args
                .get(3)
                .ok_or_else(|| anyhow::anyhow!("local ip missing"))?
                .parse()?;
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            tokio::task::LocalSet::new().block_on(&rt, loadgen::run(target, server, local))
        }
        Some("engine") => engine::run(),
        Some("netns-down") => {
            netns::teardown();
            Ok(())
        }
        Some(other) => anyhow::bail!("unknown command {other}"),
    }
}

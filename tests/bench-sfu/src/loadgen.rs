//! The load generator: runs inside the clients' network namespace, on one thread, pinned to
//! one core by the orchestrator. It reads commands on stdin and answers one JSON line each:
//! - `add N`: sets up N more 1:1 calls and waits (≤ 30 s) until their legs are connected;
//! - `snap`: the cumulative counters and latency histogram (the orchestrator diffs them);
//! - `quit`.

use crate::media::Clip;
use crate::party::{Control, Party, SendLog};
use crate::stats::Stats;
use crate::{janus, ours};
use serde_json::json;
use std::net::IpAddr;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::sync::mpsc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Ours,
    Janus,
}

impl Target {
    pub fn parse(s: &str) -> Option<Target> {
        match s {
            "ours" => Some(Target::Ours),
            "janus" => Some(Target::Janus),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Ours => "ours",
            Target::Janus => "janus",
        }
    }
    /// Client legs per call: one peer connection per party with us; a publishing and a
    /// subscribing one per party with VideoRoom.
    pub fn legs_per_call(self) -> u64 {
        match self {
            Target::Ours => 2,
            Target::Janus => 4,
        }
    }
}

struct Ctx {
    target: Target,
    /// The SFU's signaling address, e.g. 10.200.1.2:8080.
    server: String,
    /// This namespace's address on the link to the SFU.
    local_ip: IpAddr,
    clip: Arc<Clip>,
    stats: Arc<Stats>,
    http: reqwest::Client,
    access: Option<ours::Access>,
    calls: u64,
    stops: Vec<mpsc::UnboundedSender<Control>>,
}

fn spawn_pair(
    ctx: &mut Ctx,
    a: (
        Vec<crate::peer::Leg>,
        mpsc::UnboundedReceiver<Control>,
        mpsc::UnboundedSender<Control>,
    ),
    b: (
        Vec<crate::peer::Leg>,
        mpsc::UnboundedReceiver<Control>,
        mpsc::UnboundedSender<Control>,
    ),
) {
    let (log_a, log_b) = (SendLog::new(ctx.clip.len()), SendLog::new(ctx.clip.len()));
    for ((legs, control, stop), (mine, theirs)) in [a, b]
        .into_iter()
        .zip([(log_a.clone(), log_b.clone()), (log_b, log_a)])
    {
        ctx.stops.push(stop);
        let party = Party {
            legs,
            clip: ctx.clip.clone(),
            mine,
            theirs,
            stats: ctx.stats.clone(),
            control,
        };
        tokio::task::spawn_local(party.run());
    }
}

async fn add_call(ctx: &mut Ctx) -> anyhow::Result<()> {
    ctx.calls += 1;
    match ctx.target {
        Target::Ours => {
            let base = format!("http://{}", ctx.server);
            let ws = format!("ws://{}/ws", ctx.server);
            let access = ctx
                .access
                .as_ref()
                .ok_or_else(|| anyhow::anyhow!("no access to our server"))?;
            let (customer, agent) = ours::call_credentials(&ctx.http, &base, access).await?;
            let (leg_a, rx_a, tx_a) =
                ours::join(&ws, &customer, &access.origin, ctx.local_ip).await?;
            let (leg_b, rx_b, tx_b) = ours::join(&ws, &agent, &access.origin, ctx.local_ip).await?;
            spawn_pair(ctx, (vec![leg_a], rx_a, tx_a), (vec![leg_b], rx_b, tx_b));
        }
        Target::Janus => {
            let url = format!("ws://{}", ctx.server);
            let room = 1000 + ctx.calls;
            janus::create_room(&url, room).await?;
            let (mut sa, feed_a, leg_a) =
                janus::publish(&url, room, "customer", ctx.local_ip).await?;
            let (mut sb, feed_b, leg_b) = janus::publish(&url, room, "agent", ctx.local_ip).await?;
            let (tx_a, rx_a) = mpsc::unbounded_channel();
            let (tx_b, rx_b) = mpsc::unbounded_channel();
            spawn_pair(
                ctx,
                (vec![leg_a], rx_a, tx_a.clone()),
                (vec![leg_b], rx_b, tx_b.clone()),
            );
            let sub_a = janus::subscribe(&mut sa, room, feed_b, ctx.local_ip).await?;
            let sub_b = janus::subscribe(&mut sb, room, feed_a, ctx.local_ip).await?;
            let _ = tx_a.send(Control::AddLeg(Box::new(sub_a)));
            let _ = tx_b.send(Control::AddLeg(Box::new(sub_b)));
            sa.idle();
            sb.idle();
        }
    }
    Ok(())
}

/// Waits until the SFU accepts connections (it starts at the same time as this process).
async fn wait_ready(ctx: &Ctx) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let up = match ctx.target {
            Target::Ours => ctx
                .http
                .get(format!("http://{}/readyz", ctx.server))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success()),
            Target::Janus => tokio::net::TcpStream::connect(&ctx.server).await.is_ok(),
        };
        if up {
            return Ok(());
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "{} at {} did not come up",
            ctx.target.as_str(),
            ctx.server
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub async fn run(target: Target, server: String, local_ip: IpAddr) -> anyhow::Result<()> {
    let clip = Arc::new(crate::media::load()?);
    crate::stats::epoch();
    let mut ctx = Ctx {
        target,
        server,
        local_ip,
        clip,
        stats: Arc::new(Stats::default()),
        http: reqwest::Client::new(),
        access: if target == Target::Ours {
            Some(ours::Access::from_env()?)
        } else {
            None
        },
        calls: 0,
        stops: Vec::new(),
    };
    wait_ready(&ctx).await?;
    let (rate_pps, rate_bps) = ctx.clip.rates();
    println!(
        "{}",
        json!({"ready": true, "party_pps": rate_pps, "party_bps": rate_bps})
    );
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    while let Some(line) = lines.next_line().await? {
        let mut words = line.split_whitespace();
        match words.next() {
            Some("add") => {
                let n: u64 = words.next().and_then(|w| w.parse().ok()).unwrap_or(1);
                let t0 = Instant::now();
                let mut errors = Vec::new();
                for _ in 0..n {
                    if let Err(e) = add_call(&mut ctx).await {
                        errors.push(e.to_string());
                    }
                }
                let want = ctx.calls * target.legs_per_call();
                let deadline = Instant::now() + Duration::from_secs(30);
                while ctx.stats.legs_connected.load(Relaxed) + ctx.stats.legs_failed.load(Relaxed)
                    < want
                    && Instant::now() < deadline
                {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                println!(
                    "{}",
                    json!({
                        "calls": ctx.calls,
                        "legs_wanted": want,
                        "legs_connected": ctx.stats.legs_connected.load(Relaxed),
                        "legs_failed": ctx.stats.legs_failed.load(Relaxed),
                        "setup_ms": t0.elapsed().as_millis() as u64,
                        "errors": errors,
                    })
                );
            }
            Some("snap") => println!("{}", ctx.stats.snapshot()),
            Some("quit") | None => break,
            Some(other) => println!("{}", json!({"error": format!("unknown command {other}")})),
        }
    }
    for s in &ctx.stops {
        let _ = s.send(Control::Stop);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    Ok(())
}

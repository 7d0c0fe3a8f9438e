//! Our server as the SFU under test: join credentials and signaling
//! (`docs/signaling-protocol.md`).

use crate::party::Control;
use crate::peer::Leg;
use futures::{SinkExt, StreamExt};
use rtc::peer_connection::transport::RTCIceCandidateInit;
use serde_json::{json, Value};
use std::net::IpAddr;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

/// How one party of a call joins: a customer with its link's token; an agent (a staff member
/// who took the session from the queue) with the session id and the staff cookie.
pub enum Credential {
    Customer(String),
    Agent { session: String, cookie: String },
}

/// What the load generator needs to make credentials, handed over by the run in environment
/// variables: the integrator key, the server binary and the environment its administration
/// commands need (same database and master key as the running server).
pub struct Access {
    pub api_key: String,
    pub origin: String,
    bin: String,
    agents: std::sync::atomic::AtomicU64,
}

const PASSWORD: &str = "bench-sfu staff password, long enough";

impl Access {
    pub fn from_env() -> anyhow::Result<Access> {
        let var = |k: &str| {
            std::env::var(k).map_err(|_| anyhow::anyhow!("{k} is not set (the run sets it)"))
        };
        Ok(Access {
            api_key: var("BENCH_API_KEY")?,
            origin: var("VKYC_PUBLIC_URL")?,
            bin: var("BENCH_SIGNALING_BIN")?,
            agents: Default::default(),
        })
    }

    /// `signaling admin …` against the server's database; its stdout.
    async fn admin(&self, args: &[&str], stdin: Option<&str>) -> anyhow::Result<String> {
        use tokio::io::AsyncWriteExt;
        let mut child = tokio::process::Command::new(&self.bin)
            .arg("admin")
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .spawn()?;
        if let (Some(input), Some(mut pipe)) = (stdin, child.stdin.take()) {
            pipe.write_all(input.as_bytes()).await?;
        }
        let out = child.wait_with_output().await?;
        anyhow::ensure!(out.status.success(), "signaling admin {args:?} failed");
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    }
}

/// The one step that depends on how the server authorises calls: two join credentials for a
/// new call. With integrator keys and staff sign-in: the key creates the session and the
/// customer's link and queues the session; a fresh agent account (one per call: an agent is in
/// one call at a time) signs in with password + TOTP, goes available and accepts the offer.
pub async fn call_credentials(
    http: &reqwest::Client,
    base: &str,
    access: &Access,
) -> anyhow::Result<(Credential, Credential)> {
    let send = |req: reqwest::RequestBuilder| async move {
        let r = req.send().await?;
        anyhow::ensure!(
            r.status().is_success(),
            "{} from {}",
            r.status(),
            r.url().path()
        );
        Ok::<reqwest::Response, anyhow::Error>(r)
    };
    let key = |req: reqwest::RequestBuilder| req.bearer_auth(&access.api_key);
    let session: Value = send(key(http
        .post(format!("{base}/api/v1/sessions"))
        .json(&json!({}))))
    .await?
    .json()
    .await?;
    let id = session["id"]
        .as_str()
        .ok_or_else(|| anyhow::anyhow!("no session id"))?
        .to_owned();
    let link: Value = send(key(http
        .post(format!("{base}/api/v1/sessions/{id}/links"))
        .json(&json!({"role": "customer"}))))
    .await?
    .json()
    .await?;
    let customer = link["token"]
        .as_str()
        .ok_or_else(|| anyhow::anyhow!("no token"))?
        .to_owned();
    // No media before the customer's consents: give the three with the texts the server publishes.
    let texts: Value = send(http.get(format!("{base}/api/v1/consent-texts?lang=en")))
        .await?
        .json()
        .await?;
    for t in texts.as_array().into_iter().flatten() {
        send(
            http.post(format!("{base}/api/v1/sessions/{id}/consents"))
                .bearer_auth(&customer)
                .json(&json!({"kind": t["kind"], "decision": "given", "text_version": t["version"]})),
        )
        .await?;
    }

    let n = access
        .agents
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        + 1;
    let agent = format!("bench-agent-{}-{n}", std::process::id());
    access
        .admin(
            &[
                "create-user",
                "--id",
                &agent,
                "--name",
                &agent,
                "--roles",
                "agent",
                "--password-stdin",
            ],
            Some(PASSWORD),
        )
        .await?;
    send(key(http
        .put(format!("{base}/api/v1/agents/{agent}"))
        .json(&json!({"tz": "UTC", "skills": []}))))
    .await?;
    let code = access.admin(&["totp-code", "--id", &agent], None).await?;
    let r = send(
        http.post(format!("{base}/api/v1/auth/login"))
            .json(&json!({"username": agent, "password": PASSWORD, "code": code})),
    )
    .await?;
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| {
            c.split(';')
                .next()
                .and_then(|kv| kv.strip_prefix("vkyc_staff="))
                .map(str::to_owned)
        })
        .ok_or_else(|| anyhow::anyhow!("no staff cookie"))?;
    let staff = |req: reqwest::RequestBuilder| {
        req.header("cookie", format!("vkyc_staff={cookie}"))
            .header("origin", &access.origin)
    };
    send(key(http
        .post(format!("{base}/api/v1/queue"))
        .json(&json!({"session_id": id}))))
    .await?;
    send(staff(
        http.put(format!("{base}/api/v1/me/presence"))
            .json(&json!({"state": "available"})),
    ))
    .await?;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let offers: Value = send(staff(http.get(format!("{base}/api/v1/me/offers"))))
            .await?
            .json()
            .await?;
        if let Some(offer) = offers.as_array().and_then(|a| {
            a.iter()
                .find(|o| o["session_id"] == id.as_str())
                .or(a.first())
        }) {
            let offer_id = offer["offer_id"]
                .as_str()
                .ok_or_else(|| anyhow::anyhow!("no offer id"))?;
            let r: Value = send(staff(
                http.post(format!("{base}/api/v1/me/offers/{offer_id}/accept")),
            ))
            .await?
            .json()
            .await?;
            anyhow::ensure!(
                r["session_id"] == id.as_str(),
                "the agent was offered another session: {r}"
            );
            break;
        }
        anyhow::ensure!(
            std::time::Instant::now() < deadline,
            "no offer reached the agent"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok((
        Credential::Customer(customer),
        Credential::Agent {
            session: id,
            cookie,
        },
    ))
}

pub type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// The next text frame as JSON (None for other frames); an error when the socket closes or
/// stays silent for 15 s.
pub async fn next_json(ws: &mut Ws) -> anyhow::Result<Option<Value>> {
    match tokio::time::timeout(Duration::from_secs(15), ws.next()).await {
        Ok(Some(Ok(Message::Text(t)))) => Ok(Some(serde_json::from_str::<Value>(t.as_str())?)),
        Ok(Some(Ok(_))) => Ok(None),
        _ => anyhow::bail!("signaling socket closed or silent"),
    }
}

fn candidate_of(v: &Value) -> Option<RTCIceCandidateInit> {
    let c = v["candidate"]["candidate"].as_str()?;
    Some(RTCIceCandidateInit {
        candidate: c.to_owned(),
        sdp_mid: v["candidate"]["sdpMid"].as_str().map(str::to_owned),
        sdp_mline_index: v["candidate"]["sdpMLineIndex"].as_u64().map(|i| i as u16),
        ..Default::default()
    })
}

/// Joins with `token` and negotiates one leg; the socket stays open in a task that forwards
/// the server's trickled candidates to the party as `Control`s.
pub async fn join(
    ws_url: &str,
    credential: &Credential,
    origin: &str,
    ip: IpAddr,
) -> anyhow::Result<(
    Leg,
    mpsc::UnboundedReceiver<Control>,
    mpsc::UnboundedSender<Control>,
)> {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let mut req = ws_url.into_client_request()?;
    req.headers_mut().insert("origin", origin.parse()?);
    let join = match credential {
        Credential::Customer(token) => json!({"type": "join", "token": token, "protocol": 1}),
        Credential::Agent { session, cookie } => {
            req.headers_mut()
                .insert("cookie", format!("vkyc_staff={cookie}").parse()?);
            json!({"type": "join", "session_id": session, "protocol": 1})
        }
    };
    let (mut ws, _) = tokio_tungstenite::connect_async(req).await?;
    ws.send(Message::Text(join.to_string().into())).await?;
    let mut leg = Leg::new(ip, true).await?;
    let offer = leg.offer()?;
    let mut early = Vec::new();
    loop {
        let Some(m) = next_json(&mut ws).await? else {
            continue;
        };
        match m["type"].as_str() {
            Some("joined") => break,
            Some("error") => anyhow::bail!("join refused: {m}"),
            _ => {}
        }
    }
    ws.send(Message::Text(
        json!({"type": "offer", "sdp": offer}).to_string().into(),
    ))
    .await?;
    let c = leg.local_candidate()?;
    let cand = json!({"type": "candidate", "candidate": {"candidate": c.candidate, "sdpMid": "0", "sdpMLineIndex": 0}});
    ws.send(Message::Text(cand.to_string().into())).await?;
    loop {
        let Some(m) = next_json(&mut ws).await? else {
            continue;
        };
        match m["type"].as_str() {
            Some("answer") => {
                leg.accept_answer(m["sdp"].as_str().unwrap_or_default())?;
                break;
            }
            Some("candidate") => early.extend(candidate_of(&m)),
            Some("error") => anyhow::bail!("offer refused: {m}"),
            _ => {}
        }
    }
    for c in early {
        let _ = leg.pc.add_remote_candidate(c);
    }
    let (tx, rx) = mpsc::unbounded_channel();
    let tx2 = tx.clone();
    tokio::spawn(async move {
        // Reading also answers the server's keep-alive pings.
        while let Some(Ok(frame)) = ws.next().await {
            let Message::Text(t) = frame else { continue };
            let Ok(m) = serde_json::from_str::<Value>(t.as_str()) else {
                continue;
            };
            if m["type"] == "candidate" {
                if let Some(candidate) = candidate_of(&m) {
                    let _ = tx2.send(Control::Candidate { leg: 0, candidate });
                }
            }
        }
    });
    Ok((leg, rx, tx))
}

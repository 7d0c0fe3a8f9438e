//! Our server as the SFU under test: its process, join credentials and signaling
//! (`docs/signaling-protocol.md`).

use crate::party::Control;
use crate::peer::Leg;
use futures::{SinkExt, StreamExt};
use rtc::peer_connection::transport::RTCIceCandidateInit;
use serde_json::{Value, json};
use std::net::IpAddr;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

pub const API_KEY: &str = "bench-sfu-key";

/// The one step that depends on how the server authorises calls: two join tokens
/// (customer, agent) for a new call. Today: the operator API key creates a session and a link
/// per role. Adapt here when integrator keys (`sessions:write`) and staff login replace it.
pub async fn call_credentials(http: &reqwest::Client, base: &str) -> anyhow::Result<(String, String)> {
    let post = |path: String, body: Value| {
        let req = http.post(format!("{base}{path}")).bearer_auth(API_KEY).json(&body);
        async move {
            let r = req.send().await?;
            anyhow::ensure!(r.status().is_success(), "{} from {path}", r.status());
            Ok::<Value, anyhow::Error>(r.json().await?)
        }
    };
    let session = post("/api/v1/sessions".into(), json!({})).await?;
    let id = session["id"].as_str().ok_or_else(|| anyhow::anyhow!("no session id"))?.to_owned();
    let mut tokens = Vec::new();
    for role in ["customer", "agent"] {
        let link = post(format!("/api/v1/sessions/{id}/links"), json!({ "role": role })).await?;
        tokens.push(link["token"].as_str().ok_or_else(|| anyhow::anyhow!("no token"))?.to_owned());
    }
    Ok((tokens.remove(0), tokens.remove(0)))
}

pub type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

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
pub async fn join(ws_url: &str, token: &str, ip: IpAddr) -> anyhow::Result<(Leg, mpsc::UnboundedReceiver<Control>, mpsc::UnboundedSender<Control>)> {
    let (mut ws, _) = tokio_tungstenite::connect_async(ws_url).await?;
    ws.send(Message::Text(json!({"type": "join", "token": token, "protocol": 1}).to_string().into())).await?;
    let mut leg = Leg::new(ip, true).await?;
    let offer = leg.offer()?;
    let mut early = Vec::new();
    loop {
        let Some(m) = next_json(&mut ws).await? else { continue };
        match m["type"].as_str() {
            Some("joined") => break,
            Some("error") => anyhow::bail!("join refused: {m}"),
            _ => {}
        }
    }
    ws.send(Message::Text(json!({"type": "offer", "sdp": offer}).to_string().into())).await?;
    let c = leg.local_candidate()?;
    let cand = json!({"type": "candidate", "candidate": {"candidate": c.candidate, "sdpMid": "0", "sdpMLineIndex": 0}});
    ws.send(Message::Text(cand.to_string().into())).await?;
    loop {
        let Some(m) = next_json(&mut ws).await? else { continue };
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
            let Ok(m) = serde_json::from_str::<Value>(t.as_str()) else { continue };
            if m["type"] == "candidate" {
                if let Some(candidate) = candidate_of(&m) {
                    let _ = tx2.send(Control::Candidate { leg: 0, candidate });
                }
            }
        }
    });
    Ok((leg, rx, tx))
}

//! Janus 1.1.2 (Debian's package) as the peer SFU: a trimmed configuration (VideoRoom plugin and
//! the WebSocket transport only) and the VideoRoom 1:1 flow: each party publishes to a room and
//! subscribes to the other party's feed, which is the forwarding our SFU does for a call.

use crate::ours::{next_json, Ws};
use crate::peer::Leg;
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::net::IpAddr;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

pub const WS_PORT: u16 = 8188;

/// Writes a configuration folder for a Janus that listens on `ip` only, with every plugin but
/// VideoRoom and every transport but WebSockets disabled, sessions without timeout, logs at
/// warnings.
pub fn write_config(dir: &Path, ip: IpAddr, iface: &str) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let lib = "/usr/lib/x86_64-linux-gnu/janus";
    let plugins = [
        "audiobridge",
        "duktape",
        "echotest",
        "lua",
        "nosip",
        "recordplay",
        "sip",
        "streaming",
        "textroom",
        "videocall",
        "voicemail",
    ]
    .map(|p| format!("libjanus_{p}.so"))
    .join(",");
    let transports = ["http", "mqtt", "nanomsg", "pfunix", "rabbitmq"]
        .map(|p| format!("libjanus_{p}.so"))
        .join(",");
    std::fs::write(
        dir.join("janus.jcfg"),
        format!(
            r#"general: {{
	configs_folder = "{dir}"
	plugins_folder = "{lib}/plugins"
	transports_folder = "{lib}/transports"
	events_folder = "{lib}/events"
	loggers_folder = "{lib}/loggers"
	debug_level = 3
	session_timeout = 0
	protected_folders = []
}}
certificates: {{
}}
media: {{
	rtp_port_range = "20000-40000"
}}
nat: {{
	nice_debug = false
	ice_enforce_list = "{iface}"
}}
plugins: {{
	disable = "{plugins}"
}}
transports: {{
	disable = "{transports}"
}}
loggers: {{
	disable = "libjanus_jsonlog.so"
}}
events: {{
	broadcast = false
	disable = "libjanus_gelfevh.so,libjanus_mqttevh.so,libjanus_nanomsgevh.so,libjanus_rabbitmqevh.so,libjanus_sampleevh.so,libjanus_wsevh.so"
}}
"#,
            dir = dir.display()
        ),
    )?;
    std::fs::write(
        dir.join("janus.transport.websockets.jcfg"),
        format!("general: {{\n\tjson = \"plain\"\n\tws = true\n\tws_port = {WS_PORT}\n\tws_ip = \"{ip}\"\n\twss = false\n}}\nadmin: {{\n\tadmin_ws = false\n}}\n"),
    )?;
    std::fs::write(dir.join("janus.plugin.videoroom.jcfg"), "general: {\n}\n")?;
    Ok(())
}

static TRANSACTION: AtomicU64 = AtomicU64::new(1);

/// One Janus session over its own WebSocket.
pub struct Session {
    ws: Ws,
    id: u64,
}

impl Session {
    pub async fn open(url: &str) -> anyhow::Result<Session> {
        let mut req = url.into_client_request()?;
        req.headers_mut()
            .insert("Sec-WebSocket-Protocol", "janus-protocol".parse()?);
        let (ws, _) = tokio_tungstenite::connect_async(req).await?;
        let mut s = Session { ws, id: 0 };
        let r = s.call(json!({"janus": "create"})).await?;
        s.id = r["data"]["id"]
            .as_u64()
            .ok_or_else(|| anyhow::anyhow!("no session id: {r}"))?;
        Ok(s)
    }

    /// Sends a request and waits for its final reply (`success`, `event` or `error`; an `ack`
    /// only says an event will follow). Unsolicited events in between are skipped.
    async fn call(&mut self, mut req: Value) -> anyhow::Result<Value> {
        let t = TRANSACTION.fetch_add(1, Ordering::Relaxed).to_string();
        req["transaction"] = json!(t);
        if self.id != 0 {
            req["session_id"] = json!(self.id);
        }
        self.ws.send(Message::Text(req.to_string().into())).await?;
        loop {
            let Some(m) = next_json(&mut self.ws).await? else {
                continue;
            };
            if m["transaction"] != json!(t) {
                continue;
            }
            match m["janus"].as_str() {
                Some("ack") => continue,
                Some("error") => anyhow::bail!("janus error: {m}"),
                _ => {
                    if let Some(e) = m["plugindata"]["data"].get("error") {
                        anyhow::bail!("videoroom error: {e}");
                    }
                    return Ok(m);
                }
            }
        }
    }

    pub async fn attach(&mut self) -> anyhow::Result<u64> {
        let r = self
            .call(json!({"janus": "attach", "plugin": "janus.plugin.videoroom"}))
            .await?;
        r["data"]["id"]
            .as_u64()
            .ok_or_else(|| anyhow::anyhow!("no handle id: {r}"))
    }

    pub async fn message(
        &mut self,
        handle: u64,
        body: Value,
        jsep: Option<Value>,
    ) -> anyhow::Result<Value> {
        let mut req = json!({"janus": "message", "handle_id": handle, "body": body});
        if let Some(j) = jsep {
            req["jsep"] = j;
        }
        self.call(req).await
    }

    /// After setup, keep reading so the socket's pings are answered; nothing else is needed.
    pub fn idle(self) -> tokio::task::JoinHandle<()> {
        let mut ws = self.ws;
        tokio::spawn(async move { while let Some(Ok(_)) = ws.next().await {} })
    }
}

pub async fn create_room(url: &str, room: u64) -> anyhow::Result<()> {
    let mut s = Session::open(url).await?;
    let h = s.attach().await?;
    s.message(h, json!({"request": "create", "room": room, "publishers": 2, "audiocodec": "opus", "videocodec": "vp8", "bitrate": 2_000_000}), None).await?;
    let _ = s.call(json!({"janus": "destroy"})).await;
    Ok(())
}

/// Joins `room` as a publisher; returns the session, the feed id and the publishing leg.
pub async fn publish(
    url: &str,
    room: u64,
    name: &str,
    ip: IpAddr,
) -> anyhow::Result<(Session, u64, Leg)> {
    let mut session = Session::open(url).await?;
    let h = session.attach().await?;
    let joined = session
        .message(
            h,
            json!({"request": "join", "ptype": "publisher", "room": room, "display": name}),
            None,
        )
        .await?;
    let feed = joined["plugindata"]["data"]["id"]
        .as_u64()
        .ok_or_else(|| anyhow::anyhow!("no feed id: {joined}"))?;
    let mut leg = Leg::new(ip, true).await?;
    let offer = leg.offer()?;
    let r = session
        .message(
            h,
            json!({"request": "publish"}),
            Some(json!({"type": "offer", "sdp": offer, "trickle": false})),
        )
        .await?;
    let answer = r["jsep"]["sdp"]
        .as_str()
        .ok_or_else(|| anyhow::anyhow!("no answer: {r}"))?;
    leg.accept_answer(answer)?;
    Ok((session, feed, leg))
}

/// Subscribes to `feed` on a new handle of `session`; returns the receiving leg. A feed exists
/// for subscribers only once its publisher's media is up, so "no such feed" is retried.
pub async fn subscribe(
    session: &mut Session,
    room: u64,
    feed: u64,
    ip: IpAddr,
) -> anyhow::Result<Leg> {
    let h = session.attach().await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    let r = loop {
        match session.message(h, json!({"request": "join", "ptype": "subscriber", "room": room, "streams": [{"feed": feed}]}), None).await {
            Ok(r) => break r,
            Err(e) if e.to_string().contains("No such feed") && std::time::Instant::now() < deadline => {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Err(e) => return Err(e),
        }
    };
    let offer = r["jsep"]["sdp"]
        .as_str()
        .ok_or_else(|| anyhow::anyhow!("no subscriber offer: {r}"))?;
    let mut leg = Leg::new(ip, false).await?;
    let answer = leg.answer(offer)?;
    session
        .message(
            h,
            json!({"request": "start"}),
            Some(json!({"type": "answer", "sdp": answer, "trickle": false})),
        )
        .await?;
    Ok(leg)
}

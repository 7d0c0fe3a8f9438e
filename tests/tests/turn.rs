//! TURN: the short-lived credentials the server hands out are accepted by a real coturn
//! (`use-auth-secret`), and a relay-only client reaches the SFU through it.

use signaling::config::{Config, Secret};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tests::app::TestApp;
use tests::client::{CallClient, ClientOptions};

const SECRET: &str = "turn-test-secret";

struct Coturn(Child);

impl Drop for Coturn {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_coturn(port: u16) -> Coturn {
    let child = Command::new("turnserver")
        .args(["-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port"])
        .arg(port.to_string())
        .args(["--min-port=49160", "--max-port=49400", "--use-auth-secret", "--realm=test", "--no-tcp", "--no-tls", "--no-dtls", "--no-cli"])
        .arg(format!("--static-auth-secret={SECRET}"))
        // The SFU under test listens on loopback only; coturn refuses such peers by default.
        .args(["--allow-loopback-peers", "--log-file=stdout", "--simple-log"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("turnserver runs (make setup installs coturn)");
    Coturn(child)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_relay_only_client_reaches_the_sfu_through_coturn_with_the_issued_credentials() {
    let port = std::net::UdpSocket::bind("127.0.0.1:0").and_then(|s| s.local_addr()).expect("port").port();
    let _coturn = start_coturn(port);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = Config { database_url: format!("sqlite://{}/turn.db?mode=rwc", dir.path().display()), ..Config::default() };
    config.ice.turn_urls = vec![format!("turn:127.0.0.1:{port}?transport=udp")];
    config.ice.turn_secret = Secret(SECRET.into());
    config.ice.turn_ttl_secs = 600;
    let app = TestApp::spawn_with(config, dir).await;
    let s = app.session().await;
    let relay = ClientOptions { relay_only: true };
    let mut customer = CallClient::join_with(&app.ws_url(), &app.customer(&s).await, relay).await.expect("join");
    let username = customer.joined["ice_servers"][0]["username"].as_str().expect("TURN username").to_owned();
    assert!(username.ends_with(&format!(":{s}")), "REST username is expiry:session");
    let mut agent = CallClient::join(&app.ws_url(), &app.agent_for(&s).await).await.expect("join");
    assert!(customer.connected(15).await, "the relay-only client connects through TURN");
    assert!(agent.connected(10).await);
    assert!(agent.wait_frames(30, 10).await.is_some(), "relayed video reaches the agent");
    assert!(customer.wait_frames(30, 10).await.is_some(), "video reaches the relayed customer");
    customer.leave().await;
    agent.leave().await;
}

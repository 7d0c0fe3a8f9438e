//! The sidecar's `document` command over TCP: a document image read by the running sidecar
//! (no process per upload), bad uploads answered with an error code, the connection kept open.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::BufReader;
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use media_ai::sidecar::protocol::{read_message, write_message, KIND_JSON, KIND_REFERENCE};
use media_ai::sidecar::{serve, ServerConfig};
use serde_json::{json, Value};

fn start_server() -> std::net::SocketAddr {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    std::thread::spawn(move || serve(l, ServerConfig::default()).unwrap());
    addr
}

struct Client {
    w: TcpStream,
    r: BufReader<TcpStream>,
}

impl Client {
    fn connect(addr: std::net::SocketAddr) -> Self {
        let w = TcpStream::connect(addr).unwrap();
        w.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
        let r = BufReader::new(w.try_clone().unwrap());
        let mut c = Client { w, r };
        assert_eq!(c.next()["type"], "hello");
        c
    }
    fn send(&mut self, kind: u8, payload: &[u8]) {
        write_message(&mut self.w, kind, payload).unwrap();
    }
    fn next(&mut self) -> Value {
        let (kind, payload) = read_message(&mut self.r)
            .unwrap()
            .expect("connection closed");
        assert_eq!(kind, KIND_JSON);
        serde_json::from_slice(&payload).unwrap()
    }
}

#[test]
fn the_sidecar_reads_a_document_and_answers_bad_uploads_with_an_error_code() {
    let mut c = Client::connect(start_server());
    // No `start` needed: documents are read outside a call session too.
    let cmd = json!({"type": "document", "request_id": "up-1", "year": 2026});
    c.send(KIND_JSON, cmd.to_string().as_bytes());
    let jpeg = std::fs::read(common::fixture("documents/doc_007.jpg")).unwrap();
    c.send(KIND_REFERENCE, &jpeg);
    let r = c.next();
    assert_eq!(r["type"], "document_result", "{r}");
    assert_eq!(r["request_id"], "up-1");
    assert_eq!(r["mrz"]["format"], "TD1");
    assert_eq!(r["mrz"]["surname"], "DVORAKOVA");
    assert_eq!(r["check_digits_ok"], true);
    assert_eq!(r["quality"]["retake_hint"], Value::Null);
    assert_eq!(r["models"][1]["name"], "pp-ocrv4-rec");
    assert_eq!(r["models"][1]["sha256"].as_str().unwrap().len(), 64);

    let cmd = json!({"type": "document", "request_id": "up-2"});
    c.send(KIND_JSON, cmd.to_string().as_bytes());
    c.send(KIND_REFERENCE, b"this is not an image");
    let e = c.next();
    assert_eq!(e["type"], "error", "{e}");
    assert_eq!(e["request_id"], "up-2");
    assert_eq!(e["code"], "not_an_image");

    // The connection stays usable, and a later kind-2 message without a `document` command is
    // the face reference again (which needs a session).
    c.send(KIND_JSON, json!({"type": "ping"}).to_string().as_bytes());
    assert_eq!(c.next()["type"], "pong");
    c.send(KIND_REFERENCE, &jpeg);
    let e = c.next();
    assert_eq!(e["type"], "error");
    assert_eq!(e["code"], "no_session", "{e}");
}

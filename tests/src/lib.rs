//! End-to-end harness for whole-server tests.
//!
//! - [`app`]: starts the real server in-process on 127.0.0.1 (port 0) with a fresh SQLite or
//!   PostgreSQL database, and talks to its HTTP API.
//! - [`media`]: VP8 and Opus test media, encoded at test time with GStreamer's command-line tools.
//! - [`client`]: a WebRTC client built on the `webrtc` crate that joins a call like a browser:
//!   sends the encoded media, counts what it receives.
//!
//! - [`bench`]: what the benchmarks in `tests/benches/` share.
//!
//! Browser tests live in `tests/e2e` (Node + Debian Chromium).

pub mod app;
pub mod at_rest;
pub mod bench;
pub mod client;
pub mod media;
pub mod probe;
pub mod process;
pub mod s3;

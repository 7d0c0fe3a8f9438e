//! Integration tests of the recorder against real GStreamer pipelines.

mod call;
mod common;
mod crash;
mod disk_full;
mod robustness;
mod segments;

//! Integration tests of the recorder against real GStreamer pipelines.

mod call;
mod common;
mod crash;
mod disk_full;
mod encryption;
mod object_storage;
mod robustness;
mod segments;

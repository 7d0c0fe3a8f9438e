//! The sidecar's `document` command: read the MRZ and capture quality of an uploaded document
//! image (the kind-2 message that follows the command) with pooled OCR models, so the server
//! never spawns a process per upload.
//!
//! Answer: `{"type":"document_result","request_id",...the CLI's fields...,"models"}`, or an `error` event
//! with the `request_id` and a stable `code` (`not_an_image`, `image_too_large`,
//! `image_dimensions_too_large`, `image_decode_failed`, `ocr_models_unavailable`,
//! `document_read_failed`).
//! Nothing of the image is stored or logged.

use std::sync::{Mutex, OnceLock};

use serde_json::{json, Value};

use crate::document::input::decode_upload;
use crate::document::{current_year, DocumentOptions, DocumentReader};
use crate::error::Error;

/// A `document` command waiting for its image.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub request_id: String,
    /// Year for the birth-century rule; the system clock's when the server sends none.
    pub year: Option<i32>,
}

static THREADS: OnceLock<usize> = OnceLock::new();
static POOL: Mutex<Vec<DocumentReader>> = Mutex::new(Vec::new());

/// ORT threads per OCR model (the server's `--threads`); set once at start-up.
pub fn configure(threads: usize) {
    let _ = THREADS.set(threads.max(1));
}

fn take_reader() -> crate::error::Result<DocumentReader> {
    let cached = POOL.lock().ok().and_then(|mut v| v.pop());
    match cached {
        Some(r) => Ok(r),
        None => DocumentReader::load(DocumentOptions {
            threads: THREADS.get().copied().unwrap_or(1),
        }),
    }
}

fn give_reader(r: DocumentReader) {
    if let Ok(mut v) = POOL.lock() {
        v.push(r);
    }
}

fn error(request_id: &str, code: &str, message: String) -> Value {
    json!({"type": "error", "request_id": request_id, "code": code, "message": message, "fatal": false})
}

/// Reads one document image for `p`; returns the event to send.
pub fn answer(p: &Pending, bytes: &[u8]) -> Value {
    let img = match decode_upload(bytes) {
        Ok(img) => img,
        Err(Error::BadImage { code, message }) => return error(&p.request_id, code, message),
        Err(e) => return error(&p.request_id, "image_decode_failed", e.to_string()),
    };
    let mut reader = match take_reader() {
        Ok(r) => r,
        Err(e) => return error(&p.request_id, "ocr_models_unavailable", e.to_string()),
    };
    let result = reader.read(&img, p.year.unwrap_or_else(current_year));
    let models = serde_json::to_value(reader.stamps()).unwrap_or(Value::Null);
    give_reader(reader);
    match result.map(serde_json::to_value) {
        Ok(Ok(Value::Object(fields))) => {
            let mut out = serde_json::Map::new();
            out.insert("type".into(), json!("document_result"));
            out.insert("request_id".into(), json!(p.request_id));
            out.extend(fields);
            out.insert("models".into(), models);
            Value::Object(out)
        }
        Ok(_) => error(
            &p.request_id,
            "document_read_failed",
            "result not serialisable".into(),
        ),
        Err(e) => error(&p.request_id, "document_read_failed", e.to_string()),
    }
}

//! The compliance report as one self-contained HTML page (inline style, no scripts, every
//! value escaped), for the console and for printing.

use super::{EvidenceItem, Report, RequirementStatus};
use std::fmt::Write;

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `2030-01-07 07:00:00 UTC`.
pub fn time(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms).map(|d| d.format("%Y-%m-%d %H:%M:%S UTC").to_string()).unwrap_or_default()
}

/// `+01:23.456` on the recording's time axis.
pub fn offset(ms: i64) -> String {
    let sign = if ms < 0 { "-" } else { "+" };
    let a = ms.unsigned_abs();
    format!("{sign}{:02}:{:02}.{:03}", a / 60_000, a / 1000 % 60, a % 1000)
}

/// One line describing a piece of evidence (shared with the PDF).
pub fn evidence_line(e: &EvidenceItem) -> String {
    let mut parts = vec![e.kind.replace('_', " ")];
    if let Some(at) = e.at {
        parts.push(time(at));
    }
    if let Some(o) = e.offset_ms {
        parts.push(format!("recording {}", offset(o)));
    }
    if let Some(r) = &e.result {
        parts.push(r.clone());
    }
    if let Some(s) = &e.staff_id {
        parts.push(format!("by {s}"));
    }
    if !e.detail.is_empty() {
        parts.push(e.detail.clone());
    }
    if let Some(h) = &e.sha256 {
        parts.push(format!("sha256 {h}"));
    }
    for m in &e.models {
        parts.push(format!("model {} {} (sha256 {})", m.name, m.version, m.sha256));
    }
    parts.join(" · ")
}

pub fn render(r: &Report) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Compliance report {id}</title><style>\
         body{{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#111}}table{{border-collapse:collapse;width:100%}}\
         td,th{{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}}.met{{color:#07622c}}.not_met{{color:#a40000}}\
         code{{font-size:12px;word-break:break-all}}ul{{margin:0;padding-left:1.1rem}}</style></head><body>\
         <h1>Compliance report</h1><dl><dt>Session</dt><dd><code>{id}</code></dd><dt>Profile</dt><dd>{pname} ({pid}, {jur}), version <code>{pv}</code></dd>\
         <dt>Generated</dt><dd>{gen}</dd><dt>Signing key</dt><dd><code>{key}</code></dd></dl>",
        id = escape(&r.session_id),
        pname = escape(&r.profile_name),
        pid = escape(&r.profile_id),
        jur = escape(&r.jurisdiction),
        pv = escape(&r.profile_version),
        gen = time(r.generated_at),
        key = escape(&r.signing_key),
    );
    h.push_str("<h2>Decision</h2>");
    match &r.decision {
        Some(d) => {
            let _ = write!(
                h,
                "<p><strong>{}</strong> ({}) by {} at {}{}{}</p>",
                escape(&d.outcome),
                escape(&d.status),
                escape(&d.decided_by),
                time(d.decided_at),
                if d.reasons.is_empty() { String::new() } else { format!(", reasons: {}", escape(&d.reasons.join(", "))) },
                d.decision_sha256.as_ref().map(|s| format!(", signed decision sha256 <code>{}</code>", escape(s))).unwrap_or_default(),
            );
            if let Some(rv) = &r.review {
                let _ = write!(
                    h,
                    "<p>Reviewed by {} at {}: {} ({} → {})</p>",
                    escape(&rv.reviewer_id),
                    time(rv.reviewed_at),
                    escape(rv.verdict.as_ref()),
                    escape(rv.outcome_before.as_ref()),
                    escape(rv.outcome_after.as_ref())
                );
            }
        }
        None => h.push_str("<p>No decision yet.</p>"),
    }
    h.push_str("<h2>Requirements</h2><table><thead><tr><th>Requirement</th><th>Status</th><th>Checks</th><th>Evidence</th></tr></thead><tbody>");
    for row in &r.requirements {
        let (class, status) = match row.status {
            RequirementStatus::Met => ("met", "met".to_owned()),
            RequirementStatus::NotMet => ("not_met", format!("not met: {}", row.missing.as_deref().unwrap_or(""))),
        };
        let checks: String = row.checks.iter().map(|c| format!("<li>{} — {}{}</li>", escape(&c.label), escape(&c.state), c.why.as_ref().map(|w| format!(" (<code>{}</code>)", escape(w))).unwrap_or_default())).collect();
        let evidence: String = row.evidence.iter().map(|e| format!("<li>{}</li>", escape(&evidence_line(e)))).collect();
        let _ = write!(
            h,
            "<tr><td><strong>{}</strong> {}</td><td class=\"{class}\">{}</td><td><ul>{checks}</ul></td><td><ul>{evidence}</ul></td></tr>",
            escape(&row.id),
            escape(&row.title),
            escape(&status)
        );
    }
    h.push_str("</tbody></table>");
    if let Some(rec) = &r.recording {
        let _ = write!(h, "<h2>Recording</h2><p>{}, {} segment(s), {} – {}</p><table><thead><tr><th>File</th><th>Offset</th><th>Duration</th><th>SHA-256 (WebM)</th><th>SHA-256 (stored)</th></tr></thead><tbody>", escape(&rec.status), rec.segments, time(rec.started_at), time(rec.ended_at));
        for f in &rec.files {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{} ms</td><td><code>{}</code></td><td><code>{}</code></td></tr>",
                escape(&f.path),
                offset(f.offset_ms),
                f.duration_ms,
                escape(f.plaintext_sha256.as_deref().unwrap_or("")),
                escape(&f.stored_sha256)
            );
        }
        h.push_str("</tbody></table>");
    }
    if !r.models.is_empty() {
        h.push_str("<h2>Models</h2><ul>");
        for m in &r.models {
            let _ = write!(h, "<li>{} {} <code>{}</code></li>", escape(&m.name), escape(&m.version), escape(&m.sha256));
        }
        h.push_str("</ul>");
    }
    let _ = write!(h, "<h2>Audit log</h2><p>{} rows of this session ({}).</p></body></html>", r.audit.rows, if r.audit.rows_intact { "every row matches its hash" } else { "a row does not match its hash" });
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_values_is_escaped_and_offsets_read_as_minutes_seconds_millis() {
        assert_eq!(escape("<script>alert('x')</script> & \""), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;");
        assert_eq!(offset(83_456), "+01:23.456");
        assert_eq!(offset(-1500), "-00:01.500");
    }
}

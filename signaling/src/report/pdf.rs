//! The compliance report as a PDF, written by hand (no browser, no font files): PDF 1.4 with
//! the standard Helvetica and Courier fonts in WinAnsi encoding, A4 pages, text wrapped by the
//! fonts' published widths. Characters outside WinAnsi become `?` (the report holds ids,
//! codes, hashes and times, not names).

use super::html::{evidence_line, offset, time};
use super::{Report, RequirementStatus};
use std::fmt::Write;

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 50.0;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Font {
    Regular,
    Bold,
    Mono,
}

impl Font {
    fn resource(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
            Font::Mono => "F3",
        }
    }

    /// Advance width of a WinAnsi byte in 1/1000 of the font size (Adobe's core-14 metrics).
    fn width(self, b: u8) -> f32 {
        if self == Font::Mono {
            return 600.0;
        }
        const HELVETICA: [u16; 95] = [
            278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722,
            722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556,
            222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
        ];
        let w = match b {
            32..=126 => f32::from(HELVETICA[usize::from(b - 32)]),
            _ => 556.0,
        };
        // Bold is wider; 6 % covers Helvetica-Bold's larger glyphs for wrapping purposes.
        if self == Font::Bold { w * 1.06 } else { w }
    }
}

/// Text to WinAnsi bytes.
fn winansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            ' '..='~' => c as u8,
            '–' => 0x96,
            '—' => 0x97,
            '·' => 0xB7,
            '→' => b'>',
            c if (c as u32) >= 0xA0 && (c as u32) <= 0xFF => c as u32 as u8,
            _ => b'?',
        })
        .collect()
}

fn text_width(font: Font, size: f32, bytes: &[u8]) -> f32 {
    bytes.iter().map(|b| font.width(*b)).sum::<f32>() * size / 1000.0
}

/// Splits into lines no wider than `max` (at spaces; a word longer than a line is cut).
fn wrap(font: Font, size: f32, text: &str, max: f32) -> Vec<Vec<u8>> {
    let mut lines = vec![];
    let mut line: Vec<u8> = vec![];
    for word in winansi(text).split(|b| *b == b' ') {
        let mut word = word.to_vec();
        loop {
            let candidate: Vec<u8> = if line.is_empty() { word.clone() } else { [line.as_slice(), b" ", &word].concat() };
            if text_width(font, size, &candidate) <= max {
                line = candidate;
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A single word wider than the line (a hash): cut it.
            let mut cut = word.len();
            while cut > 1 && text_width(font, size, &word[..cut]) > max {
                cut -= 1;
            }
            lines.push(word[..cut].to_vec());
            word = word[cut..].to_vec();
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn pdf_string(bytes: &[u8]) -> String {
    let mut s = String::from("(");
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                s.push('\\');
                s.push(b as char);
            }
            32..=126 => s.push(b as char),
            _ => {
                let _ = write!(s, "\\{b:03o}");
            }
        }
    }
    s.push(')');
    s
}

/// Lays out lines on A4 pages.
struct Layout {
    pages: Vec<String>,
    current: String,
    y: f32,
}

impl Layout {
    fn new() -> Layout {
        Layout { pages: vec![], current: String::new(), y: PAGE_H - MARGIN }
    }

    fn line(&mut self, font: Font, size: f32, indent: f32, bytes: &[u8]) {
        let lead = size * 1.35;
        if self.y - lead < MARGIN {
            self.pages.push(std::mem::take(&mut self.current));
            self.y = PAGE_H - MARGIN;
        }
        self.y -= lead;
        let _ = writeln!(self.current, "BT /{} {size} Tf {:.1} {:.1} Td {} Tj ET", font.resource(), MARGIN + indent, self.y, pdf_string(bytes));
    }

    fn text(&mut self, font: Font, size: f32, indent: f32, text: &str) {
        for l in wrap(font, size, text, PAGE_W - 2.0 * MARGIN - indent) {
            self.line(font, size, indent, &l);
        }
    }

    fn gap(&mut self, pt: f32) {
        self.y -= pt;
    }

    fn finish(mut self) -> Vec<String> {
        if !self.current.is_empty() || self.pages.is_empty() {
            self.pages.push(self.current);
        }
        self.pages
    }
}

/// Assembles objects into a PDF file with a correct cross-reference table.
fn assemble(pages: &[String], title: &str) -> Vec<u8> {
    let n = pages.len();
    // 1 catalog, 2 pages, 3-5 fonts, 6 info, then (page, content) pairs.
    let mut objects: Vec<String> = vec![];
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 7 + 2 * i)).collect();
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")));
    for base in ["Helvetica", "Helvetica-Bold", "Courier"] {
        objects.push(format!("<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding >>"));
    }
    objects.push(format!("<< /Title {} /Producer (videokyc signaling) >>", pdf_string(&winansi(title))));
    for (i, content) in pages.iter().enumerate() {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] /Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> >> /Contents {} 0 R >>",
            8 + 2 * i
        ));
        objects.push(format!("<< /Length {} >>\nstream\n{content}endstream", content.len()));
    }
    let mut out: Vec<u8> = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = vec![];
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for o in offsets {
        let _ = write!(table, "{o:010} 00000 n \n");
    }
    out.extend(table.as_bytes());
    out.extend(format!("trailer\n<< /Size {} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    out
}

pub fn render(r: &Report) -> Vec<u8> {
    let mut l = Layout::new();
    l.text(Font::Bold, 16.0, 0.0, "Compliance report");
    l.gap(4.0);
    l.text(Font::Regular, 9.0, 0.0, &format!("Session {}", r.session_id));
    l.text(Font::Regular, 9.0, 0.0, &format!("Profile {} ({}, {}), version {}", r.profile_name, r.profile_id, r.jurisdiction, r.profile_version));
    l.text(Font::Regular, 9.0, 0.0, &format!("Generated {}; signing key {}", time(r.generated_at), r.signing_key));
    l.gap(6.0);
    l.text(Font::Bold, 12.0, 0.0, "Decision");
    match &r.decision {
        Some(d) => {
            let reasons = if d.reasons.is_empty() { String::new() } else { format!(", reasons {}", d.reasons.join(", ")) };
            l.text(Font::Regular, 9.0, 0.0, &format!("{} ({}) by {} at {}{reasons}", d.outcome, d.status, d.decided_by, time(d.decided_at)));
            if let Some(s) = &d.decision_sha256 {
                l.text(Font::Mono, 8.0, 0.0, &format!("signed decision sha256 {s}"));
            }
            if let Some(rv) = &r.review {
                l.text(Font::Regular, 9.0, 0.0, &format!("Reviewed by {} at {}: {} ({} -> {})", rv.reviewer_id, time(rv.reviewed_at), rv.verdict.as_ref(), rv.outcome_before.as_ref(), rv.outcome_after.as_ref()));
            }
        }
        None => l.text(Font::Regular, 9.0, 0.0, "No decision yet."),
    }
    l.gap(6.0);
    l.text(Font::Bold, 12.0, 0.0, "Requirements");
    for row in &r.requirements {
        l.gap(3.0);
        let status = match row.status {
            RequirementStatus::Met => "MET".to_owned(),
            RequirementStatus::NotMet => format!("NOT MET ({})", row.missing.as_deref().unwrap_or("")),
        };
        l.text(Font::Bold, 10.0, 0.0, &format!("{} {} - {status}", row.id, row.title));
        for c in &row.checks {
            l.text(Font::Regular, 9.0, 12.0, &format!("check {}: {}{}", c.label, c.state, c.why.as_ref().map(|w| format!(" ({w})")).unwrap_or_default()));
        }
        for e in &row.evidence {
            l.text(Font::Regular, 8.5, 12.0, &format!("- {}", evidence_line(e)));
        }
    }
    if let Some(rec) = &r.recording {
        l.gap(6.0);
        l.text(Font::Bold, 12.0, 0.0, "Recording");
        l.text(Font::Regular, 9.0, 0.0, &format!("{}, {} segment(s), {} - {}", rec.status, rec.segments, time(rec.started_at), time(rec.ended_at)));
        for f in &rec.files {
            l.text(Font::Regular, 9.0, 12.0, &format!("{} at {} for {} ms", f.path, offset(f.offset_ms), f.duration_ms));
            if let Some(p) = &f.plaintext_sha256 {
                l.text(Font::Mono, 7.5, 24.0, &format!("webm   sha256 {p}"));
            }
            l.text(Font::Mono, 7.5, 24.0, &format!("stored sha256 {}", f.stored_sha256));
        }
    }
    if !r.models.is_empty() {
        l.gap(6.0);
        l.text(Font::Bold, 12.0, 0.0, "Models");
        for m in &r.models {
            l.text(Font::Regular, 9.0, 0.0, &format!("{} {}", m.name, m.version));
            l.text(Font::Mono, 7.5, 12.0, &format!("sha256 {}", m.sha256));
        }
    }
    l.gap(6.0);
    l.text(Font::Bold, 12.0, 0.0, "Audit log");
    l.text(Font::Regular, 9.0, 0.0, &format!("{} rows of this session; {}.", r.audit.rows, if r.audit.rows_intact { "every row matches its hash" } else { "a row does not match its hash" }));
    assemble(&l.finish(), &format!("Compliance report {}", r.session_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cross_reference_table_points_at_every_object() {
        let pages: Vec<String> = (0..3).map(|i| format!("BT /F1 9 Tf 50 700 Td (page {i}) Tj ET\n")).collect();
        let pdf = assemble(&pages, "t");
        // Offsets are byte offsets: the header's binary comment is not UTF-8, so search bytes.
        let find = |needle: &[u8]| pdf.windows(needle.len()).rposition(|w| w == needle).expect("present");
        let tail = &pdf[find(b"startxref\n") + "startxref\n".len()..];
        let xref_at: usize = std::str::from_utf8(&tail[..tail.iter().position(|b| *b == b'\n').expect("line")]).expect("ascii").parse().expect("startxref");
        assert!(pdf[xref_at..].starts_with(b"xref"));
        let table = String::from_utf8_lossy(&pdf[xref_at..]).into_owned();
        for (i, line) in table.lines().skip(3).take(12).enumerate() {
            let off: usize = line[..10].parse().expect("offset");
            assert!(pdf[off..].starts_with(format!("{} 0 obj", i + 1).as_bytes()), "object {} at {off}", i + 1);
        }
        assert!(pdf.ends_with(b"%%EOF\n"));
    }

    #[test]
    fn long_words_are_cut_and_lines_fit_the_page() {
        let hash = "a".repeat(200);
        let lines = wrap(Font::Mono, 8.0, &format!("sha256 {hash}"), 200.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| text_width(Font::Mono, 8.0, l) <= 200.0));
        assert_eq!(pdf_string(b"a(b)\\"), "(a\\(b\\)\\\\)");
        assert_eq!(winansi("x → y – é"), b"x > y \x96 \xe9".to_vec());
    }
}

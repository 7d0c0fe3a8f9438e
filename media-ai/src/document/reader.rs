//! Finding and reading the MRZ in a photo.
//!
//! 1. **Find text**: the DB detector runs on the whole image scaled to [`OVERVIEW_SIDE`] px;
//!    long thin regions are candidate lines in any orientation. Parallel neighbours are grouped
//!    (an MRZ is 2–3 equally spaced parallel lines); the longest groups are tried first.
//! 2. **Rectify**: each group becomes a band cut out of the full-resolution image along the
//!    group's direction, scaled so a character is about 32 px high and extended along the lines
//!    to the image border (the detector often misses long filler runs at the ends). The
//!    detector runs again on the band; pieces on one line are merged (filler runs split lines).
//! 3. **Read**: consecutive 2- or 3-line windows of similar spacing are read with the recogniser,
//!    each line over the common left/right extent of the window, from three crops of different
//!    vertical margin, in both reading directions (a booklet shot sideways or upside down).
//!    The CTC output is decoded under each format's grammar (exact length, positional classes),
//!    the three crops' evidence is summed, check digits choose between close alternatives and
//!    misread fillers in the names are repaired.
//! 4. **Decide**: the window with most valid check digits, then best confidence, wins; it counts
//!    as an MRZ only when its confidence and line lengths look like one (no MRZ is invented on
//!    a page of ordinary text).

use image::RgbImage;

use super::ctc::{combine, decode, Constrained, LineProbs};
use super::geometry::{crop_box, pca_box, regions, OrientedBox, Pt, Region};
use super::mrz::{check_digits, layout, Format};
use super::ocr::{TextDetector, TextRecognizer, REC_HEIGHT};
use super::select::{choose, repair_name_fillers};
use crate::error::Result;

/// Longest side of the image for the first detection pass.
pub const OVERVIEW_SIDE: f32 = 960.0;
/// Text-probability threshold (PaddleOCR's default).
const MAP_THRESHOLD: f32 = 0.3;
/// Target thickness of a detected line (the detector's shrunk core) in the band: characters
/// come out about 32 px high.
const BAND_LINE_THICKNESS: f32 = 21.0;
/// Upper bound on band pixels, so a huge image cannot make the second pass slow.
const BAND_MAX_PIXELS: f32 = 1.5e6;
/// Groups tried, longest first.
const MAX_GROUPS: usize = 4;
/// Vertical margins of the three crops read per line, in line thicknesses.
const CROP_MARGINS: [f32; 3] = [0.8, 1.0, 1.2];
/// Acceptance: mean log-probability per character and mean line-length error (greedy reading
/// vs the format's length). Measured on the dev set: MRZs ≥ −0.5 and ≤ 1.5, other text ≤ −2.4
/// and ≥ 5.
const MIN_CONFIDENCE: f32 = -1.2;
const MAX_LENGTH_ERROR: f32 = 4.0;

/// A read MRZ before field mapping.
#[derive(Debug, Clone)]
pub struct MrzReading {
    pub format: Format,
    pub lines: Vec<Vec<u8>>,
    pub checks: Vec<bool>,
    /// Mean log-probability per character of the constrained reading.
    pub confidence: f32,
    /// Mean |greedy length − line length| over the lines.
    pub length_error: f32,
    /// Corners of the MRZ in image pixels (reading order: top-left, top-right, bottom-right,
    /// bottom-left).
    pub quad: [Pt; 4],
    /// Line crops as read (middle margin), for the capture-quality measures.
    pub crops: Vec<RgbImage>,
}

impl MrzReading {
    fn valid_checks(&self) -> usize {
        self.checks.iter().filter(|&&b| b).count()
    }
    fn rank(&self) -> f32 {
        2.0 * self.valid_checks() as f32 + self.confidence - self.length_error
    }
    fn all_checks_hold(&self) -> bool {
        self.checks.iter().all(|&b| b)
    }
    /// Whether this looks like a real MRZ rather than ordinary text forced into the grammar.
    pub fn plausible(&self) -> bool {
        self.confidence > MIN_CONFIDENCE
            && self.length_error <= MAX_LENGTH_ERROR
            && self.valid_checks() >= 1
    }
}

/// What the detector saw, for the capture-quality measures.
#[derive(Debug, Clone, Default)]
pub struct TextLayout {
    /// Text regions of the overview pass (image pixels).
    pub regions: Vec<OrientedBox>,
}

/// A candidate group of parallel lines in the overview.
struct Group {
    frame: OrientedBox,
    thickness: f32,
}

fn median(v: &mut [f32]) -> f32 {
    v.sort_by(f32::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn dot(a: Pt, b: Pt) -> f32 {
    a.0 * b.0 + a.1 * b.1
}

fn groups(lines: &[&Region]) -> Vec<Group> {
    let mut used = vec![false; lines.len()];
    let mut out = Vec::new();
    for i in 0..lines.len() {
        if used[i] {
            continue;
        }
        used[i] = true;
        let seed = lines[i].bbox;
        let mut members = vec![i];
        let mut grew = true;
        while grew {
            grew = false;
            for j in 0..lines.len() {
                if used[j] || dot(seed.u, lines[j].bbox.u).abs() < 0.98 {
                    continue;
                }
                let b = lines[j];
                let near = members.iter().any(|&m| {
                    let m = lines[m];
                    let d = (b.bbox.c.0 - m.bbox.c.0, b.bbox.c.1 - m.bbox.c.1);
                    dot(d, seed.n).abs() < 4.0 * m.thickness.max(b.thickness)
                        && dot(d, seed.u).abs() < 0.6 * m.bbox.length().max(b.bbox.length())
                });
                if near {
                    used[j] = true;
                    members.push(j);
                    grew = true;
                }
            }
        }
        let mut frame = OrientedBox {
            u0: f32::MAX,
            u1: f32::MIN,
            n0: f32::MAX,
            n1: f32::MIN,
            ..seed
        };
        for &m in &members {
            for p in lines[m].bbox.corners() {
                let (a, n) = frame.coords(p);
                frame.u0 = frame.u0.min(a);
                frame.u1 = frame.u1.max(a);
                frame.n0 = frame.n0.min(n);
                frame.n1 = frame.n1.max(n);
            }
        }
        let mut th: Vec<f32> = members.iter().map(|&m| lines[m].thickness).collect();
        out.push(Group {
            frame,
            thickness: median(&mut th),
        });
    }
    out
}

/// How far from `c` along `dir` the image still contains the point.
fn reach(c: Pt, dir: Pt, w: f32, h: f32) -> f32 {
    let mut t = f32::MAX;
    for (cv, dv, lim) in [(c.0, dir.0, w), (c.1, dir.1, h)] {
        if dv > 1e-6 {
            t = t.min((lim - cv) / dv);
        } else if dv < -1e-6 {
            t = t.min(-cv / dv);
        }
    }
    t.max(0.0)
}

/// The band around a group: its box in the image and the scale (band px per image px).
fn band_box(g: &Group, w: f32, h: f32) -> (OrientedBox, f32) {
    let f = g.frame;
    let th = g.thickness.max(1.0);
    let ext = 0.6 * f.length();
    let lo = (f.u0 - ext).max(-reach(f.c, (-f.u.0, -f.u.1), w, h) - th);
    let hi = (f.u1 + ext).min(reach(f.c, f.u, w, h) + th);
    let b = OrientedBox {
        u0: lo,
        u1: hi,
        n0: f.n0 - 1.5 * th,
        n1: f.n1 + 1.5 * th,
        ..f
    };
    let mut scale = BAND_LINE_THICKNESS / th.max(3.0);
    let pixels = b.length() * b.thickness() * scale * scale;
    if pixels > BAND_MAX_PIXELS {
        scale *= (BAND_MAX_PIXELS / pixels).sqrt();
    }
    (b, scale)
}

/// Text lines in a rectified band (band pixels), pieces on one line merged, top to bottom.
fn band_lines(det: &mut TextDetector, band: &RgbImage) -> Result<Vec<OrientedBox>> {
    let map = det.probability_map(band, 1.0)?;
    let mut pieces: Vec<Region> =
        regions(&map.data, map.w, map.h, MAP_THRESHOLD, 10, map.sx, map.sy)
            .into_iter()
            .filter(|r| r.bbox.length() > 2.0 * r.thickness && r.bbox.u.1.abs() < 0.2)
            .collect();
    pieces.sort_by(|a, b| b.bbox.length().total_cmp(&a.bbox.length()));
    struct Line {
        c: Pt,
        n: Pt,
        thickness: f32,
        pts: Vec<Pt>,
    }
    let mut merged: Vec<Line> = Vec::new();
    for p in pieces {
        let hit = merged.iter_mut().find(|m| {
            let d = (p.bbox.c.0 - m.c.0, p.bbox.c.1 - m.c.1);
            dot(d, m.n).abs() < 0.6 * m.thickness.max(p.thickness)
        });
        match hit {
            Some(m) => {
                m.pts.extend_from_slice(&p.pts);
                m.thickness = m.thickness.max(p.thickness);
            }
            None => merged.push(Line {
                c: p.bbox.c,
                n: p.bbox.n,
                thickness: p.thickness,
                pts: p.pts,
            }),
        }
    }
    let mut out: Vec<OrientedBox> = merged.iter().filter_map(|m| pca_box(&m.pts)).collect();
    for b in &mut out {
        // Thickness of a merged line: its box plus one pixel.
        b.n1 += 1.0;
    }
    out.sort_by(|a, b| a.c.1.total_cmp(&b.c.1));
    Ok(out)
}

/// Lines of a window stretched to their common extent along the band's x axis.
fn common_extent(lines: &[OrientedBox]) -> Vec<OrientedBox> {
    let xr = |b: &OrientedBox| {
        let (xa, xb) = (b.c.0 + b.u0 * b.u.0, b.c.0 + b.u1 * b.u.0);
        (xa.min(xb), xa.max(xb))
    };
    let gx0 = lines.iter().map(|b| xr(b).0).fold(f32::MAX, f32::min);
    let gx1 = lines.iter().map(|b| xr(b).1).fold(f32::MIN, f32::max);
    lines
        .iter()
        .map(|b| {
            let ux = if b.u.0.abs() < 1e-3 { 1e-3 } else { b.u.0 };
            let (t0, t1) = ((gx0 - b.c.0) / ux, (gx1 - b.c.0) / ux);
            OrientedBox {
                u0: t0.min(t1),
                u1: t0.max(t1),
                ..*b
            }
        })
        .collect()
}

/// Reads of one line from the crops of [`CROP_MARGINS`] (the middle one first).
struct LineRead {
    probs: Vec<LineProbs>,
    crop: RgbImage,
}

/// Greedy lengths outside this range fit no MRZ line (30–44 characters) even with the
/// recogniser's typical merges and splits.
const PLAUSIBLE_GREEDY_LEN: std::ops::RangeInclusive<usize> = 18..=56;

/// Reads a line from the crops of [`CROP_MARGINS`]; `None` when the middle crop already shows
/// it is no MRZ line (far too short or long), which spares the other two reads.
fn read_line(
    rec: &mut TextRecognizer,
    band: &RgbImage,
    b: &OrientedBox,
) -> Result<Option<LineRead>> {
    let th = b.thickness();
    let side = 0.95 * th * 1.5;
    let crop_at = |m: f32| {
        let r = OrientedBox {
            u0: b.u0 - side,
            u1: b.u1 + side,
            n0: b.n0 - m * th,
            n1: b.n1 + m * th,
            ..*b
        };
        crop_box(band, &r, REC_HEIGHT)
    };
    let crop = crop_at(CROP_MARGINS[1]);
    let middle = rec.read(&crop)?;
    if !PLAUSIBLE_GREEDY_LEN.contains(&middle.greedy().0.len()) {
        return Ok(None);
    }
    let first = rec.read(&crop_at(CROP_MARGINS[0]))?;
    let last = rec.read(&crop_at(CROP_MARGINS[2]))?;
    Ok(Some(LineRead {
        probs: vec![first, middle, last],
        crop,
    }))
}

/// A window read as one format: lines, check digits, confidence, length error.
type WindowReading = (Vec<Vec<u8>>, Vec<bool>, f32, f32);

/// Reads a window of lines as `format`; `None` when a line cannot hold the format's length.
fn read_window(format: Format, reads: &[&LineRead]) -> Option<WindowReading> {
    let classes = layout(format);
    let mut combined: Vec<Constrained> = Vec::new();
    let mut score = 0.0;
    let mut length_error = 0.0;
    for (r, cl) in reads.iter().zip(&classes) {
        let (greedy, _) = r.probs[1].greedy();
        length_error += (greedy.len() as f32 - format.line_len() as f32).abs();
        let each: Option<Vec<Constrained>> = r.probs.iter().map(|p| decode(p, cl)).collect();
        let c = combine(&each?)?;
        score += c.score;
        combined.push(c);
    }
    let mut lines = choose(format, &combined);
    repair_name_fillers(format, &mut lines, &combined);
    let checks = check_digits(format, &lines);
    let chars = (format.line_len() * format.line_count()) as f32;
    Some((
        lines,
        checks,
        score / chars,
        length_error / reads.len() as f32,
    ))
}

/// Finds and reads the MRZ; also returns the overview text regions. Unless a reading with every
/// check digit valid was found, the image is tried again turned by 90° (the detector misses or
/// fragments vertical lines of small text, as in a booklet photographed sideways) and the better
/// reading kept; readings from the turned image are mapped back.
pub fn find_mrz(
    det: &mut TextDetector,
    rec: &mut TextRecognizer,
    img: &RgbImage,
) -> Result<(Option<MrzReading>, TextLayout)> {
    let (first, layout) = find_upright(det, rec, img)?;
    if first.as_ref().is_some_and(MrzReading::all_checks_hold) {
        return Ok((first, layout));
    }
    let turned = image::imageops::rotate90(img);
    let (second, _) = find_upright(det, rec, &turned)?;
    // rotate90 maps (x, y) to (h − 1 − y, x); back: (x', y') → (y', h − 1 − x').
    let h = img.height() as f32;
    let second = second.map(|mut r| {
        for p in &mut r.quad {
            *p = (p.1, h - 1.0 - p.0);
        }
        r
    });
    let best = match (first, second) {
        (Some(a), Some(b)) => Some(if b.rank() > a.rank() { b } else { a }),
        (a, b) => a.or(b),
    };
    Ok((best, layout))
}

fn find_upright(
    det: &mut TextDetector,
    rec: &mut TextRecognizer,
    img: &RgbImage,
) -> Result<(Option<MrzReading>, TextLayout)> {
    let (w, h) = (img.width() as f32, img.height() as f32);
    let scale = OVERVIEW_SIDE / w.max(h);
    let map = det.probability_map(img, scale)?;
    let all = regions(&map.data, map.w, map.h, MAP_THRESHOLD, 10, map.sx, map.sy);
    let layout = TextLayout {
        regions: all.iter().map(|r| r.bbox).collect(),
    };
    let mut long: Vec<&Region> = all
        .iter()
        .filter(|r| r.bbox.length() > 6.0 * r.thickness)
        .collect();
    long.sort_by(|a, b| b.bbox.length().total_cmp(&a.bbox.length()));
    let mut best: Option<MrzReading> = None;
    for g in groups(&long).iter().take(MAX_GROUPS) {
        let (bb, s) = band_box(g, w, h);
        let band_h = (bb.thickness() * s).round().max(8.0) as u32;
        let band = crop_box(img, &bb, band_h);
        // Band pixel → image point.
        let to_image = |p: Pt| bb.point(bb.u0 + p.0 / s, bb.n0 + p.1 / s);
        let lines = band_lines(det, &band)?;
        let lmax = lines.iter().map(OrientedBox::length).fold(0.0f32, f32::max);
        let lines: Vec<OrientedBox> = lines
            .into_iter()
            .filter(|b| b.length() > 0.25 * lmax && b.length() > 8.0 * b.thickness())
            .collect();
        for flip in [false, true] {
            let ordered: Vec<OrientedBox> = if flip {
                lines.iter().rev().map(OrientedBox::flipped).collect()
            } else {
                lines.clone()
            };
            for k in [3usize, 2] {
                if ordered.len() < k {
                    continue;
                }
                for start in 0..=ordered.len() - k {
                    let win = &ordered[start..start + k];
                    if win.iter().map(OrientedBox::length).fold(0.0f32, f32::max) < 0.6 * lmax {
                        continue;
                    }
                    let gaps: Vec<f32> = win
                        .windows(2)
                        .map(|p| (p[1].c.1 - p[0].c.1).abs())
                        .collect();
                    let mut th: Vec<f32> = win.iter().map(OrientedBox::thickness).collect();
                    let hh = median(&mut th);
                    let gmax = gaps.iter().copied().fold(0.0f32, f32::max);
                    let gmin = gaps.iter().copied().fold(f32::MAX, f32::min);
                    if gmax > 6.0 * hh || (k == 3 && gmax > 1.4 * gmin) {
                        continue;
                    }
                    let stretched = common_extent(win);
                    let mut reads = Vec::new();
                    for b in &stretched {
                        match read_line(rec, &band, b)? {
                            Some(r) => reads.push(r),
                            None => break,
                        }
                    }
                    if reads.len() < k {
                        continue;
                    }
                    let refs: Vec<&LineRead> = reads.iter().collect();
                    for &format in Format::with_lines(k) {
                        let Some((text, checks, confidence, length_error)) =
                            read_window(format, &refs)
                        else {
                            continue;
                        };
                        let first = &stretched[0];
                        let last = &stretched[k - 1];
                        let quad = [
                            to_image(first.point(first.u0, first.n0)),
                            to_image(first.point(first.u1, first.n0)),
                            to_image(last.point(last.u1, last.n1)),
                            to_image(last.point(last.u0, last.n1)),
                        ];
                        let r = MrzReading {
                            format,
                            lines: text,
                            checks,
                            confidence,
                            length_error,
                            quad,
                            crops: reads.iter().map(|r| r.crop.clone()).collect(),
                        };
                        if best.as_ref().is_none_or(|b| r.rank() > b.rank()) {
                            best = Some(r);
                        }
                    }
                    if best.as_ref().is_some_and(MrzReading::all_checks_hold) {
                        return Ok((best, layout));
                    }
                }
            }
        }
    }
    Ok((best.filter(MrzReading::plausible), layout))
}

//! Turning per-line readings into the MRZ text: check digits choose between readings the
//! recogniser found about as likely, and misread fillers in the name field are repaired.
//!
//! A printed check digit is never "fixed" for its own sake: a substitution is only tried where
//! the recogniser itself gave the other character a cost within [`SUBSTITUTION_MARGIN`] of its
//! choice. On a legible document with a wrong printed digit no such alternative exists, so the
//! reading stays as printed and `check_digits_ok` is false.

use super::ctc::Constrained;
use super::mrz::{check_digits, Format, CHARSET};

/// Largest log-probability loss (summed over the crops read) accepted for one substituted
/// character, or for a pair together.
pub const SUBSTITUTION_MARGIN: f32 = 3.0;
/// Largest loss at which a letter before a filler in the name field is taken for a filler
/// (kept small: surnames do end in K before the `<<`).
pub const FILLER_MARGIN: f32 = 1.5;
/// Largest loss at which any letter in the name field is taken for a filler: a near tie, where
/// the filler — half of a name field's characters — is the likelier reading. (Dev set: misread
/// fillers −0.001 to −0.28, real letters −1.46 and below.)
pub const FILLER_TIE: f32 = 0.75;

struct Candidate {
    cost: f32,
    line: usize,
    pos: usize,
    ch: u8,
}

fn all_hold(format: Format, lines: &[Vec<u8>]) -> bool {
    check_digits(format, lines).iter().all(|&b| b)
}

/// The lines to report: the best reading, or the most likely reading within the margin (one or
/// two substituted characters) whose check digits all hold.
pub fn choose(format: Format, readings: &[Constrained]) -> Vec<Vec<u8>> {
    let lines: Vec<Vec<u8>> = readings.iter().map(|r| r.text.clone()).collect();
    if all_hold(format, &lines) {
        return lines;
    }
    let mut cands: Vec<Candidate> = Vec::new();
    for (li, r) in readings.iter().enumerate() {
        for (pos, alts) in r.alternatives.iter().enumerate() {
            for (k, &cost) in alts.iter().enumerate() {
                if CHARSET[k] != r.text[pos] && cost > -SUBSTITUTION_MARGIN {
                    cands.push(Candidate {
                        cost,
                        line: li,
                        pos,
                        ch: CHARSET[k],
                    });
                }
            }
        }
    }
    cands.sort_by(|a, b| b.cost.total_cmp(&a.cost));
    let apply = |subs: &[&Candidate]| {
        let mut l = lines.clone();
        for s in subs {
            l[s.line][s.pos] = s.ch;
        }
        l
    };
    // Single substitutions, most likely first.
    for c in cands.iter().take(40) {
        let l = apply(&[c]);
        if all_hold(format, &l) {
            return l;
        }
    }
    // Pairs among the closest alternatives.
    let top = &cands[..cands.len().min(15)];
    let mut best: Option<(f32, Vec<Vec<u8>>)> = None;
    for (i, a) in top.iter().enumerate() {
        for b in &top[i + 1..] {
            if (a.line, a.pos) == (b.line, b.pos) || a.cost + b.cost < -SUBSTITUTION_MARGIN {
                continue;
            }
            let l = apply(&[a, b]);
            if all_hold(format, &l) && best.as_ref().is_none_or(|(c, _)| a.cost + b.cost > *c) {
                best = Some((a.cost + b.cost, l));
            }
        }
    }
    best.map_or(lines, |(_, l)| l)
}

/// In the name field, a letter read where a filler is nearly as likely, and which ends the field
/// or stands before a filler, is a misread `<` (mostly `K`); so is any letter in a near tie with
/// the filler.
pub fn repair_name_fillers(format: Format, lines: &mut [Vec<u8>], readings: &[Constrained]) {
    let (li, start) = format.name_field();
    let filler = CHARSET.len() - 1;
    let line = &mut lines[li];
    let alts = &readings[li].alternatives;
    let end = line.len();
    for j in start..end {
        if line[j] == b'<' || alts[j][filler] < -FILLER_MARGIN {
            continue;
        }
        let next_filler = j + 1 == end || line[j + 1] == b'<';
        if next_filler || alts[j][filler] > -FILLER_TIE {
            line[j] = b'<';
        }
    }
    // After the first run of three fillers only fillers follow; up to two stray letters there
    // are misreads.
    if let Some(i) = line[start..].windows(3).position(|w| w == b"<<<") {
        let tail = &mut line[start + i..];
        if tail.iter().filter(|&&c| c != b'<').count() <= 2 {
            tail.fill(b'<');
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::document::mrz::charset_index;

    const NEG: f32 = -1.0e9;

    /// A reading of `text` where every other allowed character costs `far`, except `close`
    /// alternatives: (position, character, cost).
    fn reading(text: &str, far: f32, close: &[(usize, u8, f32)]) -> Constrained {
        let text = text.as_bytes().to_vec();
        let alternatives = text
            .iter()
            .enumerate()
            .map(|(p, &c)| {
                let mut a = [far; 37];
                a[charset_index(c).unwrap()] = 0.0;
                for &(q, ch, cost) in close {
                    if q == p {
                        a[charset_index(ch).unwrap()] = cost;
                    }
                }
                a
            })
            .collect();
        Constrained {
            text,
            score: 0.0,
            alternatives,
        }
    }

    const L1: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
    const L2: &str = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";

    #[test]
    fn a_close_alternative_that_makes_the_check_digits_hold_is_taken() {
        // The birth date's '8' was read as '3' with '8' nearly as likely.
        let bad = L2.replacen("740812", "740312", 1);
        let r = [
            reading(L1, -20.0, &[]),
            reading(&bad, -20.0, &[(16, b'8', -0.4)]),
        ];
        let l = choose(Format::Td3, &r);
        assert_eq!(l[1], L2.as_bytes());
    }

    #[test]
    fn a_wrong_printed_check_digit_read_confidently_is_reported_as_printed() {
        let corrupted = L2.replacen("7408122", "7408125", 1);
        let r = [reading(L1, -20.0, &[]), reading(&corrupted, -20.0, &[])];
        let l = choose(Format::Td3, &r);
        assert_eq!(l[1], corrupted.as_bytes());
        assert!(!check_digits(Format::Td3, &l).iter().all(|&b| b));
    }

    #[test]
    fn a_far_alternative_is_not_used_to_validate() {
        let bad = L2.replacen("740812", "740312", 1);
        let r = [
            reading(L1, -20.0, &[]),
            reading(&bad, -20.0, &[(16, b'8', -6.0)]),
        ];
        assert_eq!(choose(Format::Td3, &r)[1], bad.as_bytes());
    }

    #[test]
    fn a_k_before_a_filler_in_the_name_becomes_a_filler_only_when_the_recogniser_hesitated() {
        let misread = "P<UTOERIKSSONK<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
        let r = [
            reading(misread, NEG, &[(13, b'<', -0.5)]),
            reading(L2, NEG, &[]),
        ];
        let mut lines = vec![misread.as_bytes().to_vec(), L2.as_bytes().to_vec()];
        repair_name_fillers(Format::Td3, &mut lines, &r);
        assert_eq!(lines[0], L1.as_bytes());
        // A near tie between two letters is a misread separator too.
        let tie = "P<UTOERIKSSONKKANNA<MARIA<<<<<<<<<<<<<<<<<<<";
        let r = [
            reading(tie, NEG, &[(13, b'<', -0.5), (14, b'<', -0.3)]),
            reading(L2, NEG, &[]),
        ];
        let mut lines = vec![tie.as_bytes().to_vec(), L2.as_bytes().to_vec()];
        repair_name_fillers(Format::Td3, &mut lines, &r);
        assert_eq!(lines[0], L1.as_bytes());
        // A real K before a filler that the recogniser was sure of stays.
        let real = "P<UTONOVAK<<JAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<";
        let r = [
            reading(real, NEG, &[(9, b'<', -9.0)]),
            reading(L2, NEG, &[]),
        ];
        let mut lines = vec![real.as_bytes().to_vec(), L2.as_bytes().to_vec()];
        repair_name_fillers(Format::Td3, &mut lines, &r);
        assert_eq!(lines[0], real.as_bytes());
    }

    #[test]
    fn stray_letters_in_the_trailing_filler_run_are_fillers() {
        let misread = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<K<<<<<<<<<<<";
        let r = [reading(misread, NEG, &[]), reading(L2, NEG, &[])];
        let mut lines = vec![misread.as_bytes().to_vec(), L2.as_bytes().to_vec()];
        repair_name_fillers(Format::Td3, &mut lines, &r);
        assert_eq!(lines[0], L1.as_bytes());
    }
}

//! Decoding the recogniser's CTC output under the MRZ grammar.
//!
//! The recogniser emits, per time step, probabilities over blank + characters. An MRZ line has a
//! known length and a known character class at each position, so instead of greedy decoding
//! (which drops one of two equal neighbours and merges filler runs) the best CTC path that emits
//! **exactly** the line's length, each character from its position's class, is found by dynamic
//! programming. The per-position cost of every alternative character along that path is kept,
//! so check digits can later choose between readings the recogniser found about as likely.

use super::mrz::{CharClass, CHARSET};

/// Number of columns: blank + the 37 MRZ characters.
pub const COLUMNS: usize = 1 + CHARSET.len();
const NEG: f32 = -1.0e9;

/// Log-probabilities of one text line, `t` time steps × [`COLUMNS`] (column 0 = blank,
/// column 1 + i = `CHARSET[i]`), renormalised over those columns.
#[derive(Debug, Clone)]
pub struct LineProbs {
    pub t: usize,
    pub logp: Vec<f32>,
}

impl LineProbs {
    fn at(&self, t: usize, col: usize) -> f32 {
        self.logp[t * COLUMNS + col]
    }

    /// Best-path decoding without constraints (repeats merged, blanks removed).
    pub fn greedy(&self) -> (String, f32) {
        let mut out = String::new();
        let mut prev = 0;
        let mut score = 0.0;
        for t in 0..self.t {
            let (best, lp) = (0..COLUMNS)
                .map(|c| (c, self.at(t, c)))
                .fold((0, NEG), |a, b| if b.1 > a.1 { b } else { a });
            score += lp;
            if best != 0 && best != prev {
                out.push(char::from(CHARSET[best - 1]));
            }
            prev = best;
        }
        (out, score)
    }
}

/// A line read under the grammar.
#[derive(Debug, Clone)]
pub struct Constrained {
    /// The characters, one per position.
    pub text: Vec<u8>,
    /// Log-probability of the best path.
    pub score: f32,
    /// For each position and each character of [`CHARSET`]: path log-probability change when that
    /// character replaces the chosen one (0 for the chosen one, very negative when not allowed).
    pub alternatives: Vec<[f32; 37]>,
}

#[derive(Clone, Copy)]
enum From {
    Blank,
    /// Same label, same character (repeat frame).
    Stay,
    /// Came from the blank state after the previous label.
    BlankBefore,
    /// Came directly from the previous label emitting this character index (1-based column).
    Char(u8),
}

/// The best CTC path emitting exactly `classes.len()` characters, character `j` allowed by
/// `classes[j]`. `None` when the line has too few time steps.
pub fn decode(lp: &LineProbs, classes: &[CharClass]) -> Option<Constrained> {
    let n = classes.len();
    let t_len = lp.t;
    if n == 0 || t_len < n {
        return None;
    }
    let allowed: Vec<Vec<usize>> = classes
        .iter()
        .map(|cl| {
            (0..CHARSET.len())
                .filter(|&i| cl.allows(CHARSET[i]))
                .map(|i| i + 1)
                .collect()
        })
        .collect();
    // blank[j]: j labels emitted, now in blank. chars[j*COLUMNS + c]: emitting label j (1-based) as column c.
    let mut blank = vec![NEG; n + 1];
    let mut chars = vec![NEG; (n + 1) * COLUMNS];
    let mut back_blank: Vec<From> = vec![From::Blank; t_len * (n + 1)];
    let mut back_char: Vec<From> = vec![From::Stay; t_len * (n + 1) * COLUMNS];
    blank[0] = lp.at(0, 0);
    for &c in &allowed[0] {
        chars[COLUMNS + c] = lp.at(0, c);
    }
    let mut new_blank = vec![NEG; n + 1];
    let mut new_chars = vec![NEG; (n + 1) * COLUMNS];
    for t in 1..t_len {
        let blank_lp = lp.at(t, 0);
        // Best and second-best character state per label (for "previous label, different char").
        let mut top: Vec<[(f32, usize); 2]> = vec![[(NEG, 0), (NEG, 0)]; n + 1];
        for j in 1..=n {
            for c in 1..COLUMNS {
                let v = chars[j * COLUMNS + c];
                if v > top[j][0].0 {
                    top[j][1] = top[j][0];
                    top[j][0] = (v, c);
                } else if v > top[j][1].0 {
                    top[j][1] = (v, c);
                }
            }
        }
        for j in 0..=n {
            let stay = blank[j];
            let (from_char, c) = top[j][0];
            let bi = t * (n + 1) + j;
            if j > 0 && from_char > stay {
                new_blank[j] = from_char + blank_lp;
                back_blank[bi] = From::Char(c as u8);
            } else {
                new_blank[j] = stay + blank_lp;
                back_blank[bi] = From::Blank;
            }
        }
        for (j, allow) in allowed.iter().enumerate().map(|(i, a)| (i + 1, a)) {
            for c in 1..COLUMNS {
                new_chars[j * COLUMNS + c] = NEG;
            }
            for &c in allow {
                let stay = chars[j * COLUMNS + c];
                let from_blank = blank[j - 1];
                let (prev, pc) = if j > 1 {
                    if top[j - 1][0].1 == c {
                        top[j - 1][1]
                    } else {
                        top[j - 1][0]
                    }
                } else {
                    (NEG, 0)
                };
                let (best, src) = if stay >= from_blank && stay >= prev {
                    (stay, From::Stay)
                } else if from_blank >= prev {
                    (from_blank, From::BlankBefore)
                } else {
                    (prev, From::Char(pc as u8))
                };
                new_chars[j * COLUMNS + c] = best + lp.at(t, c);
                back_char[(t * (n + 1) + j) * COLUMNS + c] = src;
            }
        }
        std::mem::swap(&mut blank, &mut new_blank);
        std::mem::swap(&mut chars, &mut new_chars);
    }
    // End in blank after n labels, or still emitting label n.
    let (mut end_char, mut end_score) = (0usize, blank[n]);
    for c in 1..COLUMNS {
        if chars[n * COLUMNS + c] > end_score {
            end_score = chars[n * COLUMNS + c];
            end_char = c;
        }
    }
    if end_score < NEG / 2.0 {
        return None;
    }
    // Backtrack: state (j, c) with c = 0 for blank.
    let mut frames: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut text = vec![b'<'; n];
    let (mut j, mut c) = (n, end_char);
    for t in (0..t_len).rev() {
        if c != 0 {
            frames[j - 1].push(t);
            text[j - 1] = CHARSET[c - 1];
        }
        if t == 0 {
            break;
        }
        if c == 0 {
            if let From::Char(pc) = back_blank[t * (n + 1) + j] {
                c = usize::from(pc);
            }
        } else {
            match back_char[(t * (n + 1) + j) * COLUMNS + c] {
                From::Stay => {}
                From::BlankBefore => {
                    j -= 1;
                    c = 0;
                }
                From::Char(pc) => {
                    j -= 1;
                    c = usize::from(pc);
                }
                From::Blank => {}
            }
        }
    }
    let alternatives = (0..n)
        .map(|p| {
            let chosen = charset_col(text[p]);
            let mut alt = [NEG; 37];
            for &col in &allowed[p] {
                alt[col - 1] = frames[p]
                    .iter()
                    .map(|&t| lp.at(t, col) - lp.at(t, chosen))
                    .sum();
            }
            alt
        })
        .collect();
    Some(Constrained {
        text,
        score: end_score,
        alternatives,
    })
}

fn charset_col(c: u8) -> usize {
    CHARSET.iter().position(|&x| x == c).map_or(0, |i| i + 1)
}

/// Combines readings of the same line from several crops: per position, the alternative costs
/// are summed and the best character taken.
pub fn combine(readings: &[Constrained]) -> Option<Constrained> {
    let first = readings.first()?;
    if readings.len() == 1 {
        return Some(first.clone());
    }
    let n = first.text.len();
    let mut text = Vec::with_capacity(n);
    let mut alternatives = Vec::with_capacity(n);
    for p in 0..n {
        let mut total = [0.0f32; 37];
        for r in readings {
            for (k, v) in total.iter_mut().enumerate() {
                // Costs are relative to each reading's own choice: shift to a common base.
                let own = r.alternatives[p][k];
                *v += own.max(NEG / 4.0);
            }
        }
        let (best, best_v) =
            total
                .iter()
                .enumerate()
                .fold((0, f32::MIN), |a, (k, &v)| if v > a.1 { (k, v) } else { a });
        text.push(CHARSET[best]);
        let mut alt = [NEG; 37];
        for k in 0..37 {
            if total[k] > NEG / 8.0 {
                alt[k] = total[k] - best_v;
            }
        }
        alternatives.push(alt);
    }
    let score = readings.iter().map(|r| r.score).sum::<f32>() / readings.len() as f32;
    Some(Constrained {
        text,
        score,
        alternatives,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Frames that each put `p` on one column (blank = ' ') and the rest evenly elsewhere.
    fn probs(frames: &str, p: f32) -> LineProbs {
        let mut logp = Vec::new();
        for ch in frames.bytes() {
            let col = if ch == b' ' { 0 } else { charset_col(ch) };
            let rest = (1.0 - p) / (COLUMNS as f32 - 1.0);
            for c in 0..COLUMNS {
                logp.push(if c == col { p.ln() } else { rest.ln() });
            }
        }
        LineProbs {
            t: frames.len(),
            logp,
        }
    }

    #[test]
    fn greedy_decoding_merges_a_doubled_letter_without_a_blank_between() {
        let lp = probs("AA B<<<", 0.9);
        assert_eq!(lp.greedy().0, "AB<");
    }

    /// One frame with the given probabilities on blank and '<' (rest spread evenly).
    fn frame(blank: f32, filler: f32) -> Vec<f32> {
        let rest = (1.0 - blank - filler) / (COLUMNS as f32 - 2.0);
        (0..COLUMNS)
            .map(|c| match c {
                0 => blank.ln(),
                37 => filler.ln(),
                _ => rest.ln(),
            })
            .collect()
    }

    #[test]
    fn exact_length_decoding_recovers_a_merged_filler_run() {
        // A, B, then fillers whose separating blank is weak in one place: greedy merges two of
        // the three fillers ("AB<<"); the line is known to hold 5 characters.
        let mut lp = probs("AB", 0.9);
        for f in [
            frame(0.05, 0.9),
            frame(0.35, 0.6),
            frame(0.05, 0.9),
            frame(0.55, 0.4),
            frame(0.05, 0.9),
        ] {
            lp.logp.extend(f);
            lp.t += 1;
        }
        assert_eq!(lp.greedy().0, "AB<<");
        let r = decode(&lp, &[CharClass::Alnum; 5]).unwrap();
        assert_eq!(r.text, b"AB<<<");
    }

    #[test]
    fn a_digit_position_reads_a_letter_shape_as_its_digit_alternative() {
        // 'O' is printed strongly, '0' a little less: where only digits are allowed, '0' wins.
        let mut lp = probs("O 1", 0.9);
        lp.logp[charset_col(b'0')] = 0.05f32.ln();
        let r = decode(&lp, &[CharClass::Digit, CharClass::Digit]).unwrap();
        assert_eq!(r.text, b"01");
        let free = decode(&lp, &[CharClass::Alnum, CharClass::Alnum]).unwrap();
        assert_eq!(free.text, b"O1");
        assert!(free.alternatives[0][charset_index_of(b'0')] > -3.0);
    }

    fn charset_index_of(c: u8) -> usize {
        charset_col(c) - 1
    }

    #[test]
    fn too_few_time_steps_cannot_hold_the_line() {
        let lp = probs("AB", 0.9);
        assert!(decode(&lp, &[CharClass::Alnum; 3]).is_none());
    }

    #[test]
    fn combined_readings_follow_the_summed_evidence() {
        let a = decode(&probs("K", 0.6), &[CharClass::Name]).unwrap();
        let mut b_lp = probs("<", 0.97);
        b_lp.logp[charset_col(b'K')] = 0.005f32.ln();
        let b = decode(&b_lp, &[CharClass::Name]).unwrap();
        let c = combine(&[a, b]).unwrap();
        assert_eq!(c.text, b"<");
    }
}

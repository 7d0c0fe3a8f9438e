//! The ICAO Doc 9303 machine-readable zone: formats, per-position character classes, check
//! digits and the mapping from printed lines to fields.
//!
//! Everything here is pure and takes the current year as input (birth-year century rule), so it
//! is tested without a clock.

use serde::Serialize;

/// The 37 characters an MRZ may contain, in the order the recogniser's columns are gathered.
pub const CHARSET: &[u8; 37] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";

/// Index of `c` in [`CHARSET`].
pub fn charset_index(c: u8) -> Option<usize> {
    CHARSET.iter().position(|&x| x == c)
}

/// The three MRZ layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Format {
    /// ID card: 3 lines of 30.
    #[serde(rename = "TD1")]
    Td1,
    /// Larger card / visa: 2 lines of 36.
    #[serde(rename = "TD2")]
    Td2,
    /// Passport: 2 lines of 44.
    #[serde(rename = "TD3")]
    Td3,
}

impl Format {
    pub fn line_len(self) -> usize {
        match self {
            Format::Td1 => 30,
            Format::Td2 => 36,
            Format::Td3 => 44,
        }
    }
    pub fn line_count(self) -> usize {
        match self {
            Format::Td1 => 3,
            Format::Td2 | Format::Td3 => 2,
        }
    }
    /// Formats with `n` lines.
    pub fn with_lines(n: usize) -> &'static [Format] {
        match n {
            3 => &[Format::Td1],
            2 => &[Format::Td3, Format::Td2],
            _ => &[],
        }
    }
    /// Index of the line holding the names and the offset of the name field in it.
    pub fn name_field(self) -> (usize, usize) {
        match self {
            Format::Td1 => (2, 0),
            Format::Td2 | Format::Td3 => (0, 5),
        }
    }
}

/// What may be printed at one position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharClass {
    /// Letters or filler: document code, country codes.
    Letter,
    /// Digits only: dates, the final composite check digit.
    Digit,
    /// Letters, digits or filler: document number, optional data.
    Alnum,
    /// Letters or filler: the name field.
    Name,
    /// `M`, `F`, `X` or `<`.
    Sex,
    /// A check digit, or `<` for an empty optional field.
    Check,
}

impl CharClass {
    pub fn allows(self, c: u8) -> bool {
        let letter = c.is_ascii_uppercase();
        let digit = c.is_ascii_digit();
        match self {
            CharClass::Letter | CharClass::Name => letter || c == b'<',
            CharClass::Digit => digit,
            CharClass::Alnum => letter || digit || c == b'<',
            CharClass::Sex => matches!(c, b'M' | b'F' | b'X' | b'<'),
            CharClass::Check => digit || c == b'<',
        }
    }
    fn from_code(c: u8) -> CharClass {
        match c {
            b'L' => CharClass::Letter,
            b'D' => CharClass::Digit,
            b'A' => CharClass::Alnum,
            b'N' => CharClass::Name,
            b'S' => CharClass::Sex,
            _ => CharClass::Check,
        }
    }
}

/// Per-line character classes of `format` (Doc 9303 part 4 to 6).
pub fn layout(format: Format) -> Vec<Vec<CharClass>> {
    // L letter/filler, D digit, A alphanumeric, N name, S sex, C check digit.
    let lines: &[&str] = match format {
        Format::Td3 => &[
            "LLLLLNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN",
            "AAAAAAAAACLLLDDDDDDCSDDDDDDCAAAAAAAAAAAAAACD",
        ],
        Format::Td2 => &[
            "LLLLLNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN",
            "AAAAAAAAACLLLDDDDDDCSDDDDDDCAAAAAAAD",
        ],
        Format::Td1 => &[
            "LLLLLAAAAAAAAACAAAAAAAAAAAAAAA",
            "DDDDDDCSDDDDDDCLLLAAAAAAAAAAAD",
            "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNN",
        ],
    };
    lines
        .iter()
        .map(|l| l.bytes().map(CharClass::from_code).collect())
        .collect()
}

fn char_value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A'..=b'Z' => u32::from(c - b'A') + 10,
        _ => 0,
    }
}

/// The Doc 9303 check digit of `field` (weights 7, 3, 1; `<` counts 0).
pub fn check_digit(field: &[u8]) -> u8 {
    let w = [7, 3, 1];
    let sum: u32 = field
        .iter()
        .enumerate()
        .map(|(i, &c)| char_value(c) * w[i % 3])
        .sum();
    b'0' + (sum % 10) as u8
}

/// Whether the printed `digit` is the check digit of `field`. An empty optional field may carry
/// `<` or `0` (`empty_may_be_filler`).
fn holds(field: &[u8], digit: u8, empty_may_be_filler: bool) -> bool {
    if empty_may_be_filler && field.iter().all(|&c| c == b'<') && (digit == b'<' || digit == b'0') {
        return true;
    }
    check_digit(field) == digit
}

/// Every check digit of the MRZ, in document order (number, birth, expiry, [optional,] composite).
/// `lines` must have the format's count and lengths.
pub fn check_digits(format: Format, lines: &[Vec<u8>]) -> Vec<bool> {
    match format {
        Format::Td3 => {
            let b = &lines[1];
            let composite: Vec<u8> = [&b[0..10], &b[13..20], &b[21..43]].concat();
            vec![
                holds(&b[0..9], b[9], false),
                holds(&b[13..19], b[19], false),
                holds(&b[21..27], b[27], false),
                holds(&b[28..42], b[42], true),
                holds(&composite, b[43], false),
            ]
        }
        Format::Td2 => {
            let b = &lines[1];
            let composite: Vec<u8> = [&b[0..10], &b[13..20], &b[21..35]].concat();
            vec![
                holds(&b[0..9], b[9], false),
                holds(&b[13..19], b[19], false),
                holds(&b[21..27], b[27], false),
                holds(&composite, b[35], false),
            ]
        }
        Format::Td1 => {
            let (a, b) = (&lines[0], &lines[1]);
            let composite: Vec<u8> = [&a[5..30], &b[0..7], &b[8..15], &b[18..29]].concat();
            vec![
                holds(&a[5..14], a[14], false),
                holds(&b[0..6], b[6], false),
                holds(&b[8..14], b[14], false),
                holds(&composite, b[29], false),
            ]
        }
    }
}

/// The fields of a read MRZ (the CLI contract's `mrz` object).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mrz {
    pub format: Format,
    pub document_code: String,
    pub issuing_state: String,
    pub document_number: String,
    pub nationality: String,
    /// `YYYY-MM-DD`, or `null` when the printed digits are not a calendar date.
    pub birth_date: Option<String>,
    /// `F`, `M` or `X` (`<` printed).
    pub sex: String,
    pub expiry_date: Option<String>,
    pub surname: String,
    pub given_names: String,
    pub optional_data: String,
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Codes and numbers: the `<` filler removed.
fn without_filler(b: &[u8]) -> String {
    text(b).replace('<', "")
}

/// Names: runs of `<` become one space, trimmed.
fn name_text(b: &[u8]) -> String {
    text(b)
        .split('<')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Surname before the first `<<`, given names after it.
fn split_names(field: &[u8]) -> (String, String) {
    match field.windows(2).position(|w| w == b"<<") {
        Some(i) => (name_text(&field[..i]), name_text(&field[i + 2..])),
        None => (name_text(field), String::new()),
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// `YYMMDD` → ISO date. Birth dates: `19YY` when `YY` is above the current year's two digits,
/// else `20YY`; expiry dates: always `20YY`.
pub fn mrz_date(yymmdd: &[u8], birth: bool, current_year: i32) -> Option<String> {
    if yymmdd.len() != 6 || !yymmdd.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = |i: usize| u32::from(yymmdd[i] - b'0') * 10 + u32::from(yymmdd[i + 1] - b'0');
    let (yy, mm, dd) = (n(0), n(2), n(4));
    let year = if birth && yy as i32 > current_year.rem_euclid(100) {
        1900 + yy as i32
    } else {
        2000 + yy as i32
    };
    if !(1..=12).contains(&mm) || dd == 0 || dd > days_in_month(year, mm) {
        return None;
    }
    Some(format!("{year:04}-{mm:02}-{dd:02}"))
}

/// Maps printed lines (the format's count and lengths) to fields.
pub fn parse(format: Format, lines: &[Vec<u8>], current_year: i32) -> Mrz {
    let sex = |c: u8| {
        if c == b'<' {
            "X".to_string()
        } else {
            text(&[c])
        }
    };
    let number = |b: &[u8]| text(b).trim_end_matches('<').to_string();
    match format {
        Format::Td3 | Format::Td2 => {
            let (a, b) = (&lines[0], &lines[1]);
            let (surname, given_names) = split_names(&a[5..]);
            let optional = if format == Format::Td3 {
                &b[28..42]
            } else {
                &b[28..35]
            };
            Mrz {
                format,
                document_code: without_filler(&a[0..2]),
                issuing_state: without_filler(&a[2..5]),
                document_number: number(&b[0..9]),
                nationality: without_filler(&b[10..13]),
                birth_date: mrz_date(&b[13..19], true, current_year),
                sex: sex(b[20]),
                expiry_date: mrz_date(&b[21..27], false, current_year),
                surname,
                given_names,
                optional_data: without_filler(optional),
            }
        }
        Format::Td1 => {
            let (a, b, c) = (&lines[0], &lines[1], &lines[2]);
            let (surname, given_names) = split_names(c);
            Mrz {
                format,
                document_code: without_filler(&a[0..2]),
                issuing_state: without_filler(&a[2..5]),
                document_number: number(&a[5..14]),
                nationality: without_filler(&b[15..18]),
                birth_date: mrz_date(&b[0..6], true, current_year),
                sex: sex(b[7]),
                expiry_date: mrz_date(&b[8..14], false, current_year),
                surname,
                given_names,
                optional_data: without_filler(&a[15..30]),
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn lines(v: &[&str]) -> Vec<Vec<u8>> {
        v.iter().map(|s| s.as_bytes().to_vec()).collect()
    }

    // The Doc 9303 part 4 specimen passport (Anna Maria Eriksson, Utopia).
    const TD3: [&str; 2] = [
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ];

    #[test]
    fn check_digits_of_the_doc_9303_specimen_hold() {
        assert_eq!(check_digit(b"L898902C3"), b'6');
        assert_eq!(check_digit(b"740812"), b'2');
        assert_eq!(check_digit(b"120415"), b'9');
        assert_eq!(check_digits(Format::Td3, &lines(&TD3)), vec![true; 5]);
    }

    #[test]
    fn a_changed_check_digit_fails_its_field_and_the_composite() {
        let mut l = lines(&TD3);
        l[1][19] = b'3'; // birth date check digit 2 → 3 (the composite covers it too)
        assert_eq!(
            check_digits(Format::Td3, &l),
            vec![true, false, true, true, false]
        );
        let mut l = lines(&TD3);
        l[1][9] = b'7'; // document number check digit: the composite covers it too
        assert_eq!(
            check_digits(Format::Td3, &l),
            vec![false, true, true, true, false]
        );
    }

    #[test]
    fn an_empty_optional_field_may_carry_filler_or_zero_as_check_digit() {
        let l = lines(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159<<<<<<<<<<<<<<<2",
        ]);
        let ok = check_digits(Format::Td3, &l);
        assert!(ok[3]);
        let mut zero = l.clone();
        zero[1][42] = b'0';
        assert!(check_digits(Format::Td3, &zero)[3]);
    }

    #[test]
    fn td3_fields_are_mapped_with_fillers_removed_and_names_split_at_the_double_filler() {
        let m = parse(Format::Td3, &lines(&TD3), 2026);
        assert_eq!(m.document_code, "P");
        assert_eq!(m.issuing_state, "UTO");
        assert_eq!(m.document_number, "L898902C3");
        assert_eq!(m.nationality, "UTO");
        assert_eq!(m.birth_date.as_deref(), Some("1974-08-12"));
        assert_eq!(m.sex, "F");
        assert_eq!(m.expiry_date.as_deref(), Some("2012-04-15"));
        assert_eq!(m.surname, "ERIKSSON");
        assert_eq!(m.given_names, "ANNA MARIA");
        assert_eq!(m.optional_data, "ZE184226B");
    }

    #[test]
    fn td1_fields_come_from_three_lines_and_filler_sex_reads_x() {
        let l = lines(&[
            "I<UTOD231458907<<<<<<<<<<<<<<<",
            "7408122<1204159UTO<<<<<<<<<<<6",
            "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        ]);
        let m = parse(Format::Td1, &l, 2026);
        assert_eq!(m.document_code, "I");
        assert_eq!(m.document_number, "D23145890");
        assert_eq!(m.sex, "X");
        assert_eq!(m.nationality, "UTO");
        assert_eq!(m.given_names, "ANNA MARIA");
        assert_eq!(check_digits(Format::Td1, &l), vec![true; 4]);
    }

    #[test]
    fn birth_years_above_the_current_two_digit_year_are_in_the_1900s() {
        assert_eq!(
            mrz_date(b"270101", true, 2026).as_deref(),
            Some("1927-01-01")
        );
        assert_eq!(
            mrz_date(b"260101", true, 2026).as_deref(),
            Some("2026-01-01")
        );
        assert_eq!(
            mrz_date(b"050101", true, 2026).as_deref(),
            Some("2005-01-01")
        );
        // The same digits a year later flip century only at the boundary.
        assert_eq!(
            mrz_date(b"270101", true, 2027).as_deref(),
            Some("2027-01-01")
        );
    }

    #[test]
    fn expiry_years_are_always_in_the_2000s() {
        assert_eq!(
            mrz_date(b"990101", false, 2026).as_deref(),
            Some("2099-01-01")
        );
    }

    #[test]
    fn impossible_dates_are_reported_as_missing() {
        assert_eq!(mrz_date(b"741312", true, 2026), None);
        assert_eq!(mrz_date(b"230229", false, 2026), None);
        assert_eq!(
            mrz_date(b"240229", false, 2026).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(mrz_date(b"74O812", true, 2026), None);
    }

    #[test]
    fn names_turn_filler_runs_into_single_spaces_and_a_lone_name_has_no_given_names() {
        assert_eq!(
            split_names(b"DE<LA<CRUZ<<MARIA<<LOURDES<<<<"),
            ("DE LA CRUZ".to_string(), "MARIA LOURDES".to_string())
        );
        assert_eq!(
            split_names(b"MADONNA<<<<<<<"),
            ("MADONNA".to_string(), String::new())
        );
        assert_eq!(
            split_names(b"ANACAROLI"),
            ("ANACAROLI".to_string(), String::new())
        );
    }

    #[test]
    fn character_classes_restrict_positions() {
        let l = layout(Format::Td3);
        assert_eq!(l[0].len(), 44);
        assert_eq!(l[1].len(), 44);
        assert_eq!(layout(Format::Td2)[1].len(), 36);
        assert!(layout(Format::Td1).iter().all(|x| x.len() == 30));
        assert!(!CharClass::Digit.allows(b'O'));
        assert!(CharClass::Alnum.allows(b'<'));
        assert!(!CharClass::Name.allows(b'0'));
        assert!(CharClass::Check.allows(b'<'));
    }
}

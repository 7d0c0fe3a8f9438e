//! The journey's languages: English, French and Vietnamese. The customer's browser says which
//! it prefers (`Accept-Language`); the customer can switch; e-mails follow the choice.

/// Supported languages, the first is the fallback.
pub const SUPPORTED: &[&str] = &["en", "fr", "vi"];

/// A supported language from a tag such as `fr`, `fr-CA` or `VI`.
pub fn parse(tag: &str) -> Option<&'static str> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    SUPPORTED.iter().copied().find(|l| *l == primary)
}

/// The best supported language of an `Accept-Language` header (RFC 9110 §12.5.4: weights
/// `q`, order breaks ties); English when nothing fits.
pub fn from_accept_language(header: Option<&str>) -> &'static str {
    let mut best: Option<(u16, usize, &'static str)> = None;
    for (i, item) in header.unwrap_or_default().split(',').enumerate().take(32) {
        let mut parts = item.split(';');
        let Some(lang) = parts.next().and_then(parse) else { continue };
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .next()
            .and_then(|q| q.trim().parse::<f32>().ok())
            .map_or(1000, |q| (q.clamp(0.0, 1.0) * 1000.0) as u16);
        if q == 0 {
            continue;
        }
        if best.is_none_or(|(bq, bi, _)| q > bq || (q == bq && i < bi)) {
            best = Some((q, i, lang));
        }
    }
    best.map_or(SUPPORTED[0], |(_, _, l)| l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_preference_picks_a_supported_language() {
        assert_eq!(from_accept_language(Some("fr-FR,fr;q=0.9,en;q=0.8")), "fr");
        assert_eq!(from_accept_language(Some("de-DE,de;q=0.9,vi;q=0.5,en;q=0.4")), "vi");
        assert_eq!(from_accept_language(Some("en;q=0.2, vi")), "vi");
        assert_eq!(from_accept_language(Some("vi;q=0, fr;q=0.1")), "fr");
        assert_eq!(from_accept_language(Some("de")), "en");
        assert_eq!(from_accept_language(None), "en");
        assert_eq!(parse("VI-vn"), Some("vi"));
        assert_eq!(parse("es"), None);
    }
}

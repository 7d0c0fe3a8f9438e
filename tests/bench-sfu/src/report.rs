//! Writes the bench's section of BENCHMARKS.md, between its markers.

const START: &str = "<!-- sfu-vs-janus:start -->";
const END: &str = "<!-- sfu-vs-janus:end -->";

pub fn write_section(markdown: &str) -> anyhow::Result<()> {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../BENCHMARKS.md");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|_| "# Benchmarks\n".into());
    let section = format!("{START}\n{}\n{END}", markdown.trim_end());
    let text = match (text.find(START), text.find(END)) {
        (Some(a), Some(b)) if a < b => format!("{}{section}{}", &text[..a], &text[b + END.len()..]),
        _ => format!("{}\n\n{section}\n", text.trim_end()),
    };
    std::fs::write(path, text)?;
    Ok(())
}

//! `media-ai` binary: see [`media_ai::cli`].

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(media_ai::cli::run(&args));
}

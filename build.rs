//! Lists `assets/articles/` so that every sample article (`*.txt`, `*.md`, `*.html`) is compiled
//! into the binary by `src/bundled.rs`, whoever adds one.

use std::fmt::Write as _;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Read at run time: a build script copied between checkouts must list its own checkout.
    let dir = Path::new(&std::env::var("CARGO_MANIFEST_DIR")?)
        .join("assets")
        .join("articles");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<(String, String)> = Vec::new();
    if dir.is_dir() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !matches!(ext.to_ascii_lowercase().as_str(), "txt" | "md" | "html") {
                continue;
            }
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            files.push((name.to_owned(), path.display().to_string()));
        }
    }
    files.sort();
    let mut out = String::from(
        "/// Every sample article in `assets/articles/`: (file name, contents), sorted by name.\n",
    );
    out.push_str("pub static ARTICLES: &[(&str, &str)] = &[\n");
    for (name, path) in &files {
        writeln!(out, "    ({name:?}, include_str!({path:?})),")?;
    }
    out.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR")?;
    std::fs::write(Path::new(&out_dir).join("bundled_articles.rs"), out)?;
    Ok(())
}

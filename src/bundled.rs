//! The sample articles shipped inside the binary, so `byline` opens something worth reading from
//! any directory on a fresh machine. `build.rs` lists `assets/articles/`; nothing here reads files.

include!(concat!(env!("OUT_DIR"), "/bundled_articles.rs"));

/// The format of a bundled article, from its file name.
#[must_use]
pub fn format_of(name: &str) -> Option<crate::text::document::Format> {
    let ext = name.rsplit_once('.').map_or("", |(_, ext)| ext);
    crate::text::document::Format::from_extension(ext)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_article_is_bundled() {
        assert!(
            ARTICLES
                .iter()
                .any(|(name, text)| name.starts_with("seed-") && text.contains("walk away"))
        );
        assert!(
            ARTICLES.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted by name"
        );
        assert!(ARTICLES.iter().all(|(name, _)| format_of(name).is_some()));
    }
}

//! HTML to plain text with paragraph breaks; links become numbered references listed at the end.

/// Returns the document title (`<title>` or first `<h1>`) and the text.
#[must_use]
pub fn to_text(raw: &str) -> (Option<String>, String) {
    let title = element_text(raw, "title").or_else(|| element_text(raw, "h1"));
    let text = html2text::config::plain()
        .link_footnotes(true)
        .string_from_read(raw.as_bytes(), 100_000)
        .unwrap_or_else(|_| raw.to_string());
    (title, text)
}

/// The text inside the first `<tag …>…</tag>`, with inner tags removed.
fn element_text(raw: &str, tag: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    let open = lower.find(&format!("<{tag}"))?;
    let start = open + lower.get(open..)?.find('>')? + 1;
    let end = start + lower.get(start..)?.find(&format!("</{tag}"))?;
    let inner = raw.get(start..end)?;
    let mut out = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = decode_entities(out.trim());
    (!out.is_empty()).then_some(out)
}

fn decode_entities(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_text() {
        let (t, text) = to_text(
            "<html><head><title>A &amp; B</title></head><body><p>One <a href=\"http://x.example/\">link</a>.</p><p>Two</p></body></html>",
        );
        assert_eq!(t.as_deref(), Some("A & B"));
        assert!(text.contains("One"), "{text}");
        assert!(text.contains("Two"), "{text}");
        assert!(text.contains("http://x.example/"), "{text}");
    }
}

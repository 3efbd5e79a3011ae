//! A linear-time tag scanner for pages the HTML renderers should not see: html2text and
//! dom_smoothie slow down sharply with nesting depth (10,000 nested `<div>`s took seconds, nested
//! lists minutes), so a document nested deeper than any real page is read here instead.

/// Deeper than real pages go (they stay well under 100), shallow enough that the renderers
/// stay fast.
pub const MAX_NESTING: usize = 256;

/// Elements that never hold children.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag is often left out (`<p>a<p>b`); counting them would make sloppy but
/// shallow pages look deep.
const IMPLIED_END: [&str; 11] = [
    "p", "li", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody", "rt",
];

/// Elements that start a new paragraph in `plain_text`.
const BLOCK: [&str; 22] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "li",
    "p",
    "section",
    "tr",
];

/// One tag found by `scan`: lower-case name, whether it closes, and whether it is self-closed.
struct Tag {
    name: String,
    closing: bool,
    self_closed: bool,
}

enum Event<'a> {
    Text(&'a str),
    Tag(Tag),
}

/// Walks `html` once, reporting text runs and tags in order; the contents of `script` and
/// `style` elements and comments are skipped.
fn scan(html: &str, mut on: impl FnMut(Event<'_>)) {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        on(Event::Text(rest.get(..lt).unwrap_or_default()));
        let tail = rest.get(lt..).unwrap_or_default();
        if let Some(after) = tail.strip_prefix("<!--") {
            rest = after
                .find("-->")
                .and_then(|e| after.get(e + 3..))
                .unwrap_or_default();
            continue;
        }
        let inner = tail.get(1..).unwrap_or_default();
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() && !inner.starts_with(['!', '?']) {
            // A lone '<' in text.
            on(Event::Text("<"));
            rest = inner;
            continue;
        }
        let end = tail.find('>').map_or(tail.len(), |e| e + 1);
        let self_closed = tail.get(..end).is_some_and(|t| t.ends_with("/>"));
        rest = tail.get(end..).unwrap_or_default();
        if name.is_empty() {
            continue; // <!DOCTYPE …>, <?xml …?>
        }
        on(Event::Tag(Tag {
            name: name.clone(),
            closing,
            self_closed,
        }));
        if !closing && (name == "script" || name == "style") {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = lower
                .find(&close)
                .and_then(|i| rest.get(i..))
                .unwrap_or_default();
        }
    }
    on(Event::Text(rest));
}

/// A close estimate of how deeply elements nest (void and implied-end elements not counted).
#[must_use]
pub fn nesting_depth(html: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    scan(html, |event| {
        let Event::Tag(tag) = event else { return };
        let name = tag.name.as_str();
        if tag.self_closed || VOID.contains(&name) || IMPLIED_END.contains(&name) {
            return;
        }
        if tag.closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            max = max.max(depth);
        }
    });
    max
}

/// The text of `html` with a blank line between blocks, entities decoded, links dropped, the
/// `<head>` and `<title>` left out.
#[must_use]
pub fn plain_text(html: &str) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut in_head = false;
    let mut flush = |current: &mut String| {
        let text =
            super::decode_entities(&current.split_whitespace().collect::<Vec<_>>().join(" "));
        if !text.is_empty() {
            blocks.push(text);
        }
        current.clear();
    };
    scan(html, |event| match event {
        Event::Text(text) if !in_head => {
            current.push_str(text);
            current.push(' ');
        }
        Event::Text(_) => {}
        Event::Tag(tag) => {
            if tag.name == "head" || tag.name == "title" {
                in_head = !tag.closing;
            }
            if BLOCK.contains(&tag.name.as_str()) {
                flush(&mut current);
            }
        }
    });
    flush(&mut current);
    blocks.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_estimates() {
        let cases = [
            ("<div><div><p>a<p>b</div></div>", 2),
            ("<ul><li>a<li>b</ul>", 1),
            ("<br><img src=x><hr/><x-tag/>", 0),
            ("<script>if (a<b) { '<div>' }</script><div></div>", 1),
            ("<!-- <div><div> --><p>x", 0),
            ("a < b and c<d", 1),
            ("", 0),
        ];
        for (html, want) in cases {
            assert_eq!(nesting_depth(html), want, "{html}");
        }
        assert_eq!(nesting_depth(&"<div>".repeat(10_000)), 10_000);
    }

    #[test]
    fn plain_text_keeps_blocks() {
        let cases = [
            (
                "<head><title>T</title><style>p{}</style></head><p>One &amp; <a href=x>two</a></p><div>Three</div>",
                "One & two\n\nThree",
            ),
            ("<ul><li>a<li>b</ul>", "a\n\nb"),
            ("x<br>y", "x\n\ny"),
            ("1 < 2", "1 < 2"),
        ];
        for (html, want) in cases {
            assert_eq!(plain_text(html), want, "{html}");
        }
    }
}

//! Markdown to plain text: the first level-one heading is the title; emphasis, code fences, images
//! and link syntax are removed, link targets become numbered references after the text.

/// Returns the title (first `# ` heading, if it comes first) and the text.
#[must_use]
pub fn to_text(raw: &str) -> (Option<String>, String) {
    let mut title = None;
    let mut out = String::with_capacity(raw.len());
    let mut links: Vec<String> = Vec::new();
    let mut in_fence = false;
    let mut seen_text = false;
    for line in raw.lines() {
        let t = line.trim_end();
        if t.trim_start().starts_with("```") || t.trim_start().starts_with("~~~") {
            in_fence = !in_fence;
            out.push('\n');
            continue;
        }
        if in_fence {
            out.push_str(t);
            out.push('\n');
            continue;
        }
        let stripped = t.trim_start();
        if let Some(h) = stripped.strip_prefix("# ")
            && title.is_none()
            && !seen_text
        {
            title = Some(inline(h, &mut links));
            out.push('\n');
            continue;
        }
        let body = stripped.trim_start_matches('#').trim_start();
        let body = if stripped.starts_with('#') {
            body
        } else {
            stripped
        };
        let body = body.strip_prefix("> ").unwrap_or(body);
        if !body.is_empty() {
            seen_text = true;
        }
        if is_rule(body) {
            out.push('\n');
            continue;
        }
        out.push_str(&inline(body, &mut links));
        out.push('\n');
        if stripped.starts_with('#') {
            out.push('\n');
        }
    }
    if !links.is_empty() {
        out.push('\n');
        for (i, url) in links.iter().enumerate() {
            out.push_str(&format!("\n[{}]: {}\n", i + 1, url));
        }
    }
    (title, out)
}

fn is_rule(line: &str) -> bool {
    let l: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    l.len() >= 3
        && (l.chars().all(|c| c == '-')
            || l.chars().all(|c| c == '*')
            || l.chars().all(|c| c == '_'))
}

/// Inline markup: `![alt](src)` → alt, `[text](url)` → `text[n]`, `**x**`/`*x*`/`_x_`/`` `x` `` → x.
fn inline(s: &str, links: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['[', '*', '`', '_', '!']) {
        let (before, from) = rest.split_at(i);
        out.push_str(before);
        let image = from.starts_with("![");
        let from_link = if image {
            from.get(1..).unwrap_or(from)
        } else {
            from
        };
        if from_link.starts_with('[')
            && let Some((text, url, after)) = link_parts(from_link)
        {
            out.push_str(text);
            if !image && !url.is_empty() {
                links.push(url.to_string());
                out.push_str(&format!("[{}]", links.len()));
            }
            rest = after;
            continue;
        }
        let c = from.chars().next().unwrap_or(' ');
        let emphasis = matches!(c, '*' | '`')
            || (c == '_' && (before.is_empty() || before.ends_with(char::is_whitespace)));
        if !emphasis && c == '_' {
            // An underscore inside a word (snake_case) stays.
            out.push('_');
        } else if !emphasis {
            out.push(c);
        }
        rest = from.get(c.len_utf8()..).unwrap_or("");
    }
    out.push_str(rest);
    // A closing underscore at a word end was dropped above only when it opened; drop trailing ones.
    out
}

/// `[text](url)rest` → (text, url, rest).
fn link_parts(s: &str) -> Option<(&str, &str, &str)> {
    let close = s.find("](")?;
    let text = s.get(1..close)?;
    if text.contains('[') {
        return None;
    }
    let after = s.get(close + 2..)?;
    let end = after.find(')')?;
    let url = after.get(..end)?.split_whitespace().next().unwrap_or("");
    Some((text, url, after.get(end + 1..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts() {
        let (title, text) = to_text(
            "# The Title\n\nSome **bold** and *em* `code`.\n\n## Section\n\nA [link](http://a.example/x \"t\") and ![img](p.png).\n\n---\n\nsnake_case stays",
        );
        assert_eq!(title.as_deref(), Some("The Title"));
        assert!(text.contains("Some bold and em code."), "{text}");
        assert!(text.contains("Section\n\n"), "{text}");
        assert!(text.contains("A link[1] and img."), "{text}");
        assert!(text.contains("[1]: http://a.example/x"), "{text}");
        assert!(text.contains("snake_case stays"), "{text}");
    }

    #[test]
    fn heading_after_text_is_not_title() {
        let (title, text) = to_text("intro\n\n# Late");
        assert_eq!(title, None);
        assert!(text.contains("Late"));
    }
}

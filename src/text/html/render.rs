//! HTML tokens → text blocks, in one pass over `scan`'s tokens with a little state (open lists,
//! block quotes, the open link, table cells). What each element becomes:
//!
//! - block elements (`p`, `div`, headings, `li`, `tr`, `br`, …) end the current block; inline
//!   ones add nothing, so `caf<b>é</b>` stays one word and emphasis leaves no marks;
//! - list items start with `- ` or `1. `, block quotes with `> `, table cells are joined by ` | `;
//! - `pre` keeps its spaces and makes each line a block;
//! - a link with text gets a numbered reference, `text[1]`, listed as `[1]: url` at the end (a
//!   URL linked twice keeps its number; `#anchors` and `javascript:` get none), resolved
//!   against the base URL when there is one;
//! - an image becomes its alt text in brackets, `q` gets curly quotation marks;
//! - `head`, scripts, styles, form controls, SVG, audio, video and canvas (their fallback text
//!   is for browsers) and `template`/`noscript` are dropped.
//!
//! Whitespace collapses as a browser collapses it; entities are decoded by `entities`. Nothing
//! here decides what is safe to show: the caller normalises the result.

use super::entities;
use super::scan::{self, Tag, Token, attr, is};

/// What to render: `references` numbers links (articles) or drops them (one-line fields).
pub struct Options<'a> {
    pub base: Option<&'a url::Url>,
    pub references: bool,
}

/// The text blocks of `html`, then its link references (`[n]: url`), one block each.
#[must_use]
pub fn blocks(html: &str, options: &Options<'_>) -> Vec<String> {
    let mut r = Render {
        options,
        blocks: Vec::new(),
        line: String::new(),
        pending: Pending::Nothing,
        written: 0,
        quotes: 0,
        lists: Vec::new(),
        bullet: None,
        links: Vec::new(),
        link: None,
        skip: 0,
        in_head: false,
        pre: 0,
    };
    scan::scan(html, |token| r.token(token));
    r.finish()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Inline,
    Block,
    Break,
    List { ordered: bool },
    Item,
    Quote,
    Pre,
    Row,
    Cell,
    Link,
    Image,
    InlineQuote,
    Skip,
    Head,
    Body,
}

fn class(name: &str) -> Class {
    let mut buf = [0u8; 12];
    let Some(lower) = buf.get_mut(..name.len()) else {
        return Class::Inline;
    };
    lower.copy_from_slice(name.as_bytes());
    lower.make_ascii_lowercase();
    match &*lower {
        b"p" | b"div" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" | b"section" | b"article"
        | b"aside" | b"header" | b"footer" | b"main" | b"nav" | b"figure" | b"figcaption"
        | b"address" | b"center" | b"details" | b"summary" | b"dialog" | b"dl" | b"dt" | b"dd"
        | b"fieldset" | b"legend" | b"form" | b"hgroup" | b"caption" | b"table" | b"thead"
        | b"tbody" | b"tfoot" | b"html" => Class::Block,
        b"br" | b"hr" => Class::Break,
        b"ul" | b"menu" => Class::List { ordered: false },
        b"ol" => Class::List { ordered: true },
        b"li" => Class::Item,
        b"blockquote" => Class::Quote,
        b"pre" | b"listing" => Class::Pre,
        b"tr" => Class::Row,
        b"td" | b"th" => Class::Cell,
        b"a" => Class::Link,
        b"img" => Class::Image,
        b"q" => Class::InlineQuote,
        b"template" | b"svg" | b"select" | b"noscript" | b"canvas" | b"audio" | b"video"
        | b"button" | b"datalist" => Class::Skip,
        b"head" => Class::Head,
        b"body" => Class::Body,
        _ => Class::Inline,
    }
}

/// What comes before the next visible character of the current block.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pending {
    Nothing,
    Space,
    Cell,
}

struct List {
    ordered: bool,
    next: i64,
}

/// An open `<a>`: its target (none for anchors and scripts) and how much text had been written
/// when it opened, to tell whether it got any.
struct Link {
    target: Option<String>,
    written_at: usize,
}

struct Render<'o> {
    options: &'o Options<'o>,
    blocks: Vec<String>,
    line: String,
    pending: Pending,
    /// Bytes of visible text written so far, in all blocks.
    written: usize,
    quotes: usize,
    lists: Vec<List>,
    /// The bullet of a list item whose first block has not started.
    bullet: Option<String>,
    links: Vec<String>,
    link: Option<Link>,
    skip: usize,
    in_head: bool,
    pre: usize,
}

impl Render<'_> {
    fn token(&mut self, token: Token<'_>) {
        match token {
            Token::Text(text) if self.skip == 0 && !self.in_head => self.text(text),
            Token::Text(_) | Token::Raw(_) => {}
            Token::Start(tag) => self.start(tag),
            Token::End(name) => self.end(class(name)),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        let class = class(tag.name);
        if class == Class::Skip {
            self.skip += usize::from(!tag.self_closing);
            return;
        }
        if self.skip > 0 {
            return;
        }
        match class {
            Class::Head => self.in_head = true,
            Class::Inline if self.in_head && is_head_content(tag.name) => {}
            _ => self.in_head = false,
        }
        match class {
            Class::Block | Class::Break | Class::Row => {
                self.flush();
            }
            Class::Quote => {
                self.flush();
                self.quotes += 1;
            }
            Class::Pre => {
                self.flush();
                self.pre += 1;
            }
            Class::List { ordered } => {
                self.flush();
                let start = attr(tag.attrs, "start").and_then(|s| s.trim().parse().ok());
                self.lists.push(List {
                    ordered,
                    next: start.unwrap_or(1),
                });
            }
            Class::Item => {
                self.flush();
                self.bullet = Some(match self.lists.last_mut() {
                    Some(list) if list.ordered => {
                        list.next += 1;
                        format!("{}. ", list.next - 1)
                    }
                    _ => "- ".to_string(),
                });
            }
            Class::Cell => {
                if self.pending != Pending::Nothing || !self.line.is_empty() {
                    self.pending = Pending::Cell;
                }
            }
            Class::Link => {
                self.close_link();
                if let Some(href) = attr(tag.attrs, "href") {
                    self.link = Some(Link {
                        target: self.target(&entities::decode(href)),
                        written_at: self.written,
                    });
                }
            }
            Class::Image => {
                let alt = attr(tag.attrs, "alt").map(entities::decode);
                if let Some(alt) = alt.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
                    self.words(&format!("[{alt}]"));
                }
            }
            Class::InlineQuote => self.words("“"),
            Class::Inline | Class::Skip | Class::Head | Class::Body => {}
        }
    }

    fn end(&mut self, class: Class) {
        if class == Class::Skip {
            self.skip = self.skip.saturating_sub(1);
            return;
        }
        if self.skip > 0 {
            return;
        }
        match class {
            Class::Head => self.in_head = false,
            Class::Block | Class::Break | Class::Row | Class::Item => self.flush(),
            Class::Quote => {
                self.flush();
                self.quotes = self.quotes.saturating_sub(1);
            }
            Class::Pre => {
                self.flush();
                self.pre = self.pre.saturating_sub(1);
            }
            Class::List { .. } => {
                self.flush();
                self.lists.pop();
            }
            Class::Link => self.close_link(),
            Class::InlineQuote => self.words("”"),
            Class::Inline | Class::Cell | Class::Image | Class::Skip | Class::Body => {}
        }
    }

    fn text(&mut self, raw: &str) {
        self.words(&entities::decode(raw));
    }

    /// Text already decoded: whitespace collapses outside `pre`, lines break inside it.
    fn words(&mut self, text: &str) {
        if self.pre > 0 {
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    self.flush();
                }
                self.visible(&line.replace('\r', ""));
            }
            return;
        }
        // Runs of words joined by single spaces are written whole (that is what collapsing
        // leaves of them); any other whitespace becomes one pending space. Cut on ASCII bytes,
        // so always at char boundaries.
        let bytes = text.as_bytes();
        let space = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_whitespace);
        let mut i = 0;
        while i < bytes.len() {
            let gap = i;
            while space(i) {
                i += 1;
            }
            if i > gap && self.pending == Pending::Nothing && !self.line.is_empty() {
                self.pending = Pending::Space;
            }
            let run = i;
            loop {
                while i < bytes.len() && !space(i) {
                    i += 1;
                }
                if bytes.get(i) == Some(&b' ') && i + 1 < bytes.len() && !space(i + 1) {
                    i += 1;
                } else {
                    break;
                }
            }
            self.visible(text.get(run..i).unwrap_or_default());
        }
    }

    /// Writes visible text (no collapsible whitespace in it) after whatever is pending.
    fn visible(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match std::mem::replace(&mut self.pending, Pending::Nothing) {
            Pending::Space if !self.line.is_empty() => self.line.push(' '),
            Pending::Cell if !self.line.is_empty() => self.line.push_str(" | "),
            _ => {}
        }
        self.line.push_str(text);
        self.written += text.len();
    }

    /// Ends the current block.
    fn flush(&mut self) {
        self.pending = Pending::Nothing;
        let text = self.line.trim_end();
        if !text.is_empty() {
            let bullet = self.bullet.take().unwrap_or_default();
            let mut block = String::with_capacity(2 * self.quotes + bullet.len() + text.len());
            for _ in 0..self.quotes {
                block.push_str("> ");
            }
            block.push_str(&bullet);
            block.push_str(text);
            self.blocks.push(block);
        }
        self.line.clear();
    }

    /// Where a link points, resolved against the base; none for in-page anchors, scripts and
    /// empty targets, or when references are off.
    fn target(&self, href: &str) -> Option<String> {
        let href = href.trim();
        let scripted = href
            .get(..11)
            .is_some_and(|s| s.eq_ignore_ascii_case("javascript:"));
        if !self.options.references || href.is_empty() || href.starts_with('#') || scripted {
            return None;
        }
        Some(match self.options.base {
            Some(base) => base
                .join(href)
                .map_or_else(|_| href.to_string(), String::from),
            None => href.to_string(),
        })
    }

    /// The reference number of a target: the same for the same URL.
    fn number(&mut self, target: String) -> usize {
        match self.links.iter().position(|l| *l == target) {
            Some(i) => i + 1,
            None => {
                self.links.push(target);
                self.links.len()
            }
        }
    }

    /// Closes the open link: its reference follows its text (on the block it ended in).
    fn close_link(&mut self) {
        let Some(link) = self.link.take() else { return };
        let Some(target) = link.target.filter(|_| self.written > link.written_at) else {
            return;
        };
        let mark = format!("[{}]", self.number(target));
        match self.blocks.last_mut() {
            Some(last) if self.line.is_empty() => last.push_str(&mark),
            _ => self.line.push_str(&mark),
        }
    }

    fn finish(mut self) -> Vec<String> {
        self.close_link();
        self.flush();
        let references = self
            .links
            .iter()
            .enumerate()
            .map(|(i, url)| format!("[{}]: {url}", i + 1));
        self.blocks.extend(references);
        self.blocks
    }
}

/// Elements that belong in `<head>`; any other start tag means the body has begun.
fn is_head_content(name: &str) -> bool {
    ["title", "meta", "link", "style", "script", "base"]
        .iter()
        .any(|h| is(name, h))
}

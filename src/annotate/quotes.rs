//! Quotation marks to quoted stretches. Each mark is classed as opening or closing from its
//! neighbours (straight `"` and `''` by the spaces around them, `’` only when a `‘` is pending and
//! no letter follows, so apostrophes stay apostrophes), then paired per paragraph with a stack.
//! Single marks inside double ones are nested quotes and stay part of the outer one. A paragraph
//! that ends inside a quote and is followed by one that re-opens with a mark continues it: the
//! stretches share a group.

use crate::span::Span;

/// One quoted stretch: the words inside the marks, without the marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stretch {
    pub inner: Span,
    /// The opening mark.
    pub open: Span,
    /// The closing mark; `None` when the paragraph ends first.
    pub close: Option<Span>,
    /// Stretches of one quote running over several paragraphs share a group.
    pub group: Option<usize>,
    /// Single marks used as the outer quote (‘…’ in headline or British style).
    pub single: bool,
}

impl Stretch {
    /// The stretch with its marks.
    #[must_use]
    pub fn outer(&self) -> Span {
        self.close
            .map_or(self.open.join(self.inner), |c| self.open.join(c))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// Straight marks whose role is decided by what is pending.
    Either,
}

#[derive(Clone, Copy, Debug)]
struct Mark {
    span: Span,
    family: Family,
    role: Role,
    /// `„` is closed by `“`.
    low: bool,
}

fn is_open_context(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '“' | '‘' | '"' | '«' | '„'
            )
    })
}

fn is_close_context(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | ','
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | ')'
                    | ']'
                    | '}'
                    | '—'
                    | '–'
                    | '-'
                    | '”'
                    | '’'
                    | '"'
                    | '»'
                    | '…'
                    | '\''
            )
    })
}

/// Finds the quotation marks of one paragraph (`base` is its offset in `text`).
fn marks(text: &str, para: Span, out: &mut Vec<Mark>) {
    out.clear();
    let p = para.slice(text);
    let base = para.start();
    let bytes = p.as_bytes();
    let mut i = 0;
    // Only `"`, `'` and the lead bytes of “ ” ‘ ’ „ (E2) and « » (C2) can start a mark: jump from
    // one to the next instead of decoding every character.
    let mut next = Candidates::default();
    while let Some(at) = next.from(bytes, i) {
        i = at;
        let Some(c) = p.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        let len = c.len_utf8();
        let prev = p.get(..i).and_then(|r| r.chars().next_back());
        let next = p.get(i + len..).and_then(|r| r.chars().next());
        let mut push = |len: usize, family, role, low| {
            if let Some(span) = Span::new(text, base + i, base + i + len) {
                out.push(Mark {
                    span,
                    family,
                    role,
                    low,
                });
            }
        };
        match c {
            '“' => push(len, Family::Double, Role::Open, false),
            '”' => push(len, Family::Double, Role::Close, false),
            '«' => push(len, Family::Double, Role::Open, false),
            '»' => push(len, Family::Double, Role::Close, false),
            '„' => push(len, Family::Double, Role::Open, true),
            '"' => push(1, Family::Double, straight_role(prev, next), false),
            '\'' if next == Some('\'') => {
                let after = p.get(i + 2..).and_then(|r| r.chars().next());
                push(2, Family::Double, straight_role(prev, after), false);
                i += 2;
                continue;
            }
            '‘' if is_open_context(prev) && next.is_some_and(|n| !n.is_whitespace()) => {
                push(len, Family::Single, Role::Open, false);
            }
            '’' if prev.is_some_and(|p| !p.is_whitespace())
                && !next.is_some_and(char::is_alphanumeric) =>
            {
                push(len, Family::Single, Role::Close, false);
            }
            '\'' => {
                let role = if is_open_context(prev) && next.is_some_and(char::is_alphabetic) {
                    Some(Role::Open)
                } else if prev.is_some_and(|p| !p.is_whitespace()) && is_close_context(next) {
                    Some(Role::Close)
                } else {
                    None
                };
                if let Some(role) = role {
                    push(1, Family::Single, role, false);
                }
            }
            _ => {}
        }
        i += len;
    }
}

/// The next byte that can start a quotation mark, found with two `memchr2` searches (ASCII marks,
/// and the lead bytes of the non-ASCII ones); each search's last answer is kept until passed, so
/// every byte is scanned once per search.
#[derive(Default)]
struct Candidates {
    ascii: Option<Option<usize>>,
    lead: Option<Option<usize>>,
}

impl Candidates {
    fn from(&mut self, bytes: &[u8], i: usize) -> Option<usize> {
        let find = |cached: &mut Option<Option<usize>>, a: u8, b: u8| -> Option<usize> {
            if cached.is_none_or(|c| c.is_some_and(|at| at < i)) {
                let found = bytes
                    .get(i..)
                    .and_then(|rest| memchr::memchr2(a, b, rest))
                    .map(|off| i + off);
                *cached = Some(found);
            }
            cached.flatten()
        };
        let ascii = find(&mut self.ascii, b'"', b'\'');
        let lead = find(&mut self.lead, 0xe2, 0xc2);
        match (ascii, lead) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

fn straight_role(prev: Option<char>, next: Option<char>) -> Role {
    let open = is_open_context(prev) && next.is_some_and(|n| !n.is_whitespace());
    let close = prev.is_some_and(|p| !p.is_whitespace()) && is_close_context(next);
    match (open, close) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Either,
    }
}

/// Paragraph spans of a normalised body (paragraphs are separated by a blank line).
#[must_use]
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in memchr::memmem::find_iter(text.as_bytes(), b"\n\n") {
        if let Some(s) = Span::new(text, start, i) {
            out.push(s);
        }
        start = i + 2;
    }
    if let Some(s) = Span::new(text, start.min(text.len()), text.len())
        && !s.is_empty()
    {
        out.push(s);
    }
    out
}

/// Every top-level quoted stretch of `text`, in order.
#[must_use]
pub fn stretches(text: &str) -> Vec<Stretch> {
    let mut out: Vec<Stretch> = Vec::new();
    let mut groups = 0;
    let mut open_ended: Option<usize> = None; // index in `out` of a stretch cut by a paragraph end
    let mut scratch = Scratch::default();
    for para in paragraphs(text) {
        pair(text, para, &mut scratch);
        let found = &mut scratch.found;
        if let Some(prev) = open_ended.take() {
            // The previous paragraph ended inside a quote; this one continues it when it re-opens.
            let reopens = found
                .first()
                .is_some_and(|s| s.open.start() == para.start());
            if reopens {
                let g = out[prev].group.unwrap_or_else(|| {
                    groups += 1;
                    groups - 1
                });
                out[prev].group = Some(g);
                let mut first = true;
                for mut s in found.drain(..) {
                    if first {
                        s.group = Some(g);
                        first = false;
                        if s.close.is_none() {
                            open_ended = Some(out.len());
                        }
                    }
                    out.push(s);
                }
                continue;
            }
        }
        for s in found.drain(..) {
            if s.close.is_none() {
                open_ended = Some(out.len());
            }
            out.push(s);
        }
    }
    out
}

/// Buffers reused from one paragraph to the next.
#[derive(Default)]
struct Scratch {
    marks: Vec<Mark>,
    stack: Vec<Mark>,
    /// The stretches of the paragraph, in order.
    found: Vec<Stretch>,
}

/// Pairs the marks of one paragraph into top-level stretches (into `scratch.found`).
fn pair(text: &str, para: Span, scratch: &mut Scratch) {
    let Scratch {
        marks: ms,
        stack,
        found: out,
    } = scratch;
    marks(text, para, ms);
    out.clear();
    // The stack holds open marks; only the bottom one makes a top-level stretch.
    stack.clear();
    for &m in ms.iter() {
        let double_open = stack.iter().any(|o| o.family == Family::Double);
        let role = match m.role {
            Role::Either => {
                if stack.iter().any(|o| o.family == m.family) {
                    Role::Close
                } else {
                    Role::Open
                }
            }
            // „…“: a “ closes a pending „.
            Role::Open
                if m.family == Family::Double
                    && stack.last().is_some_and(|o| o.low)
                    && text.get(m.span.start()..m.span.end()) == Some("“") =>
            {
                Role::Close
            }
            Role::Open
                if m.family == Family::Double
                    && double_open
                    && !stack.last().is_some_and(|o| o.low) =>
            {
                // A second opening double mark while one is open: the first was never closed.
                // Close it at this mark's start unless they are one quote re-opened in the same paragraph.
                if let Some(first) = stack.first().copied()
                    && let Some(inner) = Span::new(text, first.span.end(), m.span.start())
                {
                    out.push(Stretch {
                        inner: inner.trim(text),
                        open: first.span,
                        close: None,
                        group: None,
                        single: first.family == Family::Single,
                    });
                }
                stack.clear();
                Role::Open
            }
            r => r,
        };
        match role {
            Role::Open => {
                if m.family == Family::Single && !double_open && !stack.is_empty() {
                    continue;
                }
                stack.push(m);
            }
            Role::Close | Role::Either => {
                let Some(pos) = stack.iter().rposition(|o| o.family == m.family) else {
                    continue;
                };
                let open = stack[pos];
                stack.truncate(pos);
                if stack.is_empty()
                    && let Some(inner) = Span::new(text, open.span.end(), m.span.start())
                {
                    let inner = inner.trim(text);
                    // A lone letter in single marks ("rock 'n' roll") is no quotation.
                    let too_short =
                        open.family == Family::Single && inner.slice(text).chars().count() < 2;
                    if !inner.is_empty() && !too_short {
                        out.push(Stretch {
                            inner,
                            open: open.span,
                            close: Some(m.span),
                            group: None,
                            single: open.family == Family::Single,
                        });
                    }
                }
            }
        }
    }
    // A double quote still open at the paragraph end runs to it (a multi-paragraph quote, or a missing mark).
    if let Some(first) = stack
        .iter()
        .find(|o| o.family == Family::Double)
        .copied()
        .or_else(|| stack.first().copied())
        && first.family == Family::Double
        && let Some(inner) = Span::new(text, first.span.end(), para.end())
    {
        let inner = inner.trim(text);
        if !inner.is_empty() {
            out.push(Stretch {
                inner,
                open: first.span,
                close: None,
                group: None,
                single: false,
            });
        }
    }
    out.sort_by_key(|s| s.inner.start());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(t: &str) -> Vec<&str> {
        stretches(t).iter().map(|s| s.inner.slice(t)).collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("He said “yes, we can.” Then left.", &["yes, we can."]),
            (
                "\"It was fine,\" he said. \"Really.\"",
                &["It was fine,", "Really."],
            ),
            (
                "They call it ‘gaps of trust’ and don’t mind.",
                &["gaps of trust"],
            ),
            ("the officials’ view and Jones’ car", &[]),
            ("«Nous verrons», a-t-il dit.", &["Nous verrons"]),
            (
                "Er sagte: „Wir schaffen das.“ Dann ging er.",
                &["Wir schaffen das."],
            ),
            ("''We will win,'' she said.", &["We will win,"]),
            (
                "“He told me ‘never again’ twice,” she said.",
                &["He told me ‘never again’ twice,"],
            ),
            ("rock 'n' roll in the '90s", &[]),
            ("“unclosed at the end", &["unclosed at the end"]),
            ("a 6\" pipe and \"real\" quotes", &["real"]),
        ];
        for (t, want) in cases {
            assert_eq!(inner(t), *want, "{t}");
        }
    }

    #[test]
    fn multi_paragraph_quote_is_grouped() {
        let t = "“First part.\n\n“Second part.\n\n“Last part,” she said.\n\nAfter.";
        let s = stretches(t);
        let texts: Vec<&str> = s.iter().map(|s| s.inner.slice(t)).collect();
        assert_eq!(texts, vec!["First part.", "Second part.", "Last part,"]);
        assert!(s.iter().all(|x| x.group == Some(0)), "{s:?}");
    }

    #[test]
    fn separate_quotes_are_not_grouped() {
        let t = "“One,” he said.\n\n“Two,” she said.";
        assert!(stretches(t).iter().all(|x| x.group.is_none()));
    }
}

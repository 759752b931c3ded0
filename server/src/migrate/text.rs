//! Comment bodies that other systems stored as HTML, made into our text:
//! paragraphs and line breaks kept, a link kept as its address, entities
//! decoded, everything else (tags, scripts, styles, pictures) dropped. The
//! result is text: nothing in it is ever markup again.

use std::cell::RefCell;

use encart_api_types::{is_safe_href, normalize_line_breaks};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

/// Elements that end a paragraph where they start or end.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "blockquote",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "table",
    "tr",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "figure",
    "figcaption",
    "hr",
];
/// Elements whose content is not text a reader wrote.
const HIDDEN: &[&str] = &["script", "style", "template", "noscript", "iframe", "object", "svg", "math", "title"];

/// How the source marks paragraphs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Breaks {
    /// As HTML does: with elements (`p`, `br`); line breaks in the source are spaces (Disqus).
    #[default]
    Html,
    /// With line breaks in the text, and elements too (WordPress).
    Text,
}

/// `html` as our text (see the module's documentation).
pub fn html_to_text(html: &str, breaks: Breaks) -> String {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Sink(RefCell::new(Out { breaks, ..Out::default() })), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let out = tokenizer.sink.0.into_inner();
    tidy(&out.text)
}

#[derive(Default)]
struct Out {
    breaks: Breaks,
    text: String,
    /// Inside an element of [`HIDDEN`] (its name).
    hidden: Option<String>,
    /// The open link: its address and where its label starts in `text`.
    link: Option<(String, usize)>,
}

impl Out {
    fn push_text(&mut self, chars: &str) {
        let keep_lines = self.breaks == Breaks::Text;
        for c in chars.chars() {
            if c == '\n' && keep_lines {
                while self.text.ends_with(' ') {
                    self.text.pop();
                }
                self.text.push('\n');
            } else if c.is_whitespace() && c != '\u{a0}' {
                if !(self.text.is_empty() || self.text.ends_with([' ', '\n'])) {
                    self.text.push(' ');
                }
            } else {
                self.text.push(c);
            }
        }
    }

    fn line_break(&mut self, count: usize) {
        while self.text.ends_with(' ') {
            self.text.pop();
        }
        let have = self.text.len() - self.text.trim_end_matches('\n').len();
        for _ in have..count {
            self.text.push('\n');
        }
    }

    fn end_link(&mut self) {
        let Some((href, start)) = self.link.take() else { return };
        let label = self.text[start..].trim().to_owned();
        let shown = label.trim_end_matches(['…', '.']);
        let plain = |s: &str| s.trim_start_matches("https://").trim_start_matches("http://").to_owned();
        if label.is_empty() {
            self.text.push_str(&href);
        } else if !plain(&href).starts_with(&plain(shown)) {
            self.text.push_str(&format!(" ({href})"));
        } else {
            // The label is (the start of) the address: the address, whole.
            self.text.truncate(start);
            self.text.push_str(&href);
        }
    }
}

struct Sink(RefCell<Out>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut out = self.0.borrow_mut();
        match token {
            Token::CharacterTokens(chars) if out.hidden.is_none() => out.push_text(&chars),
            Token::TagToken(Tag { kind, name, attrs, self_closing, .. }) => {
                let name: &str = &name;
                if let Some(hidden) = &out.hidden {
                    if kind == TagKind::EndTag && hidden == name {
                        out.hidden = None;
                    }
                    return TokenSinkResult::Continue;
                }
                match (kind, name) {
                    (TagKind::StartTag, _) if HIDDEN.contains(&name) => {
                        if !self_closing {
                            out.hidden = Some(name.to_owned());
                        }
                        return match name {
                            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                            "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                            _ => TokenSinkResult::RawData(RawKind::Rawtext),
                        };
                    }
                    (TagKind::StartTag, "textarea") => return TokenSinkResult::RawData(RawKind::Rcdata),
                    (TagKind::StartTag, "plaintext") => return TokenSinkResult::Plaintext,
                    (TagKind::StartTag, "br") => out.line_break(1),
                    (_, _) if BLOCKS.contains(&name) => out.line_break(2),
                    (TagKind::StartTag, "a") => {
                        out.end_link();
                        let href = attrs.iter().find(|a| &*a.name.local == "href").map(|a| a.value.trim().to_owned());
                        if let Some(href) = href.filter(|h| is_safe_href(h) && h.starts_with("http")) {
                            let start = out.text.len();
                            out.link = Some((href, start));
                        }
                    }
                    (TagKind::EndTag, "a") => out.end_link(),
                    _ => {}
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// `text` without control characters but line breaks and tabs (no database
/// stores a NUL in text, and no reader typed one).
pub fn printable(text: &str) -> String {
    text.chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\t')).collect()
}

/// Line breaks as ours, no spaces at the ends of lines, at most one blank
/// line in a row, nothing around.
fn tidy(text: &str) -> String {
    let text = normalize_line_breaks(text);
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.split('\n') {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_breaks_links_and_entities_become_text() {
        let html = "<p>Bonjour&nbsp;&amp; <b>bienvenue</b>,<br>voici\n   un <a href=\"https://example.org/a\">lien</a>.</p>\
                    <p>Et <a href=\"https://example.org/long/path\">example.org/long/pa…</a></p>";
        assert_eq!(
            html_to_text(html, Breaks::Html),
            "Bonjour\u{a0}& bienvenue,\nvoici un lien (https://example.org/a).\n\nEt https://example.org/long/path"
        );
    }

    #[test]
    fn scripts_styles_and_unsafe_links_leave_no_trace_but_their_text() {
        let html = "<script>alert(1)</script><style>p{}</style><img src=x onerror=alert(1)>\
                    <a href=\"javascript:alert(1)\">cliquez</a> <svg><text>x</text></svg>fin";
        assert_eq!(html_to_text(html, Breaks::Html), "cliquez fin");
    }

    #[test]
    fn wordpress_line_breaks_are_paragraphs() {
        assert_eq!(html_to_text("Un.\n\n\n\nDeux  mots\nTrois &lt;b&gt;", Breaks::Text), "Un.\n\nDeux mots\nTrois <b>");
    }
}

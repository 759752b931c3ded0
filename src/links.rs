//! Web addresses in a reader's text, found so the view can make them links:
//! `http://` and `https://` addresses only (any case), whose host is ASCII
//! letters, digits, dots and hyphens, or an IPv6 address in brackets (a
//! look-alike in another alphabet stays text). An address runs to a space,
//! a control or direction character or one of `<>"\``, less the punctuation
//! that ends a sentence around it and closing brackets it did not open.
//! Everything else stays text, and the pieces put together give back the
//! text exactly.
//!
//! Written here rather than taken from the `linkify` crate: with it the
//! module was 1 KB brotli larger (141,404 B against 140,429), and set for
//! ASCII hosts (`url_can_be_iri(false)`) it failed the test of ports, IPv6
//! hosts, non-ASCII paths and French quotes below.

/// A piece of a reader's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    /// An `http(s)://` address, shown as it was typed, linked to itself.
    Link(&'a str),
}

/// `text` cut into text and links; two text pieces are never neighbours.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    // Where the text not yet given as a piece starts, and where to look next.
    let (mut rest, mut from) = (0, 0);
    while let Some(start) = text[from..].find(['h', 'H']).map(|at| from + at) {
        from = start + 1;
        let Some(end) = address_at(text, start) else { continue };
        if rest < start {
            pieces.push(Piece::Text(&text[rest..start]));
        }
        pieces.push(Piece::Link(&text[start..end]));
        (rest, from) = (end, end);
    }
    if rest < text.len() {
        pieces.push(Piece::Text(&text[rest..]));
    }
    pieces
}

/// Direction controls: inside an address they would show it other than it
/// is ("…/\u{202e}gnp.exe" reads "…/exe.png"), so an address ends at one.
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The end of the web address starting at `start`, if one does.
fn address_at(text: &str, start: usize) -> Option<usize> {
    // Not in the middle of a word ("xhttp://"; ASCII is enough: the check
    // for the whole alphabet costs the module its Unicode tables), while
    // "javascript:http://…" does link from "http".
    if text[..start].bytes().next_back().is_some_and(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let scheme = |name: &str| {
        text.as_bytes().get(start..start + name.len()).is_some_and(|b| b.eq_ignore_ascii_case(name.as_bytes()))
    };
    let host_start = start
        + if scheme("https://") {
            8
        } else if scheme("http://") {
            7
        } else {
            return None;
        };
    let mut end = text[host_start..]
        .find(|c: char| {
            c.is_whitespace() || c < ' ' || matches!(c, '<' | '>' | '"' | '`' | '\u{7f}'..='\u{9f}') || is_bidi(c)
        })
        .map_or(text.len(), |at| host_start + at);
    // Punctuation after an address belongs to the sentence; a closing
    // bracket, to the address only if the address opened it.
    while let Some(last) = text[host_start..end].chars().next_back() {
        let unopened = |open: char| {
            let inside = &text[host_start..end];
            inside.matches(last).count() > inside.matches(open).count()
        };
        let drop = match last {
            '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '’' | '”' | '»' | '*' | '_' => true,
            ')' => unopened('('),
            ']' => unopened('['),
            '}' => unopened('{'),
            _ => false,
        };
        if !drop {
            break;
        }
        end -= last.len_utf8();
    }
    let host = text[host_start..end].split(['/', '?', '#']).next().unwrap_or_default();
    let host = match host.strip_prefix('[') {
        // An IPv6 address, then perhaps a port.
        Some(v6) => {
            v6.split_once(']')
                .filter(|(address, _)| address.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.'))?
                .0
        }
        None => host
            .rsplit_once(':')
            .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
            .map_or(host, |(host, _)| host),
    };
    let ascii = host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b':');
    (ascii && host.bytes().any(|b| b.is_ascii_alphanumeric())).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::Piece::{Link, Text};
    use super::*;

    fn joined(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Text(t) | Link(t) => *t,
            })
            .collect()
    }

    #[test]
    fn web_addresses_become_links_and_their_punctuation_stays_text() {
        let text = "Voir https://example.org/a_(b), (http://example.org/x). Et HTTPS://EXAMPLE.ORG/Y!";
        let found = pieces(text);
        assert_eq!(
            found,
            [
                Text("Voir "),
                Link("https://example.org/a_(b)"),
                Text(", ("),
                Link("http://example.org/x"),
                Text("). Et "),
                Link("HTTPS://EXAMPLE.ORG/Y"),
                Text("!"),
            ]
        );
        assert_eq!(joined(&found), text);
    }

    #[test]
    fn nothing_but_a_web_address_with_a_host_is_a_link() {
        for text in [
            "javascript:alert(1)",
            "javascript://example.org/%0aalert(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "vbscript:msgbox(1)",
            "ftp://example.org/file",
            "file:///etc/passwd",
            "mailto:a@example.org",
            "a@example.org",
            "www.example.org",
            "http://",
            "https:///path",
            "ｈｔｔｐｓ://example.org",
            "hxxps://example.org",
            "https://аpple.com/login",
        ] {
            let found = pieces(text);
            assert!(found.iter().all(|p| matches!(p, Text(_))), "{text}: {found:?}");
            assert_eq!(joined(&found), text);
        }
    }

    #[test]
    fn a_scheme_glued_to_another_is_only_linked_from_http() {
        let found = pieces("javascript:https://example.org");
        assert_eq!(found, [Text("javascript:"), Link("https://example.org")]);
        let found = pieces("<a href=\"https://example.org\">x</a>");
        assert_eq!(found, [Text("<a href=\""), Link("https://example.org"), Text("\">x</a>")]);
    }

    #[test]
    fn ports_addresses_paths_in_any_script_and_french_quotes() {
        let cases: [(&str, &[Piece]); 6] = [
            ("http://[2001:db8::1]:8080/x", &[Link("http://[2001:db8::1]:8080/x")]),
            ("http://localhost:8700/admin", &[Link("http://localhost:8700/admin")]),
            (
                "« https://fr.wikipedia.org/wiki/Élysée »",
                &[Text("« "), Link("https://fr.wikipedia.org/wiki/Élysée"), Text(" »")],
            ),
            ("(voir https://example.org)", &[Text("(voir "), Link("https://example.org"), Text(")")]),
            ("https://example.org/?q=1&r=[2]…", &[Link("https://example.org/?q=1&r=[2]…")]),
            ("lien:https://example.org/x.", &[Text("lien:"), Link("https://example.org/x"), Text(".")]),
        ];
        for (text, expected) in cases {
            assert_eq!(pieces(text), expected, "{text}");
        }
        for text in ["https://[::1", "https://ex_ample.org", "https://-/", "xhttps://example.org"] {
            let linked: Vec<_> = pieces(text).into_iter().filter(|p| matches!(p, Link(_))).collect();
            assert!(linked.is_empty(), "{text}: {linked:?}");
        }
    }

    #[test]
    fn a_direction_control_ends_an_address_so_it_shows_as_it_goes() {
        let found = pieces("https://example.org/\u{202e}gnp.exe");
        assert_eq!(found, [Link("https://example.org/"), Text("\u{202e}gnp.exe")]);
        let found = pieces("\u{2067}https://example.org/x\u{2069}");
        assert_eq!(found, [Text("\u{2067}"), Link("https://example.org/x"), Text("\u{2069}")]);
    }

    #[test]
    fn every_text_comes_back_whole() {
        for text in [
            "",
            "pas de lien",
            "https://a.example",
            "x https://a.example y https://b.example/ z",
            "é https://a.example/é",
        ] {
            assert_eq!(joined(&pieces(text)), text);
        }
    }
}

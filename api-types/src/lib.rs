//! The encart API contract: the JSON documents exchanged between the widget
//! and the API server, and the rules both sides apply to them.
//!
//! Everything here is plain data with serde derives and pure functions, so it
//! compiles for the browser (wasm32) and the server alike. Keep it small: every
//! byte of it ships inside the widget.

mod comment;
mod date;

pub use comment::{
    AUTHOR_MAX_CHARS, BODY_MAX_CHARS, Comment, CommentEdit, CommentPage, Commenting, EDIT_WINDOW_SECS, EditedComment,
    Erased, FieldError, FieldErrors, MAX_OWN_TOKENS, MAX_PICKS, MAX_REPLY_DEPTH, NewComment, NewRecommendation,
    NewReport, PendingComments, PendingQuery, PostedComment, Published, Reader, ReaderComment, ReaderComments,
    Recommendation, ReportReason, Sort, Visibility, check_author, check_body, edit_window_end, is_browser_token,
    normalize_line_breaks,
};
pub use date::{Date, DateError, parse_utc_millis};
use serde::{Deserialize, Serialize};

/// An article as the reader view shows it (`GET /api/v1/articles/{slug}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub slug: String,
    pub title: String,
    /// Who wrote it, without any "By:"/"Par :" prefix.
    pub byline: Option<String>,
    /// Publication date, ISO 8601 (`YYYY-MM-DD`).
    pub published: Option<Date>,
    /// BCP 47 language tag of the text, e.g. `fr`.
    pub language: String,
    /// The text's direction, `rtl` or `ltr`, when its source said (else its
    /// language's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dir: Option<String>,
    /// The standfirst: a sentence or two under the title, when the source has one.
    #[serde(default)]
    pub lead: Option<String>,
    /// The body as structured blocks, never raw HTML.
    pub body: Vec<Block>,
    /// Where the article was first published, when known.
    pub source_url: Option<String>,
    /// When it last changed here (RFC 3339, UTC); set by the server.
    #[serde(default)]
    pub updated: Option<String>,
}

/// The widget's first view rendered by the server
/// (`GET /api/v1/articles/{slug}/embed`): `embed.js` shows `html` at once and
/// the wasm hydrates it from the data it was rendered from, an
/// [`EmbedState`] asked for only with the module (`…/embed/state`, same
/// query): a reader who never reaches the discussion does not download it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Embed {
    /// The build of the views that rendered `html`: a widget of another build
    /// renders on the client instead of hydrating.
    pub build: String,
    /// The first view (reader view, first page of comments, empty form).
    pub html: String,
    /// The widget's stylesheet, for the shadow root (a constructed sheet);
    /// empty when the loader said it has this one (the query's `css`, its
    /// name on the CDN).
    pub css: String,
    /// "Commenting is not available here", in the widget's language: shown
    /// by `embed.js` in the form when the wasm cannot run.
    pub unavailable: String,
    /// [`EmbedState::lang`] of the data it was rendered from.
    pub lang: String,
    /// [`EmbedState::now`] of the rendering.
    pub now: i64,
    /// [`EmbedState::version`] of the data it was rendered from: an
    /// `EmbedState` of another version (the discussion changed since) is
    /// rendered afresh rather than hydrated.
    pub version: String,
    /// The data itself, for a loader of an earlier release, which does not
    /// ask for it apart (`data=apart`) and reads it here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<EmbedState>,
}

/// What an [`Embed`]'s HTML was rendered from
/// (`GET /api/v1/articles/{slug}/embed/state`): the widget hydrates with
/// exactly these values when `version` is the view's (`now` then taken
/// from the view).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmbedState {
    pub article: Article,
    pub comments: CommentPage,
    /// Server time of the rendering, ms since the epoch (relative times).
    pub now: i64,
    pub options: ViewOptions,
    /// The language of the view's words (`ViewOptions` say why this one), a
    /// file of `i18n/`: `embed.js` fetches its [`Words`] from the CDN for the
    /// module, which hydrates with exactly those.
    pub lang: String,
    /// A digest of all of the above but `now`: the same for the same data.
    #[serde(default)]
    pub version: String,
}

/// The widget's words in one language, as `build.rs` compiles them from
/// `i18n/<lang>.ftl`: on the CDN (`cargo xtask dist`), fetched with the
/// module for a first view, and from the API for client rendering
/// ([`ClientWords`]), so the module carries no language of its own. The server's
/// first view and the browser interpret them with the same code
/// (`encart::i18n`), so both write exactly the same text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    /// The language's tag, as its file is named (`fr`, `zh-Hans`).
    pub lang: String,
    /// A hash of the messages and their variables: a widget reads only words
    /// of its own shape.
    pub shape: String,
    /// The language's digits, 0 to 9.
    pub digits: String,
    /// What separates groups of thousands.
    pub group: String,
    /// Digits a number needs before its thousands are grouped: 1 (`1,000`)
    /// or 2 (`1000`, `10 000`).
    pub min_grouping: u8,
    /// The CLDR plural rules for whole numbers: each category with its
    /// condition, in order (`other` is what none gives).
    pub plural: Vec<(String, String)>,
    /// Each message, compiled (see `i18n/compile.rs`), in the order of
    /// `i18n/en.ftl`.
    pub texts: Vec<String>,
}

/// The widget's words for a widget the module renders itself
/// (`GET /api/v1/articles/{slug}/words`), in the language its first view
/// would have.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientWords {
    pub words: Words,
    /// "The article reader could not load here", for `embed.js` where the
    /// module cannot run.
    pub fallback: String,
}

/// How a partner and a reader want the widget shown, as `embed.js` passes
/// them (`data-*` attributes, saved preferences). Unknown values are left to
/// the defaults, as in the browser.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewOptions {
    /// The widget's language chosen by the partner (`data-lang`), else the
    /// partner site's; a language the widget speaks, as its tag.
    pub lang: Option<String>,
    /// The host page's `<html lang>`, for an article in a language the
    /// widget does not speak: a language it speaks, as its tag.
    pub ui: Option<String>,
    /// The first of the reader's browser languages the widget speaks, for
    /// a page that says none of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub browser: Option<String>,
    /// Level of the title, 1 to 6 (`data-heading-level`).
    pub heading: Option<u8>,
    /// auto, light, dark or sepia: the reader's saved theme, else `data-theme`.
    pub theme: Option<String>,
    /// The reader's saved text size.
    pub size: Option<String>,
    /// The order of the comments: the reader's saved choice, else `data-sort`
    /// (the site's default when none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<Sort>,
}

/// One block of an article body, externally tagged, e.g.
/// `{"paragraph": [{"text": "…"}]}`. Structured, never HTML: nothing of a
/// source page can run in a reader's browser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    Paragraph(Vec<Inline>),
    /// A section heading: 1 is the article's top section level, 3 the lowest.
    Heading {
        level: u8,
        text: Vec<Inline>,
    },
    /// A quotation, as its paragraphs.
    Quote(Vec<Vec<Inline>>),
    /// A list, as its items.
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
    /// A picture (a photograph, a chart, a map) with its caption and credit.
    Figure(Figure),
    /// Text whose spaces and line breaks are its form (code, a poem), as it is.
    Preformatted(String),
    /// A table of data: its header row, then its rows, each cell a line of text.
    Table {
        #[serde(default)]
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
}

/// A picture of an article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    /// Where the image is: `http:` or `https:` only ([`is_safe_src`]).
    pub src: String,
    /// Other sizes of it (`url 800w, url 1600w`), each URL safe as `src`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub srcset: Option<String>,
    /// Its size in CSS pixels, when known: the space it takes before it loads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// What it shows, for who cannot see it; empty only for a decorative image.
    #[serde(default)]
    pub alt: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caption: Vec<Inline>,
    /// Who made it ("Photo: Jane Doe / AFP"), shown with the caption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

/// Whether `src` may be an image's address: `http:` or `https:` only (never
/// `data:`, `javascript:`, `blob:` or a relative address).
pub fn is_safe_src(src: &str) -> bool {
    let lower = src.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Whether every address of a `srcset` is safe ([`is_safe_src`]).
pub fn is_safe_srcset(srcset: &str) -> bool {
    srcset
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .all(|candidate| candidate.split_whitespace().next().is_some_and(is_safe_src))
}

/// Deepest nesting of formatting and links in a block's text (a link in
/// bold in italics is 3): stored articles stay well within what every
/// decoder and view can take.
pub const MAX_INLINE_DEPTH: usize = 8;

/// Text within a block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Inline {
    Text(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    /// A link; only `http:`, `https:` and `mailto:` targets are ever stored.
    Link {
        href: String,
        text: Vec<Inline>,
    },
}

impl Inline {
    /// How many levels of formatting and links this inline is: 0 for text.
    pub fn depth(&self) -> usize {
        match self {
            Inline::Text(_) => 0,
            Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Link { text: inner, .. } => {
                1 + inner.iter().map(Inline::depth).max().unwrap_or(0)
            }
        }
    }
}

impl Block {
    /// A paragraph of plain text.
    pub fn paragraph(text: impl Into<String>) -> Block {
        Block::Paragraph(vec![Inline::Text(text.into())])
    }

    /// The block's text without its markup (a figure's: its caption and credit).
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        let lines = |out: &mut String, lines: &[Vec<Inline>], separator: char| {
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    out.push(separator);
                }
                push_plain(out, line);
            }
        };
        match self {
            Block::Paragraph(text) | Block::Heading { text, .. } => push_plain(&mut out, text),
            Block::Quote(items) | Block::List { items, .. } => lines(&mut out, items, '\n'),
            Block::Figure(figure) => {
                push_plain(&mut out, &figure.caption);
                if let Some(credit) = &figure.credit {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(credit);
                }
            }
            Block::Preformatted(text) => out.push_str(text),
            Block::Table { head, rows } => {
                for (i, row) in std::iter::once(head).chain(rows).filter(|r| !r.is_empty()).enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    lines(&mut out, row, '\t');
                }
            }
        }
        out
    }

    /// The lines of text in the block, each a sequence of inlines: what
    /// checks of its text go through.
    pub fn texts(&self) -> Vec<&[Inline]> {
        match self {
            Block::Paragraph(text) | Block::Heading { text, .. } => vec![text],
            Block::Quote(items) | Block::List { items, .. } => items.iter().map(Vec::as_slice).collect(),
            Block::Figure(figure) => vec![&figure.caption],
            Block::Preformatted(_) => Vec::new(),
            Block::Table { head, rows } => head.iter().chain(rows.iter().flatten()).map(Vec::as_slice).collect(),
        }
    }
}

fn push_plain(out: &mut String, inlines: &[Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text(text) => out.push_str(text),
            Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Link { text: inner, .. } => {
                push_plain(out, inner)
            }
        }
    }
}

/// Whether `href` may be stored as a link target: http(s) and mailto only.
pub fn is_safe_href(href: &str) -> bool {
    let lower = href.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme))
}

/// What the loader (`loader/embed.js`) and the widget agree on, besides the
/// [`Embed`] and the widget's `mount` config: `cargo xtask dist` writes these
/// into the loader, so that the two cannot drift apart.
pub mod loader {
    /// Top-level comments on a page: the widget's, the loader's early request,
    /// and the page the server keeps hot.
    pub const FIRST_PAGE_SIZE: u32 = 20;
    /// Requests to the API give up after this long.
    pub const REQUEST_TIMEOUT_MS: u32 = 4_000;
    /// The localStorage keys of the reader's saved theme and text size (the
    /// loader asks for a first view in them).
    pub const THEME_KEY: &str = "encart:theme";
    pub const TEXT_SIZE_KEY: &str = "encart:text-size";
    /// The localStorage key of the order the reader chose for comments.
    pub const SORT_KEY: &str = "encart:sort";
    /// Fired on a widget's host element (bubbling out of the page's way):
    /// the reader's sign-in token expired, and a post waits for a fresh one
    /// (`encart.signIn(token)`).
    pub const AUTH_EXPIRED_EVENT: &str = "encart:auth-expired";
    /// Fired on the host when the reader signs out in a widget: the loader
    /// signs every widget on the page out; the page may end its own session.
    pub const SIGN_OUT_EVENT: &str = "encart:sign-out";
}

pub use loader::FIRST_PAGE_SIZE;

/// The body of every error response: `{"error": {"code": "...", "message": "..."}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Stable, machine-readable code (see [`error_code`]).
    pub code: String,
    /// Human-readable explanation, in English, safe to show.
    pub message: String,
    /// With `invalid`: which fields were refused, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<FieldErrors>,
}

/// The stable values of [`ErrorDetail::code`].
pub mod error_code {
    pub const NOT_FOUND: &str = "not_found";
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
    /// What this server does not do (its configuration, a format).
    pub const NOT_IMPLEMENTED: &str = "not_implemented";
    pub const BAD_REQUEST: &str = "bad_request";
    pub const INVALID: &str = "invalid";
    pub const PAYLOAD_TOO_LARGE: &str = "payload_too_large";
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "unsupported_media_type";
    pub const TOO_MANY_REQUESTS: &str = "too_many_requests";
    pub const UNAUTHORIZED: &str = "unauthorized";
    pub const FORBIDDEN: &str = "forbidden";
    /// An import: the page could not be fetched (network, status).
    pub const FETCH_FAILED: &str = "fetch_failed";
    /// An import: the page took longer than the limit.
    pub const FETCH_TIMEOUT: &str = "fetch_timeout";
    /// An import: the page is larger than the limit.
    pub const FETCH_TOO_LARGE: &str = "fetch_too_large";
    /// An import: the page holds no article.
    pub const NOT_AN_ARTICLE: &str = "not_an_article";
    pub const URI_TOO_LONG: &str = "uri_too_long";
    pub const HEADERS_TOO_LARGE: &str = "headers_too_large";
    pub const REQUEST_TIMEOUT: &str = "request_timeout";
    /// A document (or an imported page) nests deeper than the limit.
    pub const TOO_DEEP: &str = "too_deep";
    /// A document (or an imported page) has more elements than the limit.
    pub const TOO_COMPLEX: &str = "too_complex";
    pub const INTERNAL: &str = "internal";
    /// The site's sign-in token has expired: the page may hand a fresh one.
    pub const TOKEN_EXPIRED: &str = "token_expired";
    /// The sign-in token is not one the site signed for this server
    /// (signature, algorithm, audience, claims, size).
    pub const TOKEN_INVALID: &str = "token_invalid";
    /// The article's site lets only signed-in readers comment.
    pub const SIGN_IN_REQUIRED: &str = "sign_in_required";
    /// A moderator barred this reader from commenting.
    pub const BANNED: &str = "banned";
    /// The comment's edit window ([`crate::EDIT_WINDOW_SECS`]) is over.
    pub const EDIT_WINDOW_CLOSED: &str = "edit_window_closed";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_json_has_the_documented_shape() {
        let article = Article {
            slug: "s".into(),
            title: "T".into(),
            byline: Some("B".into()),
            published: Some(Date::new(2025, 5, 10).unwrap()),
            language: "fr".into(),
            dir: None,
            lead: None,
            body: vec![Block::paragraph("P")],
            source_url: None,
            updated: Some("2025-05-11T08:00:00.000Z".into()),
        };
        let json = serde_json::to_value(&article).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "slug": "s", "title": "T", "byline": "B", "published": "2025-05-10",
                "language": "fr", "lead": null, "body": [{"paragraph": [{"text": "P"}]}], "source_url": null,
                "updated": "2025-05-11T08:00:00.000Z"
            })
        );
        assert_eq!(serde_json::from_value::<Article>(json).unwrap(), article);
    }

    #[test]
    fn plain_text_drops_markup_and_only_web_and_mail_links_are_safe() {
        let block = Block::Paragraph(vec![
            Inline::Text("Lire ".into()),
            Inline::Link {
                href: "https://x.example".into(),
                text: vec![Inline::Emphasis(vec![Inline::Text("ceci".into())])],
            },
        ]);
        assert_eq!(block.plain_text(), "Lire ceci");
        assert!(is_safe_href("https://a.example/b") && is_safe_href("mailto:a@b.example"));
        for bad in ["javascript:alert(1)", " JaVaScRiPt:x", "data:text/html,x", "/relative", "vbscript:x", ""] {
            assert!(!is_safe_href(bad), "{bad}");
        }
    }

    #[test]
    fn empty_comment_page_matches_the_contract() {
        let json = serde_json::to_value(CommentPage::default()).unwrap();
        assert_eq!(json, serde_json::json!({"comments": [], "next": null, "total": 0}));
    }
}

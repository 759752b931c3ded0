//! The encart API contract: the JSON documents exchanged between the widget
//! and the API server, and the rules both sides apply to them.
//!
//! Everything here is plain data with serde derives and pure functions, so it
//! compiles for the browser (wasm32) and the server alike. Keep it small: every
//! byte of it ships inside the widget.

mod date;

pub use date::{Date, DateError};
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
    /// The body as structured blocks, never raw HTML.
    pub body: Vec<Block>,
    /// Where the article was first published, when known.
    pub source_url: Option<String>,
}

/// One block of an article body. Serialized externally tagged, e.g.
/// `{"paragraph": "Text…"}`, so new kinds of block can be added later.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// A paragraph of plain text.
    Paragraph(String),
}

/// A published comment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: String,
    /// The comment this one answers, if any.
    pub parent: Option<String>,
    pub author: String,
    /// The text exactly as typed: plain text, never HTML.
    pub body: String,
    /// Creation time, RFC 3339.
    pub created: String,
    /// Answers to this comment, oldest first.
    #[serde(default)]
    pub replies: Vec<Comment>,
}

/// One page of an article's comments (`GET /api/v1/articles/{slug}/comments`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentPage {
    pub comments: Vec<Comment>,
    /// Opaque cursor of the next page, `None` on the last page.
    pub next: Option<String>,
    /// Number of comments on the article, all pages together.
    pub total: u64,
}

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
}

/// The stable values of [`ErrorDetail::code`].
pub mod error_code {
    pub const NOT_FOUND: &str = "not_found";
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
    pub const BAD_REQUEST: &str = "bad_request";
    pub const INTERNAL: &str = "internal";
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
            body: vec![Block::Paragraph("P".into())],
            source_url: None,
        };
        let json = serde_json::to_value(&article).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "slug": "s", "title": "T", "byline": "B", "published": "2025-05-10",
                "language": "fr", "body": [{"paragraph": "P"}], "source_url": null
            })
        );
        assert_eq!(serde_json::from_value::<Article>(json).unwrap(), article);
    }

    #[test]
    fn empty_comment_page_matches_the_contract() {
        let json = serde_json::to_value(CommentPage::default()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"comments": [], "next": null, "total": 0})
        );
    }
}

//! The encart API contract: the JSON documents exchanged between the widget
//! and the API server, and the rules both sides apply to them.
//!
//! Everything here is plain data with serde derives and pure functions, so it
//! compiles for the browser (wasm32) and the server alike. Keep it small: every
//! byte of it ships inside the widget.

mod comment;
mod date;

pub use comment::{
    AUTHOR_MAX_CHARS, BODY_MAX_CHARS, Comment, CommentPage, FieldError, FieldErrors, MAX_OWN_TOKENS, NewComment,
    PendingComments, PendingQuery, PostedComment, Visibility, check_author, check_body,
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
    pub const BAD_REQUEST: &str = "bad_request";
    pub const INVALID: &str = "invalid";
    pub const PAYLOAD_TOO_LARGE: &str = "payload_too_large";
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "unsupported_media_type";
    pub const TOO_MANY_REQUESTS: &str = "too_many_requests";
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
        assert_eq!(json, serde_json::json!({"comments": [], "next": null, "total": 0}));
    }
}

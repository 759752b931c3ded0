//! Comments on the wire, and the rules a new comment must follow. The server
//! and the widget's form both call [`NewComment::validate`], so they can never
//! disagree on what is accepted or on which message a reader sees.

use serde::{Deserialize, Serialize};

/// Longest author name, in characters, after trimming.
pub const AUTHOR_MAX_CHARS: usize = 80;
/// Longest comment, in characters (not bytes), after trimming.
pub const BODY_MAX_CHARS: usize = 5_000;

/// A published comment, with its answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: String,
    /// The comment this one answers, if any.
    pub parent: Option<String>,
    pub author: String,
    /// The text exactly as typed: plain text, never HTML.
    pub body: String,
    /// Creation time, RFC 3339 (UTC).
    pub created: String,
    /// Answers to this comment, oldest first.
    #[serde(default)]
    pub replies: Vec<Comment>,
    /// Deleted by its author: shown as a placeholder (author and body empty)
    /// only because answers hang from it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deleted: bool,
    /// Posted by a reader their site signed in: `author` is their account's
    /// name, not one typed into the form.
    #[serde(default, skip_serializing_if = "is_false")]
    pub verified: bool,
    /// Posted by a member of the newsroom (a token's `role: staff`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub staff: bool,
    /// How many readers recommend it.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub recommends: u32,
    /// Its author edited it after posting.
    #[serde(default, skip_serializing_if = "is_false")]
    pub edited: bool,
}

/// Deepest reply level: 0 is a top-level comment, so threads show three
/// levels. The server files an answer to a comment this deep under that
/// comment's parent; the widget refuses a page nested deeper.
pub const MAX_REPLY_DEPTH: usize = 2;

/// How long after posting an author may edit their comment.
pub const EDIT_WINDOW_SECS: u64 = 15 * 60;

/// The last moment (ms since the epoch) its author may edit a comment
/// posted at `posted_ms`: the server's rule and the widget's "Edit" button.
pub fn edit_window_end(posted_ms: i64) -> i64 {
    posted_ms.saturating_add(i64::try_from(EDIT_WINDOW_SECS * 1000).unwrap_or(i64::MAX))
}

/// `PATCH …/comments/{id}` with the edit token (or the reader's sign-in
/// token): the comment's new text, under the rules of a new one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentEdit {
    pub body: String,
}

/// What became of an edit: the comment as readers now see it (on a
/// pre-moderated site, still its published text while the new one awaits a
/// moderator: `visibility` says `awaiting_moderation`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditedComment {
    pub comment: Comment,
    pub visibility: Visibility,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// `POST …/comments/{id}/recommendation`: the reader recommends the comment
/// (`recommended: true`) or no longer does. A signed-in reader is known by
/// their token; an anonymous one sends their browser's token (see
/// [`is_browser_token`]), and is also counted once per address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewRecommendation {
    pub recommended: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub browser: Option<String>,
}

/// Where a comment's recommendation stands after a reader's
/// [`NewRecommendation`]: whether they recommend it, and how many do.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    pub recommended: bool,
    pub recommends: u32,
}

/// A browser's token for recommendations: 32 lowercase hexadecimal digits
/// (128 random bits), made once and kept by the widget.
pub fn is_browser_token(token: &str) -> bool {
    token.len() == 32 && token.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The order of an article's top-level comments (`?sort=`); replies are
/// always oldest first under their parent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    /// Most recommended first, the newest first among equals.
    Recommended,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Newest, Sort::Oldest, Sort::Recommended];

    /// Its name on the wire, in `?sort=`, `data-sort` and the sites file.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::Recommended => "recommended",
        }
    }

    pub fn parse(name: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|sort| sort.as_str() == name)
    }

    fn is_default(&self) -> bool {
        *self == Sort::Newest
    }
}

/// One page of an article's comments (`GET /api/v1/articles/{slug}/comments`):
/// top-level comments in the page's order, each with its replies.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentPage {
    pub comments: Vec<Comment>,
    /// The order of `comments`, asked for or the site's default.
    #[serde(default, skip_serializing_if = "Sort::is_default")]
    pub sort: Sort,
    /// Opaque cursor of the next page (`?after=`), `None` on the last page.
    pub next: Option<String>,
    /// Number of published comments on the article, replies included.
    pub total: u64,
    /// How the article's site lets readers comment; left out when anyone may
    /// and there is nowhere to sign in. The same for every reader.
    #[serde(default, skip_serializing_if = "Commenting::is_default")]
    pub commenting: Commenting,
    /// The newsroom's picks (first page only): up to [`MAX_PICKS`] published
    /// comments a moderator features above the thread, without their replies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub picks: Vec<Comment>,
    /// First page only: the number of the article's latest publication when
    /// the page was read, where its event stream starts (`…/events?after=`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub live: Option<u64>,
}

/// An event of an article's stream (`GET /api/v1/articles/{slug}/events`,
/// `event: comment`, its `id` the publication's number): a comment just
/// published, and how many are now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    pub comment: Comment,
    pub total: u64,
}

/// Most comments a newsroom features on one article.
pub const MAX_PICKS: usize = 3;

/// How readers may comment on an article's site (its entry in the server's
/// sites file): a setting of the site, never one reader's state, so it may
/// sit in shared caches with the comments.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Commenting {
    /// Only readers the site signed in may comment (`anonymous = false`).
    #[serde(skip_serializing_if = "is_false")]
    pub sign_in_required: bool,
    /// Where the site's readers sign in (`login_url`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sign_in_url: Option<String>,
    /// Readers may ask to be told of answers by e-mail (the server sends e-mail).
    #[serde(skip_serializing_if = "is_false")]
    pub notifications: bool,
}

impl Commenting {
    pub fn is_default(&self) -> bool {
        *self == Commenting::default()
    }
}

/// What a reader sends (`POST /api/v1/articles/{slug}/comments`). Missing
/// fields read as empty, so they get field errors rather than a parse error.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewComment {
    pub author: String,
    pub body: String,
    /// Id of the comment answered.
    pub parent: Option<String>,
    /// The honeypot: a field hidden from people. Bots fill it.
    pub website: String,
    /// Tell the author of answers to it by e-mail ([`Commenting::notifications`]).
    #[serde(skip_serializing_if = "is_false")]
    pub notify: bool,
    /// An anonymous author's address for `notify` (a signed-in one's comes from their site).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub email: String,
    /// The partner page it is posted from: the e-mails about answers link there.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub page: String,
}

/// Why a reader reports a published comment to the moderators
/// (`POST /api/v1/articles/{slug}/comments/{id}/report`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportReason {
    Spam,
    Abuse,
    OffTopic,
    Other,
}

impl ReportReason {
    /// As stored and sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportReason::Spam => "spam",
            ReportReason::Abuse => "abuse",
            ReportReason::OffTopic => "off_topic",
            ReportReason::Other => "other",
        }
    }
}

/// A reader's report: the body of `POST …/comments/{id}/report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewReport {
    pub reason: ReportReason,
}

/// Whether a stored comment is shown to everyone yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Listed for every reader.
    Published,
    /// Waiting for a moderator; only its author sees it.
    AwaitingModeration,
    /// Kept from readers by a moderator (rejected, or spam).
    Withheld,
}

/// The answer to a successful POST.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostedComment {
    pub comment: Comment,
    pub visibility: Visibility,
    /// Secret that lets the author edit or delete the comment; shown once.
    pub edit_token: String,
}

/// Most tokens one request may ask about.
pub const MAX_OWN_TOKENS: usize = 50;

/// The reader's own comments still awaiting moderation, asked for with the
/// edit tokens the widget kept (`POST /api/v1/articles/{slug}/comments/pending`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingQuery {
    pub tokens: Vec<String>,
}

/// The answer: those of the comments that are still pending, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingComments {
    pub comments: Vec<Comment>,
}

/// The reader a site signed in, as encart stores them (from their latest token).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reader {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub staff: bool,
}

/// A signed-in reader's comments on their site, with what is stored about
/// them (`GET /api/v1/me/comments`, with the site's token; `?article=` for
/// one article's): the right of access, in one request. Never cached by
/// anyone but the reader.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderComments {
    pub reader: Reader,
    /// Newest first, whatever their state (deleted ones are gone).
    pub comments: Vec<ReaderComment>,
    /// The ids of the comments they recommend (of the article asked, if one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommended: Vec<String>,
}

/// One of a reader's own comments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderComment {
    /// The article's slug.
    pub article: String,
    pub comment: Comment,
    pub visibility: Visibility,
}

/// What `DELETE /api/v1/me/comments` erased: the reader's comments (those
/// answered stay as placeholders) and what was stored about them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Erased {
    pub comments: u64,
}

/// Why a field was refused: a stable code, worded by the widget.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldError {
    Required,
    TooLong,
    ControlCharacters,
    /// Not of the field's form (an e-mail address).
    Invalid,
}

impl FieldError {
    pub const ALL: [FieldError; 4] =
        [FieldError::Required, FieldError::TooLong, FieldError::ControlCharacters, FieldError::Invalid];

    /// As it travels: `required`, `too_long`, `control_characters`.
    pub fn code(self) -> &'static str {
        match self {
            FieldError::Required => "required",
            FieldError::TooLong => "too_long",
            FieldError::ControlCharacters => "control_characters",
            FieldError::Invalid => "invalid",
        }
    }

    /// The error a [`FieldError::code`] names.
    pub fn parse(code: &str) -> Option<FieldError> {
        FieldError::ALL.into_iter().find(|error| error.code() == code)
    }
}

/// The refused fields of a [`NewComment`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<FieldError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<FieldError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<FieldError>,
}

impl FieldErrors {
    pub fn is_empty(&self) -> bool {
        self.author.is_none() && self.body.is_none() && self.email.is_none()
    }
}

/// Longest e-mail address, in bytes (RFC 5321's path limit).
pub const EMAIL_MAX_BYTES: usize = 254;

/// An address to be told of answers: `local@domain.tld`, without spaces or
/// controls, at most [`EMAIL_MAX_BYTES`]. The server checks it again as a
/// mailbox.
pub fn check_email(email: &str) -> Result<(), FieldError> {
    let email = email.trim();
    if email.is_empty() {
        return Err(FieldError::Required);
    }
    if email.len() > EMAIL_MAX_BYTES {
        return Err(FieldError::TooLong);
    }
    if email.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return Err(FieldError::ControlCharacters);
    }
    let valid = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !email.chars().any(char::is_whitespace)
    });
    if valid { Ok(()) } else { Err(FieldError::Invalid) }
}

/// An author name: 1 to [`AUTHOR_MAX_CHARS`] characters once trimmed, no
/// control character (line breaks included), and none of the invisible
/// controls of text direction, which could make a name read as another
/// ("moc.elpmaxe" shown as "example.com").
pub fn check_author(author: &str) -> Result<(), FieldError> {
    if author.chars().any(is_bidi_control) {
        return Err(FieldError::ControlCharacters);
    }
    check_text(author, AUTHOR_MAX_CHARS, |_| false)
}

/// The characters that change the direction of the text around them:
/// marks, embeddings, overrides and isolates.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A comment: 1 to [`BODY_MAX_CHARS`] characters once trimmed; line breaks and
/// tabs are kept, other control characters refused.
pub fn check_body(body: &str) -> Result<(), FieldError> {
    check_text(body, BODY_MAX_CHARS, |c| matches!(c, '\n' | '\r' | '\t'))
}

fn check_text(text: &str, max_chars: usize, allowed_control: fn(char) -> bool) -> Result<(), FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::Required);
    }
    if text.chars().any(|c| c.is_control() && !allowed_control(c)) {
        return Err(FieldError::ControlCharacters);
    }
    // Bytes bound chars from above: count only when it can matter.
    if text.len() > max_chars && text.chars().nth(max_chars).is_some() {
        return Err(FieldError::TooLong);
    }
    Ok(())
}

/// `text` with every line break as `\n` (`\r\n` and a lone `\r` too): as
/// comments are stored, so that a text reads the same in the server's HTML
/// (where a parser turns `\r` into `\n`) as in the widget.
pub fn normalize_line_breaks(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n").into() } else { text.into() }
}

impl NewComment {
    /// The author and body rules, all fields at once.
    /// The rules of an anonymous reader's comment (a signed-in reader's name
    /// and address are their site's): name, text, and an address if they ask for answers.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let errors = FieldErrors {
            author: check_author(&self.author).err(),
            body: check_body(&self.body).err(),
            email: if self.notify { check_email(&self.email).err() } else { None },
        };
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(author: &str, body: &str) -> NewComment {
        NewComment { author: author.into(), body: body.into(), ..Default::default() }
    }

    #[test]
    fn a_plain_comment_is_valid() {
        assert_eq!(new("Léa", "Très juste.\n\nMerci.").validate(), Ok(()));
    }

    #[test]
    fn an_address_is_needed_only_to_be_told_of_answers() {
        let mut comment = new("Léa", "Merci.");
        comment.email = "pas une adresse".into();
        assert_eq!(comment.validate(), Ok(()), "not asked for");
        comment.notify = true;
        assert_eq!(comment.validate().unwrap_err().email, Some(FieldError::Invalid));
        for (email, error) in [
            ("", Some(FieldError::Required)),
            ("lea@example", Some(FieldError::Invalid)),
            ("lea@@example.org", Some(FieldError::Invalid)),
            ("lé a@example.org", Some(FieldError::Invalid)),
            ("lea@exa\u{202e}mple.org", Some(FieldError::ControlCharacters)),
            (&format!("{}@example.org", "a".repeat(250)), Some(FieldError::TooLong)),
            (" lea@example.org ", None),
        ] {
            comment.email = email.to_owned();
            assert_eq!(comment.validate().err().and_then(|e| e.email), error, "{email:?}");
        }
    }

    #[test]
    fn blank_fields_are_required() {
        let errors = new("   ", "\n\t ").validate().unwrap_err();
        assert_eq!(
            errors,
            FieldErrors { author: Some(FieldError::Required), body: Some(FieldError::Required), email: None }
        );
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert_eq!(check_author(&"é".repeat(AUTHOR_MAX_CHARS)), Ok(()));
        assert_eq!(check_author(&"é".repeat(AUTHOR_MAX_CHARS + 1)), Err(FieldError::TooLong));
        assert_eq!(check_body(&"🦀".repeat(BODY_MAX_CHARS)), Ok(()));
        assert_eq!(check_body(&"🦀".repeat(BODY_MAX_CHARS + 1)), Err(FieldError::TooLong));
        assert_eq!(check_body(&format!("  {}  ", "a".repeat(BODY_MAX_CHARS))), Ok(()), "trimmed first");
    }

    #[test]
    fn control_characters_are_refused_but_line_breaks_kept_in_bodies() {
        assert_eq!(check_author("Jean\nDupont"), Err(FieldError::ControlCharacters));
        assert_eq!(check_body("bip\u{7}"), Err(FieldError::ControlCharacters));
        assert_eq!(check_body("nul\u{0}"), Err(FieldError::ControlCharacters));
        assert_eq!(check_body("ligne\r\nligne\ttab"), Ok(()));
    }

    #[test]
    fn direction_controls_are_refused_in_names_and_kept_in_bodies() {
        for spoof in ["\u{202E}moc.elpmaxe", "Léa\u{2066}x\u{2069}", "a\u{200F}b", "\u{061C}x"] {
            assert_eq!(check_author(spoof), Err(FieldError::ControlCharacters), "{spoof:?}");
            assert_eq!(check_body(spoof), Ok(()), "{spoof:?}");
        }
        assert_eq!(check_author("نور الهدى"), Ok(()), "right-to-left names themselves are welcome");
    }

    #[test]
    fn line_breaks_are_all_stored_as_line_feeds() {
        assert_eq!(normalize_line_breaks("A\r\nB\rC\nD"), "A\nB\nC\nD");
        assert!(matches!(normalize_line_breaks("A\nB"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn field_errors_travel_as_stable_codes() {
        let errors = FieldErrors { author: None, body: Some(FieldError::TooLong), email: None };
        assert_eq!(serde_json::to_string(&errors).unwrap(), r#"{"body":"too_long"}"#);
        for error in [FieldError::Required, FieldError::TooLong, FieldError::ControlCharacters] {
            assert_eq!(serde_json::to_value(error).unwrap(), error.code(), "code() is the wire's");
        }
    }
}

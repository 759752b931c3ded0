//! The wire types to and from the values of the browser's `JSON.parse` and
//! `JSON.stringify`, written by hand over `js_sys::Reflect`: serde's derives
//! through serde-wasm-bindgen put a generic decoder for every type and field
//! into the wasm, which this code made 17.8 KB smaller brotli'd (README,
//! "Performance").
//!
//! They read as serde reads the server's JSON: fields by name, unknown ones
//! ignored, a missing `Option` as `None`, a missing field with a default
//! (`#[serde(default)]` on the server's side) as that default, whole numbers
//! in their type's range. Anything else is `None`: the caller's `Malformed`.
//! Only an object's own properties count, so that a page that adds to
//! `Object.prototype` changes nothing; a block's text may nest at most
//! [`MAX_INLINE_DEPTH`] deep and answers [`MAX_REPLY_DEPTH`] deep, as the
//! server stores them, so that no answer can exhaust the stack.

use encart_api_types::{
    Article, Block, ClientWords, Comment, CommentEdit, CommentPage, Commenting, Date, EditedComment, EmbedState,
    ErrorBody, ErrorDetail, FieldError, FieldErrors, Figure, Inline, MAX_INLINE_DEPTH, MAX_REPLY_DEPTH, NewComment,
    NewRecommendation, NewReport, PendingComments, PendingQuery, PostedComment, Published, Reader, ReaderComment,
    ReaderComments, Recommendation, Sort, ViewOptions, Visibility, Words,
};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// A value decoded from what `JSON.parse` gave.
pub trait FromJs: Sized {
    fn from_js(value: &JsValue) -> Option<Self>;
}

/// Parses `text` with the browser's parser, then decodes it.
pub fn parse<T: FromJs>(text: &str) -> Option<T> {
    T::from_js(&js_sys::JSON::parse(text).ok()?)
}

/// `object`'s own property `name` (`undefined` when it has none).
fn own(object: &JsValue, name: &str) -> JsValue {
    let key = JsValue::from_str(name);
    if object.is_object() && Object::has_own(object.unchecked_ref::<Object>(), &key) {
        Reflect::get(object, &key).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// Field `name` of `object`, which it must have (or `None`, for an `Option`).
pub fn field<T: FromJs>(object: &JsValue, name: &str) -> Option<T> {
    T::from_js(&own(object, name))
}

/// Field `name` of `object`, or `T`'s default when it is missing or null.
fn or_default<T: FromJs + Default>(object: &JsValue, name: &str) -> Option<T> {
    or_default_by(object, name, T::from_js)
}

/// The same, the field decoded by `decode`.
fn or_default_by<T: Default>(object: &JsValue, name: &str, decode: impl FnOnce(&JsValue) -> Option<T>) -> Option<T> {
    let value = own(object, name);
    if value.is_undefined() || value.is_null() { Some(T::default()) } else { decode(&value) }
}

/// `value` if it is an object (not an array), for its fields.
fn object(value: &JsValue) -> Option<&JsValue> {
    (value.is_object() && !Array::is_array(value)).then_some(value)
}

impl FromJs for String {
    fn from_js(value: &JsValue) -> Option<Self> {
        value.as_string()
    }
}

impl FromJs for bool {
    fn from_js(value: &JsValue) -> Option<Self> {
        value.as_bool()
    }
}

/// A whole number within `min..=max`, as JSON gives numbers (doubles).
fn whole(value: &JsValue, min: f64, max: f64) -> Option<f64> {
    value.as_f64().filter(|n| n.fract() == 0.0 && (min..=max).contains(n))
}

// Within 2^53: beyond that, a double is no longer a whole number's exact value.
const SAFE: f64 = 9_007_199_254_740_991.0;

impl FromJs for u8 {
    fn from_js(value: &JsValue) -> Option<Self> {
        whole(value, 0.0, 255.0).map(|n| n as u8)
    }
}

impl FromJs for u32 {
    fn from_js(value: &JsValue) -> Option<Self> {
        whole(value, 0.0, u32::MAX as f64).map(|n| n as u32)
    }
}

impl FromJs for u64 {
    fn from_js(value: &JsValue) -> Option<Self> {
        whole(value, 0.0, SAFE).map(|n| n as u64)
    }
}

impl FromJs for i64 {
    fn from_js(value: &JsValue) -> Option<Self> {
        whole(value, -SAFE, SAFE).map(|n| n as i64)
    }
}

impl<T: FromJs> FromJs for Option<T> {
    fn from_js(value: &JsValue) -> Option<Self> {
        if value.is_undefined() || value.is_null() { Some(None) } else { T::from_js(value).map(Some) }
    }
}

impl<T: FromJs> FromJs for Vec<T> {
    fn from_js(value: &JsValue) -> Option<Self> {
        array(value, T::from_js)
    }
}

/// Each item of the array `value`, decoded by `item`.
fn array<T>(value: &JsValue, item: impl Fn(&JsValue) -> Option<T>) -> Option<Vec<T>> {
    let array = value.dyn_ref::<Array>()?;
    // A plain loop: the iterator's collect into `Option<Vec<_>>` was several
    // times this code in the wasm, once per type.
    let mut items = Vec::new();
    for i in 0..array.length() {
        items.push(item(&array.get(i))?);
    }
    Some(items)
}

impl FromJs for (String, String) {
    fn from_js(value: &JsValue) -> Option<Self> {
        let array = value.dyn_ref::<Array>().filter(|a| a.length() == 2)?;
        Some((array.get(0).as_string()?, array.get(1).as_string()?))
    }
}

impl FromJs for Date {
    fn from_js(value: &JsValue) -> Option<Self> {
        value.as_string()?.parse().ok()
    }
}

impl FromJs for Sort {
    fn from_js(value: &JsValue) -> Option<Self> {
        Sort::parse(&value.as_string()?)
    }
}

impl FromJs for Visibility {
    fn from_js(value: &JsValue) -> Option<Self> {
        match value.as_string()?.as_str() {
            "published" => Some(Visibility::Published),
            "awaiting_moderation" => Some(Visibility::AwaitingModeration),
            "withheld" => Some(Visibility::Withheld),
            _ => None,
        }
    }
}

impl FromJs for FieldError {
    fn from_js(value: &JsValue) -> Option<Self> {
        FieldError::parse(&value.as_string()?)
    }
}

impl FromJs for Comment {
    fn from_js(value: &JsValue) -> Option<Self> {
        comment(value, MAX_REPLY_DEPTH)
    }
}

/// A comment whose answers nest at most `room` levels below it.
fn comment(value: &JsValue, room: usize) -> Option<Comment> {
    let v = object(value)?;
    Some(Comment {
        id: field(v, "id")?,
        parent: field(v, "parent")?,
        author: field(v, "author")?,
        body: field(v, "body")?,
        created: field(v, "created")?,
        replies: or_default_by(v, "replies", |replies| array(replies, |reply| comment(reply, room.checked_sub(1)?)))?,
        deleted: or_default(v, "deleted")?,
        verified: or_default(v, "verified")?,
        staff: or_default(v, "staff")?,
        recommends: or_default(v, "recommends")?,
        edited: or_default(v, "edited")?,
    })
}

impl FromJs for Commenting {
    fn from_js(value: &JsValue) -> Option<Self> {
        let v = object(value)?;
        Some(Commenting {
            sign_in_required: or_default(v, "sign_in_required")?,
            sign_in_url: field(v, "sign_in_url")?,
            notifications: or_default(v, "notifications")?,
        })
    }
}

impl FromJs for CommentPage {
    fn from_js(value: &JsValue) -> Option<Self> {
        let v = object(value)?;
        Some(CommentPage {
            comments: field(v, "comments")?,
            sort: or_default(v, "sort")?,
            next: field(v, "next")?,
            total: field(v, "total")?,
            commenting: or_default(v, "commenting")?,
            picks: or_default(v, "picks")?,
            live: field(v, "live")?,
        })
    }
}

impl FromJs for Published {
    fn from_js(value: &JsValue) -> Option<Self> {
        let v = object(value)?;
        Some(Published { comment: field(v, "comment")?, total: field(v, "total")? })
    }
}

impl FromJs for PostedComment {
    fn from_js(value: &JsValue) -> Option<Self> {
        let v = object(value)?;
        Some(PostedComment {
            comment: field(v, "comment")?,
            visibility: field(v, "visibility")?,
            edit_token: field(v, "edit_token")?,
        })
    }
}

impl FromJs for EditedComment {
    fn from_js(value: &JsValue) -> Option<Self> {
        let v = object(value)?;
        Some(EditedComment { comment: field(v, "comment")?, visibility: field(v, "visibility")? })
    }
}

impl FromJs for PendingComments {
    fn from_js(value: &JsValue) -> Option<Self> {
        Some(PendingComments { comments: field(object(value)?, "comments")? })
    }
}

impl FromJs for Recommendation {
    fn from_js(value: &JsValue) -> Option<Self> {
        let v = object(value)?;
        Some(Recommendation { recommended: field(v, "recommended")?, recommends: field(v, "recommends")? })
    }
}

impl FromJs for Reader {
    fn from_js(value: &JsValue) -> Option<Self> {
        let v = object(value)?;
        Some(Reader { name: field(v, "name")?, email: field(v, "email")?, staff: or_default(v, "staff")? })
    }
}

impl FromJs for ReaderComment {
    fn from_js(value: &JsValue) -> Option<Self> {
        let v = object(value)?;
        Some(ReaderComment {
            article: field(v, "article")?,
            comment: field(v, "comment")?,
            visibility: field(v, "visibility")?,
        })
    }
}

impl FromJs for ReaderComments {
    fn from_js(value: &JsValue) -> Option<Self> {
        let v = object(value)?;
        Some(ReaderComments {
            reader: field(v, "reader")?,
            comments: field(v, "comments")?,
            recommended: or_default(v, "recommended")?,
        })
    }
}

impl FromJs for FieldErrors {
    fn from_js(value: &JsValue) -> Option<Self> {
        let v = object(value)?;
        Some(FieldErrors { author: field(v, "author")?, body: field(v, "body")?, email: field(v, "email")? })
    }
}

impl FromJs for ErrorBody {
    fn from_js(value: &JsValue) -> Option<Self> {
        let error = own(object(value)?, "error");
        let v = object(&error)?;
        Some(ErrorBody {
            error: ErrorDetail { code: field(v, "code")?, message: field(v, "message")?, fields: field(v, "fields")? },
        })
    }
}

/// A value kept as it is (a promise, a value decoded later).
impl FromJs for JsValue {
    fn from_js(value: &JsValue) -> Option<Self> {
        Some(value.clone())
    }
}

impl FromJs for Article {
    fn from_js(value: &JsValue) -> Option<Self> {
        let v = object(value)?;
        Some(Article {
            slug: field(v, "slug")?,
            title: field(v, "title")?,
            byline: field(v, "byline")?,
            published: field(v, "published")?,
            language: field(v, "language")?,
            dir: field(v, "dir")?,
            lead: field(v, "lead")?,
            body: field(v, "body")?,
            source_url: field(v, "source_url")?,
            updated: field(v, "updated")?,
        })
    }
}

/// The only property of an externally tagged enum's value (`{"paragraph": …}`),
/// with its name.
fn tagged(value: &JsValue) -> Option<(String, JsValue)> {
    let v = object(value)?;
    let keys = Object::keys(v.unchecked_ref::<Object>());
    let tag = keys.get(0).as_string().filter(|_| keys.length() == 1)?;
    let inner = own(v, &tag);
    Some((tag, inner))
}

/// A line of text: inlines nested at most `room` more levels deep.
fn inlines(value: &JsValue, room: usize) -> Option<Vec<Inline>> {
    array(value, |item| inline(item, room))
}

fn inline(value: &JsValue, room: usize) -> Option<Inline> {
    let (tag, inner) = tagged(value)?;
    if tag == "text" {
        return inner.as_string().map(Inline::Text);
    }
    let room = room.checked_sub(1)?;
    Some(match tag.as_str() {
        "emphasis" => Inline::Emphasis(inlines(&inner, room)?),
        "strong" => Inline::Strong(inlines(&inner, room)?),
        "link" => {
            let v = object(&inner)?;
            Inline::Link { href: field(v, "href")?, text: inlines(&own(v, "text"), room)? }
        }
        _ => return None,
    })
}

/// A line of text of a block.
fn line(value: &JsValue) -> Option<Vec<Inline>> {
    inlines(value, MAX_INLINE_DEPTH)
}

fn lines(value: &JsValue) -> Option<Vec<Vec<Inline>>> {
    array(value, line)
}

impl FromJs for Block {
    fn from_js(value: &JsValue) -> Option<Self> {
        let (tag, inner) = tagged(value)?;
        Some(match tag.as_str() {
            "paragraph" => Block::Paragraph(line(&inner)?),
            "heading" => {
                let v = object(&inner)?;
                Block::Heading { level: field(v, "level")?, text: line(&own(v, "text"))? }
            }
            "quote" => Block::Quote(lines(&inner)?),
            "list" => {
                let v = object(&inner)?;
                Block::List { ordered: field(v, "ordered")?, items: lines(&own(v, "items"))? }
            }
            "figure" => Block::Figure(Figure::from_js(&inner)?),
            "preformatted" => Block::Preformatted(inner.as_string()?),
            "table" => {
                let v = object(&inner)?;
                let head = own(v, "head");
                Block::Table {
                    head: if head.is_undefined() { Vec::new() } else { lines(&head)? },
                    rows: array(&own(v, "rows"), lines)?,
                }
            }
            _ => return None,
        })
    }
}

impl FromJs for Figure {
    fn from_js(value: &JsValue) -> Option<Self> {
        let v = object(value)?;
        let caption = own(v, "caption");
        Some(Figure {
            src: field(v, "src")?,
            srcset: field(v, "srcset")?,
            width: field(v, "width")?,
            height: field(v, "height")?,
            alt: or_default(v, "alt")?,
            caption: if caption.is_undefined() { Vec::new() } else { line(&caption)? },
            credit: field(v, "credit")?,
        })
    }
}

impl FromJs for ViewOptions {
    fn from_js(value: &JsValue) -> Option<Self> {
        let v = object(value)?;
        Some(ViewOptions {
            lang: field(v, "lang")?,
            ui: field(v, "ui")?,
            browser: field(v, "browser")?,
            heading: field(v, "heading")?,
            theme: field(v, "theme")?,
            size: field(v, "size")?,
            sort: field(v, "sort")?,
        })
    }
}

impl FromJs for EmbedState {
    fn from_js(value: &JsValue) -> Option<Self> {
        let v = object(value)?;
        Some(EmbedState {
            article: field(v, "article")?,
            comments: field(v, "comments")?,
            now: field(v, "now")?,
            options: field(v, "options")?,
            lang: field(v, "lang")?,
            version: or_default(v, "version")?,
        })
    }
}

impl FromJs for Words {
    fn from_js(value: &JsValue) -> Option<Self> {
        let v = object(value)?;
        Some(Words {
            lang: field(v, "lang")?,
            shape: field(v, "shape")?,
            digits: field(v, "digits")?,
            group: field(v, "group")?,
            min_grouping: field(v, "min_grouping")?,
            plural: field(v, "plural")?,
            texts: field(v, "texts")?,
        })
    }
}

impl FromJs for ClientWords {
    fn from_js(value: &JsValue) -> Option<Self> {
        let v = object(value)?;
        Some(ClientWords { words: field(v, "words")?, fallback: field(v, "fallback")? })
    }
}

/// A request's body, as the server reads it, for `JSON.stringify`.
pub trait ToJs {
    fn to_js(&self) -> JsValue;
}

/// A plain object of `fields` (`None` goes as `null`).
fn object_of(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (name, value) in fields {
        let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

fn text(text: &str) -> JsValue {
    JsValue::from_str(text)
}

fn maybe(text: Option<&str>) -> JsValue {
    text.map_or(JsValue::NULL, JsValue::from_str)
}

// Each destructured, so that a field added to a wire type cannot be left out.
impl ToJs for NewComment {
    fn to_js(&self) -> JsValue {
        let NewComment { author, body, parent, website, notify, email, page } = self;
        object_of(&[
            ("author", text(author)),
            ("body", text(body)),
            ("parent", maybe(parent.as_deref())),
            ("website", text(website)),
            ("notify", JsValue::from_bool(*notify)),
            ("email", text(email)),
            ("page", text(page)),
        ])
    }
}

impl ToJs for CommentEdit {
    fn to_js(&self) -> JsValue {
        let CommentEdit { body } = self;
        object_of(&[("body", text(body))])
    }
}

impl ToJs for NewRecommendation {
    fn to_js(&self) -> JsValue {
        let NewRecommendation { recommended, browser } = self;
        object_of(&[("recommended", JsValue::from_bool(*recommended)), ("browser", maybe(browser.as_deref()))])
    }
}

impl ToJs for NewReport {
    fn to_js(&self) -> JsValue {
        let NewReport { reason } = self;
        object_of(&[("reason", text(reason.as_str()))])
    }
}

impl ToJs for PendingQuery {
    fn to_js(&self) -> JsValue {
        let PendingQuery { tokens } = self;
        object_of(&[("tokens", strings(tokens.iter().map(String::as_str)))])
    }
}

/// `value` as JSON text, for a request's body or local storage.
pub fn stringify(value: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(value).ok().map(String::from)
}

/// An array of strings, for `JSON.stringify`.
pub fn strings<'a>(items: impl IntoIterator<Item = &'a str>) -> JsValue {
    items.into_iter().map(JsValue::from_str).collect::<Array>().into()
}

/// An array of pairs of strings, for `JSON.stringify`.
pub fn pairs(items: &[(String, String)]) -> JsValue {
    items.iter().map(|(a, b)| JsValue::from(Array::of2(&text(a), &text(b)))).collect::<Array>().into()
}

//! What the widget remembers for the reader, in localStorage (no cookies).
//! Storage may be unavailable (privacy settings, sandboxed frames): then the
//! widget simply remembers nothing.

use encart_api_types::Sort;
use encart_api_types::loader::{SORT_KEY, TEXT_SIZE_KEY as SIZE_KEY, THEME_KEY};

use crate::json;
use crate::reader::{Prefs, TextSize, Theme};

const AUTHOR_KEY: &str = "encart:author";
/// This browser's token for recommendations (`api_types::is_browser_token`).
const BROWSER_KEY: &str = "encart:browser";

fn get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// The reader's saved size and theme; what they never chose is `None`.
pub fn saved_prefs() -> (Option<TextSize>, Option<Theme>) {
    (get(SIZE_KEY).as_deref().and_then(TextSize::parse), get(THEME_KEY).as_deref().and_then(Theme::parse))
}

pub fn save_prefs(prefs: Prefs) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(SIZE_KEY, prefs.size.as_str());
        let _ = storage.set_item(THEME_KEY, prefs.theme.as_str());
    }
}

/// The order the reader chose for comments (`embed.js` asks for it).
pub fn remember_sort(sort: Sort) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(SORT_KEY, sort.as_str());
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The name the reader last commented under, or "".
pub fn remembered_author() -> String {
    get(AUTHOR_KEY).unwrap_or_default()
}

pub fn remember_author(name: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(AUTHOR_KEY, name);
    }
}

/// This browser's token for recommending comments anonymously, made with
/// `new` the first time; `None` where storage is unavailable (a token that
/// would change at every page could recommend again).
pub fn browser_token(new: impl FnOnce() -> String) -> Option<String> {
    let storage = local_storage()?;
    if let Some(token) = storage.get_item(BROWSER_KEY).ok().flatten().filter(|t| encart_api_types::is_browser_token(t))
    {
        return Some(token);
    }
    let token = new();
    storage.set_item(BROWSER_KEY, &token).ok()?;
    Some(token)
}

fn recommended_key(slug: &str) -> String {
    format!("encart:recommended:{slug}")
}

/// Most recommendations remembered per article; the oldest go first.
const MAX_RECOMMENDED: usize = 500;

/// The comments of `slug` this browser recommends (anonymously).
pub fn recommended(slug: &str) -> Vec<String> {
    let Some(text) = get(&recommended_key(slug)) else { return Vec::new() };
    json::parse(&text).unwrap_or_default()
}

pub fn remember_recommended(slug: &str, ids: &[String]) {
    let ids = &ids[ids.len().saturating_sub(MAX_RECOMMENDED)..];
    let (Some(storage), Some(json)) =
        (local_storage(), json::stringify(&json::strings(ids.iter().map(String::as_str))))
    else {
        return;
    };
    let _ = storage.set_item(&recommended_key(slug), &json);
}

/// The reader's own comments on `slug`, as (id, edit token) pairs: the
/// tokens let them delete their comments, and see those awaiting moderation.
fn own_key(slug: &str) -> String {
    format!("encart:own:{slug}")
}

/// Most comments remembered per article; the oldest go first.
const MAX_OWN: usize = 50;

pub fn own_comments(slug: &str) -> Vec<(String, String)> {
    let Some(text) = get(&own_key(slug)) else { return Vec::new() };
    json::parse(&text).unwrap_or_default()
}

pub fn remember_own(slug: &str, id: &str, token: &str) {
    let mut own = own_comments(slug);
    own.retain(|(known, _)| known != id);
    own.push((id.to_owned(), token.to_owned()));
    let excess = own.len().saturating_sub(MAX_OWN);
    own.drain(..excess);
    store_own(slug, &own);
}

pub fn forget_own(slug: &str, id: &str) {
    let mut own = own_comments(slug);
    own.retain(|(known, _)| known != id);
    store_own(slug, &own);
}

fn store_own(slug: &str, own: &[(String, String)]) {
    let (Some(storage), Some(json)) = (local_storage(), json::stringify(&json::pairs(own))) else { return };
    let _ = storage.set_item(&own_key(slug), &json);
}

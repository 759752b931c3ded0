//! What the widget remembers for the reader, in localStorage (no cookies).
//! Storage may be unavailable (privacy settings, sandboxed frames): then the
//! widget simply remembers nothing.

use crate::reader::{Prefs, TextSize, Theme};

const AUTHOR_KEY: &str = "encart:author";
const SIZE_KEY: &str = "encart:text-size";
const THEME_KEY: &str = "encart:theme";

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

/// Edit tokens of the reader's comments awaiting moderation on `slug`, so the
/// widget can show them to their author (and only to them) after a reload.
fn pending_key(slug: &str) -> String {
    format!("encart:pending:{slug}")
}

/// Most tokens kept per article; the oldest go first.
const MAX_PENDING: usize = 20;

pub fn pending_tokens(slug: &str) -> Vec<String> {
    let Some(text) = get(&pending_key(slug)) else { return Vec::new() };
    let Ok(parsed) = js_sys::JSON::parse(&text) else { return Vec::new() };
    serde_wasm_bindgen::from_value(parsed).unwrap_or_default()
}

pub fn remember_pending(slug: &str, token: &str) {
    let mut tokens = pending_tokens(slug);
    tokens.push(token.to_owned());
    let excess = tokens.len().saturating_sub(MAX_PENDING);
    tokens.drain(..excess);
    store_pending(slug, &tokens);
}

/// Forgets every token once none of their comments is pending any more.
pub fn forget_pending(slug: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(&pending_key(slug));
    }
}

fn store_pending(slug: &str, tokens: &[String]) {
    let (Some(storage), Ok(value)) = (local_storage(), serde_wasm_bindgen::to_value(tokens)) else { return };
    if let Ok(json) = js_sys::JSON::stringify(&value) {
        let _ = storage.set_item(&pending_key(slug), &String::from(json));
    }
}

//! What the widget remembers for the reader, in localStorage (no cookies).
//! Storage may be unavailable (privacy settings, sandboxed frames): then the
//! widget simply remembers nothing.

const AUTHOR_KEY: &str = "encart:author";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The name the reader last commented under, or "".
pub fn remembered_author() -> String {
    local_storage().and_then(|s| s.get_item(AUTHOR_KEY).ok().flatten()).unwrap_or_default()
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
    let Some(text) = local_storage().and_then(|s| s.get_item(&pending_key(slug)).ok().flatten()) else {
        return Vec::new();
    };
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

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

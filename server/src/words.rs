//! The server's own words: its e-mails (answers, address confirmation, the
//! moderators' digest), their link pages and the moderation pages
//! (`/admin`), in every language the widget speaks. As the widget's (`encart::i18n`), they are data:
//! `i18n/server/<tag>.ftl`, compiled by `build.rs` (which generates `Text`
//! and a method of `Lang` per message with variables) and written by the
//! widget's interpreter, with each language's plural rules and numbers.

use encart::i18n::Arg;
use encart_api_types::Words;

include!(concat!(env!("OUT_DIR"), "/words.rs"));

/// One language's words for e-mails and link pages.
#[derive(Clone, Copy)]
pub struct Lang(&'static Words);

impl Lang {
    /// The words of the first of `tags` the widget speaks, else English's.
    pub fn get<'t>(tags: impl IntoIterator<Item = Option<&'t str>>) -> Lang {
        static ALL: std::sync::OnceLock<Vec<Words>> = std::sync::OnceLock::new();
        Lang(encart::i18n::compiled_words(&ALL, &COMPILED, encart::i18n::negotiate(tags)))
    }

    /// Its tag (`fr`, `zh-Hans`).
    pub fn tag(self) -> &'static str {
        &self.0.lang
    }

    fn format(self, index: usize, args: &[Arg]) -> String {
        encart::i18n::format(self.0, index, args)
    }
}

/// A message without variables.
pub fn text(lang: Lang, key: Text) -> &'static str {
    lang.0.texts.get(key as usize).map_or("", String::as_str)
}

/// Most languages of an `Accept-Language` header read: a browser sends a few.
const MAX_ACCEPTED: usize = 16;

/// The language tags of an `Accept-Language` header (`fr-CH, fr;q=0.9,
/// en;q=0.8`), the most wanted first (by `q`, then in the header's order);
/// those refused (`q=0`), unreadable or `*` left out.
pub fn accepted(header: &str) -> Vec<&str> {
    let mut tags: Vec<(&str, f32)> = header
        .split(',')
        .take(MAX_ACCEPTED)
        .filter_map(|item| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let q = match parts.find_map(|p| p.trim().strip_prefix("q=")) {
                Some(q) => q.trim().parse::<f32>().ok()?,
                None => 1.0,
            };
            (!tag.is_empty() && tag != "*" && q > 0.0).then_some((tag, q))
        })
        .collect();
    tags.sort_by(|a, b| b.1.total_cmp(&a.1));
    tags.into_iter().map(|(tag, _)| tag).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_is_read_by_preference() {
        assert_eq!(accepted("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5"), ["fr-CH", "fr", "en", "de"]);
        assert_eq!(accepted("en;q=0.5,ja,ar;q=0.8"), ["ja", "ar", "en"]);
        assert_eq!(accepted("de;q=0, pl;q=abc, cs"), ["cs"]);
        assert_eq!(accepted(""), Vec::<&str>::new());
        assert_eq!(Lang::get(accepted("ru-RU, pt-BR;q=0.9").into_iter().map(Some)).tag(), "pt");
        assert_eq!(Lang::get(accepted("ru").into_iter().map(Some)).tag(), "en");
    }
}

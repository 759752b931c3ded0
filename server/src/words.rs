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

//! Every word the widget shows, in each language it speaks. The words are
//! data: `i18n/<tag>.ftl` (Fluent), checked against `i18n/en.ftl` and
//! compiled by `build.rs` (`i18n/compile.rs`), which also generates the keys
//! (`Text`, and a method of `Lang` for each message with variables): a key
//! the files lack, or a variable the code does not pass, fails the build.
//! The server holds every language and sends the reader's with each first
//! view ([`Words`]); the module holds none. Both write with this code, so the
//! first view and the hydrated widget have exactly the same text.

use encart_api_types::{Date, FieldError, Words};

use crate::load::ApiError;

include!(concat!(env!("OUT_DIR"), "/words.rs"));

/// One language's words, for the views (cheap to copy).
#[derive(Clone, Copy)]
pub struct Lang(&'static Words);

impl PartialEq for Lang {
    fn eq(&self, other: &Lang) -> bool {
        self.0.lang == other.0.lang
    }
}

impl std::fmt::Debug for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.lang)
    }
}

/// What a message's variable is given.
pub enum Arg<'a> {
    Number(u64),
    Text(&'a str),
}

// The markers of compiled messages (`i18n/compile.rs` writes them).
const PLACE: u8 = 1;
const PLACE_END: u8 = 2;
const SELECT: u8 = 3;
const VARIANT: u8 = 4;
const VARIANT_TEXT: u8 = 5;
const SELECT_END: u8 = 6;

impl Lang {
    /// Its tag (`fr`, `zh-Hans`).
    pub fn tag(self) -> &'static str {
        &self.0.lang
    }

    /// The direction of its script: its interface's, whatever the article's.
    pub fn dir(self) -> &'static str {
        direction(self.tag())
    }

    /// The words the server holds for `tag`, one of [`LANGUAGES`] (else
    /// English).
    #[cfg(feature = "ssr")]
    pub fn get(tag: &str) -> Lang {
        static ALL: std::sync::OnceLock<Vec<Words>> = std::sync::OnceLock::new();
        Lang(compiled_words(&ALL, &COMPILED, tag))
    }

    /// A language from words received (with a first view, or for client
    /// rendering), if they have this build's shape. Kept for the page's life:
    /// one copy per language.
    pub fn from_words(words: Words) -> Option<Lang> {
        thread_local! {
            static KNOWN: std::cell::RefCell<Vec<&'static Words>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        if words.shape != SHAPE || words.texts.len() <= Text::ReaderUnavailable as usize {
            return None;
        }
        KNOWN.with_borrow_mut(|known| {
            if let Some(same) = known.iter().find(|k| **k == &words) {
                return Some(Lang(same));
            }
            let words: &'static Words = Box::leak(Box::new(words));
            known.push(words);
            Some(Lang(words))
        })
    }

    /// The words of `tag` as this build compiled them, for the wasm tests
    /// (the widget gets its words from the server).
    #[cfg(feature = "hydrate")]
    pub fn compiled(tag: &str) -> Option<Lang> {
        let (_, json) = COMPILED.iter().find(|(t, _)| *t == tag)?;
        Lang::from_words(crate::json::parse(json)?)
    }

    /// The words themselves, to send.
    pub fn words(self) -> &'static Words {
        self.0
    }

    /// Message `index` with `args`, as the message's variables in order.
    fn format(self, index: usize, args: &[Arg]) -> String {
        let mut out = String::new();
        if let Some(pattern) = self.0.texts.get(index) {
            self.pattern(pattern.as_bytes(), &mut 0, args, &mut out, true);
        }
        out
    }

    /// Writes (if `write`) the compiled pattern at `at`, up to the end of
    /// its variant, select or text; leaves `at` there.
    fn pattern(self, s: &[u8], at: &mut usize, args: &[Arg], out: &mut String, write: bool) {
        while let Some(&byte) = s.get(*at) {
            match byte {
                VARIANT | SELECT_END => return,
                PLACE => {
                    let var = s.get(*at + 1).map_or(usize::MAX, |v| usize::from(v.wrapping_sub(b'0')));
                    *at += 2;
                    let (mut grouping, mut two) = (true, false);
                    while let Some(&flag) = s.get(*at) {
                        *at += 1;
                        match flag {
                            b'g' => grouping = false,
                            b'2' => two = true,
                            PLACE_END => break,
                            _ => {}
                        }
                    }
                    match args.get(var) {
                        Some(Arg::Number(n)) if write => out.push_str(&self.number(*n, grouping, two)),
                        Some(Arg::Text(text)) if write => out.push_str(text),
                        _ => {}
                    }
                }
                SELECT => {
                    let var = s.get(*at + 1).map_or(usize::MAX, |v| usize::from(v.wrapping_sub(b'0')));
                    *at += 2;
                    let n = match args.get(var) {
                        Some(Arg::Number(n)) => *n,
                        _ => 0,
                    };
                    // Each variant's key and where its text starts.
                    let mut variants = Vec::new();
                    while s.get(*at) == Some(&VARIANT) {
                        let start = *at + 1;
                        let Some(len) = s[start..].iter().position(|b| *b == VARIANT_TEXT) else { break };
                        *at = start + len + 1;
                        variants.push((&s[start..start + len], *at));
                        self.pattern(s, at, args, out, false);
                    }
                    *at += 1;
                    if write {
                        let category = self.category(n);
                        fn key(key: &[u8]) -> &[u8] {
                            key.strip_prefix(b"*").unwrap_or(key)
                        }
                        let chosen = variants
                            .iter()
                            .find(|(k, _)| key(k) == n.to_string().as_bytes())
                            .or_else(|| variants.iter().find(|(k, _)| key(k) == category.as_bytes()))
                            .or_else(|| variants.iter().find(|(k, _)| k.starts_with(b"*")));
                        if let Some(&(_, mut start)) = chosen {
                            self.pattern(s, &mut start, args, out, true);
                        }
                    }
                }
                // A marker out of place (words not as `compile.rs` writes
                // them): skipped, so that writing always ends.
                _ if byte <= SELECT_END => *at += 1,
                _ => {
                    let start = *at;
                    while s.get(*at).is_some_and(|b| *b > SELECT_END) {
                        *at += 1;
                    }
                    if write {
                        out.push_str(&String::from_utf8_lossy(&s[start..*at]));
                    }
                }
            }
        }
    }

    /// The CLDR plural category of `n` in this language (`one`, `few`…).
    pub fn category(self, n: u64) -> &'static str {
        crate::plural::category(self.0.plural.iter().map(|(c, rule)| (c.as_str(), rule.as_str())), n)
    }

    /// `n` in this language's digits, its thousands grouped (unless not
    /// `grouping`), at least two digits if `two`.
    pub fn number(self, n: u64, grouping: bool, two: bool) -> String {
        let plain = if two { format!("{n:02}") } else { n.to_string() };
        let digits: Vec<char> = self.0.digits.chars().collect();
        let group = grouping && plain.len() >= 3 + usize::from(self.0.min_grouping.max(1));
        let mut out = String::new();
        for (i, d) in plain.bytes().enumerate() {
            if group && i > 0 && (plain.len() - i).is_multiple_of(3) {
                out.push_str(&self.0.group);
            }
            out.push(digits.get(usize::from(d - b'0')).copied().unwrap_or(char::from(d)));
        }
        out
    }
}

/// The words of `tag` among `compiled` (each language's JSON, as
/// `build.rs` writes it), parsed into `all` at the first call, else
/// English's: the server's sets of messages (these, and its e-mails').
#[cfg(feature = "ssr")]
pub fn compiled_words(
    all: &'static std::sync::OnceLock<Vec<Words>>,
    compiled: &[(&str, &str)],
    tag: &str,
) -> &'static Words {
    let all = all.get_or_init(|| {
        compiled.iter().map(|(_, json)| serde_json::from_str(json).expect("build.rs writes words")).collect()
    });
    let words = all.iter().find(|w| w.lang == tag).or_else(|| all.iter().find(|w| w.lang == "en"));
    words.expect("en.ftl is compiled")
}

/// Message `index` of `words` with `args`: this interpreter, for another
/// set of messages (the server's e-mails, `encart_server::words`).
pub fn format(words: &'static Words, index: usize, args: &[Arg]) -> String {
    Lang(words).format(index, args)
}

/// A message without variables.
pub fn text(lang: Lang, key: Text) -> &'static str {
    lang.0.texts.get(key as usize).map_or("", String::as_str)
}

/// The language the widget speaks for a BCP 47 tag: the same tag
/// (`pt`, `zh-Hans`), else its language's (`pt-BR` → `pt`; `zh-CN`, `zh-SG`
/// → `zh-Hans`, Chinese in simplified characters; not `zh-TW` nor
/// `zh-Hant`), if the widget speaks it.
pub fn supported(tag: &str) -> Option<&'static str> {
    let tag = tag.trim();
    if let Some(exact) = LANGUAGES.iter().find(|l| l.eq_ignore_ascii_case(tag)) {
        return Some(exact);
    }
    let mut subtags = tag.split(['-', '_']);
    let primary = subtags.next().unwrap_or_default();
    if primary.eq_ignore_ascii_case("zh") {
        let traditional = subtags.any(|s| ["hant", "tw", "hk", "mo"].iter().any(|t| s.eq_ignore_ascii_case(t)));
        return (!traditional).then_some("zh-Hans").filter(|zh| LANGUAGES.contains(zh));
    }
    LANGUAGES.iter().find(|l| l.eq_ignore_ascii_case(primary)).copied()
}

/// The widget's language: the first of `candidates` it speaks (in the
/// order: `data-lang`, the partner site's, the article's, the page's
/// `<html lang>`, the reader's browser languages), else English. The one
/// rule, for the first view and the browser.
pub fn negotiate<'t>(candidates: impl IntoIterator<Item = Option<&'t str>>) -> &'static str {
    candidates.into_iter().flatten().find_map(supported).unwrap_or("en")
}

/// Writing direction of a language: `"rtl"` for the right-to-left scripts'
/// languages (Arabic, Hebrew, Persian, Urdu…), else `"ltr"`.
pub fn direction(tag: &str) -> &'static str {
    const RTL: [&str; 10] = ["ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"];
    let primary = tag.split(['-', '_']).next().unwrap_or_default();
    if RTL.iter().any(|rtl| primary.eq_ignore_ascii_case(rtl)) { "rtl" } else { "ltr" }
}

/// The reader's message for a failed request.
pub fn error_text(lang: Lang, err: &ApiError) -> &'static str {
    text(
        lang,
        match err {
            ApiError::Network => Text::ErrorNetwork,
            ApiError::Timeout => Text::ErrorTimeout,
            ApiError::NotFound => Text::ErrorNotFound,
            ApiError::Status(_) => Text::ErrorServer,
            ApiError::Malformed | ApiError::Invalid(_) => Text::ErrorMalformed,
            ApiError::TooLarge => Text::ErrorTooLarge,
            ApiError::RateLimited => Text::ErrorRateLimited,
            ApiError::SignInExpired => Text::ErrorSignInExpired,
            ApiError::SignInInvalid => Text::ErrorSignInInvalid,
            ApiError::SignInRequired => Text::SignInToComment,
            ApiError::Banned => Text::ErrorBanned,
        },
    )
}

/// Characters read per minute, by language: the rates Firefox's reader view
/// uses (English otherwise).
fn reading_speed(language: &str) -> usize {
    let primary = language.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
    match primary.as_str() {
        "ar" => 612,
        "de" => 920,
        "es" => 1025,
        "fr" => 998,
        "he" => 833,
        "it" => 950,
        "ja" => 357,
        "nl" => 978,
        "pl" => 916,
        "pt" => 913,
        "ru" => 986,
        "sk" => 885,
        "sv" => 917,
        "tr" => 1054,
        "zh" => 255,
        _ => 987,
    }
}

/// Whole minutes to read `chars` characters of `language`, at least 1.
pub fn reading_minutes(language: &str, chars: usize) -> usize {
    chars.div_ceil(reading_speed(language)).max(1)
}

/// "5 min de lecture", "5 min read".
pub fn reading_time(lang: Lang, minutes: usize) -> String {
    lang.reading_time(minutes as u64)
}

/// The reader's message for a refused author name.
pub fn author_error(lang: Lang, err: FieldError) -> &'static str {
    text(
        lang,
        match err {
            FieldError::Required => Text::AuthorRequired,
            FieldError::TooLong => Text::AuthorTooLong,
            FieldError::ControlCharacters | FieldError::Invalid => Text::ControlCharacters,
        },
    )
}

/// The reader's message for a refused comment body.
pub fn body_error(lang: Lang, err: FieldError) -> &'static str {
    text(
        lang,
        match err {
            FieldError::Required => Text::BodyRequired,
            FieldError::TooLong => Text::BodyTooLong,
            FieldError::ControlCharacters | FieldError::Invalid => Text::ControlCharacters,
        },
    )
}

/// The reader's message for a refused e-mail address.
pub fn email_error(lang: Lang, err: FieldError) -> &'static str {
    text(
        lang,
        match err {
            FieldError::Required => Text::EmailRequired,
            FieldError::ControlCharacters => Text::ControlCharacters,
            FieldError::TooLong | FieldError::Invalid => Text::EmailInvalid,
        },
    )
}

/// "3 commentaires", "No comments yet"…
pub fn comments_heading(lang: Lang, count: u64) -> String {
    lang.comments_heading(count)
}

/// The button that shows the comments published since the thread loaded.
pub fn new_comments(lang: Lang, count: usize) -> String {
    lang.new_comments(count as u64)
}

/// How long ago `then_ms` was, seen at `now_ms`: "il y a 5 min", "2 h ago"…
/// Past a week, the date.
pub fn relative_time(lang: Lang, then_ms: i64, now_ms: i64) -> String {
    let minutes = ((now_ms - then_ms).max(0) / 60_000) as u64;
    let (hours, days) = (minutes / 60, minutes / (60 * 24));
    match () {
        () if minutes < 1 => text(lang, Text::TimeNow).to_owned(),
        () if hours < 1 => lang.time_minutes(minutes),
        () if days < 1 => lang.time_hours(hours),
        () if days < 7 => lang.time_days(days),
        () => Date::from_days_since_epoch(then_ms.div_euclid(86_400_000))
            .map(|date| format_date(lang, date))
            .unwrap_or_default(),
    }
}

/// The exact time of `ms`, in UTC: "10 mai 2025, 14:03 UTC".
pub fn exact_time(lang: Lang, ms: i64) -> String {
    let Ok(date) = Date::from_days_since_epoch(ms.div_euclid(86_400_000)) else { return String::new() };
    let minute_of_day = (ms.rem_euclid(86_400_000) / 60_000) as u64;
    lang.exact_time(&format_date(lang, date), minute_of_day / 60, minute_of_day % 60)
}

/// A date as a reader of `lang` writes it: "1er mai 2025", "May 1, 2025".
pub fn format_date(lang: Lang, date: Date) -> String {
    lang.date(u64::from(date.day()), u64::from(date.month()), u64::from(date.year()))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// The words of `tag`, as the server compiles them.
    pub(crate) fn lang(tag: &str) -> Lang {
        let (_, json) = COMPILED.iter().find(|(t, _)| *t == tag).expect("a language of i18n/");
        Lang::from_words(serde_json::from_str(json).unwrap()).unwrap()
    }

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn dates_are_written_as_readers_of_each_language_write_them() {
        assert_eq!(format_date(lang("fr"), date("2025-05-10")), "10 mai 2025");
        assert_eq!(format_date(lang("fr"), date("2025-08-01")), "1er août 2025");
        assert_eq!(format_date(lang("en"), date("2025-05-10")), "May 10, 2025");
        assert_eq!(format_date(lang("en"), date("2025-12-01")), "December 1, 2025");
    }

    #[test]
    fn reading_time_follows_each_languages_speed() {
        assert_eq!(reading_minutes("fr", 998 * 5), 5);
        assert_eq!(reading_minutes("fr", 998 * 5 + 1), 6);
        assert_eq!(reading_minutes("en-GB", 987 * 3), 3);
        assert_eq!(reading_minutes("ar", 1300), 3);
        assert_eq!(reading_minutes("xx", 10), 1, "at least a minute");
        assert_eq!(reading_time(lang("fr"), 5), "5 min de lecture");
        assert_eq!(reading_time(lang("en"), 5), "5 min read");
    }

    #[test]
    fn comment_counts_read_naturally() {
        assert_eq!(comments_heading(lang("fr"), 0), "Aucun commentaire pour l’instant");
        assert_eq!(comments_heading(lang("fr"), 1), "1 commentaire");
        assert_eq!(comments_heading(lang("fr"), 12_500), "12\u{202f}500 commentaires");
        assert_eq!(comments_heading(lang("en"), 1_234_567), "1,234,567 comments");
    }

    #[test]
    fn times_read_relative_to_now_then_as_dates() {
        let then = encart_api_types::parse_utc_millis("2025-05-10T14:03:27Z").unwrap();
        let later = |minutes: i64| then + minutes * 60_000;
        assert_eq!(relative_time(lang("fr"), then, later(0)), "à l’instant");
        assert_eq!(relative_time(lang("fr"), then, later(5)), "il y a 5 min");
        assert_eq!(relative_time(lang("en"), then, later(125)), "2 h ago");
        assert_eq!(relative_time(lang("fr"), then, later(3 * 24 * 60)), "il y a 3 j");
        assert_eq!(relative_time(lang("fr"), then, later(30 * 24 * 60)), "10 mai 2025");
        assert_eq!(exact_time(lang("fr"), then), "10 mai 2025, 14:03 UTC");
        assert_eq!(exact_time(lang("en"), then), "May 10, 2025, 14:03 UTC");
    }

    #[test]
    fn right_to_left_languages_are_known() {
        assert_eq!(direction("ar"), "rtl");
        assert_eq!(direction("he-IL"), "rtl");
        assert_eq!(direction("fr"), "ltr");
        assert_eq!(direction(""), "ltr");
    }

    /// Each language's heading for 0, 1, 2, 5, 21 and 101 comments, written
    /// from CLDR's plural rules (https://www.unicode.org/cldr/charts/latest/
    /// supplemental/language_plural_rules.html): Polish 21 and 101 are
    /// "many", Arabic 5 "few", 21 "many", 101 "other", Czech 2 "few"…
    #[test]
    fn every_language_counts_comments_with_its_plural_forms() {
        let table: [(&str, [&str; 6]); 13] = [
            ("en", ["No comments yet", "1 comment", "2 comments", "5 comments", "21 comments", "101 comments"]),
            (
                "fr",
                [
                    "Aucun commentaire pour l’instant",
                    "1 commentaire",
                    "2 commentaires",
                    "5 commentaires",
                    "21 commentaires",
                    "101 commentaires",
                ],
            ),
            (
                "de",
                [
                    "Noch keine Kommentare",
                    "1 Kommentar",
                    "2 Kommentare",
                    "5 Kommentare",
                    "21 Kommentare",
                    "101 Kommentare",
                ],
            ),
            (
                "es",
                [
                    "Aún no hay comentarios",
                    "1 comentario",
                    "2 comentarios",
                    "5 comentarios",
                    "21 comentarios",
                    "101 comentarios",
                ],
            ),
            ("it", ["Ancora nessun commento", "1 commento", "2 commenti", "5 commenti", "21 commenti", "101 commenti"]),
            (
                "pt",
                [
                    "Ainda não há comentários",
                    "1 comentário",
                    "2 comentários",
                    "5 comentários",
                    "21 comentários",
                    "101 comentários",
                ],
            ),
            ("nl", ["Nog geen reacties", "1 reactie", "2 reacties", "5 reacties", "21 reacties", "101 reacties"]),
            (
                "pl",
                ["Brak komentarzy", "1 komentarz", "2 komentarze", "5 komentarzy", "21 komentarzy", "101 komentarzy"],
            ),
            (
                "cs",
                ["Zatím žádné komentáře", "1 komentář", "2 komentáře", "5 komentářů", "21 komentářů", "101 komentářů"],
            ),
            ("ar", ["لا تعليقات بعد", "تعليق واحد", "تعليقان", "5 تعليقات", "21 تعليقًا", "101 تعليق"]),
            ("he", ["אין עדיין תגובות", "תגובה אחת", "2 תגובות", "5 תגובות", "21 תגובות", "101 תגובות"]),
            ("zh-Hans", ["暂无评论", "1 条评论", "2 条评论", "5 条评论", "21 条评论", "101 条评论"]),
            (
                "ja",
                [
                    "まだコメントはありません",
                    "コメント 1 件",
                    "コメント 2 件",
                    "コメント 5 件",
                    "コメント 21 件",
                    "コメント 101 件",
                ],
            ),
        ];
        assert_eq!(table.len(), LANGUAGES.len(), "a row for every language");
        for (tag, expected) in table {
            let got = [0, 1, 2, 5, 21, 101].map(|n| comments_heading(lang(tag), n));
            assert_eq!(got, expected, "{tag}");
        }
        // Larger numbers: each language's digits, groups and "many".
        assert_eq!(comments_heading(lang("fr"), 1_000_000), "1\u{202f}000\u{202f}000 de commentaires");
        assert_eq!(comments_heading(lang("es"), 1234), "1234 comentarios", "no group under five digits");
        assert_eq!(comments_heading(lang("es"), 12_345), "12.345 comentarios");
        assert_eq!(comments_heading(lang("pl"), 22), "22 komentarze");
        assert_eq!(comments_heading(lang("pl"), 12), "12 komentarzy");
        assert_eq!(comments_heading(lang("ar"), 1234), "1,234 تعليقًا");
        assert_eq!(new_comments(lang("cs"), 3), "3 nové komentáře");
    }

    #[test]
    fn every_language_writes_dates_and_times_its_way() {
        let then = encart_api_types::parse_utc_millis("2025-05-01T09:05:00Z").unwrap();
        let table = [
            ("en", "May 1, 2025, 09:05 UTC"),
            ("fr", "1er mai 2025, 09:05 UTC"),
            ("de", "1. Mai 2025, 09:05 UTC"),
            ("es", "1 de mayo de 2025, 09:05 UTC"),
            ("it", "1 maggio 2025, 09:05 UTC"),
            ("pt", "1 de maio de 2025, 09:05 UTC"),
            ("nl", "1 mei 2025, 09:05 UTC"),
            ("pl", "1 maja 2025, 09:05 UTC"),
            ("cs", "1. května 2025, 09:05 UTC"),
            ("ar", "1 مايو 2025، 09:05 UTC"),
            ("he", "1 במאי 2025, 09:05 UTC"),
            ("zh-Hans", "2025年5月1日 09:05 UTC"),
            ("ja", "2025年5月1日 09:05 UTC"),
        ];
        assert_eq!(table.len(), LANGUAGES.len());
        for (tag, expected) in table {
            assert_eq!(exact_time(lang(tag), then), expected, "{tag}");
        }
        let later = |minutes: i64| then + minutes * 60_000;
        let relative =
            |tag: &str| [0, 5, 125, 2 * 24 * 60, 5 * 24 * 60].map(|m| relative_time(lang(tag), then, later(m)));
        assert_eq!(relative("ar"), ["الآن", "منذ 5 دقائق", "منذ ساعتين", "منذ يومين", "منذ 5 أيام"]);
        assert_eq!(relative("cs"), ["právě teď", "před 5 min", "před 2 h", "před 2 dny", "před 5 dny"]);
        assert_eq!(relative("ja"), ["たった今", "5 分前", "2 時間前", "2 日前", "5 日前"]);
        assert_eq!(relative("de"), ["gerade eben", "vor 5 Min.", "vor 2 Std.", "vor 2 Tagen", "vor 5 Tagen"]);
        assert_eq!(relative_time(lang("pl"), then, later(24 * 60)), "1 dzień temu");
        assert_eq!(relative_time(lang("ja"), then, later(30 * 24 * 60)), "2025年5月1日");
        assert_eq!(reading_time(lang("ar"), 11), "11 دقيقة للقراءة");
    }

    #[test]
    fn the_language_is_the_first_the_widget_speaks_in_the_order() {
        // data-lang, the site's, the article's, <html lang>, the browser's.
        assert_eq!(negotiate([Some("de"), Some("fr"), Some("en"), None, None]), "de");
        assert_eq!(negotiate([None, Some("pt-BR"), Some("en"), None, None]), "pt");
        assert_eq!(negotiate([None, None, Some("cs"), Some("en"), None]), "cs");
        assert_eq!(negotiate([Some("tlh"), None, Some("ru"), Some("ja-JP"), None]), "ja");
        assert_eq!(negotiate([None, None, Some("ru"), None, Some("zh-CN")]), "zh-Hans");
        assert_eq!(negotiate([None, None, Some("ru"), None, Some("zh-TW")]), "en", "no traditional characters");
        assert_eq!(negotiate([None, None, None, None, None]), "en");
        assert_eq!(supported("ZH-hans-SG"), Some("zh-Hans"));
        assert_eq!(supported("he-IL"), Some("he"));
    }

    #[test]
    fn a_pattern_out_of_shape_is_written_as_far_as_it_goes_and_always_ends() {
        // Stray markers, a selector without variants, a variable without its end…
        let broken = ["a\u{2}b\u{5}c\u{0}", "\u{3}0\u{4}x", "\u{1}9g\u{2}\u{3}", "\u{4}\u{6}\u{1}", "\u{3}"];
        let written = broken.map(|pattern| {
            let mut out = String::new();
            lang("en").pattern(pattern.as_bytes(), &mut 0, &[Arg::Number(1)], &mut out, true);
            out
        });
        assert_eq!(written, ["abc", "x", "", "", ""]);
    }

    #[test]
    fn language_tags_pick_the_widget_language() {
        assert_eq!(supported("fr"), Some("fr"));
        assert_eq!(supported("fr-CA"), Some("fr"));
        assert_eq!(supported("EN_gb"), Some("en"));
        assert_eq!(supported("tlh"), None);
        assert_eq!(supported(""), None);
    }
}

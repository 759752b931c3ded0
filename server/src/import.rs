//! Importing an article: from a saved HTML page (`html`, with Readability),
//! or from a scraped text file.
//!
//! The text format, as scrapes of news pages give it:
//!
//! ```text
//! <title>
//! Par : <byline>          optional; also "By:"
//! <date>                  optional; "10 mai 2025", "Publié le 10 mai 2025", "May 10, 2025", "2025-05-10"
//! <paragraph>             one per line; blank lines are ignored
//! …
//! ```
//!
//! Scrapes repeat paragraphs and end with boilerplate ("Leave A Comment"):
//! repeated paragraphs are kept once and boilerplate lines are dropped. Without
//! a date line, the first date the text mentions is taken as the publication
//! date. The language is detected (whatlang) unless given.
//!
//! Parsing is a pure function ([`parse`], [`parse_html`], [`read_file`]):
//! an `Article` comes out, or why not; storing it is `articles::save`'s (the
//! `import` command and URL imports call it once the whole page parsed).

use std::collections::HashSet;
use std::path::Path;
use std::sync::LazyLock;

use anyhow::Context;
use encart_api_types::{Article, Block, Date};
use regex::Regex;

use crate::error::Refusal;

mod html;

pub use html::{MAX_DEPTH, MAX_ELEMENTS, MAX_OPEN_ELEMENTS};

/// Longest accepted title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;
/// Longest slug derived from a title, in bytes (slugs are ASCII).
pub const MAX_SLUG_LEN: usize = 96;

/// What the file alone cannot tell.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// BCP 47 language tag; detected from the text when `None`.
    pub language: Option<String>,
    /// Where the article was published.
    pub source_url: Option<String>,
}

/// Why a file was refused. Each names the line at fault (1-based).
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("line {line}: the text is not valid UTF-8")]
    NotUtf8 { line: usize },
    #[error("line {line}: control character U+{code:04X} is not allowed in an article")]
    ControlChar { line: usize, code: u32 },
    #[error("line 1: the file is empty; the first line must be the article's title")]
    Empty,
    #[error("line {line}: the title is {chars} characters long; at most {MAX_TITLE_CHARS} are allowed")]
    TitleTooLong { line: usize, chars: usize },
    #[error("line {line}: the title {title:?} has no letters or digits to make a slug from")]
    TitleWithoutSlug { line: usize, title: String },
    #[error("line {line}: the byline is empty after {prefix:?}")]
    EmptyByline { line: usize, prefix: String },
    #[error("line {line}: no paragraph of text follows the title")]
    NoBody { line: usize },
    #[error("line {line}: cannot tell which language the text is in; give it with --lang")]
    UnknownLanguage { line: usize },
    #[error(
        "cannot tell which language the page is in: give it (`language` in an import request, --lang to the import command)"
    )]
    UnknownPageLanguage,
    #[error("{tag:?} is not a language tag (expected e.g. \"fr\" or \"en-GB\")")]
    BadLanguageTag { tag: String },
    #[error("the page holds no article: {reason}")]
    NotAnArticle { reason: String },
    #[error("the page leaves more than {} elements open at once", html::MAX_OPEN_ELEMENTS)]
    TooDeep,
    #[error("the page has more than {} elements", html::MAX_ELEMENTS)]
    TooManyElements,
}

impl ImportError {
    /// What a client whose page this is is refused: `too_deep` or
    /// `too_complex` for its shape, else `not_an_article`.
    pub fn refusal(&self) -> Refusal {
        match self {
            ImportError::TooDeep => Refusal::TooDeep,
            ImportError::TooManyElements => Refusal::TooComplex,
            _ => Refusal::NotAnArticle,
        }
    }
}

/// Reads and parses the article in the file at `path`: a saved HTML page
/// (`.html`, `.htm`, or text starting with `<`), else a scraped text file.
pub fn read_file(path: &Path, options: &ImportOptions) -> anyhow::Result<Article> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let is_html = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
        || bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<');
    let article = if is_html { parse_html(&bytes, options) } else { parse(&bytes, options) };
    article.with_context(|| format!("{} is not an article", path.display()))
}

/// Parses a saved HTML article page into an article.
pub fn parse_html(bytes: &[u8], options: &ImportOptions) -> Result<Article, ImportError> {
    html::parse(decode(bytes)?, options)
}

/// The blocks of an article body given as HTML (a publisher's document):
/// the same walk as the HTML importer's, keeping text, structure and safe
/// links only, with the same limits on the document's shape.
pub fn blocks_from_html(html: &str) -> Result<Vec<Block>, ImportError> {
    html::blocks_of(html)
}

/// Whether `tag` looks like a BCP 47 language tag (`fr`, `en-GB`).
pub fn is_language_tag(tag: &str) -> bool {
    checked_language_tag(tag).is_ok()
}

/// Parses a scraped text file into an article.
pub fn parse(bytes: &[u8], options: &ImportOptions) -> Result<Article, ImportError> {
    let text = decode(bytes)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate().map(|(i, line)| (i + 1, line.trim())).filter(|(_, line)| !line.is_empty());
    for (number, line) in lines.clone() {
        if let Some(c) = line.chars().find(|c| c.is_control() && *c != '\t') {
            return Err(ImportError::ControlChar { line: number, code: c.into() });
        }
    }

    let (title_line, title) = lines.next().ok_or(ImportError::Empty)?;
    let (title, slug) = title_and_slug(title, title_line)?;

    let mut lines = lines.peekable();
    let mut last_line = title_line;
    let mut byline = None;
    if let Some(&(number, line)) = lines.peek()
        && let Some(captures) = BYLINE.captures(line)
    {
        let name = collapse_spaces(&captures[2]);
        if name.is_empty() {
            return Err(ImportError::EmptyByline { line: number, prefix: captures[1].to_owned() });
        }
        byline = Some(name);
        last_line = number;
        lines.next();
    }
    let mut published = None;
    if let Some(&(number, line)) = lines.peek()
        && let Some(date) = date_line(line)
    {
        published = Some(date);
        last_line = number;
        lines.next();
    }

    let mut seen = HashSet::new();
    let mut paragraphs = Vec::new();
    for (number, line) in lines {
        last_line = number;
        let paragraph = collapse_spaces(line);
        if is_boilerplate(&paragraph) || !seen.insert(paragraph.clone()) {
            continue;
        }
        paragraphs.push(paragraph);
    }
    if paragraphs.is_empty() {
        return Err(ImportError::NoBody { line: last_line + 1 });
    }
    let published = published.or_else(|| paragraphs.iter().find_map(|p| first_date(p)));
    let language = match &options.language {
        Some(tag) => checked_language_tag(tag)?,
        None => detect_language(&paragraphs).ok_or(ImportError::UnknownLanguage { line: title_line })?,
    };

    Ok(Article {
        slug,
        title,
        byline,
        published,
        language,
        dir: None,
        lead: None,
        body: paragraphs.into_iter().map(Block::paragraph).collect(),
        source_url: options.source_url.clone(),
        updated: None,
    })
}

/// The text of `bytes`, or the line of the first byte that is not UTF-8.
fn decode(bytes: &[u8]) -> Result<&str, ImportError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        ImportError::NotUtf8 { line: 1 + valid.iter().filter(|&&b| b == b'\n').count() }
    })
}

/// `text` with its runs of white space as one space, its control characters dropped.
fn collapse_spaces(text: &str) -> String {
    let words = text.split_whitespace().map(|word| word.chars().filter(|c| !c.is_control()).collect::<String>());
    words.filter(|word| !word.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The title (spaces collapsed) found on `line`, and its slug; refused when
/// too long or without a letter or digit to make a slug from.
fn title_and_slug(title: &str, line: usize) -> Result<(String, String), ImportError> {
    let title = collapse_spaces(title);
    let chars = title.chars().count();
    if chars > MAX_TITLE_CHARS {
        return Err(ImportError::TitleTooLong { line, chars });
    }
    let slug = slug_of(&title);
    if slug.is_empty() {
        return Err(ImportError::TitleWithoutSlug { line, title });
    }
    Ok((title, slug))
}

/// The URL slug of a title: ASCII, lower case, words joined by `-`, cut at a
/// word boundary to at most [`MAX_SLUG_LEN`] bytes.
pub fn slug_of(title: &str) -> String {
    let slug = slug::slugify(title);
    if slug.len() <= MAX_SLUG_LEN {
        return slug;
    }
    let cut = &slug[..MAX_SLUG_LEN];
    match cut.rfind('-') {
        Some(i) if i > 0 => cut[..i].to_owned(),
        _ => cut.to_owned(),
    }
}

static BYLINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(par|by)\s*:\s*(.*)$").expect("valid regex"));

const MONTHS: &str = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december";

/// Day-month-year ("10 mai 2025", "1er août 2025", "10 May 2025") or
/// month-day-year ("May 10, 2025").
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:(?P<d1>[0-3]?\d)(?:er|st|nd|rd|th)?\s+(?P<m1>{MONTHS})\s+(?P<y1>\d{{4}})|(?P<m2>{MONTHS})\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}}))\b"
    ))
    .expect("valid regex")
});

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:publié\s+le|publie\s+le|published(?:\s+on)?|le|on)?\s*:?\s*(?P<date>.+?)\.?$")
        .expect("valid regex")
});

fn month_number(name: &str) -> Option<u8> {
    let name = name.to_lowercase();
    let index = MONTHS.split('|').position(|m| m == name)?;
    // MONTHS lists French months (with unaccented variants) then English ones.
    const NUMBERS: [u8; 27] = [1, 2, 2, 3, 4, 5, 6, 7, 8, 8, 9, 10, 11, 12, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    NUMBERS.get(index).copied()
}

/// The first real calendar date written out in `text`.
pub fn first_date(text: &str) -> Option<Date> {
    DATE.captures_iter(text).find_map(|c| {
        let (day, month, year) = match c.name("d1") {
            Some(d) => (d, &c["m1"], &c["y1"]),
            None => (c.name("d2")?, &c["m2"], &c["y2"]),
        };
        Date::new(year.parse().ok()?, month_number(month)?, day.as_str().parse().ok()?).ok()
    })
}

/// The date of a line that is nothing but a date, like "Publié le 10 mai 2025".
fn date_line(line: &str) -> Option<Date> {
    let rest = &DATE_LINE.captures(line)?["date"];
    if let Ok(date) = rest.parse::<Date>() {
        return Some(date);
    }
    let found = DATE.find(rest)?;
    (found.start() == 0 && found.end() == rest.len()).then(|| first_date(rest)).flatten()
}

/// Lines that scrapes carry from the page around the article.
fn is_boilerplate(line: &str) -> bool {
    const PHRASES: [&str; 12] = [
        "leave a comment",
        "leave a reply",
        "laisser un commentaire",
        "laissez un commentaire",
        "ajouter un commentaire",
        "commentaires",
        "comments",
        "partager",
        "partager cet article",
        "share",
        "share this",
        "share this article",
    ];
    let line = line.trim_end_matches([':', '.', '!']).trim().to_lowercase();
    PHRASES.contains(&line.as_str())
}

pub fn checked_language_tag(tag: &str) -> Result<String, ImportError> {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    let ok = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if ok { Ok(tag.to_owned()) } else { Err(ImportError::BadLanguageTag { tag: tag.to_owned() }) }
}

/// The BCP 47 tag of the text's language, when whatlang is confident.
pub fn detect_language(paragraphs: &[String]) -> Option<String> {
    let info = whatlang::detect(&paragraphs.join("\n"))?;
    if !info.is_reliable() {
        return None;
    }
    Some(bcp47(info.lang()))
}

/// The BCP 47 tag of a language whatlang recognises: its two-letter ISO 639-1
/// code where it has one, else that of the macrolanguage it belongs to
/// (Mandarin is `zh`), else its three-letter ISO 639-3 code, which BCP 47
/// takes as it is.
pub fn bcp47(lang: whatlang::Lang) -> String {
    let code = lang.code();
    // Individual languages whatlang names whose macrolanguage has a two-letter code.
    let macrolanguage = match code {
        "cmn" => Some("zh"),
        "pes" => Some("fa"),
        "azj" => Some("az"),
        "lvs" => Some("lv"),
        "ekk" => Some("et"),
        "ydd" => Some("yi"),
        "arb" => Some("ar"),
        "zsm" => Some("ms"),
        "uzn" => Some("uz"),
        "khk" => Some("mn"),
        "npi" => Some("ne"),
        "ory" => Some("or"),
        "plt" => Some("mg"),
        "swh" => Some("sw"),
        "quz" => Some("qu"),
        "gug" => Some("gn"),
        _ => None,
    };
    let two_letters = isolang::Language::from_639_3(code).and_then(|l| l.to_639_1());
    two_letters.or(macrolanguage).unwrap_or(code).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &[u8] = include_bytes!("../../fixtures/haftar-poutine.txt");

    fn parse_ok(text: &str) -> Article {
        parse(text.as_bytes(), &ImportOptions::default()).unwrap()
    }

    const FRENCH_BODY: &str = "Le gouvernement a présenté mardi un projet de loi sur la protection des données personnelles, qui doit être examiné par le Parlement au printemps prochain.";

    #[test]
    fn the_fixture_gives_title_byline_date_and_four_paragraphs() {
        let article = parse(FIXTURE, &ImportOptions::default()).unwrap();
        assert_eq!(article.title, "Haftar et Poutine : Une alliance stratégique sous le regard inquiet de l’Occident");
        assert_eq!(article.slug, "haftar-et-poutine-une-alliance-strategique-sous-le-regard-inquiet-de-l-occident");
        assert_eq!(article.byline.as_deref(), Some("La Rédaction Charilogone"));
        assert_eq!(article.published, Some(Date::new(2025, 5, 10).unwrap()));
        assert_eq!(article.language, "fr");
        assert_eq!(article.body.len(), 4);
        assert!(article.body[0].plain_text().starts_with("Le maréchal Khalifa Haftar, chef des forces"));
        assert!(
            article.body[3]
                .plain_text()
                .ends_with("Reste à voir comment l’Occident réagira à cette alliance stratégique.")
        );
        assert!(
            article
                .body
                .iter()
                .all(|b| matches!(b, Block::Paragraph(_)) && !b.plain_text().contains("Leave A Comment"))
        );
    }

    #[test]
    fn a_date_line_under_the_byline_wins_over_dates_in_the_text() {
        let article =
            parse_ok(&format!("Titre\nPar : Jeanne Dupont\nPublié le 1er août 2024\n{FRENCH_BODY} Le 3 mars 2020.\n"));
        assert_eq!(article.published, Some(Date::new(2024, 8, 1).unwrap()));
        assert_eq!(article.body.len(), 1);
    }

    #[test]
    fn dates_are_read_in_french_and_english() {
        assert_eq!(first_date("le 10 mai 2025 à Moscou"), Some(Date::new(2025, 5, 10).unwrap()));
        assert_eq!(first_date("le 1er Décembre 1999"), Some(Date::new(1999, 12, 1).unwrap()));
        assert_eq!(first_date("on May 3rd, 2021 in"), Some(Date::new(2021, 5, 3).unwrap()));
        assert_eq!(first_date("31 février 2025, puis 2 mars 2025"), Some(Date::new(2025, 3, 2).unwrap()));
        assert_eq!(first_date("en mai 2025"), None);
    }

    #[test]
    fn a_file_without_byline_or_date_is_accepted() {
        let article = parse_ok(&format!("Un titre\n\n{FRENCH_BODY}\n"));
        assert_eq!(article.byline, None);
        assert_eq!(article.published, None);
        assert_eq!(article.language, "fr");
    }

    #[test]
    fn the_language_can_be_given_instead_of_detected() {
        let options = ImportOptions { language: Some("fr-CA".into()), source_url: None };
        assert_eq!(parse(b"Titre\nTexte.", &options).unwrap().language, "fr-CA");
        let options = ImportOptions { language: Some("<script>".into()), source_url: None };
        assert!(matches!(parse(b"Titre\nTexte.", &options), Err(ImportError::BadLanguageTag { .. })));
    }

    #[test]
    fn malformed_files_are_refused_with_the_line_at_fault() {
        let cases: [(&[u8], ImportError); 7] = [
            (b"", ImportError::Empty),
            (b"\n  \n\t\n", ImportError::Empty),
            (b"Titre\nPar : \nTexte", ImportError::EmptyByline { line: 2, prefix: "Par".into() }),
            (b"Titre\nPar : Quelqu'un\n\n", ImportError::NoBody { line: 3 }),
            (b"Titre\nLeave A Comment\n", ImportError::NoBody { line: 3 }),
            (b"Titre\nTexte\nAutre \xff texte\n", ImportError::NotUtf8 { line: 3 }),
            (b"Titre\nTexte\x07 sonore\n", ImportError::ControlChar { line: 2, code: 7 }),
        ];
        for (input, expected) in cases {
            assert_eq!(parse(input, &ImportOptions::default()), Err(expected), "{:?}", String::from_utf8_lossy(input));
        }
        let long_title = "x".repeat(MAX_TITLE_CHARS + 1);
        assert_eq!(
            parse(long_title.as_bytes(), &ImportOptions::default()),
            Err(ImportError::TitleTooLong { line: 1, chars: MAX_TITLE_CHARS + 1 })
        );
        assert!(matches!(
            parse("« ! »\nTexte".as_bytes(), &ImportOptions::default()),
            Err(ImportError::TitleWithoutSlug { line: 1, .. })
        ));
    }

    #[test]
    fn errors_name_the_line_in_their_message() {
        let err = parse(b"Titre\nPar :\nTexte", &ImportOptions::default()).unwrap_err();
        assert_eq!(err.to_string(), "line 2: the byline is empty after \"Par\"");
    }

    #[test]
    fn every_language_whatlang_recognises_gets_a_valid_bcp47_tag() {
        for lang in whatlang::Lang::all() {
            let tag = bcp47(*lang);
            assert!(is_language_tag(&tag), "{lang:?}: {tag}");
            assert!(tag.len() == 2 || isolang::Language::from_639_3(&tag).is_some(), "{lang:?}: {tag}");
        }
        assert_eq!(bcp47(whatlang::Lang::Cmn), "zh");
        assert_eq!(bcp47(whatlang::Lang::Fra), "fr");
        let chinese =
            parse_ok("标题\n这是一篇关于城市交通的新闻报道，市政府周二宣布将在明年扩建地铁网络，并增加公交线路。");
        assert_eq!(chinese.language, "zh");
    }

    #[test]
    fn long_titles_give_slugs_cut_at_a_word() {
        let slug = slug_of(&"mot ".repeat(60));
        assert!(slug.len() <= MAX_SLUG_LEN);
        assert!(slug.ends_with("mot") && !slug.ends_with('-'));
    }
}

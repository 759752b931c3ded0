//! Every word the widget shows, in each language it speaks. `text` matches on
//! (language, key) with no fallback arm, so a missing translation does not compile.

use encart_api_types::Date;

use crate::api::ApiError;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    Fr,
    #[default]
    En,
}

impl Lang {
    /// The language of a BCP 47 tag (`fr`, `fr-CA`, `EN-gb`…), if the widget speaks it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("fr") {
            Some(Lang::Fr)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// Writing direction of a language: `"rtl"` for the right-to-left scripts'
/// languages (Arabic, Hebrew, Persian, Urdu…), else `"ltr"`.
pub fn direction(tag: &str) -> &'static str {
    const RTL: [&str; 10] = ["ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"];
    let primary = tag.split(['-', '_']).next().unwrap_or_default();
    if RTL.iter().any(|rtl| primary.eq_ignore_ascii_case(rtl)) { "rtl" } else { "ltr" }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Loading,
    By,
    Retry,
    ErrorNetwork,
    ErrorNotFound,
    ErrorServer,
    ErrorMalformed,
}

pub fn text(lang: Lang, key: Text) -> &'static str {
    use Lang::*;
    use Text::*;
    match (lang, key) {
        (Fr, Loading) => "Chargement de l’article…",
        (En, Loading) => "Loading the article…",
        (Fr, By) => "Par",
        (En, By) => "By",
        (Fr, Retry) => "Réessayer",
        (En, Retry) => "Try again",
        (Fr, ErrorNetwork) => "Impossible de joindre le serveur. Vérifiez votre connexion.",
        (En, ErrorNetwork) => "Could not reach the server. Check your connection.",
        (Fr, ErrorNotFound) => "Cet article est introuvable.",
        (En, ErrorNotFound) => "This article could not be found.",
        (Fr, ErrorServer) => "Le serveur a rencontré une erreur.",
        (En, ErrorServer) => "The server ran into an error.",
        (Fr, ErrorMalformed) => "Le serveur a envoyé une réponse inattendue.",
        (En, ErrorMalformed) => "The server sent an unexpected response.",
    }
}

/// The reader's message for a failed request.
pub fn error_text(lang: Lang, err: &ApiError) -> &'static str {
    text(
        lang,
        match err {
            ApiError::Network => Text::ErrorNetwork,
            ApiError::NotFound => Text::ErrorNotFound,
            ApiError::Status(_) => Text::ErrorServer,
            ApiError::Malformed => Text::ErrorMalformed,
        },
    )
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as a reader of `lang` writes it: "1er mai 2025", "May 1, 2025".
pub fn format_date(lang: Lang, date: Date) -> String {
    let month = usize::from(date.month() - 1);
    match lang {
        Lang::Fr if date.day() == 1 => format!("1er {} {}", MONTHS_FR[month], date.year()),
        Lang::Fr => format!("{} {} {}", date.day(), MONTHS_FR[month], date.year()),
        Lang::En => format!("{} {}, {}", MONTHS_EN[month], date.day(), date.year()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn dates_are_written_as_readers_of_each_language_write_them() {
        assert_eq!(format_date(Lang::Fr, date("2025-05-10")), "10 mai 2025");
        assert_eq!(format_date(Lang::Fr, date("2025-08-01")), "1er août 2025");
        assert_eq!(format_date(Lang::En, date("2025-05-10")), "May 10, 2025");
        assert_eq!(format_date(Lang::En, date("2025-12-01")), "December 1, 2025");
    }

    #[test]
    fn right_to_left_languages_are_known() {
        assert_eq!(direction("ar"), "rtl");
        assert_eq!(direction("he-IL"), "rtl");
        assert_eq!(direction("fr"), "ltr");
        assert_eq!(direction(""), "ltr");
    }

    #[test]
    fn language_tags_pick_the_widget_language() {
        assert_eq!(Lang::from_tag("fr"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("fr-CA"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag("de"), None);
        assert_eq!(Lang::from_tag(""), None);
    }
}

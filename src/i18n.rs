//! Every word the widget shows, in each language it speaks. `text` matches on
//! (language, key) with no fallback arm, so a missing translation does not compile.

use encart_api_types::{Date, FieldError};

use crate::load::ApiError;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    Fr,
    #[default]
    En,
}

impl Lang {
    /// Its BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

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

/// The language of the widget's words around an article in `article_language`:
/// the partner's choice (`data-lang`), else the article's, else `ui`, the
/// host page's (what they are in until the article is known). The one rule,
/// for the browser and for the server's first view.
pub fn words(chosen: Option<Lang>, article_language: &str, ui: Lang) -> Lang {
    chosen.or(Lang::from_tag(article_language)).unwrap_or(ui)
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
    ReadOnItsPage,
    Retry,
    ErrorNetwork,
    ErrorTimeout,
    ErrorNotFound,
    ErrorServer,
    ErrorMalformed,
    ErrorTooLarge,
    ErrorRateLimited,
    LoadingComments,
    LoadMore,
    Reply,
    Cancel,
    LeaveComment,
    NameLabel,
    CommentLabel,
    HoneypotLabel,
    Post,
    Posting,
    Sending,
    AwaitingModeration,
    Posted,
    PostFailed,
    /// In the server-rendered form when the wasm cannot run on the page.
    CommentingUnavailable,
    AuthorRequired,
    AuthorTooLong,
    BodyRequired,
    BodyTooLong,
    ControlCharacters,
    Notify,
    EmailLabel,
    EmailRequired,
    EmailInvalid,
    TextSize,
    TextSmaller,
    TextNormal,
    TextLarger,
    Theme,
    ThemeAuto,
    ThemeLight,
    ThemeDark,
    ThemeSepia,
    Delete,
    ConfirmDelete,
    YesDelete,
    Deleting,
    CommentDeleted,
    Report,
    ReportWhy,
    Recommend,
    Picks,
    SortBy,
    SortNewest,
    SortOldest,
    SortRecommended,
    Edit,
    Edited,
    EditLabel,
    Save,
    EditWaits,
    ReasonSpam,
    ReasonAbuse,
    ReasonOffTopic,
    ReasonOther,
    Reported,
    CommentingAs,
    SignIn,
    SignOut,
    SignInToComment,
    Verified,
    Staff,
    ErrorSignInExpired,
    ErrorSignInInvalid,
    ErrorBanned,
}

pub fn text(lang: Lang, key: Text) -> &'static str {
    use Lang::*;
    use Text::*;
    match (lang, key) {
        (Fr, Loading) => "Chargement de l’article…",
        (En, Loading) => "Loading the article…",
        (Fr, By) => "Par",
        (En, By) => "By",
        (Fr, ReadOnItsPage) => "Lire l’article sur sa page",
        (En, ReadOnItsPage) => "Read the article on its page",
        (Fr, Retry) => "Réessayer",
        (En, Retry) => "Try again",
        (Fr, ErrorNetwork) => "Impossible de joindre le serveur. Vérifiez votre connexion.",
        (En, ErrorNetwork) => "Could not reach the server. Check your connection.",
        (Fr, ErrorTimeout) => "Le serveur met trop de temps à répondre.",
        (En, ErrorTimeout) => "The server is taking too long to answer.",
        (Fr, ErrorNotFound) => "Cet article est introuvable.",
        (En, ErrorNotFound) => "This article could not be found.",
        (Fr, ErrorServer) => "Le serveur a rencontré une erreur.",
        (En, ErrorServer) => "The server ran into an error.",
        (Fr, ErrorMalformed) => "Le serveur a envoyé une réponse inattendue.",
        (En, ErrorMalformed) => "The server sent an unexpected response.",
        (Fr, ErrorTooLarge) => "Ce commentaire est trop long pour être envoyé.",
        (En, ErrorTooLarge) => "This comment is too long to be sent.",
        (Fr, ErrorRateLimited) => "Vous commentez un peu vite : réessayez dans quelques secondes.",
        (En, ErrorRateLimited) => "You are commenting a little fast: try again in a few seconds.",
        (Fr, LoadingComments) => "Chargement des commentaires…",
        (En, LoadingComments) => "Loading the comments…",
        (Fr, LoadMore) => "Afficher plus de commentaires",
        (En, LoadMore) => "Show more comments",
        (Fr, Reply) => "Répondre",
        (En, Reply) => "Reply",
        (Fr, Cancel) => "Annuler",
        (En, Cancel) => "Cancel",
        (Fr, LeaveComment) => "Laisser un commentaire",
        (En, LeaveComment) => "Leave a comment",
        (Fr, NameLabel) => "Nom",
        (En, NameLabel) => "Name",
        (Fr, CommentLabel) => "Commentaire",
        (En, CommentLabel) => "Comment",
        (Fr, HoneypotLabel) => "Ne pas remplir ce champ",
        (En, HoneypotLabel) => "Leave this field empty",
        (Fr, Post) => "Publier",
        (En, Post) => "Post comment",
        (Fr, Posting) => "Envoi…",
        (En, Posting) => "Posting…",
        (Fr, Sending) => "envoi en cours",
        (En, Sending) => "sending",
        (Fr, AwaitingModeration) => "en attente de modération : visible par vous seul",
        (En, AwaitingModeration) => "awaiting moderation: only you can see it",
        (Fr, Posted) => "Merci, votre commentaire est publié.",
        (En, Posted) => "Thank you, your comment is published.",
        (Fr, PostFailed) => "Votre commentaire n’a pas été envoyé ; votre texte est conservé.",
        (En, PostFailed) => "Your comment was not sent; your text is kept.",
        (Fr, CommentingUnavailable) => "Les commentaires ne peuvent pas être envoyés depuis cette page.",
        (En, CommentingUnavailable) => "Comments cannot be sent from this page.",
        (Fr, AuthorRequired) => "Indiquez votre nom.",
        (En, AuthorRequired) => "Please enter your name.",
        (Fr, AuthorTooLong) => "Votre nom ne doit pas dépasser 80 caractères.",
        (En, AuthorTooLong) => "Your name must be at most 80 characters long.",
        (Fr, BodyRequired) => "Écrivez votre commentaire.",
        (En, BodyRequired) => "Please write your comment.",
        (Fr, BodyTooLong) => "Votre commentaire ne doit pas dépasser 5 000 caractères.",
        (En, BodyTooLong) => "Your comment must be at most 5,000 characters long.",
        (Fr, ControlCharacters) => "Ce texte contient des caractères non autorisés.",
        (En, ControlCharacters) => "This text contains characters that are not allowed.",
        (Fr, Notify) => "Me prévenir par e-mail des réponses",
        (En, Notify) => "Tell me by e-mail when someone answers",
        (Fr, EmailLabel) => "Votre e-mail (jamais affiché ; un lien de confirmation vous sera envoyé)",
        (En, EmailLabel) => "Your e-mail (never shown; we send you a link to confirm it)",
        (Fr, EmailRequired) => "Indiquez l’adresse où vous prévenir.",
        (En, EmailRequired) => "Please enter the address to tell you at.",
        (Fr, EmailInvalid) => "Cette adresse n’est pas valide.",
        (En, EmailInvalid) => "This address is not valid.",
        (Fr, TextSize) => "Taille du texte",
        (En, TextSize) => "Text size",
        (Fr, TextSmaller) => "Texte plus petit",
        (En, TextSmaller) => "Smaller text",
        (Fr, TextNormal) => "Texte normal",
        (En, TextNormal) => "Normal text",
        (Fr, TextLarger) => "Texte plus grand",
        (En, TextLarger) => "Larger text",
        (Fr, Theme) => "Thème",
        (En, Theme) => "Theme",
        (Fr, ThemeAuto) => "Auto",
        (En, ThemeAuto) => "Auto",
        (Fr, ThemeLight) => "Clair",
        (En, ThemeLight) => "Light",
        (Fr, ThemeDark) => "Sombre",
        (En, ThemeDark) => "Dark",
        (Fr, ThemeSepia) => "Sépia",
        (En, ThemeSepia) => "Sepia",
        (Fr, Delete) => "Supprimer",
        (En, Delete) => "Delete",
        (Fr, ConfirmDelete) => "Supprimer définitivement ce commentaire ?",
        (En, ConfirmDelete) => "Delete this comment for good?",
        (Fr, YesDelete) => "Oui, supprimer",
        (En, YesDelete) => "Yes, delete",
        (Fr, Deleting) => "Suppression…",
        (En, Deleting) => "Deleting…",
        (Fr, Report) => "Signaler",
        (En, Report) => "Report",
        (Fr, Edit) => "Modifier",
        (En, Edit) => "Edit",
        (Fr, Edited) => "modifié",
        (En, Edited) => "edited",
        (Fr, EditLabel) => "Votre commentaire",
        (En, EditLabel) => "Your comment",
        (Fr, Save) => "Enregistrer",
        (En, Save) => "Save",
        (Fr, EditWaits) => "Votre modification paraîtra une fois validée par la modération.",
        (En, EditWaits) => "Your edit will show once a moderator approves it.",
        (Fr, Picks) => "Sélection de la rédaction",
        (En, Picks) => "Newsroom picks",
        (Fr, SortBy) => "Trier",
        (En, SortBy) => "Sort",
        (Fr, SortNewest) => "Les plus récents",
        (En, SortNewest) => "Newest",
        (Fr, SortOldest) => "Les plus anciens",
        (En, SortOldest) => "Oldest",
        (Fr, SortRecommended) => "Les plus recommandés",
        (En, SortRecommended) => "Most recommended",
        (Fr, Recommend) => "Recommander",
        (En, Recommend) => "Recommend",
        (Fr, ReportWhy) => "Signaler ce commentaire pour :",
        (En, ReportWhy) => "Report this comment as:",
        (Fr, ReasonSpam) => "Spam",
        (En, ReasonSpam) => "Spam",
        (Fr, ReasonAbuse) => "Propos abusifs",
        (En, ReasonAbuse) => "Abusive",
        (Fr, ReasonOffTopic) => "Hors sujet",
        (En, ReasonOffTopic) => "Off topic",
        (Fr, ReasonOther) => "Autre",
        (En, ReasonOther) => "Other",
        (Fr, Reported) => "Signalé, merci : la modération va le relire.",
        (En, Reported) => "Reported, thank you: a moderator will review it.",
        (Fr, CommentDeleted) => "Commentaire supprimé.",
        (En, CommentDeleted) => "Comment deleted.",
        (Fr, CommentingAs) => "Vous commentez en tant que",
        (En, CommentingAs) => "Commenting as",
        (Fr, SignIn) => "Se connecter",
        (En, SignIn) => "Sign in",
        (Fr, SignOut) => "Se déconnecter",
        (En, SignOut) => "Sign out",
        (Fr, SignInToComment) => "Connectez-vous pour commenter.",
        (En, SignInToComment) => "Sign in to comment.",
        (Fr, Verified) => "Compte vérifié",
        (En, Verified) => "Verified account",
        (Fr, Staff) => "Rédaction",
        (En, Staff) => "Newsroom",
        (Fr, ErrorSignInExpired) => "Votre session a expiré : reconnectez-vous et votre commentaire partira.",
        (En, ErrorSignInExpired) => "Your session has expired: sign in again and your comment will be sent.",
        (Fr, ErrorSignInInvalid) => "Votre connexion n’a pas pu être vérifiée. Rechargez la page.",
        (En, ErrorSignInInvalid) => "Your sign-in could not be verified. Reload the page.",
        (Fr, ErrorBanned) => "La modération vous a retiré le droit de commenter sur ce site.",
        (En, ErrorBanned) => "The moderators have withdrawn your right to comment on this site.",
    }
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
    match lang {
        Lang::Fr => format!("{minutes} min de lecture"),
        Lang::En => format!("{minutes} min read"),
    }
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
    match (lang, count) {
        (Lang::Fr, 0) => "Aucun commentaire pour l’instant".into(),
        (Lang::Fr, 1) => "1 commentaire".into(),
        (Lang::Fr, n) => format!("{} commentaires", group_thousands(n, '\u{202f}')),
        (Lang::En, 0) => "No comments yet".into(),
        (Lang::En, 1) => "1 comment".into(),
        (Lang::En, n) => format!("{} comments", group_thousands(n, ',')),
    }
}

/// The button that shows the comments published since the thread loaded.
pub fn new_comments(lang: Lang, count: usize) -> String {
    match (lang, count) {
        (Lang::Fr, 1) => "1 nouveau commentaire".into(),
        (Lang::Fr, n) => format!("{n} nouveaux commentaires"),
        (Lang::En, 1) => "1 new comment".into(),
        (Lang::En, n) => format!("{n} new comments"),
    }
}

fn group_thousands(n: u64, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(d);
    }
    out
}

/// How long ago `then_ms` was, seen at `now_ms`: "il y a 5 min", "2 h ago"…
/// Past a week, the date.
pub fn relative_time(lang: Lang, then_ms: i64, now_ms: i64) -> String {
    let minutes = (now_ms - then_ms).max(0) / 60_000;
    let (hours, days) = (minutes / 60, minutes / (60 * 24));
    match lang {
        Lang::Fr if minutes < 1 => "à l’instant".into(),
        Lang::Fr if hours < 1 => format!("il y a {minutes} min"),
        Lang::Fr if days < 1 => format!("il y a {hours} h"),
        Lang::Fr if days < 7 => format!("il y a {days} j"),
        Lang::En if minutes < 1 => "just now".into(),
        Lang::En if hours < 1 => format!("{minutes} min ago"),
        Lang::En if days < 1 => format!("{hours} h ago"),
        Lang::En if days < 7 => format!("{days} d ago"),
        _ => Date::from_days_since_epoch(then_ms.div_euclid(86_400_000))
            .map(|date| format_date(lang, date))
            .unwrap_or_default(),
    }
}

/// The exact time of `ms`, in UTC: "10 mai 2025, 14:03 UTC".
pub fn exact_time(lang: Lang, ms: i64) -> String {
    let Ok(date) = Date::from_days_since_epoch(ms.div_euclid(86_400_000)) else { return String::new() };
    let minute_of_day = ms.rem_euclid(86_400_000) / 60_000;
    format!("{}, {:02}:{:02} UTC", format_date(lang, date), minute_of_day / 60, minute_of_day % 60)
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
    fn reading_time_follows_each_languages_speed() {
        assert_eq!(reading_minutes("fr", 998 * 5), 5);
        assert_eq!(reading_minutes("fr", 998 * 5 + 1), 6);
        assert_eq!(reading_minutes("en-GB", 987 * 3), 3);
        assert_eq!(reading_minutes("ar", 1300), 3);
        assert_eq!(reading_minutes("xx", 10), 1, "at least a minute");
        assert_eq!(reading_time(Lang::Fr, 5), "5 min de lecture");
        assert_eq!(reading_time(Lang::En, 5), "5 min read");
    }

    #[test]
    fn comment_counts_read_naturally() {
        assert_eq!(comments_heading(Lang::Fr, 0), "Aucun commentaire pour l’instant");
        assert_eq!(comments_heading(Lang::Fr, 1), "1 commentaire");
        assert_eq!(comments_heading(Lang::Fr, 12_500), "12\u{202f}500 commentaires");
        assert_eq!(comments_heading(Lang::En, 1_234_567), "1,234,567 comments");
    }

    #[test]
    fn times_read_relative_to_now_then_as_dates() {
        let then = encart_api_types::parse_utc_millis("2025-05-10T14:03:27Z").unwrap();
        let later = |minutes: i64| then + minutes * 60_000;
        assert_eq!(relative_time(Lang::Fr, then, later(0)), "à l’instant");
        assert_eq!(relative_time(Lang::Fr, then, later(5)), "il y a 5 min");
        assert_eq!(relative_time(Lang::En, then, later(125)), "2 h ago");
        assert_eq!(relative_time(Lang::Fr, then, later(3 * 24 * 60)), "il y a 3 j");
        assert_eq!(relative_time(Lang::Fr, then, later(30 * 24 * 60)), "10 mai 2025");
        assert_eq!(exact_time(Lang::Fr, then), "10 mai 2025, 14:03 UTC");
        assert_eq!(exact_time(Lang::En, then), "May 10, 2025, 14:03 UTC");
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

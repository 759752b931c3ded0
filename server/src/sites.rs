//! Partner sites, from a TOML file (`--sites`): which pages may call the API
//! (CORS), how the comments on each site's articles are moderated (an
//! article belongs to a site when the site's host is one of its publisher's
//! domains: `publisher add --domain`), which language each site's widgets
//! speak when the page does not say, and how the site signs its readers in.
//!
//! ```toml
//! [[site]]
//! origin = "https://courrier-littoral.example"
//! language = "fr"          # optional: the widget's language unless data-lang says otherwise (README, "Languages")
//! moderation = "pre"       # optional: open | pre | pre-anonymous; else the server's --moderation
//! anonymous = false        # optional: only signed-in readers comment (default true)
//! login_url = "https://courrier-littoral.example/connexion"  # optional: where readers sign in
//! trust_after = 3          # optional: signed-in readers with 3 approved comments skip pre-moderation
//! sort = "recommended"     # optional: newest (default) | oldest | recommended, unless the page or reader chose
//! moderators = ["moderation@courrier-littoral.example"]  # optional: a digest when comments are held or reported (needs --smtp-url)
//!
//! [site.sign_in]           # optional: the site signs its readers' tokens (identity.rs)
//! algorithm = "EdDSA"      # EdDSA | ES256 (public keys, PEM) | HS256 (a shared secret)
//! keys = ["""-----BEGIN PUBLIC KEY-----
//! MCowBQYDK2VwAyEA…
//! -----END PUBLIC KEY-----"""]
//! key_files = ["courrier-2027.pem"]  # or in files, relative to this one; several during a rollover
//!
//! [[site.webhook]]         # optional, repeatable: JSON events about the site's comments (webhooks.rs)
//! url = "https://hooks.courrier-littoral.example/encart"
//! secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"  # Standard Webhooks: whsec_ + base64 of 24–64 bytes
//! ```

use std::path::Path;

use axum::http::HeaderValue;
use encart_api_types::{Commenting, Sort};
use serde::Deserialize;

use crate::config::{AllowedOrigins, Origin, parse_origin};
use crate::identity::SignIn;
use crate::moderation::{Moderation, ModerationPolicy};
use crate::webhooks::Webhook;

/// One partner site.
#[derive(Clone, Debug)]
pub struct Site {
    pub origin: HeaderValue,
    /// A language the widget speaks (`fr`, `pt`, `zh-Hans`…), as its tag.
    pub language: Option<String>,
    pub moderation: Option<Moderation>,
    /// How the site's tokens are checked, when it signs its readers in.
    pub sign_in: Option<SignIn>,
    /// Whether readers who are not signed in may comment.
    pub anonymous: bool,
    /// Where the site's readers sign in (http or https).
    pub login_url: Option<String>,
    /// Approved comments after which a signed-in reader skips pre-moderation.
    pub trust_after: Option<u32>,
    /// The order of comments unless `data-sort` or the reader says otherwise.
    pub sort: Option<Sort>,
    /// Where events about the site's comments are sent.
    pub webhooks: Vec<Webhook>,
    /// Who gets a digest of held and reported comments (e-mail addresses).
    pub moderators: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SitesFile {
    #[serde(default)]
    site: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    origin: String,
    language: Option<String>,
    moderation: Option<String>,
    anonymous: Option<bool>,
    login_url: Option<String>,
    trust_after: Option<u32>,
    sort: Option<String>,
    sign_in: Option<SignInEntry>,
    #[serde(default)]
    webhook: Vec<WebhookEntry>,
    #[serde(default)]
    moderators: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WebhookEntry {
    url: String,
    secret: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignInEntry {
    algorithm: String,
    #[serde(default)]
    keys: Vec<String>,
    #[serde(default)]
    key_files: Vec<std::path::PathBuf>,
}

/// The sites of the file at `path`; an error names the site and field at fault.
pub fn load(path: &Path) -> Result<Vec<Site>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse_in(&text, path.parent()).map_err(|e| format!("{}: {e}", path.display()))
}

/// The sites of `text` (key files relative to the working directory).
pub fn parse(text: &str) -> Result<Vec<Site>, String> {
    parse_in(text, None)
}

/// The sites of `text`, whose relative key files are in `dir`.
fn parse_in(text: &str, dir: Option<&Path>) -> Result<Vec<Site>, String> {
    let file: SitesFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut sites: Vec<Site> = Vec::new();
    for (n, entry) in file.site.into_iter().enumerate() {
        let at = format!("site {} ({})", n + 1, entry.origin);
        let Origin::Exact(origin) = parse_origin(&entry.origin).map_err(|e| format!("{at}: {e}"))? else {
            return Err(format!("{at}: a site is one origin, not *"));
        };
        if sites.iter().any(|s| s.origin == origin) {
            return Err(format!("{at}: listed twice"));
        }
        let language = match entry.language {
            Some(tag) => Some(encart::i18n::supported(&tag).map(str::to_owned).ok_or_else(|| {
                format!("{at}: the widget speaks {}, not {tag:?}", encart::i18n::LANGUAGES.join(", "))
            })?),
            None => None,
        };
        let moderation = match entry.moderation {
            Some(mode) => Some(mode.parse::<Moderation>().map_err(|e| format!("{at}: {e}"))?),
            None => None,
        };
        let sign_in = match entry.sign_in {
            Some(sign_in) => {
                let mut keys = sign_in.keys;
                for file in &sign_in.key_files {
                    let path = dir.map_or_else(|| file.clone(), |dir| dir.join(file));
                    let text = std::fs::read_to_string(&path)
                        .map_err(|e| format!("{at}: cannot read the key file {}: {e}", path.display()))?;
                    keys.push(text);
                }
                Some(SignIn::new(&sign_in.algorithm, &keys).map_err(|e| format!("{at}: sign_in: {e}"))?)
            }
            None => None,
        };
        let anonymous = entry.anonymous.unwrap_or(true);
        let needs_sign_in = |what: &str| match sign_in {
            Some(_) => Ok(()),
            None => Err(format!("{at}: {what} needs [site.sign_in]: without it no reader is signed in")),
        };
        if !anonymous {
            needs_sign_in("anonymous = false")?;
        }
        if entry.trust_after.is_some() {
            needs_sign_in("trust_after")?;
        }
        if moderation == Some(Moderation::PreAnonymous) {
            needs_sign_in("moderation = \"pre-anonymous\"")?;
        }
        if let Some(url) = &entry.login_url {
            let web = url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
            if !web {
                return Err(format!("{at}: login_url is an http(s) address, not {url:?}"));
            }
        }
        let sort = match entry.sort {
            Some(name) => Some(
                Sort::parse(&name)
                    .ok_or_else(|| format!("{at}: sort is newest, oldest or recommended, not {name:?}"))?,
            ),
            None => None,
        };
        let mut webhooks: Vec<Webhook> = Vec::new();
        for (k, hook) in entry.webhook.iter().enumerate() {
            let hook = Webhook::new(&hook.url, &hook.secret).map_err(|e| format!("{at}: webhook {}: {e}", k + 1))?;
            if webhooks.iter().any(|h| h.url == hook.url) {
                return Err(format!("{at}: webhook {}: {} listed twice", k + 1, hook.url));
            }
            webhooks.push(hook);
        }
        if let Some(bad) = entry.moderators.iter().find(|a| !crate::mail::is_address(a)) {
            return Err(format!("{at}: moderators: {bad:?} is not an e-mail address"));
        }
        sites.push(Site {
            origin,
            language,
            moderation,
            sign_in,
            anonymous,
            login_url: entry.login_url,
            trust_after: entry.trust_after,
            sort,
            webhooks,
            moderators: entry.moderators,
        });
    }
    Ok(sites)
}

/// The sites an article belongs to: those whose host is one of `domains`,
/// its publisher's (`None`: no publisher, no site).
pub fn of_publisher<'a>(sites: &'a [Site], domains: Option<&[String]>) -> Vec<&'a Site> {
    let Some(domains) = domains else { return Vec::new() };
    sites
        .iter()
        .filter(|site| {
            site.origin
                .to_str()
                .ok()
                .and_then(crate::moderation::origin_host)
                .is_some_and(|host| crate::publishers::owns_host(domains, host))
        })
        .collect()
}

/// How readers may comment on an article of `sites` (see [`of_publisher`]):
/// signed in only if any of them says so; the first sign-in address given.
pub fn commenting(sites: &[&Site]) -> Commenting {
    Commenting {
        sign_in_required: sites.iter().any(|site| !site.anonymous),
        sign_in_url: sites.iter().find_map(|site| site.login_url.clone()),
        notifications: false,
    }
}

/// The order of comments on an article of `sites`: the first one's choice.
pub fn sort(sites: &[&Site]) -> Sort {
    sites.iter().find_map(|site| site.sort).unwrap_or_default()
}

/// The site whose origin is `origin`, if listed.
pub fn by_origin<'a>(sites: &'a [Site], origin: &str) -> Option<&'a Site> {
    sites.iter().find(|site| site.origin == origin)
}

/// What the sites add to the command line's settings: their origins join
/// the allowed ones, their moderation modes the per-site modes (a site given
/// two different modes, by flag and by file, is refused).
pub fn configure(
    origins: AllowedOrigins,
    mut policy: ModerationPolicy,
    sites: &[Site],
) -> Result<(AllowedOrigins, ModerationPolicy), String> {
    let origins = match origins {
        AllowedOrigins::Any => AllowedOrigins::Any,
        AllowedOrigins::List(mut list) => {
            for site in sites {
                if !list.contains(&site.origin) {
                    list.push(site.origin.clone());
                }
            }
            AllowedOrigins::List(list)
        }
    };
    for site in sites {
        // A site without a mode of its own gets the server's default (not the
        // strictest in use, which is for pages of no known site).
        let mode = site.moderation.unwrap_or(policy.default);
        match policy.by_origin.iter().find(|(origin, _)| *origin == site.origin) {
            Some((_, flagged)) if *flagged != mode => {
                return Err(format!(
                    "{:?} is {flagged:?} by --site-moderation but {mode:?} in the sites file",
                    site.origin
                ));
            }
            Some(_) => {}
            None => policy.by_origin.push((site.origin.clone(), mode)),
        }
    }
    Ok((origins, policy))
}

/// The language configured for the site whose page sent `origin`, if any.
pub fn language_for<'a>(sites: &'a [Site], origin: Option<&HeaderValue>) -> Option<&'a str> {
    let origin = origin?;
    sites.iter().find(|s| s.origin == *origin)?.language.as_deref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sites_file_gives_origins_languages_and_modes() {
        let sites = parse(
            r#"
            [[site]]
            origin = "https://Courrier-Littoral.example/"
            language = "fr-FR"
            moderation = "pre"

            [[site]]
            origin = "http://blog.example:8080"
            sort = "recommended"
            "#,
        )
        .unwrap();
        assert_eq!(sites.len(), 2);
        assert_eq!(sites[0].origin, "https://courrier-littoral.example");
        assert_eq!((sites[0].language.as_deref(), sites[0].moderation), (Some("fr"), Some(Moderation::Pre)));
        assert_eq!((sites[1].language.as_deref(), sites[1].moderation), (None, None));
        assert_eq!((sites[0].sort, sites[1].sort), (None, Some(Sort::Recommended)));
        assert_eq!(sort(&[&sites[0], &sites[1]]), Sort::Recommended, "the first that says");
        assert_eq!(sort(&[&sites[0]]), Sort::Newest);
        let origin = HeaderValue::from_static("https://courrier-littoral.example");
        assert_eq!(language_for(&sites, Some(&origin)), Some("fr"));
        assert_eq!(language_for(&sites, None), None);

        let flagged = ModerationPolicy {
            default: Moderation::Open,
            by_origin: vec![(HeaderValue::from_static("https://other.example"), Moderation::Pre)],
        };
        let (origins, policy) =
            configure(AllowedOrigins::List(vec![HeaderValue::from_static("https://other.example")]), flagged, &sites)
                .unwrap();
        let AllowedOrigins::List(origins) = origins else { panic!("a list") };
        assert_eq!(origins, ["https://other.example", "https://courrier-littoral.example", "http://blog.example:8080"]);
        let domains = |domain: &str| vec![domain.to_owned()];
        assert_eq!(policy.for_publisher(Some(&domains("courrier-littoral.example"))), Moderation::Pre);
        let blog = domains("blog.example");
        assert_eq!(policy.for_publisher(Some(&blog)), Moderation::Open, "no mode of its own: the server's default");
        assert_eq!(policy.for_publisher(None), Moderation::Pre, "an article of no known site: the strictest in use");
        let conflicting = ModerationPolicy { default: Moderation::Open, by_origin: vec![(origin, Moderation::Open)] };
        assert!(configure(AllowedOrigins::Any, conflicting, &sites).unwrap_err().contains("sites file"));
    }

    #[test]
    fn mistakes_are_refused_with_the_site_at_fault() {
        for (bad, says) in [
            ("[[site]]\norigin = \"news.example\"", "site 1 (news.example)"),
            ("[[site]]\norigin = \"*\"", "not *"),
            ("[[site]]\norigin = \"https://a.example\"\nlanguage = \"tlh\"", "the widget speaks ar, cs, de"),
            ("[[site]]\norigin = \"https://a.example\"\nmoderation = \"later\"", "open, pre or pre-anonymous"),
            ("[[site]]\norigin = \"https://a.example\"\nsort = \"best\"", "sort is newest, oldest or recommended"),
            ("[[site]]\norigin = \"https://a.example\"\n[[site]]\norigin = \"https://a.example\"", "twice"),
            ("[[site]]\norigin = \"https://a.example\"\ncolour = \"red\"", "unknown field"),
            (
                "[[site]]\norigin = \"https://a.example\"\n[[site.webhook]]\nurl = \"https://h.example\"\nsecret = \"x\"",
                "site 1 (https://a.example): webhook 1: a webhook's secret is whsec_",
            ),
            ("[[site]]\norigin = \"https://a.example\"\nmoderators = [\"modo\"]", "\"modo\" is not an e-mail address"),
        ] {
            let err = parse(bad).unwrap_err();
            assert!(err.contains(says), "{bad}: {err}");
        }
    }
}

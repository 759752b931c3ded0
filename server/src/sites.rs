//! Partner sites, from a TOML file (`--sites`): which pages may call the API
//! (CORS), how the comments on each site's articles are moderated (an
//! article belongs to a site when the site's host is one of its publisher's
//! domains: `publisher add --domain`), and which language each site's
//! widgets speak when the page does not say.
//!
//! ```toml
//! [[site]]
//! origin = "https://courrier-littoral.example"
//! language = "fr"          # optional: the widget's language unless data-lang says otherwise
//! moderation = "pre"       # optional: open | pre; else the server's --moderation
//! ```

use std::path::Path;

use axum::http::HeaderValue;
use serde::Deserialize;

use crate::config::{AllowedOrigins, Origin, parse_origin};
use crate::moderation::{Moderation, ModerationPolicy};

/// One partner site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    pub origin: HeaderValue,
    /// A language the widget speaks (`fr`, `en`), as a tag.
    pub language: Option<String>,
    pub moderation: Option<Moderation>,
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
}

/// The sites of the file at `path`; an error names the site and field at fault.
pub fn load(path: &Path) -> Result<Vec<Site>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn parse(text: &str) -> Result<Vec<Site>, String> {
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
            Some(tag) => Some(
                encart::i18n::Lang::from_tag(&tag)
                    .map(|lang| lang.tag().to_owned())
                    .ok_or_else(|| format!("{at}: the widget speaks fr or en, not {tag:?}"))?,
            ),
            None => None,
        };
        let moderation = match entry.moderation {
            Some(mode) => {
                Some(mode.parse::<Moderation>().map_err(|_| format!("{at}: moderation is open or pre, not {mode:?}"))?)
            }
            None => None,
        };
        sites.push(Site { origin, language, moderation });
    }
    Ok(sites)
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
            "#,
        )
        .unwrap();
        assert_eq!(sites.len(), 2);
        assert_eq!(sites[0].origin, "https://courrier-littoral.example");
        assert_eq!((sites[0].language.as_deref(), sites[0].moderation), (Some("fr"), Some(Moderation::Pre)));
        assert_eq!((sites[1].language.as_deref(), sites[1].moderation), (None, None));
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
            ("[[site]]\norigin = \"https://a.example\"\nlanguage = \"de\"", "fr or en"),
            ("[[site]]\norigin = \"https://a.example\"\nmoderation = \"later\"", "open or pre"),
            ("[[site]]\norigin = \"https://a.example\"\n[[site]]\norigin = \"https://a.example\"", "twice"),
            ("[[site]]\norigin = \"https://a.example\"\ncolour = \"red\"", "unknown field"),
        ] {
            let err = parse(bad).unwrap_err();
            assert!(err.contains(says), "{bad}: {err}");
        }
    }
}

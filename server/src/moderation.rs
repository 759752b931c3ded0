//! Moderation: how each site's comments are moderated ([`ModerationPolicy`]),
//! the decisions moderators make on comments, and the `moderation_log` of
//! what they did. The `/admin` pages (`admin/`) are the way in; the queue is
//! read from `comments.rs`, reports are `reports.rs`'.

use axum::http::HeaderValue;

use crate::comments::{self, Verdict};
use crate::db::Db;
use crate::{Result, publishers, reports};

/// Moderation per partner site. A comment is moderated as the site its
/// article belongs to: the listed sites whose host is one of the domains of
/// the article's publisher (the strictest, if several). An article of no
/// listed site's publisher (or imported by the operator) gets the strictest
/// mode in use. Nothing the poster sends (its `Origin`, say) has a say.
#[derive(Clone, Debug, Default)]
pub struct ModerationPolicy {
    /// For sites not listed.
    pub default: Moderation,
    pub by_origin: Vec<(HeaderValue, Moderation)>,
}

impl ModerationPolicy {
    /// The mode for comments on an article of the publisher with these
    /// `domains` (`None`: no publisher).
    pub fn for_publisher(&self, domains: Option<&[String]>) -> Moderation {
        let owns = |origin: &HeaderValue| {
            let host = origin.to_str().ok().and_then(origin_host);
            match (domains, host) {
                (Some(domains), Some(host)) => publishers::owns_host(domains, host),
                _ => false,
            }
        };
        let strictest = |modes: &mut dyn Iterator<Item = Moderation>| modes.max();
        let own = strictest(&mut self.by_origin.iter().filter(|(origin, _)| owns(origin)).map(|(_, mode)| *mode));
        own.unwrap_or_else(|| self.strictest_in_use())
    }

    /// The strictest mode any site (or the default) has.
    pub fn strictest_in_use(&self) -> Moderation {
        self.by_origin.iter().map(|(_, mode)| *mode).chain([self.default]).max().unwrap_or_default()
    }

    /// Whether modes differ per site (else every article gets the default).
    pub fn per_site(&self) -> bool {
        !self.by_origin.is_empty()
    }
}

/// `host` of `scheme://host[:port]`.
fn origin_host(origin: &str) -> Option<&str> {
    let rest = origin.split_once("://")?.1;
    Some(match rest.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => rest,
    })
}

impl From<Moderation> for ModerationPolicy {
    fn from(default: Moderation) -> Self {
        ModerationPolicy { default, by_origin: Vec::new() }
    }
}

/// Whether new comments are shown at once or after a moderator's approval
/// (ordered from the least to the most strict).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Moderation {
    /// Published at once.
    #[default]
    Open,
    /// Held until approved; only their author sees them meanwhile.
    Pre,
}

/// `open` or `pre` (any case), as the command line and the sites file write it.
impl std::str::FromStr for Moderation {
    type Err = String;

    fn from_str(text: &str) -> Result<Moderation, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "open" => Ok(Moderation::Open),
            "pre" => Ok(Moderation::Pre),
            _ => Err(format!("the moderation is open or pre, not {text:?}")),
        }
    }
}

/// A moderator's decision on comments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Published (reports on it dismissed).
    Approve,
    /// Hidden, kept.
    Reject,
    /// Hidden as spam, kept.
    Spam,
    /// Gone (a placeholder stays while answers hang from it).
    Delete,
}

impl Decision {
    pub fn parse(text: &str) -> Option<Decision> {
        Some(match text {
            "approve" => Decision::Approve,
            "reject" => Decision::Reject,
            "spam" => Decision::Spam,
            "delete" => Decision::Delete,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Reject => "reject",
            Decision::Spam => "spam",
            Decision::Delete => "delete",
        }
    }
}

/// What [`decide`] did.
pub struct Decided {
    /// Comments decided on (ids that named no comment, or a deleted one, are skipped).
    pub count: usize,
    /// The articles touched, to drop from caches.
    pub slugs: Vec<String>,
}

/// Applies `decision` to the comments `ids` for `moderator`, in one
/// transaction with a log entry each; their open reports are resolved.
pub async fn decide(db: &Db, moderator: &str, decision: Decision, ids: &[i64]) -> Result<Decided> {
    let mut tx = db.begin().await?;
    let mut slugs = Vec::new();
    let mut count = 0;
    for &id in ids {
        let Some(slug) = comments::slug_of(&mut tx, id).await? else { continue };
        reports::resolve(&mut tx, id).await?;
        match decision {
            Decision::Approve => comments::set_verdict(&mut tx, id, Verdict::Approved).await?,
            Decision::Reject => comments::set_verdict(&mut tx, id, Verdict::Rejected).await?,
            Decision::Spam => comments::set_verdict(&mut tx, id, Verdict::Spam).await?,
            Decision::Delete => comments::remove_or_wipe(&mut tx, id).await?,
        }
        log(&mut tx, moderator, decision.as_str(), Some(id), Some(&slug)).await?;
        count += 1;
        if !slugs.contains(&slug) {
            slugs.push(slug);
        }
    }
    tx.commit().await?;
    Ok(Decided { count, slugs })
}

/// Notes in the moderation log that `moderator` did `action`.
pub async fn log(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    moderator: &str,
    action: &str,
    comment: Option<i64>,
    slug: Option<&str>,
) -> Result<()> {
    sqlx::query("INSERT INTO moderation_log (moderator, action, comment_id, article_slug) VALUES ($1, $2, $3, $4)")
        .bind(moderator)
        .bind(action)
        .bind(comment)
        .bind(slug)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// One entry of the moderation log.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Logged {
    pub moderator: String,
    pub action: String,
    pub comment_id: Option<i64>,
    pub article_slug: Option<String>,
    pub created_at: String,
}

/// The latest `limit` entries of the log, newest first.
pub async fn recent_log(db: &Db, limit: i64) -> Result<Vec<Logged>> {
    Ok(sqlx::query_as(
        "SELECT moderator, action, comment_id, article_slug, created_at FROM moderation_log ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_gets_its_publishers_site_mode_and_otherwise_the_strictest() {
        let pre = HeaderValue::from_static("https://pre.example");
        let open = HeaderValue::from_static("http://open.example:8080");
        let policy = ModerationPolicy {
            default: Moderation::Open,
            by_origin: vec![(pre.clone(), Moderation::Pre), (open.clone(), Moderation::Open)],
        };
        let domains = |list: &[&str]| list.iter().map(|d| (*d).to_owned()).collect::<Vec<_>>();
        assert_eq!(policy.for_publisher(Some(&domains(&["pre.example"]))), Moderation::Pre);
        assert_eq!(policy.for_publisher(Some(&domains(&["open.example"]))), Moderation::Open);
        assert_eq!(policy.for_publisher(Some(&domains(&["example"]))), Moderation::Pre, "both sites: the strictest");
        assert_eq!(policy.for_publisher(Some(&domains(&["other.example"]))), Moderation::Pre, "no site: strictest");
        assert_eq!(policy.for_publisher(None), Moderation::Pre, "the operator's articles: strictest");
        let open_only = ModerationPolicy { default: Moderation::Open, by_origin: vec![(open, Moderation::Open)] };
        assert_eq!(open_only.for_publisher(None), Moderation::Open);
        assert_eq!(
            ModerationPolicy::from(Moderation::Pre).for_publisher(Some(&domains(&["pre.example"]))),
            Moderation::Pre
        );
    }

    #[test]
    fn modes_are_written_open_or_pre() {
        assert_eq!("Pre".parse(), Ok(Moderation::Pre));
        assert_eq!(" open ".parse(), Ok(Moderation::Open));
        assert!("later".parse::<Moderation>().is_err());
    }
}

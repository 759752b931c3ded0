//! Moderation: how each site's comments are moderated ([`ModerationPolicy`]),
//! the decisions moderators make on comments and readers (bans), and the
//! `moderation_log` of what they did. The `/admin` pages (`admin/`) are the
//! way in; the queue is read from `comments.rs`, reports are `reports.rs`',
//! bans `bans.rs`'.

use std::time::{Duration, SystemTime};

use axum::http::HeaderValue;

use crate::bans::{self, Target};
use crate::comments::{self, Verdict};
use crate::db::{self, Db};
use crate::outbox::Event;
use crate::sites::Site;
use crate::{Error, Result, publishers, reports};

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
pub(crate) fn origin_host(origin: &str) -> Option<&str> {
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
    /// Readers the site signed in are published at once; anonymous ones are
    /// held until approved.
    PreAnonymous,
    /// Held until approved; only their author sees them meanwhile (except
    /// the newsroom's and trusted readers': `trust_after`).
    Pre,
}

impl Moderation {
    /// Whether a comment is held for a moderator: by `reader`, signed in
    /// (`None`: anonymous), who is staff or trusted on their site.
    pub fn holds(self, reader: Option<Standing>) -> bool {
        match (self, reader) {
            (Moderation::Open, _) => false,
            (Moderation::PreAnonymous, reader) => reader.is_none(),
            (Moderation::Pre, Some(Standing { staff, trusted })) => !(staff || trusted),
            (Moderation::Pre, None) => true,
        }
    }
}

/// What moderation makes of a signed-in reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Standing {
    /// The newsroom's (`role: staff`).
    pub staff: bool,
    /// Past their site's `trust_after` approved comments.
    pub trusted: bool,
}

/// `open`, `pre` or `pre-anonymous` (any case), as the command line and the
/// sites file write it.
impl std::str::FromStr for Moderation {
    type Err = String;

    fn from_str(text: &str) -> Result<Moderation, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "open" => Ok(Moderation::Open),
            "pre" => Ok(Moderation::Pre),
            "pre-anonymous" => Ok(Moderation::PreAnonymous),
            _ => Err(format!("the moderation is open, pre or pre-anonymous, not {text:?}")),
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
/// transaction with a log entry each; their open reports are resolved, and
/// the webhooks of their articles' sites among `sites` told.
pub async fn decide(db: &Db, sites: &[Site], moderator: &str, decision: Decision, ids: &[i64]) -> Result<Decided> {
    let mut tx = db::begin_writing(db).await?;
    let mut slugs = Vec::new();
    let mut count = 0;
    for &id in ids {
        let Some(slug) = comments::slug_of(&mut tx, id).await? else { continue };
        reports::resolve(&mut tx, id).await?;
        let event = match decision {
            Decision::Approve => Event::Approved,
            Decision::Reject | Decision::Spam => Event::Rejected,
            Decision::Delete => Event::Deleted,
        };
        // Told before the change: a deleted comment is gone after it.
        comments::announce(&mut tx, sites, id, event, None).await?;
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

/// Longest reason for a ban, in characters.
pub const MAX_BAN_REASON_CHARS: usize = 500;

/// What [`ban`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Banned {
    /// The ban's id, and the article of the comment.
    Done(i64, String),
    /// The comment is anonymous and its address hash is forgotten (older
    /// than the retention period, or deleted): there is nothing to bar.
    NoAddress,
}

/// Bars the author of comment `comment` for `reason`, for `length` (`None`:
/// for good), as `moderator` decided: a signed-in reader by identity, an
/// anonymous one by the hash of the comment's address. Logged in the same
/// transaction. A 404 if there is no such comment.
pub async fn ban(db: &Db, moderator: &str, comment: i64, reason: &str, length: Option<Duration>) -> Result<Banned> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_BAN_REASON_CHARS || reason.chars().any(char::is_control) {
        return Err(Error::invalid(vec![("reason", "invalid")], "a ban needs a reason of 1 to 500 characters"));
    }
    let mut tx = db.begin().await?;
    let author = comments::author_of(&mut tx, comment).await?.ok_or_else(|| Error::not_found("comment"))?;
    let target = match author.reader_id {
        Some(id) => Target::Reader(id),
        None if !author.client_hash.is_empty() => Target::Address(author.client_hash),
        None => return Ok(Banned::NoAddress),
    };
    let until = length.map(|length| db::time_text(SystemTime::now() + length));
    let id = bans::add(&mut tx, &target, reason, Some(comment), moderator, until.as_deref()).await?;
    let action = match length {
        Some(length) => format!("ban ({} days)", length.as_secs().div_ceil(24 * 60 * 60)),
        None => "ban (for good)".to_owned(),
    };
    log(&mut tx, moderator, &action, Some(comment), Some(&author.slug)).await?;
    tx.commit().await?;
    Ok(Banned::Done(id, author.slug))
}

/// Lifts ban `id` for `moderator`, logged; whether it was in force.
pub async fn lift(db: &Db, moderator: &str, id: i64) -> Result<bool> {
    let mut tx = db.begin().await?;
    let Some(comment) = bans::lift(&mut tx, id, moderator).await? else { return Ok(false) };
    log(&mut tx, moderator, "lift ban", comment, None).await?;
    tx.commit().await?;
    Ok(true)
}

/// Features comment `comment` above its article's thread (`on`: a newsroom
/// pick), or no longer, as `moderator` decided; logged in the same
/// transaction. The caller drops the article's cached answers.
pub async fn feature(db: &Db, moderator: &str, comment: i64, on: bool) -> Result<comments::Featured> {
    let mut tx = db.begin().await?;
    let featured = comments::feature(&mut tx, comment, on).await?;
    if let comments::Featured::Done(slug) = &featured {
        log(&mut tx, moderator, if on { "feature" } else { "unfeature" }, Some(comment), Some(slug)).await?;
    }
    tx.commit().await?;
    Ok(featured)
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
    fn modes_are_written_open_pre_or_pre_anonymous() {
        assert_eq!("Pre".parse(), Ok(Moderation::Pre));
        assert_eq!(" open ".parse(), Ok(Moderation::Open));
        assert_eq!("pre-anonymous".parse(), Ok(Moderation::PreAnonymous));
        assert!("later".parse::<Moderation>().is_err());
        assert!(Moderation::Open < Moderation::PreAnonymous && Moderation::PreAnonymous < Moderation::Pre);
    }

    #[test]
    fn who_is_held_depends_on_the_mode_and_the_reader() {
        let reader = Some(Standing { staff: false, trusted: false });
        let trusted = Some(Standing { staff: false, trusted: true });
        let staff = Some(Standing { staff: true, trusted: false });
        assert!(!Moderation::Open.holds(None));
        assert!(Moderation::PreAnonymous.holds(None) && !Moderation::PreAnonymous.holds(reader));
        assert!(Moderation::Pre.holds(None) && Moderation::Pre.holds(reader));
        assert!(!Moderation::Pre.holds(trusted) && !Moderation::Pre.holds(staff));
    }
}

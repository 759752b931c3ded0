//! The `/admin` pages themselves: HTML rendered with Leptos's `view!`, which
//! escapes every text and attribute (comment text stays text), their
//! stylesheet, and the headers that keep them private, unframed and
//! script-free.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;

use crate::bans::Ban;
use crate::comments::{Pick, Queued, ToJudge};
use crate::moderation::{Decision, Logged, MAX_BAN_REASON_CHARS};
use crate::outbox::Failed;
use encart_api_types::MAX_PICKS;

/// An admin page, with headers that keep it private and unframed and forbid any script.
pub fn html_response(status: StatusCode, html: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            ),
            (header::X_FRAME_OPTIONS, "DENY"),
            (header::REFERRER_POLICY, "same-origin"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        html,
    )
        .into_response()
}

/// What the page confirms after an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A decision on this many comments.
    Decided(Decision, u32),
    Banned,
    /// The ban could not be: an anonymous comment whose address is forgotten.
    NoAddress,
    Lifted,
    NotInForce,
    Featured,
    Unfeatured,
    /// Not featured: no published comment has that number.
    NotPublished,
    /// Not featured: the article has its three picks.
    PicksFull,
}

impl Notice {
    /// As the redirect's `notice=` says it.
    pub fn parse(text: &str) -> Option<Notice> {
        Some(match text {
            "banned" => Notice::Banned,
            "no-address" => Notice::NoAddress,
            "lifted" => Notice::Lifted,
            "not-in-force" => Notice::NotInForce,
            "featured" => Notice::Featured,
            "unfeatured" => Notice::Unfeatured,
            "not-published" => Notice::NotPublished,
            "picks-full" => Notice::PicksFull,
            _ => return None,
        })
    }

    /// "2 comments approved.", "The author is banned."…
    pub fn message(self) -> String {
        let verb = match self {
            Notice::Decided(Decision::Approve, _) => "approved",
            Notice::Decided(Decision::Reject, _) => "rejected",
            Notice::Decided(Decision::Spam, _) => "marked as spam",
            Notice::Decided(Decision::Delete, _) => "deleted",
            Notice::Banned => return "The author is banned: their posts are refused.".into(),
            Notice::NoAddress => {
                return "Nothing was banned: the comment is anonymous and its address is no longer kept.".into();
            }
            Notice::Lifted => return "The ban is lifted.".into(),
            Notice::NotInForce => return "That ban was no longer in force.".into(),
            Notice::Featured => return "The comment is featured above its article's thread.".into(),
            Notice::Unfeatured => return "The comment is no longer featured.".into(),
            Notice::NotPublished => return "Nothing was featured: no published comment has that number.".into(),
            Notice::PicksFull => {
                return format!(
                    "Nothing was featured: its article has {MAX_PICKS} picks already; unfeature one first."
                );
            }
        };
        let Notice::Decided(_, count) = self else { unreachable!() };
        format!("{count} comment{} {verb}.", if count == 1 { "" } else { "s" })
    }
}

/// `/admin/style.css`.
pub async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css"), (header::CACHE_CONTROL, "public, max-age=300")], STYLE).into_response()
}

fn document(title: &str, body: impl IntoView + 'static) -> String {
    let html = view! {
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{format!("{title} · encart")}</title>
                <link rel="stylesheet" href="/admin/style.css" />
            </head>
            <body>{body}</body>
        </html>
    };
    format!("<!DOCTYPE html>{}", html.to_html())
}

pub fn sign_in_page(csrf: &str, error: Option<&str>) -> String {
    let error = error.map(|e| view! { <p class="error" role="alert">{e.to_owned()}</p> });
    document(
        "Sign in",
        view! {
            <main class="sign-in">
                <h1>"encart moderation"</h1>
                {error}
                <form method="post" action="/admin/sign-in">
                    <input type="hidden" name="csrf" value=csrf.to_owned() />
                    <label>"Name" <input name="name" autocomplete="username" required autofocus /></label>
                    <label>
                        "Password" <input name="password" type="password" autocomplete="current-password" required />
                    </label>
                    <button type="submit">"Sign in"</button>
                </form>
            </main>
        },
    )
}

/// What the moderation page shows.
pub struct Queue<'a> {
    pub moderator: &'a str,
    pub csrf: &'a str,
    /// The oldest comments awaiting a decision, a page of them.
    pub queue: &'a [Queued],
    /// How many await one in all.
    pub awaiting: i64,
    pub bans: &'a [Ban],
    pub picks: &'a [Pick],
    pub log: &'a [Logged],
    /// Webhook deliveries given up on, newest first.
    pub failed: &'a [Failed],
    pub notice: Option<Notice>,
}

pub fn queue_page(page: Queue<'_>) -> String {
    let Queue { moderator, csrf, queue, awaiting, bans, picks, log, failed, notice } = page;
    let done = notice.map(Notice::message);
    let csrf = csrf.to_owned();
    let ban_rows = bans.iter().cloned().map(|ban| ban_row(ban, &csrf)).collect_view();
    let no_bans = bans.is_empty().then(|| view! { <p class="empty">"No ban is in force."</p> });
    let pick_rows = picks.iter().cloned().map(|pick| pick_row(pick, &csrf)).collect_view();
    let no_picks = picks.is_empty().then(|| view! { <p class="empty">"No comment is featured."</p> });
    let feature_csrf = csrf.clone();
    let items = queue.iter().cloned().map(item).collect_view();
    let empty = queue.is_empty().then(|| view! { <p class="empty">"Nothing awaits a decision."</p> });
    let log_rows = log
        .iter()
        .cloned()
        .map(|entry| {
            view! {
                <tr>
                    <td>{entry.created_at}</td>
                    <td>{entry.moderator}</td>
                    <td>{entry.action}</td>
                    <td>{entry.comment_id.map(|id| format!("#{id}"))}</td>
                    <td>{entry.article_slug}</td>
                </tr>
            }
        })
        .collect_view();
    let failed_section = (!failed.is_empty()).then(|| {
        let rows = failed
            .iter()
            .map(|f| {
                view! {
                    <tr>
                        <td>{f.created_at.clone()}</td>
                        <td>{f.event()}</td>
                        <td>{f.target.clone()}</td>
                        <td>{f.attempts}</td>
                        <td>{f.last_error.clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section aria-labelledby="failed">
                <h2 id="failed">"Webhook deliveries given up on"</h2>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">"Queued (UTC)"</th>
                            <th scope="col">"Event"</th>
                            <th scope="col">"Webhook"</th>
                            <th scope="col">"Attempts"</th>
                            <th scope="col">"Last error"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
        }
    });
    // The oldest first, a page at a time: deciding on them brings the next.
    let count = if awaiting > queue.len() as i64 {
        format!("{awaiting} awaiting a decision (the oldest {} below)", queue.len())
    } else {
        format!("{awaiting} awaiting a decision")
    };
    document(
        "Moderation",
        view! {
            <header>
                <h1>"Moderation"</h1>
                <p>{format!("Signed in as {moderator}")}</p>
                <form method="post" action="/admin/sign-out">
                    <input type="hidden" name="csrf" value=csrf.clone() />
                    <button type="submit">"Sign out"</button>
                </form>
            </header>
            <main>
                <p role="status" class="done">{done}</p>
                <form method="post" action="/admin/moderate" class="queue">
                    <input type="hidden" name="csrf" value=csrf />
                    <h2>{count}</h2>
                    <fieldset class="bulk">
                        <legend>"With the ticked comments"</legend>
                        <button type="submit" name="action" value="approve" accesskey="a">"Approve"</button>
                        <button type="submit" name="action" value="reject" accesskey="r">"Reject"</button>
                        <button type="submit" name="action" value="spam" accesskey="s">"Spam"</button>
                        <button type="submit" name="action" value="delete" accesskey="d">"Delete"</button>
                    </fieldset>
                    {empty}
                    <ol class="items">{items}</ol>
                </form>
                <section aria-labelledby="bans">
                    <h2 id="bans">"Bans in force"</h2>
                    <form method="get" action="/admin/ban" class="find">
                        <label>"Ban the author of comment #" <input name="comment" inputmode="numeric" size="8" required /></label>
                        <button type="submit">"Next"</button>
                    </form>
                    {no_bans}
                    <ul class="bans">{ban_rows}</ul>
                </section>
                <section aria-labelledby="picks">
                    <h2 id="picks">"Newsroom picks"</h2>
                    <p>{format!("Up to {MAX_PICKS} published comments per article, shown above its thread.")}</p>
                    <form method="post" action="/admin/feature" class="find">
                        <input type="hidden" name="csrf" value=feature_csrf />
                        <input type="hidden" name="on" value="1" />
                        <label>"Feature comment #" <input name="comment" inputmode="numeric" size="8" required /></label>
                        <button type="submit">"Feature"</button>
                    </form>
                    {no_picks}
                    <ul class="bans">{pick_rows}</ul>
                </section>
                {failed_section}
                <section>
                    <h2>"Recent actions"</h2>
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">"When (UTC)"</th>
                                <th scope="col">"Who"</th>
                                <th scope="col">"Did"</th>
                                <th scope="col">"Comment"</th>
                                <th scope="col">"Article"</th>
                            </tr>
                        </thead>
                        <tbody>{log_rows}</tbody>
                    </table>
                </section>
            </main>
        },
    )
}

fn item(q: Queued) -> impl IntoView {
    let why = if q.status == "pending" {
        "Held for pre-moderation".to_owned()
    } else if q.pending_body.is_some() {
        "Edited by its author: Approve publishes the new text, Reject keeps the published one".to_owned()
    } else {
        format!(
            "Published, reported {} time{} ({})",
            q.reports,
            if q.reports == 1 { "" } else { "s" },
            q.reasons.unwrap_or_default().replace('_', " ")
        )
    };
    let parent = q.parent_body.map(|body| {
        view! {
            <blockquote class="parent">
                <p class="who">{format!("In reply to {}", q.parent_author.unwrap_or_default())}</p>
                <p class="text">{body}</p>
            </blockquote>
        }
    });
    let id = q.id;
    let label = format!("Select comment #{id} by {}", q.author);
    let verified = q.reader_id.map(|_| view! { <span class="tag">"signed in"</span> });
    let button = move |action: &'static str, text: &'static str| {
        view! {
            <button type="submit" name="one" value=format!("{action}:{id}") aria-label=format!("{text} #{id}")>
                {text}
            </button>
        }
    };
    view! {
        <li class="item" id=format!("c{id}")>
            <input type="checkbox" name="id" value=id.to_string() aria-label=label />
            <div class="content">
                <p class="where" title=q.slug>
                    {format!("#{id} on “{}” · ", q.title)} <strong>{why}</strong>
                </p>
                {parent}
                <p class="who">{format!("{} · {}", q.author, q.created_at)} " " {verified}</p>
                <p class="text">{q.body}</p>
                {q.pending_body.map(|new| view! {
                    <p class="who">"New text:"</p>
                    <p class="text">{new}</p>
                })}
                <div class="actions">
                    {button("approve", "Approve")} {button("reject", "Reject")} {button("spam", "Spam")}
                    {button("delete", "Delete")}
                    <a href=format!("/admin/ban?comment={id}") aria-label=format!("Ban the author of #{id}…")>
                        "Ban the author…"
                    </a>
                </div>
            </div>
        </li>
    }
}

/// One pick, with its "Unfeature" button.
fn pick_row(pick: Pick, csrf: &str) -> impl IntoView + use<> {
    let id = pick.id;
    view! {
        <li class="ban">
            <p class="who">{format!("#{id} by {} on “{}”", pick.author, pick.title)}</p>
            <p class="text">{pick.body}</p>
            <form method="post" action="/admin/feature">
                <input type="hidden" name="csrf" value=csrf.to_owned() />
                <input type="hidden" name="comment" value=id.to_string() />
                <input type="hidden" name="on" value="0" />
                <button type="submit" aria-label=format!("Unfeature #{id}")>"Unfeature"</button>
            </form>
        </li>
    }
}

/// One ban in force, with its "Lift" button.
fn ban_row(ban: Ban, csrf: &str) -> impl IntoView + use<> {
    let who = match (ban.reader_name, ban.reader_site) {
        (Some(name), Some(site)) if !name.is_empty() => format!("{name} (signed in on {site})"),
        (_, Some(site)) => format!("A reader of {site} who erased their data"),
        _ => format!("Anonymous posts from the address of comment #{}", ban.comment_id.unwrap_or_default()),
    };
    let until = ban.ends_at.map_or_else(|| "for good".to_owned(), |until| format!("until {until}"));
    let id = ban.id;
    view! {
        <li class="ban">
            <p class="who">{who}</p>
            <p>{format!("{until} · by {} on {} · ", ban.created_by, ban.created_at)} {ban.reason}</p>
            <form method="post" action="/admin/lift">
                <input type="hidden" name="csrf" value=csrf.to_owned() />
                <input type="hidden" name="ban" value=id.to_string() />
                <button type="submit" aria-label=format!("Lift ban {id}")>"Lift"</button>
            </form>
        </li>
    }
}

/// The ban form for the author of `comment` (or why there is none).
pub fn ban_page(csrf: &str, comment: Option<&ToJudge>, lengths: &[u32]) -> String {
    let Some(c) = comment else {
        return document(
            "Ban",
            view! {
                <main>
                    <h1>"Ban"</h1>
                    <p class="error" role="alert">"No such comment (or it was deleted)."</p>
                    <p><a href="/admin">"Back to moderation"</a></p>
                </main>
            },
        );
    };
    let whom = match (&c.site, c.has_address != 0) {
        (Some(site), _) => {
            format!("{}, signed in on {site}: their account is banned, wherever they post from.", c.author)
        }
        (None, true) => format!(
            "{}, anonymous: posts without sign-in from the address this comment came from are refused.",
            c.author
        ),
        (None, false) => "An anonymous reader whose address is no longer kept: nothing can be banned.".to_owned(),
    };
    let can_ban = c.site.is_some() || c.has_address != 0;
    let options = lengths
        .iter()
        .map(|&days| {
            let label = match days {
                0 => "For good".to_owned(),
                1 => "1 day".to_owned(),
                n => format!("{n} days"),
            };
            view! { <option value=days.to_string() selected=days == 7>{label}</option> }
        })
        .collect_view();
    let form = can_ban.then(|| {
        view! {
            <form method="post" action="/admin/ban" class="ban-form">
                <input type="hidden" name="csrf" value=csrf.to_owned() />
                <input type="hidden" name="comment" value=c.id.to_string() />
                <label>
                    "Reason (kept in the record)"
                    <input name="reason" required maxlength=MAX_BAN_REASON_CHARS.to_string() />
                </label>
                <label>"How long" <select name="days">{options}</select></label>
                <button type="submit">"Ban"</button>
            </form>
        }
    });
    document(
        "Ban",
        view! {
            <main>
                <h1>{format!("Ban the author of #{}", c.id)}</h1>
                <p class="where">{format!("On “{}” · {}", c.title, c.created_at)}</p>
                <blockquote class="parent"><p class="who">{c.author.clone()}</p><p class="text">{c.body.clone()}</p></blockquote>
                <p>{whom}</p>
                {form}
                <p><a href="/admin">"Back to moderation"</a></p>
            </main>
        },
    )
}

const STYLE: &str = "
:root { color-scheme: light dark; font: 16px/1.5 system-ui, sans-serif; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; }
header { display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; border-bottom: 1px solid #8886; }
header h1 { margin: 0; font-size: 1.4rem; }
.sign-in { max-width: 22rem; margin: 4rem auto; }
.sign-in label { display: block; margin: .8rem 0; }
input:not([type=checkbox]) { display: block; width: 100%; box-sizing: border-box; padding: .4rem; font: inherit; }
button { font: inherit; padding: .3rem .8rem; cursor: pointer; }
:focus-visible { outline: 3px solid #2a6ae8; outline-offset: 2px; }
.error { color: #b00020; }
.done:empty { display: none; }
.done { background: #1a7f3722; padding: .5rem; }
.bulk { display: flex; gap: .5rem; flex-wrap: wrap; position: sticky; top: 0; background: Canvas; }
.items { list-style: none; padding: 0; }
.item { display: flex; gap: .8rem; align-items: flex-start; border-bottom: 1px solid #8884; padding: .8rem 0; }
.item input { margin-top: .4rem; width: 1.2rem; height: 1.2rem; }
.where { margin: 0; font-size: .9rem; }
.who { margin: .2rem 0 0; font-weight: 600; }
.text { margin: .2rem 0; white-space: pre-line; overflow-wrap: anywhere; }
.parent { margin: .4rem 0; padding-left: .8rem; border-left: 3px solid #8886; opacity: .85; }
.actions { display: flex; gap: .4rem; flex-wrap: wrap; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
.tag { font-size: .8rem; font-weight: 400; border: 1px solid #8888; border-radius: .3rem; padding: 0 .3rem; }
.bans { list-style: none; padding: 0; }
.ban { border-bottom: 1px solid #8884; padding: .5rem 0; }
.ban p { margin: .2rem 0; }
.find input { display: inline-block; width: auto; }
.ban-form label { display: block; margin: .8rem 0; }
select { font: inherit; padding: .3rem; }
th, td { text-align: left; padding: .2rem .5rem; border-bottom: 1px solid #8884; }
";

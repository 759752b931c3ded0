//! The `/admin` pages themselves: HTML rendered with Leptos's `view!`, which
//! escapes every text and attribute (comment text stays text), their
//! stylesheet, and the headers that keep them private, unframed and
//! script-free. Their words are the server's (`i18n/server/`, `admin-*` and
//! `did-*`), in the moderator's browser's language.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;

use crate::bans::Ban;
use crate::comments::{Pick, Queued, ToJudge};
use crate::moderation::{Decision, Logged, MAX_BAN_REASON_CHARS};
use crate::outbox::Failed;
use crate::words::{Lang, Text, text};
use encart::i18n::Text as WidgetText;
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
            (header::VARY, "Accept-Language, Cookie"),
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
    /// A bulk decision with no comment ticked.
    NoneTicked,
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
            "none-ticked" => Notice::NoneTicked,
            _ => return None,
        })
    }

    /// "2 comments approved.", "The author is banned."…
    pub fn message(self, lang: Lang) -> String {
        let key = match self {
            Notice::Decided(decision, count) => {
                let count = u64::from(count);
                return match decision {
                    Decision::Approve => lang.admin_approved(count),
                    Decision::Reject => lang.admin_rejected(count),
                    Decision::Spam => lang.admin_marked_spam(count),
                    Decision::Delete => lang.admin_deleted(count),
                };
            }
            Notice::PicksFull => return lang.admin_picks_full(MAX_PICKS as u64),
            Notice::Banned => Text::AdminNowBanned,
            Notice::NoAddress => Text::AdminNoAddress,
            Notice::Lifted => Text::AdminLifted,
            Notice::NotInForce => Text::AdminNotInForce,
            Notice::Featured => Text::AdminFeatured,
            Notice::Unfeatured => Text::AdminUnfeatured,
            Notice::NotPublished => Text::AdminNotPublished,
            Notice::NoneTicked => Text::AdminNoneTicked,
        };
        text(lang, key).to_owned()
    }
}

/// `/admin/style.css`.
pub async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css"), (header::CACHE_CONTROL, "public, max-age=300")], STYLE).into_response()
}

fn document(lang: Lang, title: Text, body: impl IntoView + 'static) -> String {
    let title = text(lang, title);
    let html = view! {
        <html lang=lang.tag() dir=encart::i18n::direction(lang.tag())>
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

pub fn sign_in_page(lang: Lang, csrf: &str, error: Option<&str>) -> String {
    let error = error.map(|e| view! { <p class="error" role="alert">{e.to_owned()}</p> });
    let t = |key| text(lang, key);
    document(
        lang,
        Text::AdminSignIn,
        view! {
            <main class="sign-in">
                <h1>{t(Text::AdminHeading)}</h1>
                {error}
                <form method="post" action="/admin/sign-in">
                    <input type="hidden" name="csrf" value=csrf.to_owned() />
                    <label>{t(Text::AdminName)} " " <input name="name" autocomplete="username" required autofocus /></label>
                    <label>
                        {t(Text::AdminPassword)} " "
                        <input name="password" type="password" autocomplete="current-password" required />
                    </label>
                    <button type="submit">{t(Text::AdminSignIn)}</button>
                </form>
            </main>
        },
    )
}

/// A form posted after the session ended, or from elsewhere.
pub fn stale_page(lang: Lang) -> String {
    error_page(lang, Text::AdminModeration, Text::AdminStaleForm)
}

/// A page titled `title` that says `error`, with the way back to the queue.
fn error_page(lang: Lang, title: Text, error: Text) -> String {
    let t = |key| text(lang, key);
    document(
        lang,
        title,
        view! {
            <main>
                <h1>{t(title)}</h1>
                <p class="error" role="alert">{t(error)}</p>
                <p><a href="/admin">{t(Text::AdminBack)}</a></p>
            </main>
        },
    )
}

/// What the moderation page shows.
pub struct Queue<'a> {
    pub lang: Lang,
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
    let Queue { lang, moderator, csrf, queue, awaiting, bans, picks, log, failed, notice } = page;
    let t = |key| text(lang, key);
    let done = notice.map(|notice| notice.message(lang));
    let csrf = csrf.to_owned();
    let ban_rows = bans.iter().cloned().map(|ban| ban_row(lang, ban, &csrf)).collect_view();
    let no_bans = bans.is_empty().then(|| view! { <p class="empty">{t(Text::AdminNoBan)}</p> });
    let pick_rows = picks.iter().cloned().map(|pick| pick_row(lang, pick, &csrf)).collect_view();
    let no_picks = picks.is_empty().then(|| view! { <p class="empty">{t(Text::AdminNoPick)}</p> });
    let feature_csrf = csrf.clone();
    let items = queue.iter().cloned().map(|q| item(lang, q)).collect_view();
    let empty = queue.is_empty().then(|| view! { <p class="empty">{t(Text::AdminNothingAwaits)}</p> });
    let log_rows = log
        .iter()
        .cloned()
        .map(|entry| {
            view! {
                <tr>
                    <td>{entry.created_at}</td>
                    <td>{entry.moderator}</td>
                    <td>{did(lang, &entry.action)}</td>
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
                <h2 id="failed">{t(Text::AdminFailed)}</h2>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t(Text::AdminQueued)}</th>
                            <th scope="col">{t(Text::AdminEvent)}</th>
                            <th scope="col">{t(Text::AdminWebhook)}</th>
                            <th scope="col">{t(Text::AdminAttempts)}</th>
                            <th scope="col">{t(Text::AdminLastError)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
        }
    });
    // The oldest first, a page at a time: deciding on them brings the next.
    let awaiting = u64::try_from(awaiting).unwrap_or_default();
    let shown = queue.len() as u64;
    let count =
        if awaiting > shown { lang.admin_awaiting_shown(awaiting, shown) } else { lang.admin_awaiting(awaiting) };
    document(
        lang,
        Text::AdminModeration,
        view! {
            <header>
                <h1>{t(Text::AdminModeration)}</h1>
                <p>{lang.admin_signed_in_as(&isolated(moderator))}</p>
                <form method="post" action="/admin/sign-out">
                    <input type="hidden" name="csrf" value=csrf.clone() />
                    <button type="submit">{t(Text::AdminSignOut)}</button>
                </form>
            </header>
            <main>
                <p role="status" class="done">{done}</p>
                <form method="post" action="/admin/moderate" class="queue">
                    <input type="hidden" name="csrf" value=csrf />
                    <h2>{count}</h2>
                    <fieldset class="bulk">
                        <legend>{t(Text::AdminWithTicked)}</legend>
                        <button type="submit" name="action" value="approve" accesskey="a">{t(Text::AdminApprove)}</button>
                        <button type="submit" name="action" value="reject" accesskey="r">{t(Text::AdminReject)}</button>
                        <button type="submit" name="action" value="spam" accesskey="s">{t(Text::AdminSpam)}</button>
                        <button type="submit" name="action" value="delete" accesskey="d">{t(Text::AdminDelete)}</button>
                    </fieldset>
                    {empty}
                    <ol class="items">{items}</ol>
                </form>
                <section aria-labelledby="bans">
                    <h2 id="bans">{t(Text::AdminBans)}</h2>
                    <form method="get" action="/admin/ban" class="find">
                        <label>
                            {t(Text::AdminBanWhich)} " " <input name="comment" inputmode="numeric" size="8" required />
                        </label>
                        <button type="submit">{t(Text::AdminNext)}</button>
                    </form>
                    {no_bans}
                    <ul class="bans">{ban_rows}</ul>
                </section>
                <section aria-labelledby="picks">
                    <h2 id="picks">{t(Text::AdminPicks)}</h2>
                    <p>{lang.admin_picks_line(MAX_PICKS as u64)}</p>
                    <form method="post" action="/admin/feature" class="find">
                        <input type="hidden" name="csrf" value=feature_csrf />
                        <input type="hidden" name="on" value="1" />
                        <label>
                            {t(Text::AdminFeatureWhich)} " " <input name="comment" inputmode="numeric" size="8" required />
                        </label>
                        <button type="submit">{t(Text::AdminFeature)}</button>
                    </form>
                    {no_picks}
                    <ul class="bans">{pick_rows}</ul>
                </section>
                {failed_section}
                <section>
                    <h2>{t(Text::AdminRecent)}</h2>
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{t(Text::AdminWhen)}</th>
                                <th scope="col">{t(Text::AdminWho)}</th>
                                <th scope="col">{t(Text::AdminDid)}</th>
                                <th scope="col">{t(Text::AdminComment)}</th>
                                <th scope="col">{t(Text::AdminArticle)}</th>
                            </tr>
                        </thead>
                        <tbody>{log_rows}</tbody>
                    </table>
                </section>
            </main>
        },
    )
}

/// `text` isolated from the sentence around it (between U+2068 and
/// U+2069, as Fluent's `useIsolating` does): a Latin name, title or date
/// keeps its own direction in an Arabic sentence, and the sentence its own.
fn isolated(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

/// A log entry's action (`approve`, `ban (7 days)`, `lift ban`…) in the
/// moderator's language; one the page does not know, as stored.
fn did(lang: Lang, action: &str) -> String {
    let key = match action {
        "approve" => Text::DidApprove,
        "reject" => Text::DidReject,
        "spam" => Text::DidSpam,
        "delete" => Text::DidDelete,
        "ban (for good)" => Text::DidBanForever,
        "lift ban" => Text::DidLift,
        "feature" => Text::DidFeature,
        "unfeature" => Text::DidUnfeature,
        "sign_in" => Text::DidSignIn,
        "sign_out" => Text::DidSignOut,
        other => {
            let days = other.strip_prefix("ban (").and_then(|rest| rest.strip_suffix(" days)"));
            return days.and_then(|days| days.parse().ok()).map_or_else(|| other.to_owned(), |days| lang.did_ban(days));
        }
    };
    text(lang, key).to_owned()
}

/// A report's reason (`off_topic`) as the widget's report form names it, in `lang`.
fn reason(lang: Lang, code: &str) -> String {
    let key = match code {
        "spam" => WidgetText::ReasonSpam,
        "abuse" => WidgetText::ReasonAbuse,
        "off_topic" => WidgetText::ReasonOffTopic,
        "other" => WidgetText::ReasonOther,
        other => return other.replace('_', " "),
    };
    encart::i18n::text(encart::i18n::Lang::get(lang.tag()), key).to_owned()
}

fn item(lang: Lang, q: Queued) -> impl IntoView {
    let t = |key| text(lang, key);
    let why = if q.status == "pending" {
        t(Text::AdminHeld).to_owned()
    } else if q.pending_body.is_some() {
        t(Text::AdminEdited).to_owned()
    } else {
        let reasons = q.reasons.unwrap_or_default();
        let reasons = reasons.split(',').map(|code| reason(lang, code.trim())).collect::<Vec<_>>().join(", ");
        lang.admin_reported(u64::try_from(q.reports).unwrap_or_default(), &reasons)
    };
    let parent = q.parent_body.map(|body| {
        view! {
            <blockquote class="parent">
                <p class="who">{lang.admin_in_reply_to(&isolated(&q.parent_author.unwrap_or_default()))}</p>
                <p class="text">{body}</p>
            </blockquote>
        }
    });
    let id = q.id;
    let number = id.to_string();
    let label = lang.admin_select(&q.author, &number);
    let verified = q.reader_id.map(|_| view! { <span class="tag">{t(Text::AdminSignedIn)}</span> });
    let button = move |action: &'static str, key: Text| {
        let shown = text(lang, key);
        view! {
            <button type="submit" name="one" value=format!("{action}:{id}") aria-label=format!("{shown} #{id}")>
                {shown}
            </button>
        }
    };
    view! {
        <li class="item" id=format!("c{id}")>
            <input type="checkbox" name="id" value=id.to_string() aria-label=label />
            <div class="content">
                <p class="where" title=q.slug>
                    {lang.admin_on_article(&number, &isolated(&q.title))} " · " <strong>{why}</strong>
                </p>
                {parent}
                <p class="who"><bdi>{q.author}</bdi> " · " <bdi>{q.created_at}</bdi> " " {verified}</p>
                <p class="text">{q.body}</p>
                {q.pending_body.map(|new| view! {
                    <p class="who">{t(Text::AdminNewText)}</p>
                    <p class="text">{new}</p>
                })}
                <div class="actions">
                    {button("approve", Text::AdminApprove)} {button("reject", Text::AdminReject)}
                    {button("spam", Text::AdminSpam)} {button("delete", Text::AdminDelete)}
                    <a href=format!("/admin/ban?comment={id}") aria-label=lang.admin_ban_author_of(&number)>
                        {t(Text::AdminBanAuthor)}
                    </a>
                </div>
            </div>
        </li>
    }
}

/// One pick, with its "Unfeature" button.
fn pick_row(lang: Lang, pick: Pick, csrf: &str) -> impl IntoView + use<> {
    let id = pick.id;
    let number = id.to_string();
    view! {
        <li class="ban">
            <p class="who">{lang.admin_pick(&isolated(&pick.author), &number, &isolated(&pick.title))}</p>
            <p class="text">{pick.body}</p>
            <form method="post" action="/admin/feature">
                <input type="hidden" name="csrf" value=csrf.to_owned() />
                <input type="hidden" name="comment" value=id.to_string() />
                <input type="hidden" name="on" value="0" />
                <button type="submit" aria-label=lang.admin_unfeature_which(&number)>
                    {text(lang, Text::AdminUnfeature)}
                </button>
            </form>
        </li>
    }
}

/// One ban in force, with its "Lift" button.
fn ban_row(lang: Lang, ban: Ban, csrf: &str) -> impl IntoView + use<> {
    let who = match (ban.reader_name, ban.reader_site) {
        (Some(name), Some(site)) if !name.is_empty() => lang.admin_banned_account(&isolated(&name), &isolated(&site)),
        (_, Some(site)) => lang.admin_banned_erased(&isolated(&site)),
        _ => lang.admin_banned_address(&ban.comment_id.unwrap_or_default().to_string()),
    };
    let until = ban
        .ends_at
        .map_or_else(|| text(lang, Text::AdminBanForever).to_owned(), |until| lang.admin_ban_until(&isolated(&until)));
    let id = ban.id;
    view! {
        <li class="ban">
            <p class="who">{who}</p>
            <p>
                {format!("{until} · {} · ", lang.admin_ban_by(&isolated(&ban.created_at), &isolated(&ban.created_by)))}
                <bdi>{ban.reason}</bdi>
            </p>
            <form method="post" action="/admin/lift">
                <input type="hidden" name="csrf" value=csrf.to_owned() />
                <input type="hidden" name="ban" value=id.to_string() />
                <button type="submit" aria-label=lang.admin_lift_which(&id.to_string())>
                    {text(lang, Text::AdminLift)}
                </button>
            </form>
        </li>
    }
}

/// The ban form for the author of `comment` (or why there is none).
pub fn ban_page(lang: Lang, csrf: &str, comment: Option<&ToJudge>, lengths: &[u32]) -> String {
    let t = |key| text(lang, key);
    let Some(c) = comment else { return error_page(lang, Text::AdminBan, Text::AdminNoComment) };
    let whom = match (&c.site, c.has_address != 0) {
        (Some(site), _) => lang.admin_whom_account(&isolated(&c.author), &isolated(site)),
        (None, true) => lang.admin_whom_address(&isolated(&c.author)),
        (None, false) => t(Text::AdminWhomNothing).to_owned(),
    };
    let can_ban = c.site.is_some() || c.has_address != 0;
    let options = lengths
        .iter()
        .map(|&days| {
            let label = if days == 0 { t(Text::AdminForGood).to_owned() } else { lang.admin_days(u64::from(days)) };
            view! { <option value=days.to_string() selected=days == 7>{label}</option> }
        })
        .collect_view();
    let form = can_ban.then(|| {
        view! {
            <form method="post" action="/admin/ban" class="ban-form">
                <input type="hidden" name="csrf" value=csrf.to_owned() />
                <input type="hidden" name="comment" value=c.id.to_string() />
                <label>
                    {t(Text::AdminReason)}
                    <input name="reason" required maxlength=MAX_BAN_REASON_CHARS.to_string() />
                </label>
                <label>{t(Text::AdminHowLong)} " " <select name="days">{options}</select></label>
                <button type="submit">{t(Text::AdminBan)}</button>
            </form>
        }
    });
    document(
        lang,
        Text::AdminBan,
        view! {
            <main>
                <h1>{lang.admin_ban_author_of(&c.id.to_string())}</h1>
                <p class="where">{lang.admin_on(&isolated(&c.created_at), &isolated(&c.title))}</p>
                <blockquote class="parent"><p class="who">{c.author.clone()}</p><p class="text">{c.body.clone()}</p></blockquote>
                <p>{whom}</p>
                {form}
                <p><a href="/admin">{t(Text::AdminBack)}</a></p>
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
.text { margin: .2rem 0; white-space: pre-line; overflow-wrap: anywhere; unicode-bidi: plaintext; }
.parent { margin: .4rem 0; padding-inline-start: .8rem; border-inline-start: 3px solid #8886; opacity: .85; }
.actions { display: flex; gap: .4rem; flex-wrap: wrap; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
.tag { font-size: .8rem; font-weight: 400; border: 1px solid #8888; border-radius: .3rem; padding: 0 .3rem; }
.bans { list-style: none; padding: 0; }
.ban { border-bottom: 1px solid #8884; padding: .5rem 0; }
.ban p { margin: .2rem 0; }
.find input { display: inline-block; width: auto; }
.ban-form label { display: block; margin: .8rem 0; }
select { font: inherit; padding: .3rem; }
th, td { text-align: start; padding: .2rem .5rem; border-bottom: 1px solid #8884; }
";

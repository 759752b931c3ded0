//! The `/admin` pages themselves: HTML rendered with Leptos's `view!`, which
//! escapes every text and attribute (comment text stays text), their
//! stylesheet, and the headers that keep them private, unframed and
//! script-free.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;

use crate::comments::Queued;
use crate::moderation::{Decision, Logged};

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

/// The confirmation of a decision: "2 comments approved."
pub fn done_message(decision: Decision, count: u32) -> String {
    let verb = match decision {
        Decision::Approve => "approved",
        Decision::Reject => "rejected",
        Decision::Spam => "marked as spam",
        Decision::Delete => "deleted",
    };
    format!("{count} comment{} {verb}.", if count == 1 { "" } else { "s" })
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

pub fn queue_page(
    moderator: &str,
    csrf: &str,
    queue: &[Queued],
    awaiting: i64,
    log: &[Logged],
    done: Option<String>,
) -> String {
    let csrf = csrf.to_owned();
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
                <p class="who">{format!("{} · {}", q.author, q.created_at)}</p>
                <p class="text">{q.body}</p>
                <div class="actions">
                    {button("approve", "Approve")} {button("reject", "Reject")} {button("spam", "Spam")}
                    {button("delete", "Delete")}
                </div>
            </div>
        </li>
    }
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
th, td { text-align: left; padding: .2rem .5rem; border-bottom: 1px solid #8884; }
";

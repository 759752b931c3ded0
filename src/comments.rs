//! The discussion under the article: count, threads, "show more", and the
//! forms to comment and to reply.

use encart_api_types::{Comment, ReportReason, Sort, check_body, edit_window_end, parse_utc_millis};
use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::discussion::{Discussion, FormState, Mark, Reporting};
use crate::form::{CommentForm, Draft, Identity, MAIN_FORM, Submit, Typed, badges};
use crate::i18n::{
    Lang, Text, body_error, comments_heading, error_text, exact_time, new_comments, relative_time, text,
};
use crate::links::{self, Piece};
use crate::load::Load;
use crate::reader::heading;
use crate::retry::{Retry, Shape, failed};

/// What the discussion's buttons do.
#[derive(Clone, Copy)]
pub struct Actions {
    pub retry: Callback<()>,
    pub load_more: Callback<()>,
    pub submit: Submit,
    /// Erase the reader's own comment with this id.
    pub delete: Callback<String>,
    /// Report this comment to the moderators, for this reason.
    pub report: Callback<(String, ReportReason)>,
    /// The signed-in reader signs out.
    pub sign_out: Callback<()>,
    /// Recommend this comment (`true`), or no longer; the count it was listed with.
    pub recommend: Callback<(String, bool, u32)>,
    /// The reader's comment with this id now reads so.
    pub edit: Callback<(String, String)>,
    /// The reader chose this order for the thread.
    pub sort: Callback<Sort>,
    /// The reader asked to see the comments published since the thread loaded.
    pub show_arrivals: Callback<()>,
}

/// Everything a comment's view needs besides the comment itself.
#[derive(Clone, Copy)]
struct Context {
    discussion: Discussion,
    lang: Lang,
    now_ms: Signal<i64>,
    submit: Submit,
    delete: Callback<String>,
    report: Callback<(String, ReportReason)>,
    recommend: Callback<(String, bool, u32)>,
    edit: Callback<(String, String)>,
    /// The comment whose reply form is open, if any.
    replying_to: RwSignal<Option<String>>,
    reply_draft: Draft,
    identity: Identity,
}

#[component]
pub fn CommentsSection(
    discussion: Discussion,
    lang: Lang,
    now_ms: Signal<i64>,
    actions: Actions,
    /// What the main form holds at first (the name the reader last
    /// commented under, or what they typed before the widget ran).
    typed: Typed,
    /// Level of the discussion's heading (the form's is one below).
    #[prop(default = 3)]
    heading_level: u8,
) -> impl IntoView {
    let reply_draft = Draft::new(Typed { author: typed.author.clone(), ..Typed::default() });
    let main_draft = Draft::new(typed);
    let identity =
        Identity { reader: discussion.reader, commenting: discussion.commenting, sign_out: actions.sign_out };
    let context = Context {
        identity,
        discussion,
        lang,
        now_ms,
        submit: actions.submit,
        delete: actions.delete,
        report: actions.report,
        recommend: actions.recommend,
        edit: actions.edit,
        replying_to: RwSignal::new(None),
        reply_draft,
    };
    let list = move || match discussion.first_page.get() {
        Load::Loading => EitherOf3::A(view! {
            <p class="status" role="status">{text(lang, Text::LoadingComments)}</p>
        }),
        Load::Failed(err) => EitherOf3::B(view! {
            {failed(&err, lang, Retry::Click(actions.retry), Shape::Block("error"), None)}
        }),
        Load::Ready(()) => EitherOf3::C(view! {
            {move || picks(discussion, lang, heading_level + 1)}
            // Over the thread's top, taking no room: what arrives moves nothing.
            <div class="arrivals" role="status">
                {move || {
                    let count = discussion.arrivals.with(Vec::len);
                    (count > 0).then(|| view! {
                        <button type="button" class="new-comments" on:click=move |_| actions.show_arrivals.run(())>
                            {new_comments(lang, count)}
                        </button>
                    })
                }}
            </div>
            <ol class="thread">
                {move || discussion.comments.get().into_iter().map(|c| comment_view(c, context)).collect_view()}
            </ol>
            {move || discussion.next.get().map(|_| more_button(discussion, lang, actions.load_more))}
        }),
    };
    view! {
        <section class="comments" aria-labelledby="encart-comments-heading">
            {heading(
                heading_level,
                "comments-heading",
                Some("encart-comments-heading"),
                move || comments_heading(lang, discussion.total.get()),
            )}
            <div class="new-comment">
                {heading(heading_level + 1, "form-heading", None, text(lang, Text::LeaveComment))}
                <CommentForm
                    draft=main_draft
                    parent=None
                    lang
                    identity
                    on_submit=actions.submit
                    id_prefix=MAIN_FORM.into()
                />
            </div>
            {move || discussion.comments.with(|c| c.len() > 1).then(|| sort_control(discussion, lang, actions.sort))}
            {list}
        </section>
    }
}

/// The order of the thread, a native `select` (the reader's choice is
/// remembered by the wiring); shown once there are comments to order (those
/// shown: comments arriving move nothing until the reader shows them).
fn sort_control(discussion: Discussion, lang: Lang, choose: Callback<Sort>) -> impl IntoView {
    let options = Sort::ALL
        .into_iter()
        .map(|sort| {
            let label = match sort {
                Sort::Newest => Text::SortNewest,
                Sort::Oldest => Text::SortOldest,
                Sort::Recommended => Text::SortRecommended,
            };
            let selected = move || discussion.sort.get().unwrap_or_default() == sort;
            view! { <option value=sort.as_str() selected=selected>{text(lang, label)}</option> }
        })
        .collect_view();
    view! {
        <p class="sort">
            <label for="encart-sort">{text(lang, Text::SortBy)}</label>
            <select
                id="encart-sort"
                on:change=move |ev| {
                    if let Some(sort) = Sort::parse(&event_target_value(&ev)) {
                        choose.run(sort);
                    }
                }
            >
                {options}
            </select>
        </p>
    }
}

/// "Newsroom picks": the comments a moderator featured, above the thread
/// (they stay in it too), without actions.
fn picks(discussion: Discussion, lang: Lang, level: u8) -> Option<impl IntoView + use<>> {
    let picks = discussion.picks.get();
    (!picks.is_empty()).then(|| {
        let items = picks
            .into_iter()
            .map(|Comment { id, author, body, verified, staff, .. }| {
                view! {
                    <li class="pick" data-id=id>
                        <p class="comment-body">{linked(&body)}</p>
                        <p class="comment-meta">
                            <span class="comment-author">{author}</span>
                            {badges(lang, verified, staff)}
                        </p>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="picks" aria-labelledby="encart-picks-heading">
                {heading(level, "picks-heading", Some("encart-picks-heading"), text(lang, Text::Picks))}
                <ul>{items}</ul>
            </section>
        }
    })
}

fn more_button(discussion: Discussion, lang: Lang, load_more: Callback<()>) -> impl IntoView {
    let failed = move || match discussion.more.get() {
        Load::Failed(err) => Some(view! { <p class="field-error" role="alert">{error_text(lang, &err)}</p> }),
        _ => None,
    };
    view! {
        <div class="more">
            {failed}
            <button
                type="button"
                class="load-more"
                disabled=move || matches!(discussion.more.get(), Load::Loading)
                on:click=move |_| load_more.run(())
            >
                {text(lang, Text::LoadMore)}
            </button>
        </div>
    }
}

/// One comment, its reply form when open, and its replies.
fn comment_view(comment: Comment, cx: Context) -> AnyView {
    let Comment { id, author, body, created, replies, deleted, verified, staff, recommends, edited, .. } = comment;
    let replies = (!replies.is_empty()).then(|| {
        view! { <ol class="replies">{replies.into_iter().map(|c| comment_view(c, cx)).collect_view()}</ol> }
    });
    if deleted {
        return view! {
            <li class="comment deleted" data-id=id>
                <p class="comment-deleted">{text(cx.lang, Text::CommentDeleted)}</p>
                {replies}
            </li>
        }
        .into_any();
    }
    let created_ms = parse_utc_millis(&created).ok();
    let when = created_ms.map(|ms| {
        view! {
            <time datetime=created.clone() title=exact_time(cx.lang, ms)>
                {move || relative_time(cx.lang, ms, cx.now_ms.get())}
            </time>
        }
    });
    let mark = cx.discussion.mark_of(&id).map(|mark| {
        let (class, words) = match mark {
            Mark::Sending => ("mark sending", text(cx.lang, Text::Sending)),
            Mark::AwaitingModeration => ("mark pending", text(cx.lang, Text::AwaitingModeration)),
        };
        view! { <span class=class>{words}</span> }
    });
    // Only published comments can be answered.
    let can_reply = mark.is_none();
    let reply_button = can_reply.then(|| {
        let id = id.clone();
        view! {
            <button
                type="button"
                class="reply"
                on:click=move |_| {
                    cx.reply_draft.state.set(FormState::Editing);
                    cx.replying_to.set(Some(id.clone()));
                }
            >
                {text(cx.lang, Text::Reply)}
            </button>
        }
    });
    let form_id = id.clone();
    let reply_form = move || {
        // Open on this comment, until its reply is posted.
        let open = cx.replying_to.get().as_deref() == Some(form_id.as_str())
            && !matches!(cx.reply_draft.state.get(), FormState::Posted { .. });
        open.then(|| {
            view! {
                <CommentForm
                    draft=cx.reply_draft
                    parent=Some(form_id.clone())
                    lang=cx.lang
                    identity=cx.identity
                    on_submit=cx.submit
                    on_cancel=Callback::new(move |()| cx.replying_to.set(None))
                    id_prefix=format!("encart-reply-{form_id}")
                />
            }
        })
    };
    let own = cx.discussion.own.with(|own| own.contains(&id));
    let delete_controls = own.then(|| delete_controls(id.clone(), cx));
    let edited = edited.then(|| view! { <span class="mark edited">{text(cx.lang, Text::Edited)}</span> });
    // Its author may edit it for a while after posting.
    let edit_button = created_ms.filter(|_| own && !deleted).map(|posted| {
        let (id, body) = (id.clone(), body.clone());
        let until = edit_window_end(posted);
        move || {
            let (id, body) = (id.clone(), body.clone());
            (cx.now_ms.get() < until).then(|| {
                view! {
                    <button
                        type="button"
                        class="edit"
                        on:click=move |_| {
                            cx.discussion.edit_text.set(body.clone());
                            cx.discussion.editing.set(Some((id.clone(), Load::Ready(()))));
                        }
                    >
                        {text(cx.lang, Text::Edit)}
                    </button>
                }
            })
        }
    });
    let body = body_or_editor(id.clone(), body, cx);
    // Others' published comments can be recommended and reported.
    let recommend_button = (!own && can_reply).then(|| recommend_button(id.clone(), recommends, cx));
    let report_controls = (!own && can_reply).then(|| report_controls(id.clone(), cx));
    view! {
        <li class="comment" data-id=id>
            <article>
                <header class="comment-meta">
                    <span class="comment-author">{author}</span>
                    {badges(cx.lang, verified, staff)}
                    {when}
                    {mark}
                    {edited}
                </header>
                {body}
                <div class="comment-actions">
                    {recommend_button} {reply_button} {edit_button} {delete_controls} {report_controls}
                </div>
            </article>
            {reply_form}
            {replies}
        </li>
    }
    .into_any()
}

/// A comment's text, and, while its author edits it, the editor in its
/// place (the text hidden, not dropped: the first view's nodes stay): the
/// text in a box, "Save" and "Cancel", what went wrong. An edit that awaits
/// a moderator says so under the published text.
fn body_or_editor(id: String, body: String, cx: Context) -> impl IntoView {
    let lang = cx.lang;
    let (editing, edit_text) = (cx.discussion.editing, cx.discussion.edit_text);
    let this = id.clone();
    let state = move || editing.with(|e| e.as_ref().filter(|(e, _)| *e == this).map(|(_, s)| s.clone()));
    let open = {
        let state = state.clone();
        move || state().is_some()
    };
    let waiting = {
        let id = id.clone();
        move || waits(cx, &id).then(|| view! { <p class="form-status" role="status">{text(lang, Text::EditWaits)}</p> })
    };
    let editor = move || {
        let load = state()?;
        let field = format!("encart-edit-{id}");
        let error = move || match check_body(&edit_text.get()) {
            Err(e) => Some(body_error(lang, e)),
            Ok(()) => None,
        };
        let failure = match &load {
            Load::Failed(err) => Some(failed(err, lang, Retry::Submit, Shape::Block("form-error"), None)),
            _ => None,
        };
        let sending = matches!(load, Load::Loading);
        let save = {
            let id = id.clone();
            move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                if check_body(&edit_text.get_untracked()).is_ok() {
                    cx.edit.run((id.clone(), edit_text.get_untracked()));
                }
            }
        };
        Some(view! {
            <form class="comment-form edit-form" novalidate on:submit=save>
                <div class="field">
                    <label for=field.clone()>{text(lang, Text::EditLabel)}</label>
                    <textarea
                        id=field.clone()
                        rows="4"
                        aria-describedby=format!("{field}-error")
                        prop:value=move || edit_text.get()
                        on:input=move |ev| edit_text.set(event_target_value(&ev))
                    ></textarea>
                    <p class="field-error" id=format!("{field}-error")>{error}</p>
                </div>
                {failure}
                <div class="form-actions">
                    <button type="submit" class="submit" disabled=sending>{text(lang, Text::Save)}</button>
                    <button type="button" class="secondary" on:click=move |_| editing.set(None)>
                        {text(lang, Text::Cancel)}
                    </button>
                </div>
            </form>
        })
    };
    view! {
        <p class="comment-body" hidden=open>{linked(&body)}</p>
        {waiting}
        {editor}
    }
}

/// Whether the reader's edit of comment `id` was sent and awaits a moderator.
fn waits(cx: Context, id: &str) -> bool {
    cx.discussion.edit_waits.with(|w| w.iter().any(|w| w == id))
}

/// "Delete" on the reader's own comment, then "sure?", then progress.
fn delete_controls(id: String, cx: Context) -> impl IntoView {
    let lang = cx.lang;
    let deleting = cx.discussion.deleting;
    let this = id.clone();
    let state = move || deleting.with(|d| d.as_ref().filter(|(d, _)| *d == this).map(|(_, s)| s.clone()));
    move || {
        let id = id.clone();
        match state() {
            None => view! {
                <button type="button" class="delete" on:click=move |_| deleting.set(Some((id.clone(), Load::Ready(())))) >
                    {text(lang, Text::Delete)}
                </button>
            }
            .into_any(),
            Some(Load::Ready(())) => view! {
                <span class="confirm" role="group" aria-label=text(lang, Text::ConfirmDelete)>
                    {text(lang, Text::ConfirmDelete)} " "
                    <button type="button" class="confirm-delete" on:click=move |_| cx.delete.run(id.clone())>
                        {text(lang, Text::YesDelete)}
                    </button> " "
                    <button type="button" class="secondary" on:click=move |_| deleting.set(None)>
                        {text(lang, Text::Cancel)}
                    </button>
                </span>
            }
            .into_any(),
            Some(Load::Loading) => view! { <span class="status" role="status">{text(lang, Text::Deleting)}</span> }.into_any(),
            Some(Load::Failed(err)) => {
                let again = Callback::new(move |()| cx.delete.run(id.clone()));
                failed(&err, lang, Retry::Click(again), Shape::Inline, None).into_any()
            }
        }
    }
}

/// "Report" on someone else's comment, then the reasons, then progress and thanks.
fn report_controls(id: String, cx: Context) -> impl IntoView {
    let lang = cx.lang;
    let (reporting, reported) = (cx.discussion.reporting, cx.discussion.reported);
    let this = id.clone();
    let state = move || reporting.with(|r| r.as_ref().filter(|(r, _)| *r == this).map(|(_, s)| s.clone()));
    move || {
        let id = id.clone();
        if reported.with(|done| done.contains(&id)) {
            return view! { <span class="status reported" role="status">{text(lang, Text::Reported)}</span> }
                .into_any();
        }
        match state() {
            None => view! {
                <button
                    type="button"
                    class="report"
                    on:click=move |_| reporting.set(Some((id.clone(), Reporting::Choosing)))
                >
                    {text(lang, Text::Report)}
                </button>
            }
            .into_any(),
            Some(Reporting::Choosing) => {
                let reason = move |reason: ReportReason, key: Text| {
                    let id = id.clone();
                    view! {
                        <button type="button" class="report-reason secondary" on:click=move |_| cx.report.run((id.clone(), reason))>
                            {text(lang, key)}
                        </button>
                    }
                };
                view! {
                    <span class="confirm" role="group" aria-label=text(lang, Text::ReportWhy)>
                        {text(lang, Text::ReportWhy)} " "
                        {reason(ReportReason::Spam, Text::ReasonSpam)} " "
                        {reason(ReportReason::Abuse, Text::ReasonAbuse)} " "
                        {reason(ReportReason::OffTopic, Text::ReasonOffTopic)} " "
                        {reason(ReportReason::Other, Text::ReasonOther)} " "
                        <button type="button" class="secondary" on:click=move |_| reporting.set(None)>
                            {text(lang, Text::Cancel)}
                        </button>
                    </span>
                }
                .into_any()
            }
            Some(Reporting::Sending) => {
                view! { <span class="status" role="status">{text(lang, Text::Sending)}</span> }.into_any()
            }
            Some(Reporting::Failed(reason, err)) => {
                let again = Callback::new(move |()| cx.report.run((id.clone(), reason)));
                failed(&err, lang, Retry::Click(again), Shape::Inline, None).into_any()
            }
        }
    }
}

/// "Recommend (3)", pressed when the reader recommends the comment; a
/// press shows at once, and is undone with a message if the API refuses it.
fn recommend_button(id: String, listed: u32, cx: Context) -> impl IntoView {
    let lang = cx.lang;
    let discussion = cx.discussion;
    let (this, that) = (id.clone(), id.clone());
    let pressed = move || discussion.recommended.with(|r| r.contains(&this));
    let label = move || match discussion.recommends(&that, listed) {
        0 => text(lang, Text::Recommend).to_owned(),
        n => format!("{} ({n})", text(lang, Text::Recommend)),
    };
    // Pressing it: the other way from how it stands.
    let press = {
        let id = id.clone();
        Callback::new(move |()| {
            cx.recommend.run((id.clone(), !discussion.recommended.with_untracked(|r| r.contains(&id)), listed));
        })
    };
    let failure = move || {
        let err = discussion.recommending.with(|r| match r {
            Some((failed_id, Load::Failed(err))) if *failed_id == id => Some(err.clone()),
            _ => None,
        })?;
        Some(failed(&err, lang, Retry::Click(press), Shape::Inline, None))
    };
    // Where only signed-in readers take part, the others see the count only.
    let closed = move || discussion.commenting.with(|c| c.sign_in_required) && discussion.reader.with(Option::is_none);
    view! {
        <button
            type="button"
            class="recommend"
            disabled=closed
            aria-pressed=move || pressed().to_string()
            on:click=move |_| press.run(())
        >
            {label}
        </button>
        {failure}
    }
}

/// A reader's text, its web addresses as links (`links.rs`): text nodes and
/// `a` elements only, whose address is the text shown. Opened apart from
/// the partner's page; `nofollow ugc` for search engines, no `opener` or
/// referrer for the site linked.
fn linked(body: &str) -> Vec<AnyView> {
    links::pieces(body)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.to_owned().into_any(),
            Piece::Link(address) => view! {
                <a href=address.to_owned() rel="nofollow ugc noopener noreferrer" target="_blank">
                    {address.to_owned()}
                </a>
            }
            .into_any(),
        })
        .collect()
}

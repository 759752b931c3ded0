//! The comment form: name (or, for a reader their site signed in, whom they
//! comment as), comment, a hidden honeypot, client-side checks with the
//! server's own rules, and what became of the last post. Where the site lets
//! only signed-in readers comment, an invitation to sign in instead.

use encart_api_types::{Commenting, FieldErrors, NewComment, Reader};
use leptos::either::Either;
use leptos::prelude::*;

use crate::discussion::FormState;
use crate::i18n::{Lang, Text, author_error, body_error, email_error, text};
use crate::retry::{Retry, Shape, failed};

/// What the reader typed. Owned outside the form's view, so re-rendering the
/// thread around an open reply form never loses a word.
#[derive(Clone, Copy)]
pub struct Draft {
    pub author: RwSignal<String>,
    pub body: RwSignal<String>,
    pub website: RwSignal<String>,
    /// "Tell me when someone answers", and an anonymous reader's address for it.
    pub notify: RwSignal<bool>,
    pub email: RwSignal<String>,
    pub state: RwSignal<FormState>,
    /// The Idempotency-Key of the post under way, kept across retries until
    /// one succeeds, so a retry after a lost answer never posts twice.
    pub idempotency_key: RwSignal<Option<String>>,
}

/// What a form's fields hold when the widget starts: the remembered name,
/// or what the reader typed into the server-rendered form before the wasm ran.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Typed {
    pub author: String,
    pub body: String,
    /// The honeypot, kept as typed so a bot's post is still refused.
    pub website: String,
    pub notify: bool,
    pub email: String,
}

impl Draft {
    pub fn new(typed: Typed) -> Self {
        Draft {
            author: RwSignal::new(typed.author),
            body: RwSignal::new(typed.body),
            website: RwSignal::new(typed.website),
            notify: RwSignal::new(typed.notify),
            email: RwSignal::new(typed.email),
            state: RwSignal::new(FormState::Editing),
            idempotency_key: RwSignal::new(None),
        }
    }
}

/// A submitted comment and where the form wants to hear how it went.
pub type Submit = Callback<(NewComment, Draft)>;

/// Who comments, as the forms show it.
#[derive(Clone, Copy)]
pub struct Identity {
    /// The reader their site signed in, if any.
    pub reader: RwSignal<Option<Reader>>,
    /// How the article's site lets readers comment.
    pub commenting: RwSignal<Commenting>,
    /// The reader's "Sign out".
    pub sign_out: Callback<()>,
}

/// The form. `parent` is the comment answered; `on_cancel` closes a reply form.
/// The `id_prefix` of the form under the article (replies have their own).
pub const MAIN_FORM: &str = "encart-new";

/// The id of `field` (`author`, `body`) in the form of `id_prefix`.
pub fn field_id(id_prefix: &str, field: &str) -> String {
    format!("{id_prefix}-{field}")
}

#[component]
pub fn CommentForm(
    draft: Draft,
    parent: Option<String>,
    lang: Lang,
    identity: Identity,
    on_submit: Submit,
    #[prop(optional)] on_cancel: Option<Callback<()>>,
    /// Distinguishes the ids of several forms in one shadow root.
    /// The start of the ids of its fields ([`field_id`]).
    id_prefix: String,
) -> impl IntoView {
    let Draft { author, body, website, notify, email, state, .. } = draft;
    let field_errors = move || match state.get() {
        FormState::Refused(fields) => fields,
        _ => FieldErrors::default(),
    };
    // Answers by e-mail: where the server sends e-mail, to an address the
    // reader gives or, signed in, their site's.
    let can_notify = move || {
        identity.commenting.with(|c| c.notifications)
            && identity.reader.with(|r| r.as_ref().is_none_or(|r| r.email.is_some()))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if state.get_untracked() == FormState::Sending {
            return;
        }
        // A signed-in reader comments under their account's name.
        let name = identity.reader.with_untracked(|r| r.as_ref().map(|r| r.name.clone()));
        let comment = NewComment {
            notify: can_notify() && notify.get_untracked(),
            email: if name.is_some() { String::new() } else { email.get_untracked() },
            author: name.unwrap_or_else(|| author.get_untracked()),
            body: body.get_untracked(),
            parent: parent.clone(),
            website: website.get_untracked(),
            page: String::new(),
        };
        match comment.validate() {
            Ok(()) => on_submit.run((comment, draft)),
            Err(fields) => state.set(FormState::Refused(fields)),
        }
    };
    let (author_id, body_id, author_err_id, body_err_id) = (
        field_id(&id_prefix, "author"),
        field_id(&id_prefix, "body"),
        format!("{id_prefix}-author-error"),
        format!("{id_prefix}-body-error"),
    );
    let (notify_id, email_id, email_err_id) =
        (field_id(&id_prefix, "notify"), field_id(&id_prefix, "email"), format!("{id_prefix}-email-error"));
    let email_error_text = move || field_errors().email.map(|e| email_error(lang, e));
    let author_error_text = move || field_errors().author.map(|e| author_error(lang, e));
    let body_error_text = move || field_errors().body.map(|e| body_error(lang, e));
    let outcome = move || match state.get() {
        FormState::Failed(err) => Some(Either::Left(view! {
            {failed(&err, lang, Retry::Submit, Shape::Block("form-error"), Some(Text::PostFailed))}
        })),
        FormState::Posted { awaiting_moderation } => Some(Either::Right(view! {
            <p class="form-status" role="status">
                {if awaiting_moderation { text(lang, Text::AwaitingModeration) } else { text(lang, Text::Posted) }}
            </p>
        })),
        _ => None,
    };
    // Who comments: the signed-in reader, or a name to type (with a way to
    // sign in, where the site has one). Both are always there, one hidden:
    // the first view is the same for every reader, and a static structure
    // costs the module less than views swapped in and out.
    let signed_in = move || identity.reader.with(Option::is_some);
    let reader_name = move || identity.reader.with(|r| r.as_ref().map(|r| r.name.clone()).unwrap_or_default());
    let staff = move || identity.reader.with(|r| r.as_ref().is_some_and(|r| r.staff));
    let sign_in_url = move || identity.commenting.with(|c| c.sign_in_url.clone());
    let no_sign_in = move || identity.commenting.with(|c| c.sign_in_url.is_none());
    // Only the site's signed-in readers may comment, and this one is not
    // (yet): an invitation to sign in, and the form hidden (not dropped:
    // signing in shows it as it was).
    let closed = move || identity.commenting.with(|c| c.sign_in_required) && !signed_in();
    let verified = text(lang, Text::Verified);
    view! {
        <p class="sign-in-needed" hidden=move || !closed()>
            {text(lang, Text::SignInToComment)} " "
            <a class="sign-in" href=sign_in_url hidden=no_sign_in>{text(lang, Text::SignIn)}</a>
        </p>
        <form class="comment-form" novalidate hidden=closed on:submit=submit>
            <p class="signed-in" hidden=move || !signed_in()>
                {text(lang, Text::CommentingAs)} " " <strong class="comment-author" prop:textContent=reader_name></strong>
                <span class="verified" role="img" aria-label=verified title=verified></span>
                <span class="badge" hidden=move || !staff()>{text(lang, Text::Staff)}</span> " · "
                <button type="button" class="link sign-out" on:click=move |_| identity.sign_out.run(())>
                    {text(lang, Text::SignOut)}
                </button>
            </p>
            <div class="field" hidden=signed_in>
                <label for=author_id.clone()>{text(lang, Text::NameLabel)}</label>
                <input
                    id=author_id
                    name="author"
                    type="text"
                    autocomplete="nickname"
                    maxlength="200"
                    aria-invalid=move || author_error_text().is_some().to_string()
                    aria-describedby=author_err_id.clone()
                    prop:value=move || author.get()
                    on:input=move |ev| author.set(event_target_value(&ev))
                />
                <p class="field-error" id=author_err_id>{author_error_text}</p>
                <a class="sign-in" href=sign_in_url hidden=no_sign_in>{text(lang, Text::SignIn)}</a>
            </div>
            <div class="field">
                <label for=body_id.clone()>{text(lang, Text::CommentLabel)}</label>
                <textarea
                    id=body_id
                    name="body"
                    rows="4"
                    aria-invalid=move || body_error_text().is_some().to_string()
                    aria-describedby=body_err_id.clone()
                    prop:value=move || body.get()
                    on:input=move |ev| body.set(event_target_value(&ev))
                ></textarea>
                <p class="field-error" id=body_err_id>{body_error_text}</p>
            </div>
            <div class="field notify" hidden=move || !can_notify()>
                <label class="check">
                    <input
                        id=notify_id
                        name="notify"
                        type="checkbox"
                        prop:checked=move || notify.get()
                        on:change=move |ev| notify.set(event_target_checked(&ev))
                    />
                    {text(lang, Text::Notify)}
                </label>
                <div hidden=move || !notify.get() || signed_in()>
                    <label for=email_id.clone()>{text(lang, Text::EmailLabel)}</label>
                    <input
                        id=email_id
                        name="email"
                        type="email"
                        autocomplete="email"
                        maxlength="254"
                        aria-invalid=move || email_error_text().is_some().to_string()
                        aria-describedby=email_err_id.clone()
                        prop:value=move || email.get()
                        on:input=move |ev| email.set(event_target_value(&ev))
                    />
                    <p class="field-error" id=email_err_id>{email_error_text}</p>
                </div>
            </div>
            // The honeypot: out of sight and out of the tab order; bots fill it.
            <div class="honeypot" aria-hidden="true">
                <label>
                    {text(lang, Text::HoneypotLabel)}
                    <input
                        name="website"
                        type="text"
                        tabindex="-1"
                        autocomplete="off"
                        prop:value=move || website.get()
                        on:input=move |ev| website.set(event_target_value(&ev))
                    />
                </label>
            </div>
            {outcome}
            <div class="form-actions">
                <button type="submit" class="submit" disabled=move || state.get() == FormState::Sending>
                    {move || text(lang, if state.get() == FormState::Sending { Text::Posting } else { Text::Post })}
                </button>
                {on_cancel.map(|cancel| view! {
                    <button type="button" class="secondary" on:click=move |_| cancel.run(())>
                        {text(lang, Text::Cancel)}
                    </button>
                })}
            </div>
        </form>
    }
}

/// The marks after a name: "verified account" and the newsroom's badge.
pub fn badges(lang: Lang, verified: bool, staff: bool) -> impl IntoView + use<> {
    (
        verified.then(|| {
            let label = text(lang, Text::Verified);
            view! { <span class="verified" role="img" aria-label=label title=label></span> }
        }),
        staff.then(|| view! { <span class="badge">{text(lang, Text::Staff)}</span> }),
    )
}

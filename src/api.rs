//! The API client: the only module (with `entry.rs` and `storage.rs`) that
//! talks to the browser. URLs, status checks, encoding and decoding live here;
//! views never build URLs. The `load_*` and `post` actions run a request and
//! put its outcome in the signals the views read.

use encart_api_types::{
    Article, Comment, CommentEdit, CommentPage, EditedComment, ErrorBody, NewComment, NewRecommendation, NewReport,
    PendingComments, PendingQuery, PostedComment, Published, ReaderComments, Recommendation, ReportReason, Sort,
    Visibility, error_code,
};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::sync::Arc;

use send_wrapper::SendWrapper;

use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

use crate::discussion::{Discussion, FormState, Reporting};
use crate::form::Draft;
use crate::json::{self, FromJs, ToJs};
pub use crate::load::ApiError;
use crate::load::Load;
use crate::storage;

/// Comments asked for per page.
pub const PAGE_SIZE: u32 = encart_api_types::loader::FIRST_PAGE_SIZE;

/// The client of one widget: the API at `base`, about the article `slug`.
#[derive(Clone)]
pub struct ApiClient {
    base: String,
    slug: String,
    first: Arc<SendWrapper<Prefetched>>,
    auth: Arc<SendWrapper<Auth>>,
}

/// The reader's sign-in, as the page hands it (`data-auth-token`,
/// `encart.signIn`): kept in memory only, sent only with the requests made
/// as that reader, never with the shared reads.
#[derive(Default)]
struct Auth {
    token: RefCell<Option<String>>,
    /// A post refused because the token had expired: sent again, with the
    /// same Idempotency-Key, as soon as the page hands a fresh one.
    waiting: RefCell<Option<(NewComment, Draft)>>,
    /// Tells the page the token expired (`encart:auth-expired`).
    on_expired: RefCell<Option<Box<dyn Fn()>>>,
}

/// An open event stream (`ApiClient::listen`); dropping it closes it.
pub struct Live {
    source: web_sys::EventSource,
    _on_comment: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl Drop for Live {
    fn drop(&mut self) {
        self.source.close();
    }
}

/// The article and first-page requests `embed.js` started while the module
/// loaded (`fetch` promises), each used once, by the first load.
#[derive(Default)]
pub struct Prefetched {
    pub article: Cell<Option<Promise>>,
    pub comments: Cell<Option<Promise>>,
}

impl ApiClient {
    pub fn new(base: &str, slug: &str, first: Prefetched) -> Self {
        ApiClient {
            base: base.trim_end_matches('/').to_owned(),
            slug: slug.to_owned(),
            first: Arc::new(SendWrapper::new(first)),
            auth: Arc::new(SendWrapper::new(Auth::default())),
        }
    }

    /// What to do when the reader's token turns out to have expired.
    pub fn on_expired(&self, tell: impl Fn() + 'static) {
        *self.auth.on_expired.borrow_mut() = Some(Box::new(tell));
    }

    /// Keeps the reader's `token` for the requests to come (the widget is
    /// not running yet: [`ApiClient::load_own`] asks who they are).
    pub fn keep_token(&self, token: String) {
        *self.auth.token.borrow_mut() = Some(token);
    }

    fn token(&self) -> Option<String> {
        self.auth.token.borrow().clone()
    }

    /// What proves the reader wrote comment `id`: the edit token this
    /// browser kept when posting it, else their sign-in token.
    fn author_token(&self, id: &str) -> Option<String> {
        let edit_token = storage::own_comments(&self.slug).into_iter().find(|(own, _)| own == id).map(|(_, t)| t);
        edit_token.or_else(|| self.token())
    }

    fn expired(&self) {
        if let Some(tell) = &*self.auth.on_expired.borrow() {
            tell();
        }
    }

    /// Signs the reader in with `token` (or keeps it for [`ApiClient::load_me`]):
    /// who they are is asked of the API, and a post that waited for a fresh
    /// token goes.
    pub fn sign_in(&self, token: String, discussion: Discussion) {
        // From anonymous: what this browser pressed was not the reader's
        // (a renewed token keeps them: the same reader).
        if self.auth.token.borrow_mut().replace(token).is_none() {
            discussion.forget_presses();
        }
        self.load_me(discussion);
        let waiting = self.auth.waiting.borrow_mut().take();
        if let Some((comment, draft)) = waiting {
            self.post(comment, discussion, draft);
        }
    }

    /// Forgets the reader's token: the widget is anonymous again, with the
    /// comments this browser holds edit tokens for.
    pub fn sign_out(&self, discussion: Discussion) {
        *self.auth.token.borrow_mut() = None;
        self.auth.waiting.borrow_mut().take();
        discussion.reader.set(None);
        discussion.own.set(storage::own_comments(&self.slug).into_iter().map(|(id, _)| id).collect());
        discussion.forget_presses();
        discussion.set_recommended(storage::recommended(&self.slug));
    }

    /// Asks the API who the token's reader is, and which comments of this
    /// article are theirs (those awaiting moderation are shown to them).
    /// Per reader, so never from a shared cache.
    pub fn load_me(&self, discussion: Discussion) {
        let Some(token) = self.token() else { return };
        let url = format!("{}/api/v1/me/comments?article={}", self.base, js_sys::encode_uri_component(&self.slug));
        let client = self.clone();
        leptos::task::spawn_local(async move {
            let bearer = format!("Bearer {token}");
            let headers = [("Accept", "application/json"), ("Authorization", bearer.as_str())];
            match answer::<ReaderComments>(&url, send("GET", &url, &headers, None).await).await {
                // A token replaced meanwhile has its own answer coming.
                Ok(_) if client.token().as_ref() != Some(&token) => {}
                Ok(mine) => {
                    discussion.reader.set(Some(mine.reader));
                    discussion.set_recommended(mine.recommended);
                    discussion.own.update(|own| {
                        for mine in &mine.comments {
                            if !own.contains(&mine.comment.id) {
                                own.push(mine.comment.id.clone());
                            }
                        }
                    });
                    let pending = mine.comments.into_iter().filter(|c| c.visibility == Visibility::AwaitingModeration);
                    discussion.show_own_pending(pending.map(|c| c.comment).collect());
                }
                // Still the same reader, whose page is asked for a fresh token.
                Err(ApiError::SignInExpired) => client.expired(),
                Err(_) => discussion.reader.set(None),
            }
        });
    }

    fn article_url(&self) -> String {
        format!("{}/api/v1/articles/{}", self.base, js_sys::encode_uri_component(&self.slug))
    }

    fn comments_url(&self) -> String {
        format!("{}/comments", self.article_url())
    }

    pub async fn article(&self) -> Result<Article, ApiError> {
        let url = self.article_url();
        match self.first.article.take() {
            Some(started) => answer(&url, responded(JsFuture::from(started).await)).await,
            None => get_json(&url).await,
        }
    }

    /// A page of comments: the first in order `sort` (`None`: the site's),
    /// or the one after the cursor `after` (which knows its order).
    pub async fn comments(&self, after: Option<&str>, sort: Option<Sort>) -> Result<CommentPage, ApiError> {
        if after.is_none()
            && let Some(started) = self.first.comments.take()
        {
            return answer(&self.comments_url(), responded(JsFuture::from(started).await)).await;
        }
        let mut url = format!("{}?limit={PAGE_SIZE}", self.comments_url());
        if let Some(after) = after {
            url.push_str("&after=");
            url.push_str(&String::from(js_sys::encode_uri_component(after)));
        } else if let Some(sort) = sort {
            url.push_str("&sort=");
            url.push_str(sort.as_str());
        }
        get_json(&url).await
    }

    /// POSTs `comment`, as the signed-in reader of `token` if any; `key`
    /// makes the request safe to retry.
    pub async fn post_comment(
        &self,
        comment: &NewComment,
        key: &str,
        token: Option<&str>,
    ) -> Result<PostedComment, ApiError> {
        let url = self.comments_url();
        answer(&url, send_json("POST", &url, comment, Some(key), token).await).await
    }

    pub async fn own_pending(&self, tokens: Vec<String>) -> Result<PendingComments, ApiError> {
        post_json(&format!("{}/pending", self.comments_url()), &PendingQuery { tokens }, None).await
    }

    /// Erases the reader's own comment `id`, with the edit token kept when
    /// posting, else as the signed-in reader.
    pub fn delete(&self, id: String, discussion: Discussion) {
        let Some(token) = self.author_token(&id) else { return };
        discussion.deleting.set(Some((id.clone(), Load::Loading)));
        let client = self.clone();
        leptos::task::spawn_local(async move {
            let url = format!("{}/{}", client.comments_url(), js_sys::encode_uri_component(&id));
            match delete_with_token(&url, &token).await {
                // Already gone (deleted elsewhere) counts as done.
                Ok(()) | Err(ApiError::NotFound) => {
                    storage::forget_own(&client.slug, &id);
                    discussion.erase(&id);
                    discussion.deleting.set(None);
                }
                Err(err) => {
                    if err == ApiError::SignInExpired {
                        client.expired();
                    }
                    discussion.deleting.set(Some((id, Load::Failed(err))));
                }
            }
        });
    }

    /// Changes the text of the reader's own comment `id` to `body` (with its
    /// edit token, else as the signed-in reader). Shown once the API has
    /// it; where the site pre-moderates, the published text stays and the
    /// reader is told the new one awaits a moderator.
    pub fn edit(&self, id: String, body: String, discussion: Discussion) {
        let Some(token) = self.author_token(&id) else { return };
        discussion.editing.set(Some((id.clone(), Load::Loading)));
        let url = format!("{}/{}", self.comments_url(), js_sys::encode_uri_component(&id));
        let client = self.clone();
        leptos::task::spawn_local(async move {
            let sent = send_json("PATCH", &url, &CommentEdit { body }, None, Some(&token)).await;
            match answer::<EditedComment>(&url, sent).await {
                Ok(done) => {
                    let waits = done.visibility == Visibility::AwaitingModeration && discussion.mark_of(&id).is_none();
                    discussion.replace(done.comment);
                    discussion.editing.set(None);
                    if waits {
                        discussion.edit_waits.update(|w| w.push(id));
                    }
                }
                Err(err) => {
                    if err == ApiError::SignInExpired {
                        client.expired();
                    }
                    discussion.editing.set(Some((id, Load::Failed(err))));
                }
            }
        });
    }

    /// Recommends comment `id` (`on`), or no longer: shown at once, then
    /// as the API has it (it may say no: the reader's own comment, or one
    /// recommended from their address already); undone, with a message, if
    /// the request fails. As the signed-in reader, else with this browser's
    /// token (remembered for the next visit). `listed`: the count the
    /// comment was listed with.
    pub fn recommend(&self, id: String, on: bool, listed: u32, discussion: Discussion) {
        let token = self.token();
        // An anonymous reader's stand is this browser's to remember, at once
        // (the reader may leave before the answer).
        let (slug, anonymous) = (self.slug.clone(), token.is_none());
        let set = move |id: &str, on: bool| {
            discussion.set_recommends(id, on);
            if anonymous {
                storage::remember_recommended(&slug, &discussion.recommended.get_untracked());
            }
        };
        discussion.recommending.set(None);
        set(&id, on);
        let browser = if token.is_some() { None } else { storage::browser_token(new_idempotency_key) };
        let url = format!("{}/{}/recommendation", self.comments_url(), js_sys::encode_uri_component(&id));
        let client = self.clone();
        leptos::task::spawn_local(async move {
            let asked = NewRecommendation { recommended: on, browser };
            match answer::<Recommendation>(&url, send_json("POST", &url, &asked, None, token.as_deref()).await).await {
                Ok(done) => {
                    set(&id, done.recommended);
                    discussion.settle_recommends(&id, listed, done.recommends);
                }
                Err(err) => {
                    set(&id, !on);
                    if err == ApiError::SignInExpired {
                        client.expired();
                    }
                    discussion.recommending.set(Some((id, Load::Failed(err))));
                }
            }
        });
    }

    /// Reports comment `id` to the moderators for `reason`. A 404 (no
    /// longer published: a moderator got there first) counts as done.
    pub fn report(&self, id: String, reason: ReportReason, discussion: Discussion) {
        discussion.reporting.set(Some((id.clone(), Reporting::Sending)));
        let url = format!("{}/{}/report", self.comments_url(), js_sys::encode_uri_component(&id));
        leptos::task::spawn_local(async move {
            match checked(&url, send_json("POST", &url, &NewReport { reason }, None, None).await).await {
                Ok(_) | Err(ApiError::NotFound) => {
                    discussion.reported.update(|done| done.push(id));
                    discussion.reporting.set(None);
                }
                Err(err) => discussion.reporting.set(Some((id, Reporting::Failed(reason, err)))),
            }
        });
    }

    /// Fetches the article into `state`, going through `Loading` first.
    pub fn load_article(&self, state: RwSignal<Load<Article>>) {
        state.set(Load::Loading);
        let client = self.clone();
        leptos::task::spawn_local(async move {
            state.set(match client.article().await {
                Ok(article) => Load::Ready(article),
                Err(err) => Load::Failed(err),
            });
        });
    }

    /// Fetches the first page of comments into `discussion`, in its order.
    pub fn load_comments(&self, discussion: Discussion) {
        discussion.first_page.set(Load::Loading);
        let client = self.clone();
        let sort = discussion.sort.get_untracked();
        leptos::task::spawn_local(async move {
            let page = client.comments(None, sort).await;
            // The reader chose another order meanwhile: that one's page will come.
            if discussion.sort.get_untracked() != sort {
                return;
            }
            match page {
                Ok(page) => {
                    discussion.comments.set(Vec::new());
                    discussion.append_page(page);
                    discussion.first_page.set(Load::Ready(()));
                    client.load_own(discussion);
                }
                Err(err) => discussion.first_page.set(Load::Failed(err)),
            }
        });
    }

    /// Marks the reader's own comments in `discussion`, and adds those still
    /// awaiting moderation (shown to them only) from the server: those this
    /// browser holds edit tokens for, and the signed-in reader's.
    pub fn load_own(&self, discussion: Discussion) {
        let own = storage::own_comments(&self.slug);
        discussion.own.set(own.iter().map(|(id, _)| id.clone()).collect());
        // A signed-in reader's come with who they are (`load_me`).
        if self.token().is_none() {
            discussion.set_recommended(storage::recommended(&self.slug));
        }
        self.load_me(discussion);
        if own.is_empty() {
            return;
        }
        let client = self.clone();
        leptos::task::spawn_local(async move {
            // A failure is not worth a message (and is logged): the published
            // discussion is shown.
            let tokens = own.into_iter().map(|(_, token)| token).collect();
            if let Ok(pending) = client.own_pending(tokens).await {
                discussion.show_own_pending(pending.comments);
            }
        });
    }

    /// Opens the article's event stream after the last publication
    /// `discussion` has heard of (none before its first page): what is
    /// published goes into it, as arrivals. Closed when the [`Live`] is dropped.
    pub fn listen(&self, discussion: Discussion) -> Option<Live> {
        let after = discussion.live.get_untracked()?;
        let source = web_sys::EventSource::new(&format!("{}/events?after={after}", self.article_url())).ok()?;
        let on_comment = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let Some(published) = event.data().as_string().and_then(|text| json::parse::<Published>(&text)) else {
                    return;
                };
                if let Ok(number) = event.last_event_id().parse::<u64>() {
                    discussion.live.set(Some(number));
                }
                discussion.arrive(published);
            },
        );
        source.add_event_listener_with_callback("comment", on_comment.as_ref().unchecked_ref()).ok()?;
        Some(Live { source, _on_comment: on_comment })
    }

    /// The reader chose to read the comments in order `sort`: remembered,
    /// and the thread loaded again in it.
    pub fn sort(&self, sort: Sort, discussion: Discussion) {
        storage::remember_sort(sort);
        discussion.sort.set(Some(sort));
        self.load_comments(discussion);
    }

    /// Fetches the page after the loaded ones, if any.
    pub fn load_more(&self, discussion: Discussion) {
        let Some(after) = discussion.next.get_untracked() else { return };
        if discussion.more.with_untracked(|m| matches!(m, Load::Loading)) {
            return;
        }
        discussion.more.set(Load::Loading);
        let client = self.clone();
        leptos::task::spawn_local(async move {
            match client.comments(Some(&after), None).await {
                Ok(page) => {
                    discussion.append_page(page);
                    discussion.more.set(Load::Ready(()));
                }
                Err(err) => discussion.more.set(Load::Failed(err)),
            }
        });
    }

    /// Posts `comment`: shows it at once, then reconciles with the server's
    /// answer. On failure the optimistic copy goes away and the form (whose
    /// text is untouched) shows why, with a retry.
    pub fn post(&self, mut comment: NewComment, discussion: Discussion, draft: Draft) {
        if comment.notify {
            // The e-mails about answers link back to this page.
            comment.page = web_sys::window()
                .and_then(|w| w.location().href().ok())
                .map(|href| href.split('#').next().unwrap_or_default().to_owned())
                .unwrap_or_default();
        }
        let form = draft.state;
        form.set(FormState::Sending);
        let key = draft.idempotency_key.get_untracked().unwrap_or_else(new_idempotency_key);
        draft.idempotency_key.set(Some(key.clone()));
        let local_id = format!("local-{}", js_sys::Math::random().to_bits());
        let token = self.token();
        let reader = discussion.reader.get_untracked().filter(|_| token.is_some());
        discussion.insert_optimistic(Comment {
            id: local_id.clone(),
            parent: comment.parent.clone(),
            author: reader.as_ref().map_or_else(|| comment.author.trim().to_owned(), |r| r.name.clone()),
            body: comment.body.trim().to_owned(),
            created: String::from(js_sys::Date::new_0().to_iso_string()),
            replies: Vec::new(),
            deleted: false,
            verified: reader.is_some(),
            staff: reader.is_some_and(|r| r.staff),
            recommends: 0,
            edited: false,
        });
        let client = self.clone();
        leptos::task::spawn_local(async move {
            match client.post_comment(&comment, &key, token.as_deref()).await {
                Ok(posted) => {
                    draft.idempotency_key.set(None);
                    let awaiting_moderation = posted.visibility == Visibility::AwaitingModeration;
                    // A signed-in reader's comments are theirs by their account:
                    // no edit token is left in this browser.
                    if token.is_none() {
                        storage::remember_own(&client.slug, &posted.comment.id, &posted.edit_token);
                        storage::remember_author(comment.author.trim());
                    }
                    discussion.own.update(|own| own.push(posted.comment.id.clone()));
                    discussion.confirm(&local_id, posted.comment, awaiting_moderation);
                    draft.body.set(String::new());
                    form.set(FormState::Posted { awaiting_moderation });
                }
                Err(ApiError::Invalid(fields)) => {
                    discussion.withdraw(&local_id);
                    form.set(FormState::Refused(fields));
                }
                Err(ApiError::SignInExpired) => {
                    // Kept, with its key, for the fresh token the page is asked for.
                    discussion.withdraw(&local_id);
                    form.set(FormState::Failed(ApiError::SignInExpired));
                    *client.auth.waiting.borrow_mut() = Some((comment, draft));
                    client.expired();
                }
                Err(err) => {
                    discussion.withdraw(&local_id);
                    form.set(FormState::Failed(err));
                }
            }
        });
    }
}

/// How long a request may take before it is aborted and reported as such,
/// with a retry (safe for posts: they carry an Idempotency-Key). An API
/// answer is a few KB: past 4 s, the server is in trouble, not the network.
/// `embed.js` uses the same for its early requests.
pub const TIMEOUT_MS: u32 = encart_api_types::loader::REQUEST_TIMEOUT_MS;

async fn get_json<T: FromJs>(url: &str) -> Result<T, ApiError> {
    answer(url, send("GET", url, &[("Accept", "application/json")], None).await).await
}

/// POSTs `body` as JSON (a CORS preflight: the API allows `Content-Type`,
/// `Authorization` and `Idempotency-Key`).
async fn post_json<B: ToJs, T: FromJs>(url: &str, body: &B, key: Option<&str>) -> Result<T, ApiError> {
    answer(url, send_json("POST", url, body, key, None).await).await
}

/// Sends `body` as JSON with `method` (`POST`, `PATCH`), for [`answer`] or
/// [`checked`], as the reader of `token` when given.
async fn send_json<B: ToJs>(
    method: &str,
    url: &str,
    body: &B,
    key: Option<&str>,
    token: Option<&str>,
) -> Result<Response, ApiError> {
    let json = js_sys::JSON::stringify(&body.to_js()).map_err(|_| ApiError::Malformed)?;
    let bearer = token.map(|token| format!("Bearer {token}"));
    let mut headers = vec![("Content-Type", "application/json"), ("Accept", "application/json")];
    if let Some(key) = key {
        headers.push(("Idempotency-Key", key));
    }
    if let Some(bearer) = &bearer {
        headers.push(("Authorization", bearer));
    }
    send(method, url, &headers, Some(&json)).await
}

/// DELETEs with `token` as the Bearer; `Ok` on 2xx.
async fn delete_with_token(url: &str, token: &str) -> Result<(), ApiError> {
    let bearer = format!("Bearer {token}");
    checked(url, send("DELETE", url, &[("Authorization", &bearer)], None).await).await.map(drop)
}

/// One `fetch`: no cookies or credentials, aborted after [`TIMEOUT_MS`].
/// Resolves on any status (see [`checked`]); fails only when no answer came.
async fn send(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&JsValue>) -> Result<Response, ApiError> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_credentials(web_sys::RequestCredentials::Omit);
    init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS)));
    let header_map = web_sys::Headers::new().map_err(|_| ApiError::Network)?;
    for (name, value) in headers {
        header_map.append(name, value).map_err(|_| ApiError::Network)?;
    }
    init.set_headers(&header_map);
    if let Some(body) = body {
        init.set_body(body);
    }
    let window = web_sys::window().ok_or(ApiError::Network)?;
    responded(JsFuture::from(window.fetch_with_str_and_init(url, &init)).await)
}

/// A settled `fetch` promise as a response, or why none came.
fn responded(settled: Result<JsValue, JsValue>) -> Result<Response, ApiError> {
    match settled {
        Ok(response) => response.dyn_into::<Response>().map_err(|_| ApiError::Malformed),
        // `AbortSignal.timeout` rejects with a DOMException named TimeoutError.
        Err(err) => Err(match err.dyn_ref::<web_sys::DomException>().map(|e| e.name()) {
            Some(name) if name == "TimeoutError" => ApiError::Timeout,
            _ => ApiError::Network,
        }),
    }
}

/// Turns a response into the decoded `T` or the error a reader's message needs.
async fn answer<T: FromJs>(url: &str, sent: Result<Response, ApiError>) -> Result<T, ApiError> {
    let response = checked(url, sent).await?;
    decode(response).await.map_err(|err| warn(url, err, "unexpected body"))
}

/// The response if it came and is a 2xx, else the error a reader's message needs.
async fn checked(url: &str, sent: Result<Response, ApiError>) -> Result<Response, ApiError> {
    let response = sent.map_err(|err| {
        let detail = if err == ApiError::Timeout { "no answer in time" } else { "no answer" };
        warn(url, err, detail)
    })?;
    // fetch resolves on any status: 4xx/5xx must be checked here.
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let err = match status {
        404 => ApiError::NotFound,
        413 => ApiError::TooLarge,
        429 => ApiError::RateLimited,
        422 => match decode::<ErrorBody>(response).await {
            Ok(ErrorBody { error }) => error.fields.map_or(ApiError::Malformed, ApiError::Invalid),
            Err(err) => err,
        },
        401 | 403 => match decode::<ErrorBody>(response).await.map(|body| body.error.code) {
            Ok(code) if code == error_code::TOKEN_EXPIRED => ApiError::SignInExpired,
            Ok(code) if code == error_code::TOKEN_INVALID => ApiError::SignInInvalid,
            Ok(code) if code == error_code::SIGN_IN_REQUIRED => ApiError::SignInRequired,
            Ok(code) if code == error_code::BANNED => ApiError::Banned,
            _ => ApiError::Status(status),
        },
        _ => ApiError::Status(status),
    };
    Err(warn(url, err, &format!("status {status}")))
}

/// Decodes a JSON body with the browser's parser and [`json`]'s decoders
/// (much smaller in wasm than serde_json or serde-wasm-bindgen). A body that is not JSON, or
/// JSON of another shape, is `Malformed`.
async fn decode<T: FromJs>(response: Response) -> Result<T, ApiError> {
    let content_type = response.headers().get("content-type").ok().flatten().unwrap_or_default();
    if !content_type.contains("json") {
        return Err(ApiError::Malformed);
    }
    let promise = response.json().map_err(|_| ApiError::Malformed)?;
    let value = JsFuture::from(promise).await.map_err(|_| ApiError::Malformed)?;
    T::from_js(&value).ok_or(ApiError::Malformed)
}

/// Logs the details a partner's developer needs, and passes the error on.
/// (`detail`, not `{err:?}`: the release wasm formats no `Debug`, see `xtask/src/dist.rs`.)
fn warn(url: &str, err: ApiError, detail: &str) -> ApiError {
    leptos::logging::warn!("encart: {url} failed ({detail})");
    err
}

/// 128 random bits as hex (`crypto.getRandomValues`, which unlike
/// `randomUUID` also works on pages served over plain http).
fn new_idempotency_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // No Web Crypto: still unique enough to tell one post from another.
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = (js_sys::Math::random() * 256.0) as u8 ^ (i as u8);
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Milliseconds since the epoch, now.
pub fn now_millis() -> i64 {
    js_sys::Date::now() as i64
}

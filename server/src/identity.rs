//! Readers their site signed in (single sign-on). The partner's backend
//! signs a short-lived JWT for its signed-in reader; the page hands it to the
//! widget, which sends it as `Authorization: Bearer` on the requests it makes
//! as that reader (posting, deleting, `/api/v1/me/comments`). Never on the
//! shared reads (an article, its comments, its first view): those stay the
//! same for every reader, and cacheable.
//!
//! A token is checked against the one site its `aud` names (its origin, as
//! in the sites file), with that site's algorithm, pinned (no `none`, no
//! HS256 token against a public key), and that site's keys, any of them
//! (several during a rollover): signature, `exp` and `iat` with
//! [`LEEWAY_SECS`], a life of at most [`MAX_LIFETIME_SECS`], the claims'
//! shapes (`name` as a typed name must be), and [`MAX_TOKEN_BYTES`] before
//! anything is decoded. What makes it a reader of the article's site is
//! `comments.rs`' to check.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;

use crate::sites::Site;
use crate::{AppState, Error, Result};

/// Largest token accepted, in bytes: a few claims signed take well under 1 KB.
pub const MAX_TOKEN_BYTES: usize = 4096;
/// Clocks differ: `exp` and `iat` are allowed this much slack.
pub const LEEWAY_SECS: u64 = 30;
/// The longest a token may still be valid: tokens are short-lived, and the
/// page asks its backend for a fresh one when told (`encart:auth-expired`).
pub const MAX_LIFETIME_SECS: u64 = 24 * 60 * 60;
/// Longest `sub` and `email`, in characters.
const MAX_SUB_CHARS: usize = 255;
const MAX_EMAIL_CHARS: usize = 254;
/// Shortest HS256 secret: 256 bits, as the algorithm asks.
const MIN_SECRET_BYTES: usize = 32;

/// How one site's tokens are checked: its algorithm, and the keys that may
/// have signed them.
#[derive(Clone)]
pub struct SignIn {
    algorithm: Algorithm,
    keys: Vec<DecodingKey>,
}

/// Names the algorithm and counts the keys: never prints a secret.
impl std::fmt::Debug for SignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SignIn({:?}, {} key(s))", self.algorithm, self.keys.len())
    }
}

impl SignIn {
    /// `EdDSA` or `ES256` with public keys in PEM, or `HS256` with shared
    /// secrets of at least 32 bytes; at least one key.
    pub fn new(algorithm: &str, keys: &[String]) -> Result<SignIn, String> {
        let algorithm = match algorithm {
            "EdDSA" => Algorithm::EdDSA,
            "ES256" => Algorithm::ES256,
            "HS256" => Algorithm::HS256,
            other => return Err(format!("the algorithm is EdDSA, ES256 or HS256, not {other:?}")),
        };
        if keys.is_empty() {
            return Err("no key: give keys or key_files".into());
        }
        let keys = keys
            .iter()
            .enumerate()
            .map(|(n, key)| {
                let key = key.trim();
                let parsed = match algorithm {
                    Algorithm::EdDSA => DecodingKey::from_ed_pem(key.as_bytes()).ok(),
                    Algorithm::ES256 => DecodingKey::from_ec_pem(key.as_bytes()).ok(),
                    _ if key.contains("-----BEGIN") => {
                        return Err(format!("key {}: HS256 takes a shared secret, not a PEM key", n + 1));
                    }
                    _ if key.len() < MIN_SECRET_BYTES => {
                        return Err(format!("key {}: an HS256 secret has at least {MIN_SECRET_BYTES} bytes", n + 1));
                    }
                    _ => DecodingKey::from_secret(key.as_bytes()).ok(),
                };
                parsed.ok_or_else(|| format!("key {} is not a {algorithm:?} public key in PEM", n + 1))
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(SignIn { algorithm, keys })
    }
}

/// What a verified token says about its reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claims {
    /// The origin of the site that signed it (its `aud`).
    pub site: String,
    /// The reader's stable id on that site.
    pub sub: String,
    pub name: String,
    pub email: Option<String>,
    /// `role: staff`: a member of the newsroom.
    pub staff: bool,
}

/// The claims as signed.
#[derive(Deserialize)]
struct Signed {
    sub: String,
    name: String,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    role: Option<String>,
    exp: u64,
    iat: u64,
}

/// The one claim read before the signature is checked: which site's key to check it with.
#[derive(Deserialize)]
struct Audience {
    aud: String,
}

/// Checks `token` (see the module's documentation) against the `sites`' keys.
pub fn verify(sites: &[Site], token: &str) -> Result<Claims> {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    verify_at(sites, token, now)
}

/// [`verify`] at `now` (seconds since the epoch).
pub fn verify_at(sites: &[Site], token: &str, now: u64) -> Result<Claims> {
    if token.len() > MAX_TOKEN_BYTES {
        return Err(Error::token_invalid(format!("the token is larger than {MAX_TOKEN_BYTES} bytes")));
    }
    let Audience { aud } = jsonwebtoken::dangerous::insecure_decode_claims(token)
        .map_err(|_| Error::token_invalid("not a signed token with an aud (the site's origin)"))?;
    let (site, sign_in) = crate::sites::by_origin(sites, &aud)
        .and_then(|site| Some((site, site.sign_in.as_ref()?)))
        .ok_or_else(|| Error::token_invalid("its aud is no site that signs readers in here"))?;
    let mut validation = Validation::new(sign_in.algorithm);
    validation.set_audience(&[aud.as_str()]);
    validation.set_required_spec_claims(&["exp", "sub", "aud"]);
    validation.leeway = LEEWAY_SECS;
    let mut signed = None;
    for key in &sign_in.keys {
        match jsonwebtoken::decode::<Signed>(token, key, &validation) {
            Ok(data) => {
                signed = Some(data.claims);
                break;
            }
            // Another key of the site may have signed it.
            Err(e) if *e.kind() == ErrorKind::InvalidSignature => continue,
            // The signature held (it is checked first): only the time is past.
            Err(e) if *e.kind() == ErrorKind::ExpiredSignature => return Err(Error::token_expired()),
            Err(e) => return Err(Error::token_invalid(refusal(e.kind()))),
        }
    }
    let signed = signed.ok_or_else(|| Error::token_invalid("no key of the site signed it"))?;
    if signed.iat > now + LEEWAY_SECS {
        return Err(Error::token_invalid("it was issued in the future (iat)"));
    }
    if signed.exp > now + MAX_LIFETIME_SECS + LEEWAY_SECS {
        return Err(Error::token_invalid("it is valid for longer than a day (exp)"));
    }
    let sub = signed.sub;
    if sub.trim().is_empty() || sub.chars().count() > MAX_SUB_CHARS || sub.chars().any(char::is_control) {
        return Err(Error::token_invalid("sub is 1 to 255 characters, no control characters"));
    }
    // The same rules as a name typed into the form (no control or direction characters).
    let name = signed.name.trim().to_owned();
    if encart_api_types::check_author(&name).is_err() {
        return Err(Error::token_invalid("name is 1 to 80 characters, no control or direction characters"));
    }
    let email = match signed.email {
        Some(email) if !is_email(&email) => return Err(Error::token_invalid("email is not an address")),
        email => email,
    };
    let staff = match signed.role.as_deref() {
        None | Some("reader") => false,
        Some("staff") => true,
        Some(_) => return Err(Error::token_invalid("role is reader or staff")),
    };
    Ok(Claims { site: site.origin.to_str().unwrap_or_default().to_owned(), sub, name, email, staff })
}

fn is_email(text: &str) -> bool {
    text.chars().count() <= MAX_EMAIL_CHARS
        && !text.chars().any(|c| c.is_control() || c.is_whitespace())
        && text.split_once('@').is_some_and(|(user, domain)| !user.is_empty() && domain.contains('.'))
}

/// What a client is told of a refused token (never which key was tried).
fn refusal(kind: &ErrorKind) -> &'static str {
    match kind {
        ErrorKind::InvalidAlgorithm => "it is not signed with the site's algorithm",
        ErrorKind::InvalidAudience => "its aud is not this site",
        ErrorKind::ImmatureSignature => "it is not valid yet (nbf)",
        ErrorKind::MissingRequiredClaim(_) => "it lacks exp, sub or aud",
        _ => "it is not a well-formed token with sub, name, iat and exp",
    }
}

/// Whether an `Authorization` value holds a token (three dot-separated
/// parts), rather than a comment's edit token (which has no dot).
pub fn is_token(credential: &str) -> bool {
    credential.split('.').count() == 3
}

/// The `Bearer` credential of a request, if it has one.
pub fn bearer(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// The reader a request acts as: `Some` with a valid token, `None` without
/// any `Authorization`; a 401 (`token_expired`, `token_invalid`) otherwise.
pub struct SignedIn(pub Option<Claims>);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        match bearer(parts) {
            None if !parts.headers.contains_key(header::AUTHORIZATION) => Ok(SignedIn(None)),
            Some(token) if is_token(token) => verify(&state.sites, token).map(|claims| SignedIn(Some(claims))),
            _ => Err(Error::token_invalid("send the site's token as Authorization: Bearer")),
        }
    }
}

/// A reader who must be signed in: a 401 `token_invalid` without a token.
pub struct Reader(pub Claims);

impl FromRequestParts<AppState> for Reader {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        match SignedIn::from_request_parts(parts, state).await? {
            SignedIn(Some(claims)) => Ok(Reader(claims)),
            SignedIn(None) => Err(Error::token_invalid("send the site's token as Authorization: Bearer")),
        }
    }
}

//! Publishers' webhooks: a site's URLs that receive JSON events about its
//! comments, signed per the Standard Webhooks convention (`webhook-id`,
//! `webhook-timestamp`, `webhook-signature`: HMAC-SHA256 of
//! `id.timestamp.body` with the site's secret, by the `standardwebhooks`
//! crate). One attempt is one POST, with no redirect followed, given up after
//! [`TIMEOUT`]; the outbox (`outbox.rs`) retries. The target's addresses
//! go through the import fetcher's guard (`fetch.rs`): public ones only,
//! unless the server allows private ones for testing.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::Url;

use crate::fetch::{GuardedResolver, is_private};

/// How long one delivery may take, connection included.
pub const TIMEOUT: Duration = Duration::from_secs(5);

/// One webhook of a site, from the sites file.
#[derive(Clone, Debug)]
pub struct Webhook {
    pub url: Url,
    /// `whsec_` and the base64 of 24 to 64 random bytes.
    pub secret: String,
}

impl Webhook {
    /// A webhook to `url` signed with `secret`, or why not.
    pub fn new(url: &str, secret: &str) -> Result<Webhook, String> {
        let url = Url::parse(url).map_err(|_| format!("{url:?} is not a URL"))?;
        if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
            return Err(format!("{url} is not an http(s) address"));
        }
        let key_length = secret
            .strip_prefix("whsec_")
            .and_then(|key| {
                use base64::Engine;
                base64::engine::general_purpose::STANDARD.decode(key).ok()
            })
            .map(|key| key.len());
        if !key_length.is_some_and(|n| (24..=64).contains(&n)) {
            return Err("a webhook's secret is whsec_ and the base64 of 24 to 64 random bytes".to_owned());
        }
        Ok(Webhook { url, secret: secret.to_owned() })
    }
}

/// Why a delivery failed: worth another try later, or never.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    Retry(String),
    Never(String),
}

/// Sends webhook deliveries.
pub struct Client {
    http: reqwest::Client,
    allow_private: bool,
}

impl Client {
    /// `allow_private` lets webhooks reach private and loopback addresses: for local testing only.
    pub fn new(allow_private: bool) -> Client {
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .timeout(TIMEOUT)
            .pool_max_idle_per_host(2)
            .user_agent(concat!("encart-webhooks/", env!("CARGO_PKG_VERSION")));
        if !allow_private {
            builder = builder.dns_resolver(Arc::new(GuardedResolver));
        }
        Client { http: builder.build().expect("a client with these settings builds"), allow_private }
    }

    /// POSTs `payload` (JSON) to `webhook` as message `id`, signed.
    pub async fn deliver(&self, webhook: &Webhook, id: &str, payload: &str) -> Result<(), Failure> {
        let literal = match webhook.url.host() {
            Some(url::Host::Ipv4(ip)) => Some(IpAddr::V4(ip)),
            Some(url::Host::Ipv6(ip)) => Some(IpAddr::V6(ip)),
            _ => None,
        };
        if let Some(ip) = literal.filter(|ip| !self.allow_private && is_private(*ip)) {
            return Err(Failure::Never(format!("{ip} is a private, loopback or link-local address")));
        }
        let signer = standardwebhooks::Webhook::new(&webhook.secret)
            .map_err(|e| Failure::Never(format!("the site's secret: {e}")))?;
        let timestamp = crate::db::millis(SystemTime::now()) / 1000;
        let signature =
            signer.sign(id, timestamp, payload.as_bytes()).map_err(|e| Failure::Never(format!("signing: {e}")))?;
        let sent = self
            .http
            .post(webhook.url.clone())
            .header("content-type", "application/json")
            .header(standardwebhooks::HEADER_WEBHOOK_ID, id)
            .header(standardwebhooks::HEADER_WEBHOOK_TIMESTAMP, timestamp.to_string())
            .header(standardwebhooks::HEADER_WEBHOOK_SIGNATURE, signature)
            .body(payload.to_owned())
            .send()
            .await;
        match sent {
            Ok(answer) if answer.status().is_success() => Ok(()),
            Ok(answer) => Err(Failure::Retry(format!("answered {}", answer.status().as_u16()))),
            Err(err) => Err(failure(&err)),
        }
    }
}

/// A reqwest failure: the guard's refusal is final, anything else is retried.
fn failure(err: &reqwest::Error) -> Failure {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        if let Some(refused) = e.downcast_ref::<crate::fetch::FetchError>() {
            return Failure::Never(refused.to_string());
        }
        source = e.source();
    }
    if err.is_timeout() {
        Failure::Retry(format!("no answer within {} s", TIMEOUT.as_secs()))
    } else if err.is_connect() {
        Failure::Retry("could not connect".to_owned())
    } else {
        Failure::Retry("the request failed".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhooks_need_a_web_address_and_a_standard_secret() {
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        assert!(Webhook::new("https://hooks.example/encart", secret).is_ok());
        assert!(Webhook::new("ftp://hooks.example/encart", secret).unwrap_err().contains("http(s)"));
        assert!(Webhook::new("https://hooks.example/encart", "hunter2").unwrap_err().contains("whsec_"));
        assert!(Webhook::new("https://hooks.example/encart", "whsec_c2hvcnQ=").unwrap_err().contains("24 to 64"));
    }
}

//! Fetching a publisher's article page for an import, without becoming a
//! way into the server's network (SSRF).
//!
//! Before any connection: the URL must be http(s), its host one of the
//! publisher's domains, and, unless the server is configured for local
//! testing, neither an IP literal nor a name resolving to a private,
//! loopback, link-local or otherwise non-public address. Resolution goes
//! through [`GuardedResolver`], so the address checked is the address
//! connected to (no DNS rebinding between check and use). Redirects are
//! followed by hand, at most [`MAX_REDIRECTS`], each target checked the same
//! way. The whole fetch gives up after [`TIMEOUT`] and past [`MAX_BYTES`].

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use crate::Error;
use crate::error::Refusal;
use crate::publishers::Publisher;

pub const MAX_REDIRECTS: usize = 3;
pub const TIMEOUT: Duration = Duration::from_secs(10);
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

/// Why a page was not fetched; each has its own stable code.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("only http and https URLs can be imported")]
    Scheme,
    #[error("the URL is not valid")]
    BadUrl,
    #[error("{0} is not one of this publisher's domains")]
    Domain(String),
    #[error("{0} is a private, loopback or link-local address")]
    PrivateAddress(String),
    #[error("more than {MAX_REDIRECTS} redirects")]
    TooManyRedirects,
    #[error("no answer within {} s", TIMEOUT.as_secs())]
    Timeout,
    #[error("the page is larger than {} MB", MAX_BYTES / 1024 / 1024)]
    TooLarge,
    #[error("the page answered {0}")]
    Status(u16),
    #[error("the page could not be fetched: {0}")]
    Failed(String),
}

/// Refusals of the URL are 422s naming the `url` field; failures of the
/// remote site are 502s (504 for a timeout).
impl From<FetchError> for Error {
    fn from(refused: FetchError) -> Error {
        let message = refused.to_string();
        let invalid_url = |code| Error::invalid(vec![("url", code)], message.clone());
        match refused {
            FetchError::Scheme => invalid_url("scheme"),
            FetchError::BadUrl => invalid_url("invalid"),
            FetchError::Domain(_) => invalid_url("domain_not_allowed"),
            FetchError::PrivateAddress(_) => invalid_url("private_address"),
            FetchError::TooManyRedirects => invalid_url("too_many_redirects"),
            FetchError::Timeout => Error::refused(Refusal::FetchTimeout, message),
            FetchError::TooLarge => Error::refused(Refusal::FetchTooLarge, message),
            FetchError::Status(_) | FetchError::Failed(_) => Error::refused(Refusal::FetchFailed, message),
        }
    }
}

/// Whether connecting to `ip` could reach something that is not the public internet.
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_multicast()
                || a == 0
                || (a == 100 && (64..128).contains(&b)) // carrier-grade NAT
                || (a == 192 && b == 0) // IETF protocol assignments
                || (a == 198 && (b == 18 || b == 19)) // benchmarking
                || a >= 240
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_private(IpAddr::V4(v4));
            }
            let [first, second, third, ..] = v6.segments();
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || u128::from(v6) >> 32 == 0 // IPv4-compatible ::a.b.c.d (deprecated): whichever IPv4 it names
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
                || (first & 0xffc0) == 0xfec0 // site-local (deprecated)
                || first == 0x2001 && second == 0x0db8 // documentation
                || first == 0x2001 && second == 0x0000 // Teredo: tunnels to an IPv4 address
                || first == 0x2002 // 6to4: tunnels to an IPv4 address
                || first == 0x0064 && second == 0xff9b && (third == 0 || third == 1) // NAT64, well-known and local-use
                || first == 0x0100 && second == 0 && third == 0 && v6.segments()[3] == 0 // discard-only
        }
    }
}

/// Resolves names, then refuses them if any address is not public.
pub(crate) struct GuardedResolver;

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if let Some(private) = addrs.iter().find(|a| is_private(a.ip())) {
                return Err(Box::new(FetchError::PrivateAddress(format!("{host} ({})", private.ip())))
                    as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

/// The server's fetcher for URL imports.
pub struct Fetcher {
    client: reqwest::Client,
    allow_private: bool,
}

/// A fetched page: its final URL (after redirects) and its bytes.
pub struct Page {
    pub url: Url,
    pub bytes: Vec<u8>,
}

impl Fetcher {
    /// `allow_private` lets imports reach private addresses: for local testing only.
    pub fn new(allow_private: bool) -> Fetcher {
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .connect_timeout(TIMEOUT)
            .user_agent(concat!("encart-import/", env!("CARGO_PKG_VERSION")));
        if !allow_private {
            builder = builder.dns_resolver(Arc::new(GuardedResolver));
        }
        let client = builder.build().expect("a client with these settings builds");
        Fetcher { client, allow_private }
    }

    /// `url`, if it passes the checks made before any connection (scheme,
    /// the publisher's domains, a non-public IP literal).
    pub fn precheck(&self, url: &str, publisher: &Publisher) -> Result<Url, FetchError> {
        let url = Url::parse(url.trim()).map_err(|_| FetchError::BadUrl)?;
        self.check(&url, publisher)?;
        Ok(url)
    }

    /// Fetches `url` for `publisher`, or says why not.
    pub async fn fetch(&self, url: &str, publisher: &Publisher) -> Result<Page, FetchError> {
        let url = Url::parse(url.trim()).map_err(|_| FetchError::BadUrl)?;
        tokio::time::timeout(TIMEOUT, self.follow(url, publisher)).await.map_err(|_| FetchError::Timeout)?
    }

    async fn follow(&self, mut url: Url, publisher: &Publisher) -> Result<Page, FetchError> {
        for redirects in 0.. {
            self.check(&url, publisher)?;
            let mut response = self.client.get(url.clone()).send().await.map_err(|e| failure(&e))?;
            let status = response.status();
            if status.is_redirection() {
                if redirects == MAX_REDIRECTS {
                    return Err(FetchError::TooManyRedirects);
                }
                let location = response.headers().get(reqwest::header::LOCATION).and_then(|l| l.to_str().ok());
                url = url.join(location.ok_or(FetchError::Status(status.as_u16()))?).map_err(|_| FetchError::BadUrl)?;
                continue;
            }
            if !status.is_success() {
                return Err(FetchError::Status(status.as_u16()));
            }
            if response.content_length().is_some_and(|n| n > MAX_BYTES as u64) {
                return Err(FetchError::TooLarge);
            }
            let mut bytes = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(|e| failure(&e))? {
                if bytes.len() + chunk.len() > MAX_BYTES {
                    return Err(FetchError::TooLarge);
                }
                bytes.extend_from_slice(&chunk);
            }
            return Ok(Page { url, bytes });
        }
        unreachable!("the loop returns")
    }

    /// The checks made before connecting to `url`.
    fn check(&self, url: &Url, publisher: &Publisher) -> Result<(), FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError::Scheme);
        }
        let host = match url.host() {
            Some(url::Host::Domain(name)) => name.to_owned(),
            Some(url::Host::Ipv4(ip)) => {
                self.check_ip(IpAddr::V4(ip))?;
                ip.to_string()
            }
            Some(url::Host::Ipv6(ip)) => {
                self.check_ip(IpAddr::V6(ip))?;
                ip.to_string()
            }
            None => return Err(FetchError::BadUrl),
        };
        if !publisher.owns_host(&host) {
            return Err(FetchError::Domain(host));
        }
        Ok(())
    }

    fn check_ip(&self, ip: IpAddr) -> Result<(), FetchError> {
        if !self.allow_private && is_private(ip) {
            return Err(FetchError::PrivateAddress(ip.to_string()));
        }
        Ok(())
    }
}

/// A reqwest failure as a [`FetchError`]: our resolver's refusal, a
/// timeout, or anything else.
fn failure(err: &reqwest::Error) -> FetchError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        if let Some(refused) = e.downcast_ref::<FetchError>() {
            return match refused {
                FetchError::PrivateAddress(what) => FetchError::PrivateAddress(what.clone()),
                other => FetchError::Failed(other.to_string()),
            };
        }
        source = e.source();
    }
    if err.is_timeout() { FetchError::Timeout } else { FetchError::Failed(without_url(err)) }
}

/// reqwest's message without the URL (which the client already knows).
fn without_url(err: &reqwest::Error) -> String {
    let mut text = err.to_string();
    if let Some(url) = err.url() {
        text = text.replace(&format!(" ({url})"), "").replace(url.as_str(), "the page");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_public_addresses_are_recognised() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "64:ff9b::a00:1",
            "255.255.255.255",
            "224.0.0.1",
            "::127.0.0.1",
            "::10.0.0.1",
            "::8.8.8.8",
            "2002:7f00:1::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "64:ff9b:1::a00:1",
            "fec0::1",
            "100::1",
        ] {
            assert!(is_private(private.parse().unwrap()), "{private}");
        }
        for public in ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "8.8.8.8"] {
            assert!(!is_private(public.parse().unwrap()), "{public}");
        }
    }
}

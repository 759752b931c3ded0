//! Who is asking: the client's IP address, for rate limits and salted hashes.
//!
//! It is the connection's peer address, unless that peer is one of the
//! configured trusted proxies (`--trusted-proxies`): then it is the
//! right-most address of `X-Forwarded-For` that is not itself a trusted
//! proxy. A client can put anything in that header, so it is only believed
//! from a trusted proxy, and only up to the first address that proxy did not
//! add itself.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;

use crate::AppState;

/// The client's address, as [`resolve`] found it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(pub Vec<IpNet>);

impl TrustedProxies {
    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client behind `peer`, given the request's `X-Forwarded-For` values.
    pub fn client<'a>(&self, peer: IpAddr, forwarded: impl Iterator<Item = &'a str>) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let hops: Vec<&str> = forwarded.flat_map(|v| v.split(',')).map(str::trim).collect();
        for hop in hops.iter().rev() {
            match hop.parse::<IpAddr>() {
                Ok(ip) if self.trusts(ip) => continue,
                Ok(ip) => return ip,
                // Garbage in the chain: believe nothing left of it.
                Err(_) => break,
            }
        }
        peer
    }
}

/// The peer address of the connection (`axum::serve` must be given
/// `into_make_service_with_connect_info::<SocketAddr>()`); the unspecified
/// address when the service runs without connection info.
fn peer(extensions: &axum::http::Extensions) -> IpAddr {
    extensions.get::<ConnectInfo<SocketAddr>>().map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |ConnectInfo(a)| a.ip())
}

/// Middleware: finds the client's address once, for the rate limits and the handlers.
pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let forwarded = request.headers().get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok());
    let client = state.trusted_proxies.client(peer(request.extensions()), forwarded);
    request.extensions_mut().insert(ClientIp(client));
    next.run(request).await
}

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<ClientIp>().copied().unwrap_or_else(|| ClientIp(peer(&parts.extensions))))
    }
}

/// The rate limiter's key: the same client address.
#[derive(Clone, Copy, Debug)]
pub struct ClientKey;

impl tower_governor::key_extractor::KeyExtractor for ClientKey {
    type Key = IpAddr;

    fn extract<T>(&self, request: &axum::http::Request<T>) -> Result<IpAddr, tower_governor::GovernorError> {
        let ip = request.extensions().get::<ClientIp>().map(|c| c.0);
        Ok(ip.unwrap_or_else(|| peer(request.extensions())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trusted() -> TrustedProxies {
        TrustedProxies(vec!["10.0.0.0/8".parse().unwrap(), "192.0.2.7/32".parse().unwrap()])
    }

    fn client(peer: &str, header: &[&str]) -> IpAddr {
        trusted().client(peer.parse().unwrap(), header.iter().copied())
    }

    #[test]
    fn forwarded_addresses_are_believed_from_trusted_proxies_only() {
        assert_eq!(client("203.0.113.9", &["198.51.100.1"]), "203.0.113.9".parse::<IpAddr>().unwrap(), "spoofed");
        assert_eq!(client("10.1.2.3", &["198.51.100.1"]), "198.51.100.1".parse::<IpAddr>().unwrap());
        assert_eq!(
            client("10.1.2.3", &["1.1.1.1, 198.51.100.1, 192.0.2.7"]),
            "198.51.100.1".parse::<IpAddr>().unwrap(),
            "the right-most address no trusted proxy added"
        );
        assert_eq!(client("10.1.2.3", &["1.1.1.1", "198.51.100.1"]), "198.51.100.1".parse::<IpAddr>().unwrap());
        assert_eq!(client("10.1.2.3", &["1.1.1.1, garbage"]), "10.1.2.3".parse::<IpAddr>().unwrap());
        assert_eq!(client("10.1.2.3", &[]), "10.1.2.3".parse::<IpAddr>().unwrap());
        assert_eq!(client("10.1.2.3", &["10.9.9.9"]), "10.1.2.3".parse::<IpAddr>().unwrap(), "only proxies");
    }
}

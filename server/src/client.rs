//! Who is asking: the client's IP address, for rate limits, connection caps
//! and salted hashes.
//!
//! It is the connection's peer address, unless that peer is one of the
//! configured trusted proxies (`--trusted-proxies`): then it is the
//! right-most address of `X-Forwarded-For` that is not itself a trusted
//! proxy. A client can put anything in that header, so it is only believed
//! from a trusted proxy, and only up to the first address that proxy did not
//! add itself.
//!
//! And what it accepts: the items of its `Accept-Language` and
//! `Accept-Encoding` by preference ([`preferred`]).
//!
//! One IPv6 subscriber commonly holds a whole /64 (2⁶⁴ addresses): an IPv6
//! client is known by its first `--ipv6-prefix` bits (64 by default), so
//! changing addresses within its network changes nothing. IPv4 addresses
//! written as IPv6 (`::ffff:a.b.c.d`) are the IPv4 address.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderName};
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;

use crate::AppState;

/// The client, as [`resolve`] found it: its address, IPv6 ones cut to their
/// network (see [`Clients::key`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

/// How clients are told apart.
#[derive(Clone, Debug)]
pub struct Clients {
    /// The proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpNet>,
    /// The leading bits that make one IPv6 client (0 to 128).
    pub ipv6_prefix: u8,
}

/// The IPv6 prefix length of one client by default: a subscriber's /64.
pub const DEFAULT_IPV6_PREFIX: u8 = 64;

impl Default for Clients {
    fn default() -> Self {
        Clients { trusted_proxies: Vec::new(), ipv6_prefix: DEFAULT_IPV6_PREFIX }
    }
}

impl Clients {
    /// Whether `ip` is one of the trusted proxies.
    pub fn trusts(&self, ip: IpAddr) -> bool {
        self.trusted_proxies.iter().any(|net| net.contains(&ip))
    }

    /// The client behind `peer`, given the request's `X-Forwarded-For` values, as a [`Clients::key`].
    pub fn client<'a>(&self, peer: IpAddr, forwarded: impl Iterator<Item = &'a str>) -> IpAddr {
        self.key(self.address(peer, forwarded))
    }

    fn address<'a>(&self, peer: IpAddr, forwarded: impl Iterator<Item = &'a str>) -> IpAddr {
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

    /// What stands for the client at `ip`: an IPv4 address as it is (also
    /// when written as IPv6), an IPv6 one cut to its first `ipv6_prefix` bits.
    pub fn key(&self, ip: IpAddr) -> IpAddr {
        match ip {
            IpAddr::V4(_) => ip,
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => IpAddr::V4(v4),
                None => {
                    let bits = u32::from(self.ipv6_prefix.min(128));
                    let mask = u128::MAX.checked_shl(128 - bits).unwrap_or(0);
                    IpAddr::V6(Ipv6Addr::from(u128::from(v6) & mask))
                }
            },
        }
    }
}

/// Most items of a header list read (`Accept-Language`,
/// `Accept-Encoding`): a browser sends a few.
const MAX_PREFERENCES: usize = 16;

/// The items of the request's header `name`, a list with quality values
/// (`fr-CH, fr;q=0.9, en;q=0.8`), the most wanted first (by `q`, then in
/// the header's order); those refused (`q=0`), with an unreadable `q`, or
/// `*` left out.
pub fn preferred(headers: &HeaderMap, name: HeaderName) -> Vec<&str> {
    let mut items: Vec<(&str, f32)> = headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .take(MAX_PREFERENCES)
        .filter_map(|item| {
            let mut parts = item.split(';');
            let value = parts.next()?.trim();
            let q = match parts.find_map(|p| p.trim().strip_prefix("q=")) {
                Some(q) => q.trim().parse::<f32>().ok()?,
                None => 1.0,
            };
            (!value.is_empty() && value != "*" && q > 0.0).then_some((value, q))
        })
        .collect();
    items.sort_by(|a, b| b.1.total_cmp(&a.1));
    items.into_iter().map(|(value, _)| value).collect()
}

/// The peer address of the connection (`axum::serve` must be given
/// `into_make_service_with_connect_info::<SocketAddr>()`); the unspecified
/// address when the service runs without connection info.
fn peer(extensions: &axum::http::Extensions) -> IpAddr {
    extensions.get::<ConnectInfo<SocketAddr>>().map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |ConnectInfo(a)| a.ip())
}

/// Whether the request reached us over https: only a trusted proxy can say
/// so (`X-Forwarded-Proto: https`), the server itself speaking plain HTTP.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Https(pub bool);

/// Middleware: finds the client's address once, for the rate limits and the
/// handlers, and whether it came over https.
pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let peer = peer(request.extensions());
    let forwarded = request.headers().get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok());
    let client = state.clients.client(peer, forwarded);
    // The proxy nearest us sets the scheme: its last value.
    let proto = request.headers().get_all("x-forwarded-proto").iter().next_back().and_then(|v| v.to_str().ok());
    let https =
        state.clients.trusts(peer) && proto.is_some_and(|p| p.rsplit(',').next().unwrap_or(p).trim() == "https");
    request.extensions_mut().insert(ClientIp(client));
    request.extensions_mut().insert(Https(https));
    next.run(request).await
}

impl<S: Send + Sync> FromRequestParts<S> for Https {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Https>().copied().unwrap_or_default())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<ClientIp>().copied().unwrap_or_else(|| ClientIp(peer(&parts.extensions))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_lists_are_read_by_preference() {
        let accepted = |header: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(axum::http::header::ACCEPT_LANGUAGE, header.parse().unwrap());
            preferred(&headers, axum::http::header::ACCEPT_LANGUAGE).into_iter().map(str::to_owned).collect::<Vec<_>>()
        };
        assert_eq!(accepted("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5"), ["fr-CH", "fr", "en", "de"]);
        assert_eq!(accepted("en;q=0.5,ja,ar;q=0.8"), ["ja", "ar", "en"]);
        assert_eq!(accepted("de;q=0, pl;q=abc, cs"), ["cs"]);
        assert_eq!(accepted(""), Vec::<String>::new());
        let lang = |header: &str| crate::words::Lang::get(accepted(header).iter().map(|t| Some(t.as_str()))).tag();
        assert_eq!(lang("ru-RU, pt-BR;q=0.9"), "pt");
        assert_eq!(lang("ru"), "en");
        // Every value of a repeated header counts.
        let mut headers = HeaderMap::new();
        headers.append(axum::http::header::ACCEPT_ENCODING, "gzip".parse().unwrap());
        headers.append(axum::http::header::ACCEPT_ENCODING, "br;q=0.5, deflate".parse().unwrap());
        assert_eq!(preferred(&headers, axum::http::header::ACCEPT_ENCODING), ["gzip", "deflate", "br"]);
    }

    fn trusted() -> Clients {
        Clients {
            trusted_proxies: vec!["10.0.0.0/8".parse().unwrap(), "192.0.2.7/32".parse().unwrap()],
            ..Default::default()
        }
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

    #[test]
    fn an_ipv6_client_is_its_network_and_mapped_ipv4_is_ipv4() {
        let ip = |text: &str| text.parse::<IpAddr>().unwrap();
        assert_eq!(client("2001:db8:1:2:aaaa::1", &[]), ip("2001:db8:1:2::"));
        assert_eq!(client("2001:db8:1:2:bbbb:cccc:dddd:eeee", &[]), ip("2001:db8:1:2::"), "the same /64");
        assert_ne!(client("2001:db8:1:3::1", &[]), ip("2001:db8:1:2::"));
        assert_eq!(client("::ffff:203.0.113.9", &[]), ip("203.0.113.9"));
        assert_eq!(client("10.1.2.3", &["2001:db8:1:2::42"]), ip("2001:db8:1:2::"), "forwarded ones too");
        let exact = Clients { ipv6_prefix: 128, ..Default::default() };
        assert_eq!(exact.key(ip("2001:db8::1")), ip("2001:db8::1"));
        let all = Clients { ipv6_prefix: 0, ..Default::default() };
        assert_eq!(all.key(ip("2001:db8::1")), ip("::"));
    }
}

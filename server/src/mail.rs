//! E-mail over SMTP with `lettre`: configured by URL (`smtp://host:587`
//! upgrades with STARTTLS when offered, `smtp://…?tls=required` insists,
//! `smtps://host:465` is TLS from the start; `user:password@` for AUTH),
//! each message multipart (text and HTML) with its own `Message-ID`, sent
//! at a bounded rate. The outbox (`outbox.rs`) decides what and when; this
//! module only sends, and says whether a failure is worth another try.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::webhooks::Failure;

/// How long one message may take to send, connection included.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// One message to send.
pub struct Outgoing {
    pub to: Vec<String>,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Unique per message, the same on every attempt: `<id@host>` without the brackets.
    pub message_id: String,
    /// The id of the conversation it belongs to (`In-Reply-To`, `References`), so mail clients thread them.
    pub references: Option<String>,
    /// The one-click unsubscribe URL (RFC 8058: `List-Unsubscribe` and `List-Unsubscribe-Post`).
    pub unsubscribe: Option<String>,
}

/// The server's way out for e-mail.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// This API's URL as browsers reach it: the links in messages start with it.
    pub public_url: String,
    rate: DefaultDirectRateLimiter,
}

impl Mailer {
    /// A mailer through the SMTP server of `url`, from `from`
    /// (`encart <moderation@news.example>`), `per_second` messages at most.
    pub fn new(url: &str, from: &str, public_url: &str, per_second: u32) -> Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("--smtp-url: {e}"))?
            .timeout(Some(TIMEOUT))
            .build();
        let from = from.parse::<Mailbox>().map_err(|e| format!("--mail-from {from:?}: {e}"))?;
        let per_second = NonZeroU32::new(per_second).ok_or("--mail-per-second is at least 1")?;
        let public_url = public_url.trim_end_matches('/').to_owned();
        Ok(Mailer { transport, from, public_url, rate: RateLimiter::direct(Quota::per_second(per_second)) })
    }

    /// Sends `message` once the rate allows.
    pub async fn send(&self, message: Outgoing) -> Result<(), Failure> {
        let mut builder = Message::builder()
            .from(self.from.clone())
            .subject(message.subject)
            .message_id(Some(format!("<{}>", message.message_id)));
        if let Some(thread) = &message.references {
            builder = builder.in_reply_to(format!("<{thread}>")).references(format!("<{thread}>"));
        }
        if let Some(url) = &message.unsubscribe {
            builder = builder
                .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe"), format!("<{url}>")))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        for to in &message.to {
            let to = to.parse::<Mailbox>().map_err(|e| Failure::Never(format!("{to:?}: {e}")))?;
            builder = builder.to(to);
        }
        let email = builder
            .multipart(MultiPart::alternative_plain_html(message.text, message.html))
            .map_err(|e| Failure::Never(format!("the message: {e}")))?;
        self.rate.until_ready().await;
        match self.transport.send(email).await {
            Ok(_) => Ok(()),
            Err(err) if err.is_permanent() => Err(Failure::Never(format!("the SMTP server refused: {err}"))),
            Err(err) => Err(Failure::Retry(format!("SMTP: {err}"))),
        }
    }
}

/// Whether `address` is one mailbox (`name@domain`), as the sites file needs.
pub fn is_address(address: &str) -> bool {
    address.parse::<lettre::Address>().is_ok()
}

//! `encart-demo`: runs the API, the CDN stand-in and the partner site on
//! 127.0.0.1 until Ctrl-C. Started by `cargo xtask demo`.

use std::path::PathBuf;

use clap::Parser;
use encart_demo::{Options, Ports, start};
use encart_server::Moderation;
use tracing_subscriber::EnvFilter;

/// The demo's moderator. Fine for a demo on 127.0.0.1, never elsewhere.
const DEMO_MODERATOR: &str = "demo";
const DEMO_PASSWORD: &str = "encart-demo-moderator";

#[derive(Parser)]
#[command(about = "Run the encart demo: API, CDN stand-in and a partner news site")]
struct Args {
    /// The built widget.
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
    /// The partner site's pages.
    #[arg(long, default_value = "demo/partner")]
    pages: PathBuf,
    #[arg(long, default_value = "sqlite://target/demo/encart.db")]
    database_url: String,
    /// Article files to import; the partner pages embed the first.
    #[arg(long = "article", default_value = "fixtures/haftar-poutine.txt")]
    articles: Vec<PathBuf>,
    /// A discussion to seed under the first article, if it has none.
    #[arg(long, default_value = "fixtures/haftar-poutine.comments.json")]
    discussion: PathBuf,
    #[arg(long, default_value_t = 8700)]
    api_port: u16,
    #[arg(long, default_value_t = 8701)]
    cdn_port: u16,
    #[arg(long, default_value_t = 8702)]
    partner_port: u16,
    /// `pre` holds new comments for moderation; `pre-anonymous` only those of readers not signed in.
    #[arg(long, default_value = "open", value_parser = str::parse::<Moderation>)]
    moderation: Moderation,
    /// Only readers the partner signed in may comment.
    #[arg(long)]
    sign_in_required: bool,
    /// An SMTP server (e.g. a local mailpit at `smtp://127.0.0.1:1025`): readers may ask to be told
    /// of answers, and the e-mails go there.
    #[arg(long)]
    smtp_url: Option<String>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .init();
    let args = Args::parse();
    if let Some(path) = args.database_url.strip_prefix("sqlite://")
        && let Some(dir) = std::path::Path::new(path).parent()
    {
        std::fs::create_dir_all(dir)?;
    }
    let sites = start(Options {
        dist: args.dist,
        partner_pages: args.pages,
        database_url: args.database_url,
        articles: args.articles,
        discussion: Some(args.discussion),
        ports: Ports { api: args.api_port, cdn: args.cdn_port, partner: args.partner_port },
        moderation: args.moderation,
        post_rate: encart_server::PostRate::default(),
        anonymous: !args.sign_in_required,
        smtp_url: args.smtp_url,
    })
    .await?;
    // A moderator to try /admin with (a local demo: the password is printed below).
    match encart_server::admin::add_moderator(&sites.db, DEMO_MODERATOR, DEMO_PASSWORD).await {
        Ok(()) | Err(encart_server::admin::auth::ModeratorError::Exists(_)) => {}
        Err(err) => return Err(anyhow::anyhow!("cannot add the demo moderator: {err}")),
    }
    println!();
    println!("  encart demo is running. Open the partner page:");
    println!();
    println!("    {}/", sites.partner_url);
    println!();
    println!("  Signed in as a subscriber of the partner (any name):");
    println!();
    println!("    {}/signed-in.html", sites.partner_url);
    println!();
    println!("  API  {}/api/v1/articles/{}", sites.api_url, sites.article);
    println!("  CDN  {}/embed.js", sites.cdn_url);
    println!("  Moderation  {}/admin  (name {DEMO_MODERATOR}, password {DEMO_PASSWORD})", sites.api_url);
    println!();
    println!("  Ctrl-C stops it.");
    tokio::signal::ctrl_c().await?;
    Ok(())
}

use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use encart_server::config::{Cli, Command, KeyCommand, ModeratorCommand, PublisherCommand, redact_url};
use encart_server::secrets::Secrets;
use encart_server::{
    AllowedOrigins, AppState, admin, app, articles, db, delivery, import, instances, mail, migrate, outbox, publishers,
    retention, serve, sites, webhooks,
};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .with_writer(std::io::stderr)
        .init();
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let database = redact_url(&cli.database_url);
    match cli.command {
        Command::Serve(args) => {
            let mut sites = match &args.sites {
                Some(path) => sites::load(path).map_err(anyhow::Error::msg)?,
                None => Vec::new(),
            };
            let mailer = match (&args.smtp_url, &args.mail_from, &args.public_url) {
                (Some(smtp), Some(from), Some(public)) => {
                    Some(mail::Mailer::new(smtp, from, public, args.mail_per_second).map_err(anyhow::Error::msg)?)
                }
                _ => None,
            };
            if mailer.is_none() && sites.iter().any(|site| !site.moderators.is_empty()) {
                tracing::warn!("the sites file lists moderators but no --smtp-url is set: no digest is sent");
                sites.iter_mut().for_each(|site| site.moderators.clear());
            }
            let (origins, moderation) = sites::configure(args.allowed_origins(), args.moderation_policy(), &sites)
                .map_err(anyhow::Error::msg)?;
            tracing::info!(%database, listen = %args.listen, ?origins, ?moderation, sites = sites.len(), post_rate = ?args.post_rate(), "starting");
            if matches!(&origins, AllowedOrigins::List(list) if list.is_empty()) {
                tracing::warn!(
                    "no partner origin is allowed: browsers will refuse the API's answers (see --allowed-origins)"
                );
            }
            let secrets = Secrets::load_or_create(&args.secret_file)?;
            let connections = args.connections().within_file_limit();
            tracing::info!(?connections, events = ?args.event_limits(&connections), "connection limits");
            let db =
                db::connect(&cli.database_url).await.with_context(|| format!("cannot open database {database}"))?;
            retention::spawn(db.clone(), args.forget_addresses_after_days);
            let mut state = AppState::new(db, moderation)?
                .with_secrets(secrets)
                .with_clients(args.clients())
                .with_sites(sites)
                .with_secure_cookies(args.secure_cookies)
                .with_event_limits(args.event_limits(&connections));
            if let (Some(api), Some(cdn)) = (&args.public_url, &args.cdn_url) {
                state = state.with_embed_urls(api, cdn);
            }
            if args.allow_private_imports {
                tracing::warn!("URL imports may fetch private and loopback addresses (--allow-private-imports)");
                state = state.allow_private_imports();
            }
            // Keeps this instance's cache true when others write to the same PostgreSQL.
            instances::listen(&state).await.context("cannot listen for the other instances' writes")?;
            let listener = tokio::net::TcpListener::bind(args.listen)
                .await
                .with_context(|| format!("cannot listen on {}", args.listen))?;
            tracing::info!("listening on http://{}", listener.local_addr()?);
            // Sends what the outbox holds, when there is anything to send to.
            state = state.with_notifications(mailer.is_some());
            let worker = (outbox::wanted(&state.sites) || mailer.is_some()).then(|| {
                if args.allow_private_webhooks {
                    tracing::warn!("webhooks may reach private and loopback addresses (--allow-private-webhooks)");
                }
                let webhooks = webhooks::Client::new(args.allow_private_webhooks);
                let worker = delivery::Worker::new(
                    state.db.clone(),
                    state.sites.clone(),
                    state.secrets.clone(),
                    webhooks,
                    mailer,
                    args.delivery(),
                );
                (worker.clone(), tokio::spawn(worker.run()))
            });
            let (clients, events) = (state.clients.clone(), state.events.clone());
            let app = app(state, origins, args.post_rate());
            // Stopping ends the live event streams, which would hold the drain.
            let stopping = async move {
                shutdown_signal().await;
                events.close();
            };
            serve::serve(listener, app, connections, clients, stopping).await.context("server failed")?;
            // The deliveries under way end (each within its timeout) before the process does.
            if let Some((worker, running)) = worker {
                worker.stop();
                let _ = tokio::time::timeout(2 * mail::TIMEOUT, running).await;
            }
            Ok(())
        }
        Command::Moderator(ModeratorCommand::Add { name }) => {
            let password = match std::env::var("ENCART_MODERATOR_PASSWORD") {
                Ok(password) => password,
                Err(_) => {
                    eprintln!("password for {name} (at least {} characters):", admin::MIN_PASSWORD_CHARS);
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line).context("cannot read the password")?;
                    line.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            let db = open(&cli.database_url, &database).await?;
            admin::add_moderator(&db, &name, &password).await?;
            println!("moderator {name:?} added: they sign in at /admin");
            Ok(())
        }
        Command::Publisher(PublisherCommand::Add { name, domains, slug_prefix }) => {
            let db = open(&cli.database_url, &database).await?;
            let publisher = publishers::add(&db, &name, &domains).await?;
            if let Some(prefix) = &slug_prefix {
                publishers::reserve_prefix(&db, &name, prefix).await?;
            }
            println!(
                "publisher {:?} (id {}), imports from: {}{}",
                publisher.name,
                publisher.id,
                publisher.domains.join(", "),
                slug_prefix.map(|p| format!("; slugs {p} and {p}-… are its alone")).unwrap_or_default()
            );
            Ok(())
        }
        Command::Publisher(PublisherCommand::Domain { name, domain }) => {
            let db = open(&cli.database_url, &database).await?;
            let publisher = publishers::add_domain(&db, &name, &domain).await?;
            println!("{name:?} is on {}", publisher.domains.join(", "));
            Ok(())
        }
        Command::Publisher(PublisherCommand::Prefix { name, prefix }) => {
            let db = open(&cli.database_url, &database).await?;
            publishers::reserve_prefix(&db, &name, &prefix).await?;
            println!("the slugs {prefix} and {prefix}-… are now {name:?}'s alone");
            Ok(())
        }
        Command::Key(KeyCommand::Create { publisher }) => {
            let db = open(&cli.database_url, &database).await?;
            let publisher = publishers::named(&db, &publisher).await?;
            let (id, key) = publishers::create_key(&db, &publisher).await?;
            eprintln!("key {id} for {:?}; it is shown only now, keep it secret:", publisher.name);
            println!("{key}");
            Ok(())
        }
        Command::Key(KeyCommand::Revoke { id }) => {
            let db = open(&cli.database_url, &database).await?;
            publishers::revoke_key(&db, id).await?;
            println!("key {id} revoked");
            Ok(())
        }
        Command::Key(KeyCommand::List) => {
            let db = open(&cli.database_url, &database).await?;
            for (id, publisher, created, revoked) in publishers::keys(&db).await? {
                let state = revoked.map_or("active".to_owned(), |at| format!("revoked {at}"));
                println!("{id}\t{publisher}\tcreated {created}\t{state}");
            }
            Ok(())
        }
        Command::Migrate(args) => {
            let db = open(&cli.database_url, &database).await?;
            let options =
                migrate::Options { site: args.site, language: args.lang, dry_run: args.dry_run, progress: true };
            let summary = migrate::run(&db, args.format, &args.file, &options).await?;
            println!("{summary}");
            Ok(())
        }
        Command::Export(args) => {
            let db = open(&cli.database_url, &database).await?;
            let (articles, comments) = match &args.output {
                Some(path) => {
                    let file =
                        std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
                    migrate::export(&db, &args.site, &mut std::io::BufWriter::new(file)).await?
                }
                None => {
                    migrate::export(&db, &args.site, &mut std::io::BufWriter::new(std::io::stdout().lock())).await?
                }
            };
            eprintln!("exported {articles} articles and {comments} comments");
            Ok(())
        }
        Command::Import(args) => {
            let options = import::ImportOptions { language: args.lang, source_url: args.source_url };
            // The whole file parses before anything is stored.
            let article = import::read_file(&args.file, &options)?;
            let db = open(&cli.database_url, &database).await?;
            let (outcome, article) = articles::save(&db, &article, articles::Author::Operator)
                .await
                .map_err(|e| anyhow::anyhow!("cannot store the article: {e}"))?;
            instances::announce(&db, &article.slug).await;
            let verb = match outcome {
                articles::Upserted::Created => "imported",
                articles::Upserted::Updated => "updated",
            };
            println!("{verb} {:?}: {} paragraphs, slug {}", article.title, article.body.len(), article.slug);
            Ok(())
        }
    }
}

async fn open(url: &str, shown: &str) -> anyhow::Result<db::Db> {
    db::connect(url).await.with_context(|| format!("cannot open database {shown}"))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::warn!(%err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

//! Upgrading a database that holds comments: migration 0006 (moderation)
//! rebuilds SQLite's comments table; every row, id and link must survive,
//! and ids must keep growing past the highest ever given (keyset pagination).

use crate::common;

use encart_server::db::{self, Backend};
use sqlx::migrate::Migrator;

/// id, parent, body, status, idempotency key.
type Row = (i64, Option<i64>, String, String, Option<String>);

#[tokio::test]
async fn a_database_of_the_previous_schema_is_upgraded_with_its_comments_intact() {
    let url = common::empty_database().await;
    let backend = Backend::of_url(&url).unwrap();
    // The schema as it was before 0006: the first five migrations, from a copy.
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("migrations-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    });
    for entry in std::fs::read_dir(&source).unwrap().flatten() {
        let name = entry.file_name().into_string().unwrap();
        if name.as_str() < "0006" {
            std::fs::copy(entry.path(), dir.join(&name)).unwrap();
        }
    }
    sqlx::any::install_default_drivers();
    let old = sqlx::AnyPool::connect(&url).await.unwrap();
    Migrator::new(dir.as_path()).await.unwrap().run(&old).await.unwrap();
    sqlx::raw_sql(
        "INSERT INTO articles (slug, title, language, body) VALUES ('a', 'A', 'fr', '[]');
         INSERT INTO comments (article_id, depth, author, body, status, edit_token_hash, client_hash)
             VALUES (1, 0, 'Ana', 'premier', 'approved', 'h1', 'c1');
         INSERT INTO comments (article_id, parent_id, thread_id, depth, author, body, status, edit_token_hash, client_hash)
             VALUES (1, 1, 1, 1, 'Bo', 'réponse', 'approved', 'h2', 'c2');
         INSERT INTO comments (article_id, depth, author, body, status, edit_token_hash, client_hash, idempotency_key)
             VALUES (1, 0, 'Cy', 'en attente', 'pending', 'h3', 'c3', 'k3');
         INSERT INTO comments (article_id, depth, author, body, status, edit_token_hash, client_hash)
             VALUES (1, 0, 'Di', 'le plus récent, effacé', 'approved', 'h4', 'c4');
         DELETE FROM comments WHERE author = 'Di';",
    )
    .execute(&old)
    .await
    .unwrap();
    let before: Vec<Row> =
        sqlx::query_as("SELECT id, parent_id, body, status, idempotency_key FROM comments ORDER BY id")
            .fetch_all(&old)
            .await
            .unwrap();
    old.close().await;

    // The server opens it: the remaining migrations run.
    let db = db::connect(&url).await.unwrap();
    let after: Vec<Row> =
        sqlx::query_as("SELECT id, parent_id, body, status, idempotency_key FROM comments ORDER BY id")
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(after, before);
    assert_eq!(after.len(), 3);
    // The new status is allowed, and a new comment gets an id above every id ever given (4 was deleted).
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO comments (article_id, depth, author, body, status, edit_token_hash, client_hash)
         VALUES (1, 0, 'Ed', 'rejeté', 'rejected', 'h5', 'c5') RETURNING id",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(id, 5);
    // Foreign keys still hold: a reply to a comment that does not exist is refused.
    let orphan = sqlx::query(
        "INSERT INTO comments (article_id, parent_id, depth, author, body, status, edit_token_hash, client_hash)
         VALUES (1, 999, 1, 'F', 'x', 'approved', 'h', 'c')",
    )
    .execute(&db)
    .await;
    assert!(orphan.is_err());
    let _ = std::fs::remove_dir_all(&dir);
}

//! Minifies the widget's stylesheet into `OUT_DIR/widget.min.css`, which
//! `app.rs` embeds: the CSS travels inside the wasm, without its comments.
//! Compiles the interface's words (`i18n/`, see `i18n/compile.rs`) into
//! `OUT_DIR/words.rs` and `OUT_DIR/words/<tag>.json`. And sets `ENCART_BUILD_ID` (`widget::BUILD_ID`): a hash of what shapes the
//! views' HTML (the sources, the stylesheet, the locked dependency versions),
//! the same for the server and the wasm built from one commit.

use sha2::{Digest, Sha256};

// Shared with server/build.rs and xtask, each using a part of it.
#[allow(dead_code)]
#[path = "i18n/compile.rs"]
mod compile;
// `category` is the widget's; the build checks rules with `holds`.
#[allow(dead_code)]
#[path = "src/plural.rs"]
mod plural;

fn main() {
    // The interface's words: every `i18n/<tag>.ftl` checked against `en.ftl`
    // and compiled (see i18n/compile.rs), or the build fails naming the file
    // and the message.
    println!("cargo::rerun-if-changed=i18n");
    compile::build_script(std::path::Path::new("i18n"), None);

    println!("cargo::rerun-if-changed=style/widget.css");
    let css = std::fs::read_to_string("style/widget.css").expect("cannot read style/widget.css");
    let minified = minifier::css::minify(&css).expect("style/widget.css does not minify").to_string();
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("widget.min.css");
    // Its name on the CDN, as `cargo xtask dist` names it (`app::STYLE_NAME`).
    println!("cargo::rustc-env=ENCART_STYLE_NAME=encart-{}.css", short_hex(&Sha256::digest(minified.as_bytes())));
    std::fs::write(out, minified).expect("cannot write the minified stylesheet");

    println!("cargo::rerun-if-changed=src");
    println!("cargo::rerun-if-changed=Cargo.lock");
    let mut sources: Vec<_> = std::fs::read_dir("src")
        .expect("cannot list src")
        .map(|entry| entry.expect("cannot list src").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    let mut languages: Vec<_> = std::fs::read_dir("i18n")
        .expect("cannot list i18n")
        .map(|entry| entry.expect("cannot list i18n").path())
        .filter(|path| path.is_file())
        .collect();
    sources.append(&mut languages);
    sources.sort();
    sources.push("style/widget.css".into());
    sources.push("Cargo.lock".into());
    let mut hash = Sha256::new();
    hash.update(env!("CARGO_PKG_VERSION"));
    // Leptos's `--cfg erase_components` changes the HTML (see .cargo/config.toml).
    let erased = std::env::var_os("CARGO_CFG_ERASE_COMPONENTS").is_some();
    hash.update(if erased { "erase_components" } else { "typed components" });
    for path in sources {
        hash.update(path.to_string_lossy().as_bytes());
        hash.update(std::fs::read(&path).unwrap_or_default());
    }
    println!("cargo::rustc-env=ENCART_BUILD_ID={}", short_hex(&hash.finalize()));
}

/// The first 16 hex digits of a SHA-256 `digest`: the build's id, and how
/// `cargo xtask dist` names the files it hashes.
fn short_hex(digest: &[u8]) -> String {
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

//! Compiles the server's own words, its e-mails and their link pages
//! (`i18n/mail/<tag>.ftl`, checked against `i18n/mail/en.ftl`, with each
//! language's plural rules and numbers from `i18n/<tag>.ftl`; see
//! `i18n/compile.rs`) into `OUT_DIR/words.rs`, which `words.rs` includes,
//! or fails naming the file and the message.

#[allow(dead_code)]
#[path = "../i18n/compile.rs"]
mod compile;
// `category` is the interpreter's; the build checks rules with `holds`.
#[allow(dead_code)]
#[path = "../src/plural.rs"]
mod plural;

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=../i18n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let compiled =
        compile::compile_with(Path::new("../i18n/mail"), Some(Path::new("../i18n"))).unwrap_or_else(|error| {
            eprintln!("error: {error}");
            std::process::exit(1)
        });
    let words = out_dir.join("words");
    std::fs::create_dir_all(&words).expect("cannot create OUT_DIR/words");
    for (tag, json) in &compiled.languages {
        std::fs::write(words.join(format!("{tag}.json")), json).expect("cannot write the compiled words");
    }
    std::fs::write(out_dir.join("words.rs"), compile::rust(&compiled, &words)).expect("cannot write words.rs");
}

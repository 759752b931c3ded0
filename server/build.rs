//! Compiles the server's own words, its e-mails and their link pages
//! (`i18n/server/<tag>.ftl`, checked against `i18n/server/en.ftl`, with each
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

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=../i18n");
    compile::build_script(Path::new("../i18n/server"), Some(Path::new("../i18n")));
}

//! Minifies the widget's stylesheet into `OUT_DIR/widget.min.css`, which
//! `app.rs` embeds: the CSS travels inside the wasm, without its comments.

fn main() {
    println!("cargo::rerun-if-changed=style/widget.css");
    let css = std::fs::read_to_string("style/widget.css").expect("cannot read style/widget.css");
    let minified = minifier::css::minify(&css).expect("style/widget.css does not minify").to_string();
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("widget.min.css");
    std::fs::write(out, minified).expect("cannot write the minified stylesheet");
}

//! The build's half of the languages: reads every `<tag>.ftl` of a folder
//! (Fluent), checks it against its `en.ftl`, whose messages and variables
//! are what the code passes, and compiles each file to the words the
//! interpreter of `src/i18n.rs` writes: the same data for the server's first
//! view and for the browser. Any error names the file and the message.
//! Used by `build.rs` (`i18n/`), `server/build.rs` (`i18n/server/`) and
//! `cargo xtask dist` (`i18n/`, for the CDN), which also runs its tests.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use fluent_syntax::ast;

/// Markers of the compiled patterns (see `src/i18n.rs`, which reads them);
/// no translation may hold them.
const PLACE: char = '\u{1}';
const PLACE_END: char = '\u{2}';
const SELECT: char = '\u{3}';
const VARIANT: char = '\u{4}';
const VARIANT_TEXT: char = '\u{5}';
const SELECT_END: char = '\u{6}';

/// Variables the code passes as text (a date already written out, an
/// article's title, a name, a site, a report's reason, a comment's or a ban's
/// number, which is not grouped); every other variable is a whole number.
const TEXT_VARIABLES: [&str; 9] =
    ["date", "title", "author", "origin", "moderator", "site", "reason", "comment", "ban"];

const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// One message of `en.ftl`, the reference: the code's key and what it passes.
pub struct Key {
    pub id: String,
    pub variables: Vec<String>,
    /// Its English text, for the generated documentation.
    pub english: String,
}

pub struct Compiled {
    pub keys: Vec<Key>,
    /// Each language's tag and its words as JSON (`encart_api_types::Words`).
    pub languages: Vec<(String, String)>,
    /// A hash of the keys and their variables: words of another shape are
    /// not read by this build.
    pub shape: String,
    /// The languages of `base` that this folder does not translate yet
    /// (their readers get English's words from it).
    pub untranslated: Vec<String>,
}

pub fn compile(dir: &Path) -> Result<Compiled, String> {
    compile_with(dir, None)
}

/// As [`compile`], for files whose languages' plural rules and numbers
/// (the `-plural-*` and `-number-*` terms) are those of the same language's
/// file in `base` (the server's e-mails, `i18n/server/`, take `i18n/`'s).
pub fn compile_with(dir: &Path, base: Option<&Path>) -> Result<Compiled, String> {
    let shown = dir.display().to_string();
    let sources = read_dir(dir)?;
    let english = sources.get("en").ok_or(format!("{shown}/en.ftl is missing: it is the reference"))?;
    let reference = parse(&shown, "en", english)?;
    let keys: Vec<Key> = reference
        .messages
        .iter()
        .map(|(id, pattern)| {
            let mut variables = Vec::new();
            variables_of(pattern, &mut variables);
            // The code passes them in alphabetical order, whatever the English order.
            variables.sort();
            Key { id: id.to_string(), variables, english: plain(pattern) }
        })
        .collect();
    // A compiled message names its variables by one digit.
    if let Some(key) = keys.iter().find(|k| k.variables.len() > 10) {
        return Err(format!("{shown}/en.ftl: `{}` has more than ten variables", key.id));
    }
    let mut shape = 0xcbf2_9ce4_8422_2325_u64;
    for key in &keys {
        for byte in key.id.bytes().chain([b'(']).chain(key.variables.join(",").bytes()).chain([b')']) {
            shape = (shape ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3);
        }
    }
    let bases: BTreeMap<String, String> = match base {
        Some(base) => read_dir(base)?,
        None => BTreeMap::new(),
    };
    // A language needs its plural rules and numbers from `base`; `base` may
    // speak languages this folder does not translate yet.
    if let Some(base) = base
        && let Some(tag) = sources.keys().find(|tag| !bases.contains_key(*tag))
    {
        return Err(format!(
            "{shown}/{tag}.ftl: {}/{tag}.ftl is missing (its plural rules and numbers)",
            base.display()
        ));
    }
    let untranslated = bases.keys().filter(|tag| !sources.contains_key(*tag)).cloned().collect();
    let mut languages = Vec::new();
    for (tag, source) in &sources {
        let mut file = parse(&shown, tag, source)?;
        if let Some(base_source) = bases.get(tag) {
            let base_file = parse(&base.unwrap_or(dir).display().to_string(), tag, base_source)?;
            for (name, term) in base_file.terms {
                file.terms.entry(name).or_insert(term);
            }
        }
        languages.push((tag.clone(), words(&shown, tag, &file, &keys, &format!("{shape:016x}"))?));
    }
    Ok(Compiled { keys, languages, shape: format!("{shape:016x}"), untranslated })
}

/// Each `<tag>.ftl` of `dir`, by tag.
fn read_dir(dir: &Path) -> Result<BTreeMap<String, String>, String> {
    let mut sources = BTreeMap::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|ext| ext == "ftl") {
            let tag = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
            let source = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            sources.insert(tag, source);
        }
    }
    Ok(sources)
}

struct File<'s> {
    messages: Vec<(&'s str, &'s ast::Pattern<&'s str>)>,
    /// By name, without the leading `-`.
    terms: BTreeMap<&'s str, &'s ast::Pattern<&'s str>>,
}

fn parse<'s>(dir: &str, tag: &str, source: &'s str) -> Result<File<'s>, String> {
    // Leaked: the file's syntax tree lives as long as the build script.
    let resource = Box::leak(Box::new(fluent_syntax::parser::parse(source).map_err(|(_, errors)| {
        let error = &errors[0];
        let line = source[..error.pos.start.min(source.len())].matches('\n').count() + 1;
        format!("{dir}/{tag}.ftl, line {line}: {}", error.kind)
    })?));
    let mut file = File { messages: Vec::new(), terms: BTreeMap::new() };
    for entry in &resource.body {
        match entry {
            ast::Entry::Message(message) => {
                let id = message.id.name;
                if !message.attributes.is_empty() {
                    return Err(format!("{dir}/{tag}.ftl: `{id}` has attributes, which the widget does not read"));
                }
                let value = message.value.as_ref().ok_or_else(|| format!("{dir}/{tag}.ftl: `{id}` has no text"))?;
                if file.messages.iter().any(|(seen, _)| *seen == id) {
                    return Err(format!("{dir}/{tag}.ftl: `{id}` is there twice"));
                }
                file.messages.push((id, value));
            }
            ast::Entry::Term(term) => {
                file.terms.insert(term.id.name, &term.value);
            }
            ast::Entry::Junk { content } => {
                return Err(format!("{dir}/{tag}.ftl: cannot read `{}`", content.trim()));
            }
            _ => {}
        }
    }
    Ok(file)
}

/// Variables of a pattern.
fn variables_of(pattern: &ast::Pattern<&str>, out: &mut Vec<String>) {
    let mut add = |name: &str| {
        if !out.iter().any(|v| v == name) {
            out.push(name.to_owned());
        }
    };
    for element in &pattern.elements {
        let ast::PatternElement::Placeable { expression } = element else { continue };
        let inline = match expression {
            ast::Expression::Select { selector, variants } => {
                if let Some(name) = variable(selector) {
                    add(name);
                }
                let mut nested = Vec::new();
                for variant in variants {
                    variables_of(&variant.value, &mut nested);
                }
                nested.iter().for_each(|n| add(n));
                continue;
            }
            ast::Expression::Inline(inline) => inline,
        };
        if let Some(name) = variable(inline) {
            add(name);
        }
    }
}

/// The variable an expression reads: `$x` or `NUMBER($x, …)`.
fn variable<'s>(expression: &ast::InlineExpression<&'s str>) -> Option<&'s str> {
    match expression {
        ast::InlineExpression::VariableReference { id } => Some(id.name),
        ast::InlineExpression::FunctionReference { arguments, .. } => arguments.positional.first().and_then(variable),
        _ => None,
    }
}

/// A pattern's text for documentation: placeables as `{ … }`.
fn plain(pattern: &ast::Pattern<&str>) -> String {
    pattern
        .elements
        .iter()
        .map(|element| match element {
            ast::PatternElement::TextElement { value } => value.replace('\n', " "),
            ast::PatternElement::Placeable { .. } => "{ … }".to_owned(),
        })
        .collect()
}

fn words(dir: &str, tag: &str, file: &File, keys: &[Key], shape: &str) -> Result<String, String> {
    let at = |id: &str| format!("{dir}/{tag}.ftl: `{id}`");
    let term = |name: &str| -> Result<Option<String>, String> {
        file.terms
            .get(name.trim_start_matches('-'))
            .map(|pattern| literal(pattern).ok_or_else(|| format!("{} is not plain text", at(name))))
            .transpose()
    };
    let mut plural = Vec::new();
    for category in CATEGORIES {
        if let Some(condition) = term(&format!("-plural-{category}"))? {
            if category == "other" {
                return Err(format!("{}: `other` is what no rule gives", at("-plural-other")));
            }
            crate::plural::holds(&condition, 0).map_err(|e| format!("{}: {e}", at(&format!("-plural-{category}"))))?;
            plural.push((category.to_owned(), condition));
        }
    }
    let group = term("-number-group")?.ok_or_else(|| format!("{dir}/{tag}.ftl: `-number-group` is missing"))?;
    let digits = term("-number-digits")?.unwrap_or_else(|| "0123456789".to_owned());
    if digits.chars().count() != 10 {
        return Err(format!("{}: ten digits, 0 to 9", at("-number-digits")));
    }
    let min_grouping: u8 = match term("-number-min-grouping")? {
        Some(n) => n
            .parse()
            .ok()
            .filter(|n| (1..=2).contains(n))
            .ok_or_else(|| format!("{}: 1 or 2", at("-number-min-grouping")))?,
        None => 1,
    };
    let categories: Vec<&str> = plural.iter().map(|(c, _)| c.as_str()).chain(["other"]).collect();
    let mut texts = Vec::new();
    for key in keys {
        let (_, pattern) = file
            .messages
            .iter()
            .find(|(id, _)| *id == key.id)
            .ok_or_else(|| format!("{dir}/{tag}.ftl: `{}` is missing", key.id))?;
        let mut out = String::new();
        let context = Context { at: at(&key.id), key, categories: &categories };
        context.pattern(pattern, &mut out)?;
        texts.push(out);
    }
    if let Some((extra, _)) = file.messages.iter().find(|(id, _)| !keys.iter().any(|k| k.id == *id)) {
        return Err(format!("{} is not a message of {dir}/en.ftl, which the code reads", at(extra)));
    }
    let words = serde_json::json!({
        "lang": tag,
        "shape": shape,
        "digits": digits,
        "group": group,
        "min_grouping": min_grouping,
        "plural": plural,
        "texts": texts,
    });
    Ok(words.to_string())
}

/// A term's value: text and string literals only.
fn literal(pattern: &ast::Pattern<&str>) -> Option<String> {
    let mut out = String::new();
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => out.push_str(value),
            ast::PatternElement::Placeable {
                expression: ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }),
            } => out.push_str(&fluent_syntax::unicode::unescape_unicode_to_string(value)),
            _ => return None,
        }
    }
    Some(out)
}

struct Context<'a> {
    at: String,
    key: &'a Key,
    categories: &'a [&'a str],
}

impl Context<'_> {
    fn pattern(&self, pattern: &ast::Pattern<&str>, out: &mut String) -> Result<(), String> {
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => {
                    if let Some(c) = value.chars().find(|c| c.is_control() && *c != '\n') {
                        return Err(format!("{} holds the control character {c:?}", self.at));
                    }
                    out.push_str(value);
                }
                ast::PatternElement::Placeable { expression: ast::Expression::Inline(inline) } => {
                    self.inline(inline, out)?
                }
                ast::PatternElement::Placeable { expression: ast::Expression::Select { selector, variants } } => {
                    let name = match selector {
                        ast::InlineExpression::VariableReference { id } => id.name,
                        _ => return Err(format!("{}: a selector is a variable ($count)", self.at)),
                    };
                    let index = self.index(name, false)?;
                    write!(out, "{SELECT}{index}").unwrap();
                    for variant in variants {
                        let key = match &variant.key {
                            ast::VariantKey::NumberLiteral { value } => {
                                value
                                    .parse::<u64>()
                                    .map_err(|_| format!("{}: [{value}] is not a whole number", self.at))?;
                                value.to_string()
                            }
                            ast::VariantKey::Identifier { name } if self.categories.contains(name) => name.to_string(),
                            ast::VariantKey::Identifier { name } => {
                                return Err(format!(
                                    "{}: [{name}] is not a plural category of this language (it has {})",
                                    self.at,
                                    self.categories.join(", ")
                                ));
                            }
                        };
                        let default = if variant.default { "*" } else { "" };
                        write!(out, "{VARIANT}{default}{key}{VARIANT_TEXT}").unwrap();
                        self.pattern(&variant.value, out)?;
                    }
                    out.push(SELECT_END);
                }
            }
        }
        Ok(())
    }

    fn inline(&self, inline: &ast::InlineExpression<&str>, out: &mut String) -> Result<(), String> {
        match inline {
            ast::InlineExpression::StringLiteral { value } => {
                out.push_str(&fluent_syntax::unicode::unescape_unicode_to_string(value));
            }
            ast::InlineExpression::VariableReference { id } => {
                let text = TEXT_VARIABLES.contains(&id.name);
                write!(out, "{PLACE}{}{PLACE_END}", self.index(id.name, text)?).unwrap();
            }
            ast::InlineExpression::FunctionReference { id, arguments } if id.name == "NUMBER" => {
                let name = match arguments.positional.as_slice() {
                    [ast::InlineExpression::VariableReference { id }] => id.name,
                    _ => return Err(format!("{}: NUMBER takes one variable", self.at)),
                };
                write!(out, "{PLACE}{}", self.index(name, false)?).unwrap();
                for option in &arguments.named {
                    let value = match &option.value {
                        ast::InlineExpression::StringLiteral { value }
                        | ast::InlineExpression::NumberLiteral { value } => *value,
                        _ => "",
                    };
                    match (option.name.name, value) {
                        ("useGrouping", "false") => out.push('g'),
                        ("minimumIntegerDigits", "2") => out.push('2'),
                        (name, value) => {
                            return Err(format!("{}: NUMBER's {name}: {value} is not one the widget knows", self.at));
                        }
                    }
                }
                out.push(PLACE_END);
            }
            _ => {
                return Err(format!(
                    "{}: only text, variables, NUMBER() and selectors, no references to other messages",
                    self.at
                ));
            }
        }
        Ok(())
    }

    /// The position of variable `name` in what the code passes.
    fn index(&self, name: &str, text: bool) -> Result<usize, String> {
        let index = self.key.variables.iter().position(|v| v == name).ok_or_else(|| {
            format!("{} uses ${name}, which the code does not pass (it passes {})", self.at, self.passed())
        })?;
        if TEXT_VARIABLES.contains(&name) && !text {
            return Err(format!("{}: ${name} is text, not a number", self.at));
        }
        Ok(index)
    }

    fn passed(&self) -> String {
        if self.key.variables.is_empty() {
            return "nothing".to_owned();
        }
        self.key.variables.iter().map(|v| format!("${v}")).collect::<Vec<_>>().join(", ")
    }
}

/// A build script's work: `dir` compiled (see [`compile_with`]) into
/// `OUT_DIR/words.rs` (see [`rust`]) and each language's
/// `OUT_DIR/words/<tag>.json`; or the build stops with the error.
pub fn build_script(dir: &Path, base: Option<&Path>) {
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let compiled = compile_with(dir, base).unwrap_or_else(|error| {
        eprintln!("error: {error}");
        std::process::exit(1)
    });
    for tag in &compiled.untranslated {
        println!("cargo::warning={}/{tag}.ftl is missing: English instead, until it is translated", dir.display());
    }
    let words = out_dir.join("words");
    std::fs::create_dir_all(&words).expect("cannot create OUT_DIR/words");
    for (tag, json) in &compiled.languages {
        std::fs::write(words.join(format!("{tag}.json")), json).expect("cannot write the compiled words");
    }
    std::fs::write(out_dir.join("words.rs"), rust(&compiled, &words)).expect("cannot write words.rs");
}

/// The Rust that `src/i18n.rs` includes: the keys as `Text` (messages
/// without variables) and methods of `Lang` (those with), each language's
/// words for the server, the shape.
pub fn rust(compiled: &Compiled, json_dir: &Path) -> String {
    let camel = |id: &str| -> String { id.split('-').map(|part| part[..1].to_uppercase() + &part[1..]).collect() };
    let mut out = String::new();
    writeln!(out, "/// A hash of the messages and their variables (`i18n/compile.rs`).").unwrap();
    writeln!(out, "pub const SHAPE: &str = {:?};", compiled.shape).unwrap();
    let tags: Vec<_> = compiled.languages.iter().map(|(tag, _)| format!("{tag:?}")).collect();
    writeln!(out, "/// The languages the widget speaks, one per `i18n/<tag>.ftl`.").unwrap();
    writeln!(out, "pub const LANGUAGES: [&str; {}] = [{}];", tags.len(), tags.join(", ")).unwrap();
    writeln!(out, "/// The messages without variables; each is its position in the words.").unwrap();
    writeln!(out, "#[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum Text {{").unwrap();
    for (index, key) in compiled.keys.iter().enumerate().filter(|(_, k)| k.variables.is_empty()) {
        writeln!(out, "    /// `{}`: {}\n    {} = {index},", key.id, key.english.trim(), camel(&key.id)).unwrap();
    }
    writeln!(out, "}}\nimpl Lang {{").unwrap();
    for (index, key) in compiled.keys.iter().enumerate().filter(|(_, k)| !k.variables.is_empty()) {
        let is_text = |v: &String| TEXT_VARIABLES.contains(&v.as_str());
        let params: Vec<_> =
            key.variables.iter().map(|v| format!("{}: {}", v, if is_text(v) { "&str" } else { "u64" })).collect();
        let args: Vec<_> = key
            .variables
            .iter()
            .map(|v| if is_text(v) { format!("Arg::Text({v})") } else { format!("Arg::Number({v})") })
            .collect();
        let name = key.id.replace('-', "_");
        writeln!(
            out,
            "    /// `{}`: {}\n    pub fn {name}(self, {}) -> String {{ self.format({index}, &[{}]) }}",
            key.id,
            key.english.trim(),
            params.join(", "),
            args.join(", ")
        )
        .unwrap();
    }
    writeln!(out, "}}").unwrap();
    writeln!(out, "/// Each language's words, as JSON (`encart_api_types::Words`).").unwrap();
    writeln!(out, "pub const COMPILED: [(&str, &str); {}] = [", tags.len()).unwrap();
    for (tag, _) in &compiled.languages {
        let path = json_dir.join(format!("{tag}.json"));
        writeln!(out, "    ({tag:?}, include_str!({:?})),", path.display().to_string()).unwrap();
    }
    writeln!(out, "];").unwrap();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `files` in a fresh folder, compiled.
    fn compiled(name: &str, files: &[(&str, &str)]) -> Result<Compiled, String> {
        let dir = std::env::temp_dir().join(format!("encart-i18n-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (file, text) in files {
            std::fs::write(dir.join(file), text).unwrap();
        }
        let result = compile(&dir);
        let _ = std::fs::remove_dir_all(&dir);
        result
    }

    const EN: &str = "-plural-one = i = 1 and v = 0\n-number-group = ,\n\
                      title = Comments\ncount = { $count ->\n    [one] { $count } comment\n   *[other] { $count } comments\n}\n";

    #[test]
    fn the_servers_words_may_lack_a_language_of_the_widget_but_not_add_one() {
        let root = std::env::temp_dir().join(format!("encart-i18n-{}-base", std::process::id()));
        let (base, server) = (root.join("base"), root.join("server"));
        let _ = std::fs::remove_dir_all(&root);
        for (dir, files) in [(&base, ["en", "cs"].as_slice()), (&server, ["en"].as_slice())] {
            std::fs::create_dir_all(dir).unwrap();
            for tag in files {
                std::fs::write(dir.join(format!("{tag}.ftl")), EN).unwrap();
            }
        }
        let compiled = compile_with(&server, Some(&base)).unwrap();
        assert_eq!(compiled.untranslated, ["cs"]);
        assert_eq!(compiled.languages.iter().map(|(tag, _)| tag.as_str()).collect::<Vec<_>>(), ["en"]);
        std::fs::write(server.join("sv.ftl"), EN).unwrap();
        let error = compile_with(&server, Some(&base)).err().unwrap_or_default();
        let _ = std::fs::remove_dir_all(&root);
        assert!(error.contains("sv.ftl: ") && error.contains("base/sv.ftl is missing"), "{error}");
    }

    #[test]
    fn a_translators_mistake_fails_the_build_naming_the_file_and_the_message() {
        let cs = |body: &str| {
            format!(
                "-plural-one = i = 1 and v = 0\n-plural-few = i = 2..4 and v = 0\n-number-group = {{ \"\\u00A0\" }}\n{body}"
            )
        };
        let ok = cs(
            "title = Komentáře\ncount = { $count ->\n    [one] { $count } komentář\n    [few] { $count } komentáře\n   *[other] { $count } komentářů\n}\n",
        );
        let words = compiled("ok", &[("en.ftl", EN), ("cs.ftl", &ok)]).unwrap();
        assert_eq!(
            words.keys.iter().map(|k| (k.id.as_str(), k.variables.clone())).collect::<Vec<_>>(),
            [("title", vec![]), ("count", vec!["count".to_owned()])]
        );
        let cases = [
            (cs("title = Komentáře\n"), "cs.ftl: `count` is missing"),
            (cs("title = K\ncount = { $count } k\nextra = E\n"), "cs.ftl: `extra` is not a message of"),
            (
                cs("title = K\ncount = { $cont } k\n"),
                "cs.ftl: `count` uses $cont, which the code does not pass (it passes $count)",
            ),
            (
                cs("title = K\ncount = { $count ->\n    [two] a\n   *[other] b\n}\n"),
                "cs.ftl: `count`: [two] is not a plural category of this language",
            ),
            (cs("title = K\ncount = { $count ->\n    [one] a\n}\n"), "cs.ftl, line"),
            (
                cs("title = K { other }\ncount = { $count } k\n"),
                "cs.ftl: `title`: only text, variables, NUMBER() and selectors",
            ),
            (
                "-plural-one = i = 1 an v = 0\n-number-group = ,\ntitle = K\ncount = { $count } k\n".to_owned(),
                "cs.ftl: `-plural-one`: `i = 1 an v = 0` is not a CLDR plural relation",
            ),
        ];
        for (file, error) in cases {
            let got = compiled("bad", &[("en.ftl", EN), ("cs.ftl", &file)]).err().unwrap_or_default();
            assert!(got.contains(error), "{got:?} should say {error:?}");
        }
    }
}

//! The diagnostic texts in Finnish and Swedish: every template written
//! with `t!` in the core, the templates, the CLI, the language server and
//! the bindings has both in the catalogue
//! (`crates/ennakko/src/message/catalogue.rs`). A missing one fails with
//! the code written nearest before it, the template and its place, so
//! whoever adds a code sees what to translate.
//!
//! Also: each translation has the placeholders of its template, and every
//! code in the source is documented in `docs/errors.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use ennakko::message::catalogue;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The Rust files whose `t!` templates users see.
fn sources() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in [
        "crates/ennakko/src",
        "crates/ennakko-templates/src",
        "crates/ennakko-cli/src",
        "crates/ennakko-lsp/src",
        "bindings/python/src",
        "bindings/wasm/src",
    ] {
        collect(&root().join(dir), &mut files);
    }
    files.sort();
    files
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A Rust string literal starting at `text[0] == '"'`: its value and length.
fn literal(text: &str) -> Option<(String, usize)> {
    let mut value = String::new();
    let mut chars = text.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((value, i + 1)),
            '\\' => match chars.next()?.1 {
                'n' => value.push('\n'),
                't' => value.push('\t'),
                '\n' => {
                    // A line continuation skips the break and the indent.
                    let mut rest = chars.clone().peekable();
                    while rest.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                        chars.next();
                        rest.next();
                    }
                }
                other => value.push(other),
            },
            c => value.push(c),
        }
    }
    None
}

/// A code literal such as `"E0101"` starting at `bytes[i]`.
fn code_at(text: &str, i: usize) -> Option<&str> {
    let candidate = text.get(i..i + 7)?;
    let b = candidate.as_bytes();
    let shaped = b[0] == b'"' && b"EDTWNRXUA".contains(&b[1]) && b[2..6].iter().all(u8::is_ascii_digit) && b[6] == b'"';
    shaped.then(|| &candidate[1..6])
}

/// Every `t!` template, with the code nearest before it in its file
/// (`shared` when none is) and where it is.
fn templates() -> BTreeMap<String, (String, String)> {
    let mut found = BTreeMap::new();
    for file in sources() {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.strip_prefix(root()).unwrap_or(&file).display().to_string();
        let mut code = "shared".to_string();
        let mut at = 0;
        while at < text.len() {
            if let Some(c) = code_at(&text, at) {
                code = c.to_string();
            }
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let in_comment = text[line_start..at].trim_start().starts_with("//");
            let word_before = text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
            if !in_comment && !word_before && text[at..].starts_with("t!(") {
                let rest = text[at + 3..].trim_start();
                if rest.starts_with('"')
                    && let Some((template, _)) = literal(rest)
                {
                    let line = text[..at].matches('\n').count() + 1;
                    found.entry(template).or_insert((code.clone(), format!("{name}:{line}")));
                }
            }
            at += text[at..].chars().next().map_or(1, char::len_utf8);
        }
    }
    found
}

/// `{}`, `{0}` and `{name}` placeholders of a template, `{}` counted.
fn placeholders(template: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut positional = 0;
    let mut rest = template.replace("{{", "").replace("}}", "");
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        let key = &rest[start + 1..start + len];
        if key.is_empty() {
            out.insert(positional.to_string());
            positional += 1;
        } else {
            out.insert(key.to_string());
        }
        rest = rest[start + len + 1..].to_string();
    }
    out
}

/// Whether a template has words to translate: placeholders and punctuation
/// alone (`{}, {}`, `"{s}"`) read the same in every language.
fn has_words(template: &str) -> bool {
    let mut depth = 0;
    template.chars().any(|c| {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        depth == 0 && c.is_alphabetic()
    })
}

fn escaped(template: &str) -> String {
    template.replace('\\', "\\\\").replace('\n', "\\n").replace('\t', "\\t")
}

#[test]
fn every_template_is_translated() {
    let translated: BTreeSet<&str> = catalogue::entries().iter().map(|(en, _, _)| *en).collect();
    let missing: Vec<String> = templates()
        .into_iter()
        .filter(|(t, _)| has_words(t) && !translated.contains(t.as_str()))
        .map(|(t, (code, place))| {
            format!("{code}: no fi/sv text for {:?} ({place}); add it to the catalogue", escaped(&t))
        })
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn translations_have_the_placeholders_of_their_template() {
    let mut seen = BTreeSet::new();
    for (en, fi, sv) in catalogue::entries() {
        assert!(seen.insert(en), "{en:?} is in the catalogue twice");
        for (lang, text) in [("fi", fi), ("sv", sv)] {
            assert!(!text.trim().is_empty() || en.trim().is_empty(), "{lang} text of {en:?} is empty");
            assert_eq!(placeholders(text), placeholders(en), "{lang} text of {en:?} has other placeholders: {text:?}");
        }
    }
}

#[test]
fn every_catalogue_entry_is_used() {
    let used = templates();
    let stale: Vec<&str> =
        catalogue::entries().iter().map(|(en, _, _)| *en).filter(|en| !used.contains_key(*en)).collect();
    assert!(stale.is_empty(), "catalogue entries no `t!` uses: {stale:?}");
}

#[test]
fn every_code_in_the_source_is_documented() {
    let docs = std::fs::read_to_string(root().join("docs/errors.md")).unwrap();
    let mut undocumented = BTreeSet::new();
    for file in sources() {
        let text = std::fs::read_to_string(&file).unwrap();
        for i in 0..text.len() {
            if let Some(code) = code_at(&text, i)
                && !docs.contains(&format!("`{code}`"))
            {
                undocumented.insert(format!("{code} ({})", file.display()));
            }
        }
    }
    assert!(undocumented.is_empty(), "codes used but not in docs/errors.md: {undocumented:?}");
}

//! The editors' word lists against the pest grammar, the one source of
//! truth: the VS Code TextMate grammar, its snippets and the language
//! server's completion keywords must name exactly the grammar's keywords,
//! so a keyword added to `grammar/ennakko.pest` fails here until the
//! editors know it too.

use std::collections::BTreeSet;

use ennakko_lsp::document::{DECL_KEYWORDS, EXPR_WORDS, PROPERTY_KEYS};
use serde_json::Value;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

type Words = BTreeSet<String>;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The quoted words of one pest rule (`name = @{ ... }`, up to the line
/// that closes it).
fn pest_rule(grammar: &str, name: &str) -> Words {
    let start = grammar
        .lines()
        .position(|l| l.split_whitespace().next() == Some(name) && l.contains('='))
        .unwrap_or_else(|| panic!("no rule `{name}` in the grammar"));
    let mut body = String::new();
    for line in grammar.lines().skip(start) {
        body.push_str(line.split("//").next().unwrap_or(""));
        body.push('\n');
        if line.trim_end().ends_with('}') {
            break;
        }
    }
    quoted_words(&body)
}

fn quoted_words(text: &str) -> Words {
    text.split('"')
        .skip(1)
        .step_by(2)
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .map(str::to_string)
        .collect()
}

/// The words of the first group `(a|b|c)` of a TextMate pattern.
fn tm_words(grammar: &Value, entry: &str) -> Words {
    let pattern = grammar["repository"][entry]["match"].as_str().unwrap_or_else(|| panic!("no `{entry}` pattern"));
    let group = pattern.split_once('(').and_then(|(_, rest)| rest.split_once(')')).map(|(g, _)| g).unwrap_or("");
    group.split('|').map(str::to_string).collect()
}

fn union(sets: &[&Words]) -> Words {
    sets.iter().flat_map(|s| s.iter().cloned()).collect()
}

fn words(list: &[&str]) -> Words {
    list.iter().map(|w| w.to_string()).collect()
}

#[test]
fn textmate_grammar_names_the_pest_keywords() {
    let pest = read("grammar/ennakko.pest");
    let tm: Value = serde_json::from_str(&read("editors/vscode/syntaxes/eva.tmLanguage.json")).unwrap();
    let rule = |name| pest_rule(&pest, name);

    assert_eq!(tm_words(&tm, "declaration"), rule("decl_kw"));
    assert_eq!(tm_words(&tm, "property"), union(&[&rule("prop_key"), &rule("expr_key")]));
    assert_eq!(tm_words(&tm, "item"), rule("item_key"));
    assert_eq!(tm_words(&tm, "quantifier"), rule("quant_op"));
    assert_eq!(tm_words(&tm, "alternatives"), rule("quant_alt"));
    let expression = union(&[&tm_words(&tm, "operator-word"), &tm_words(&tm, "quantifier"), &tm_words(&tm, "boolean")]);
    assert_eq!(expression, union(&[&rule("expr_keyword"), &rule("in_kw"), &rule("where_kw")]));
    assert_eq!(tm_words(&tm, "import"), quoted_words(pest.lines().find(|l| l.starts_with("import")).unwrap()));

    // Every reserved word is highlighted as something.
    let entries =
        ["declaration", "property", "item", "quantifier", "alternatives", "operator-word", "boolean", "import"];
    let highlighted = entries.iter().map(|e| tm_words(&tm, e)).fold(Words::new(), |a, b| union(&[&a, &b]));
    let missing: Vec<_> = rule("keyword").difference(&highlighted).cloned().collect();
    assert!(missing.is_empty(), "reserved words the TextMate grammar does not know: {missing:?}");
}

#[test]
fn language_server_keywords_are_the_grammars() {
    let pest = read("grammar/ennakko.pest");
    let rule = |name| pest_rule(&pest, name);
    assert_eq!(words(&DECL_KEYWORDS), rule("decl_kw"));
    assert_eq!(words(&PROPERTY_KEYS), union(&[&rule("prop_key"), &rule("expr_key"), &rule("item_key")]));
    let expression = union(&[&rule("expr_keyword"), &rule("quant_alt")]);
    let missing: Vec<_> = expression.difference(&words(&EXPR_WORDS)).cloned().collect();
    assert!(missing.is_empty(), "expression words completion does not offer: {missing:?}");
}

#[test]
fn a_snippet_for_each_declaration() {
    let pest = read("grammar/ennakko.pest");
    let snippets: Value = serde_json::from_str(&read("editors/vscode/snippets/eva.json")).unwrap();
    let prefixes: Words =
        snippets.as_object().unwrap().values().map(|s| s["prefix"].as_str().unwrap().to_string()).collect();
    assert_eq!(prefixes, union(&[&pest_rule(&pest, "decl_kw"), &words(&["import"])]));
    // Each snippet, with its placeholders at their defaults, is what its
    // name says and parses.
    for (name, snippet) in snippets.as_object().unwrap() {
        let lines: Vec<&str> = snippet["body"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
        let text = expand(&lines.join("\n"));
        assert!(text.starts_with(name.as_str()), "{name}: {text}");
        let mut sources = ennakko::syntax::source::SourceMap::default();
        let file = sources.add(name.as_str(), text.as_str());
        let tree = ennakko::syntax::parse(&sources, file, &ennakko::Limits::default())
            .unwrap_or_else(|d| panic!("snippet `{name}` does not parse:\n{text}\n{}", d.render()));
        assert_eq!(tree.decls.len() + tree.imports.len(), 1, "{name}");
    }
}

/// A snippet body with each placeholder at its default: `${1:id}` is `id`,
/// `${2|a,b|}` is `a`, `${3}` is empty.
fn expand(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some(at) = rest.find("${") {
        out.push_str(&rest[..at]);
        let inner = &rest[at + 2..];
        let digits = inner.find(|c: char| !c.is_ascii_digit()).unwrap_or(inner.len());
        let (value, after) = match inner[digits..].chars().next() {
            Some(':') => inner[digits + 1..].split_once('}').expect("closed"),
            Some('|') => {
                let (choices, after) = inner[digits + 1..].split_once("|}").expect("closed");
                (choices.split(',').next().unwrap_or(""), after)
            }
            _ => ("", &inner[digits + 1..]),
        };
        out.push_str(value);
        rest = after;
    }
    out.push_str(rest);
    out
}

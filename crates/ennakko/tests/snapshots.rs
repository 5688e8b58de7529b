//! Snapshots (insta) of what users read when they get something wrong, and
//! of a parse tree. The snapshots live in `tests/snapshots/`; a change to a
//! message or to the tree fails here until its diff is read and accepted
//! (`cargo insta review`, or `INSTA_UPDATE=always` and read `git diff`).
//!
//! `known_poor_*` are messages we know are poor (in the manner of PRQL's
//! `bad_error_messages.rs`): each says why in its test. Improving one shows
//! up as a reviewed diff of its snapshot; then rename the test.

use ennakko::syntax::{parse, source::SourceMap};
use ennakko::{Checklist, Format, Limits};

const HEAD: &str = "checklist x { title fi \"x\" sv \"x\" en \"x\" version \"1\" }\n";

/// The rendered diagnostics of compiling `source` as `name`.
fn compiled(name: &str, source: &str) -> String {
    match Checklist::from_source(name, source) {
        Ok(_) => "compiles".into(),
        Err(e) => ennakko::diagnostic::render_all(&e.diagnostics),
    }
}

/// The rendered diagnostics of scoring the decision `text` (file `name`) with `eva`.
fn scored(name: &str, text: &str, format: Format) -> String {
    let eva = Checklist::standard("eva").expect("eva compiles");
    match eva.score_str(text, format) {
        Ok(_) => "scores".into(),
        Err(e) => ennakko::diagnostic::render_all(&e.in_file(name).diagnostics),
    }
}

/// A tab where YAML wants spaces: the reader's "cannot start any token"
/// does not say that YAML indents with spaces only.
#[test]
fn known_poor_tab_in_yaml() {
    let text = "id: x\ntitle: T\nalternatives:\n\t- id: p\n";
    insta::assert_snapshot!(scored("decision.yaml", text, Format::Yaml));
}

/// A mapping where a list belongs: "found map" is serde's word, not the
/// user's (YAML calls it a mapping; an official sees `key: value` lines),
/// and the help does not show what a list looks like.
#[test]
fn known_poor_map_for_a_list() {
    let text = "id: x\ntitle: T\nalternatives:\n  - id: p\n    kind: proposal\n    impacts: {group: children}\n";
    insta::assert_snapshot!(scored("decision.yaml", text, Format::Yaml));
}

/// An operator with nothing after it: the list of what may follow starts
/// with the quantifier keywords, the least likely continuation.
#[test]
fn known_poor_unfinished_expression() {
    let source = format!("{HEAD}rule r: info {{ when 1 + message fi \"x\" sv \"x\" en \"x\" }}\n");
    insta::assert_snapshot!(compiled("a.eva", &source));
}

/// A direction out of range in a JSON decision: reported at its line and
/// column, with the values allowed.
#[test]
fn direction_out_of_range() {
    let text = r#"{"id": "x", "title": "T", "alternatives": [{"id": "p", "kind": "proposal",
  "impacts": [{"group": "children", "domain": "health", "direction": -3}]}]}"#;
    insta::assert_snapshot!(scored("decision.json", text, Format::Json));
}

/// A block left open at the end of the file.
#[test]
fn unclosed_block() {
    insta::assert_snapshot!(compiled("b.eva", &format!("{HEAD}group g {{ label fi \"a\"\n")));
}

/// The tree of a small checklist: declarations, properties, an expression
/// with its precedence, and a span on every node.
#[test]
fn parse_tree_of_a_rule() {
    let mut sources = SourceMap::default();
    let source = "group kids { label en \"Children\" vulnerable }\n\
                  rule r: info { when fact.cost_eur > 1000 and not answered(q) message en \"m\" }\n";
    let file = sources.add("tree.eva", source);
    let tree = parse(&sources, file, &Limits::default()).expect("parses");
    insta::assert_debug_snapshot!(tree);
}

//! The text-in, text-out façade (`ennakko::api::json`, what the
//! WebAssembly package calls) against hostile input: every call returns,
//! with a result or an error, and never panics or overflows the stack (a
//! panic inside WebAssembly aborts the whole module). Moved here from the
//! WebAssembly binding's own tests when the binding became an adapter.

use ennakko::api::json;
use ennakko::{Checklist, ErrorKind};

const DECISION: &str = "id: x\ntitle: T\nalternatives: [{id: zero, kind: zero}, {id: p, kind: proposal, \
                        impacts: [{group: children, domain: mobility, direction: -1}]}]";

fn eva() -> Checklist {
    Checklist::standard("eva").expect("eva compiles")
}

fn is_argument<T>(result: Result<T, ennakko::Error>) -> bool {
    matches!(result, Err(e) if e.kind == ErrorKind::Argument)
}

#[test]
fn normalizes_file_names() {
    let files = json::files(Some(r#"{"./a/../b.eva": "", "lib\\a.eva": ""}"#)).expect("relative names");
    assert_eq!(files.files.keys().collect::<Vec<_>>(), ["b.eva", "lib/a.eva"]);
    for bad in ["../x.eva", "/etc/passwd", "C:/x.eva", ""] {
        let text = serde_json::json!({ bad: "" }).to_string();
        let err = json::files(Some(&text)).err();
        assert!(
            err.as_ref().is_some_and(|e| e.diagnostics[0].message.contains("absolute or leaves")),
            "{bad}: {err:?}"
        );
    }
}

#[test]
fn imports_resolve_against_the_importing_folder() {
    let files = r#"{"lib/a.eva": "import \"./base.eva\"\ngroup a { label fi \"A\" sv \"A\" en \"A\" parent base }",
                    "./lib/base.eva": "group base { label fi \"B\" sv \"B\" en \"B\" }"}"#;
    let root = "checklist c { title fi \"C\" sv \"C\" en \"C\" version \"1\" }\nimport \"./lib/a.eva\"";
    let options = json::options(Some(files), None).expect("files");
    let compiled = Checklist::compile("checklist.eva", root, &options);
    assert!(compiled.is_ok(), "{:?}", compiled.err());
    let escape = r#"checklist c { title fi "C" sv "C" en "C" version "1" }
import "../x.eva""#;
    let options = json::options(Some("{}"), None).expect("no files");
    let err = Checklist::compile("checklist.eva", escape, &options).err();
    assert_eq!(err.map(|e| e.code().to_string()).as_deref(), Some("E0601"));
}

#[test]
fn scores_and_lists_questions() {
    let eva = eva();
    let report: serde_json::Value =
        serde_json::from_str(&json::score(&eva, DECISION, "auto", false).expect("scores")).unwrap_or_default();
    assert_eq!(report["alternatives"].as_array().map(Vec::len), Some(2));
    let questions = json::questions(&eva, &eva.describe(), DECISION, "yaml").expect("questions");
    let questions: serde_json::Value = serde_json::from_str(&questions).unwrap_or_default();
    assert_eq!(questions["alternatives"][1]["id"], "p");
    assert!(questions["questions"][0]["applies"].is_array());
    assert!(questions["questions"][0]["text"]["fi"].is_string());
}

#[test]
fn limits_are_checked() {
    assert!(json::limits::<ennakko::Limits>(Some(r#"{"max_eval_steps": 5}"#)).is_ok());
    for bad in [r#"{"max_eval_step": 5}"#, r#"{"max_nesting": -1}"#, "[1]", "nope", r#"{"max_cells": "many"}"#] {
        assert!(is_argument(json::limits::<ennakko::Limits>(Some(bad))), "{bad}");
    }
    let tight = Checklist::standard_with("eva", json::limits(Some(r#"{"max_eval_steps": 10}"#)).expect("limits"));
    let err = json::score(&tight.expect("compiles"), DECISION, "yaml", false).err();
    assert_eq!(err.as_ref().map(ennakko::Error::code), Some("R0001"));
}

#[test]
fn render_checks_its_input() {
    let report = json::score(&eva(), DECISION, "yaml", false).expect("scores");
    assert!(json::render(&report, "html", Some("sv")).is_ok_and(|h| h.contains("lang=\"sv\"")));
    assert!(json::render(&report, "md", None).is_ok());
    assert!(is_argument(json::render(&report, "pdf", None)));
    assert!(is_argument(json::render("{}", "html", None)));
    assert!(json::explain(&report, "children", Some("en")).is_ok_and(|e| e.is_some()));
    assert!(json::explain(&report, "nothing", None).is_ok_and(|e| e.is_none()));
    assert!(is_argument(json::explain("[]", "children", None)));
    assert!(is_argument(json::render("not json", "html", None)));
    assert!(is_argument(json::equity("[]", None)));
}

/// Nested YAML aliases that expand to 9^9 nodes.
fn billion_laughs() -> String {
    let mut yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n".to_string();
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        yaml.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    yaml
}

/// A long chain of binary operators within the size limit must be an
/// E0003, not a stack overflow, on a stack as small as WebAssembly's.
#[test]
fn long_operator_chain_is_rejected() {
    let source = "score s { value ".to_string() + &"1 + ".repeat(100_000) + "1 }";
    let result = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || json::options(None, None).map(|o| json::check("x.eva", &source, &o)))
        .map(|t| t.join());
    assert!(matches!(result, Ok(Ok(Ok(json))) if json.contains("E0003")));
}

/// Every number, string and array of a real report changed in turn:
/// rendering and explaining a report that did not come from `score`
/// (it may come from anywhere in JavaScript) must not panic either.
#[test]
fn tampered_reports_do_not_panic() {
    let eva = eva();
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/village-school/decision.yaml"))
            .unwrap_or_default();
    let Ok(report) = json::score(&eva, &text, "yaml", false) else { return };
    let original: serde_json::Value = serde_json::from_str(&report).unwrap_or_default();
    let mut paths = Vec::new();
    collect(&original, &mut Vec::new(), &mut paths);
    let replacements = [
        serde_json::json!(1_000_000_000u64),
        serde_json::json!(-1),
        serde_json::json!(1.5),
        serde_json::json!(""),
        serde_json::json!([]),
        serde_json::json!({}),
        serde_json::json!(null),
    ];
    // Numbers (indices, counts) and arrays matter most; strings are
    // sampled to keep the test quick in debug builds.
    let interesting = |(i, path): &(usize, &Vec<String>)| {
        let v = original.pointer(&format!("/{}", path.join("/")));
        i % 8 == 0 || v.is_some_and(|v| v.is_number() || v.is_array())
    };
    for (i, path) in paths.iter().enumerate().filter(interesting) {
        let mut tampered = original.clone();
        if let Some(slot) = pointer_mut(&mut tampered, path) {
            *slot = replacements[i % replacements.len()].clone();
        }
        let json = tampered.to_string();
        for format in ["html", "md"] {
            let _ = json::render(&json, format, Some(["fi", "sv", "en", "xx"][i % 4]));
        }
        let _ = json::explain(&json, path.last().map_or("children", String::as_str), None);
    }
    assert!(paths.len() > 100, "{}", paths.len());
}

fn collect(value: &serde_json::Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                at.push(k.clone());
                collect(v, at, out);
                at.pop();
            }
        }
        serde_json::Value::Array(items) => {
            out.push(at.clone());
            for (i, v) in items.iter().enumerate() {
                at.push(i.to_string());
                collect(v, at, out);
                at.pop();
            }
        }
        _ => out.push(at.clone()),
    }
}

fn pointer_mut<'a>(value: &'a mut serde_json::Value, path: &[String]) -> Option<&'a mut serde_json::Value> {
    path.iter().try_fold(value, |v, key| match v {
        serde_json::Value::Object(map) => map.get_mut(key),
        serde_json::Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
        _ => None,
    })
}

/// Hostile inputs: each must return, with a diagnostic or a report,
/// never panic or overflow the stack.
#[test]
fn hostile_inputs_do_not_panic() {
    let eva = eva();
    let description = eva.describe();
    let deep_json = "[".repeat(100_000);
    let deep_yaml = (0..5_000).map(|i| format!("{}- a\n", " ".repeat(i))).collect::<String>();
    let inputs: Vec<String> = vec![
        String::new(),
        "\u{feff}".into(),
        "\0\0\0".into(),
        "null".into(),
        "[]".into(),
        "{".into(),
        "id: [".into(),
        deep_json.clone(),
        "{".repeat(100_000),
        deep_yaml,
        "a: &a [*a, *a]".into(),
        "x: &x\n  - *x".into(),
        billion_laughs(),
        "{\"id\": \"x\", \"title\": \"t\", \"alternatives\": [{\"id\": \"z\", \"kind\": \"zero\", \"impacts\": [{\"group\": \"children\", \"domain\": \"health\", \"direction\": 1e400}]}]}".into(),
        "{\"id\": \"x\", \"title\": \"t\", \"facts\": {\"cost_eur\": 1e308}, \"alternatives\": [{\"id\": \"z\", \"kind\": \"zero\"}]}".into(),
        "{\"id\": \"x\", \"title\": \"t\", \"facts\": {\"cost_eur\": 18446744073709551616}, \"alternatives\": [{\"id\": \"z\", \"kind\": \"zero\"}]}".into(),
        "id: x\ntitle: t\nalternatives: [{id: z, kind: zero, answers: {affected_residents: .nan}}]".into(),
        "\u{0}id: \u{202e}x".into(),
        "id: 1\ntitle: 2\nalternatives: 3".into(),
    ];
    for input in &inputs {
        for format in ["json", "yaml", "auto"] {
            let _ = json::score(&eva, input, format, false);
            let _ = json::questions(&eva, &description, input, format);
            let _ = json::evaluate(&eva, input, format);
            let _ = json::explain_decision(&eva, input, format, "children", None);
        }
    }
    let sources = [
        String::new(),
        "checklist".into(),
        "(".repeat(100_000),
        "checklist c { title en \"".to_string() + &"\\".repeat(10_001),
        "rule r: info { when ".to_string() + &"not ".repeat(50_000) + "true }",
        "score s { value ".to_string() + &"1 + ".repeat(50_000) + "1 }",
        "import \"./checklist.eva\"".into(),
        "import \"/etc/passwd\"".into(),
        "\u{0}\u{fffd}\u{202e}".into(),
    ];
    for source in &sources {
        let looping = json::options(Some(r#"{"checklist.eva": "import \"./checklist.eva\""}"#), None);
        let _ = looping.map(|o| Checklist::compile("checklist.eva", source, &o));
        let _ = json::options(None, None).map(|o| json::check("x.eva", source, &o));
    }
    for bad in ["", "null", "{\"a\": 1}", "[]", "\"", "{\"../../x\": \"\"}"] {
        assert!(is_argument(json::options(Some(bad), None)), "{bad}");
        assert!(is_argument(json::options(None, Some(bad))), "{bad}");
        let _ = json::render(bad, "html", Some(bad));
    }
    for input in ["", "{", "id: x", "[1]"] {
        assert!(json::read_decision(input, "auto").is_err());
    }
}

// Moved from the WebAssembly binding's tests with the editor services and
// the language of diagnostics (main's `hoverJson`, `completeJson`, `speak`).

#[test]
fn editor_offsets_are_javascript_string_indexes() {
    let text = "\u{feff}group \u{1f642}ä { }";
    // 🙂 is two UTF-16 units and four bytes; the BOM is one unit.
    assert_eq!(json::byte_offset(text, 7), 6);
    assert_eq!(json::byte_offset(text, 8), 6, "inside the surrogate pair: back to the character");
    assert_eq!(json::byte_offset(text, 9), 10);
    assert_eq!(json::byte_offset(text, 999), text.len() - 3);
    assert_eq!(json::utf16_offset(text, 10), 9);
    let source = "group kids { label fi \"Lapset\" }\nscore s {\n  value impact(ki";
    let hover: serde_json::Value = serde_json::from_str(&json::hover("x.eva", source, 8, None, None).unwrap()).unwrap();
    assert_eq!(hover["hover"]["id"], "kids");
    assert!(hover["markdown"].as_str().unwrap().contains("fi: Lapset"));
    let offset = source.len() as u32;
    let done: serde_json::Value =
        serde_json::from_str(&json::complete("x.eva", source, offset, None, None).unwrap()).unwrap();
    assert_eq!(done["from"], offset - 2);
    assert!(done["options"].as_array().unwrap().iter().any(|o| o["label"] == "kids" && o["kind"] == "group"));
    assert_eq!(json::hover("x.eva", source, 3, None, Some("{\"max_source_bytes\": 8}")).unwrap(), "null");
    assert!(is_argument(json::hover("x.eva", source, 3, None, Some("{\"nope\": 1}"))));
    assert!(is_argument(json::complete("x.eva", source, 3, Some("[]"), None)));
}

#[test]
fn check_speaks_the_language_asked() {
    let source = "checklist c { title en \"C\" version \"1\" languages en }\ngroup kids { labl en \"Kids\" }";
    let options = json::options(None, None).unwrap();
    let fi: serde_json::Value =
        serde_json::from_str(&json::check_in("x.eva", source, &options, ennakko::api::Lang::Fi)).unwrap();
    assert_eq!(fi[0]["help"], "tarkoititko `label`?");
    let en: serde_json::Value = serde_json::from_str(&json::check("x.eva", source, &options)).unwrap();
    assert_eq!(en[0]["code"], fi[0]["code"]);
    assert_ne!(en[0]["help"], fi[0]["help"]);
}

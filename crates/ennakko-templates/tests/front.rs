//! The templates façade of hosts without files (`ennakko_templates::front`,
//! what the WebAssembly package calls): the examples, every format and
//! language, the checklist a template names, argument errors, limits, and
//! hostile bytes. Moved here from the WebAssembly binding's own tests when
//! the binding became an adapter.

use ennakko::{Checklist, Error, ErrorKind};
use ennakko_templates::front::{self, Using};

fn eva() -> Checklist {
    Checklist::standard("eva").expect("eva compiles")
}

fn example(name: &str) -> Vec<u8> {
    let path = format!("{}/../../examples/templates/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn codes(json: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    value["problems"]
        .as_array()
        .map(|ps| ps.iter().filter_map(|p| p["code"].as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

fn template_code(result: Result<impl std::fmt::Debug, Error>) -> String {
    match result {
        Err(e) if e.kind == ErrorKind::Template => e.code().to_string(),
        other => panic!("expected a template failure, got {other:?}"),
    }
}

/// An argument error as one line, as the bindings show it (message: help).
fn arg(error: Option<&Error>) -> Option<String> {
    match error {
        Some(e) if e.kind == ErrorKind::Argument => {
            let d = &e.diagnostics[0];
            Some(format!("{}: {}", d.message, d.help.as_deref().unwrap_or_default()))
        }
        _ => None,
    }
}

/// The committed examples: filling gives the committed filled copy, and
/// filling that again gives the same bytes.
#[test]
fn examples_fill_to_the_committed_copies() {
    for (name, filled) in [
        ("village-school.docx", "village-school.filled.docx"),
        ("library-hours.md", "library-hours.filled.md"),
        ("health-centre-merger.html", "health-centre-merger.filled.html"),
    ] {
        let (bytes, expected) = (example(name), example(filled));
        let out = front::fill(Using::Named, &bytes, None, None, None).expect(name);
        assert!(out == expected, "{name}: differs from {filled}");
        let again = front::fill(Using::Named, &expected, None, None, None).expect(filled);
        assert!(again == expected, "{filled}: filling again changed it");
        let check = front::check(Using::Named, &bytes, None, None).expect(name);
        let value: serde_json::Value = serde_json::from_str(&check).unwrap_or_default();
        assert_eq!(value["errors"], 0, "{name}");
        assert!(value["report"]["verdict"]["level"].is_string(), "{name}");
        assert!(front::checklist_name(&bytes, None, None).expect(name).is_some());
    }
}

/// Every format and language: a blank template has unanswered questions
/// (T0201), no errors, and fills.
#[test]
fn blank_templates_check_and_fill() {
    for format in ["docx", "md", "html"] {
        for lang in ["fi", "sv", "en"] {
            let blank = front::init(Using::Named, format, lang, None, None).expect("init");
            let check = front::check(Using::Named, &blank, None, None).expect("check");
            let value: serde_json::Value = serde_json::from_str(&check).unwrap_or_default();
            assert_eq!(value["format"], format, "{format} {lang}");
            assert_eq!(value["checklist"], "eva");
            assert_eq!(value["errors"], 0, "{format} {lang}: {check}");
            assert_eq!(value["complete"], false);
            assert!(codes(&check).iter().any(|c| c == "T0201"), "{format} {lang}");
            let filled = front::fill(Using::Named, &blank, Some(format), Some(lang), None).expect("fill");
            assert_ne!(filled, blank);
        }
    }
}

#[test]
fn init_prefills_from_a_decision_and_its_checklist() {
    let decision = "id: K-1\ntitle: Koulu\nchecklist: children\nalternatives: [{id: zero, kind: zero}]";
    let md = front::init(Using::Named, "markdown", "sv", Some((decision, "auto")), None).expect("init");
    let text = String::from_utf8(md.clone()).unwrap_or_default();
    assert!(text.contains("checklist: children") && text.contains("K-1"), "{text}");
    assert_eq!(front::checklist_name(&md, None, None).expect("name").as_deref(), Some("children"));
    // checked with the checklist it names: no T0103 (another checklist)
    let check = front::check(Using::Named, &md, None, None).expect("check");
    assert!(!codes(&check).contains(&"T0103".to_string()), "{check}");
    // a decision with a checklist file, and no checklist given
    let file = "id: K-1\ntitle: Koulu\nchecklist: ../lib/local.eva\nalternatives: [{id: zero, kind: zero}]";
    let err = front::init(Using::Named, "md", "fi", Some((file, "yaml")), None);
    assert!(arg(err.as_ref().err()).is_some_and(|m| m.contains("../lib/local.eva")), "{err:?}");
    // ...works with a compiled checklist, and keeps the name
    let eva = eva();
    let md = front::init(Using::Checklist(&eva), "md", "fi", Some((file, "yaml")), None).expect("init");
    assert_eq!(front::checklist_name(&md, Some("md"), None).expect("name").as_deref(), Some("../lib/local.eva"));
    let renamed = front::init(Using::Checklist(&eva), "html", "en", None, Some("x/y.eva")).expect("init");
    assert_eq!(front::checklist_name(&renamed, None, None).expect("name").as_deref(), Some("x/y.eva"));
    // a bad decision is a decision failure
    let bad = front::init(Using::Named, "md", "fi", Some(("id: [", "yaml")), None);
    assert!(matches!(&bad, Err(e) if e.kind == ErrorKind::Decision && e.code() == "D0001"));
}

#[test]
fn the_checklist_a_template_names_is_used_or_explained() {
    let md = b"---\nchecklist: lib/local.eva\nid: x\ntitle: t\nalternatives: [{id: zero, kind: zero}]\n---\n";
    for result in [
        front::check(Using::Named, md, None, None).map(|_| ()),
        front::fill(Using::Named, md, None, None, None).map(|_| ()),
    ] {
        assert!(
            arg(result.as_ref().err())
                .is_some_and(|m| m.contains("\"lib/local.eva\"") && m.contains("options.checklist")),
            "{result:?}"
        );
    }
    let eva = eva();
    assert!(front::check(Using::Checklist(&eva), md, None, None).is_ok());
    let unknown = b"---\nchecklist: evva\nid: x\ntitle: t\nalternatives: [{id: zero, kind: zero}]\n---\n";
    let err = front::check(Using::Named, unknown, None, None).err();
    assert!(matches!(&err, Some(e) if e.kind == ErrorKind::Compile && e.code() == "E0601"));
    let err = front::check(Using::Standard("nope"), unknown, None, None).err();
    assert_eq!(err.as_ref().map(Error::code), Some("E0601"));
    for file in ["my.eva", "lib\\local", "a/b"] {
        let err = front::check(Using::Standard(file), unknown, None, None).err();
        assert!(arg(err.as_ref()).is_some_and(|m| m.starts_with("options.checklist")), "{err:?}");
    }
    let none = b"---\nid: x\ntitle: t\nalternatives: [{id: zero, kind: zero}]\n---\n";
    let check = front::check(Using::Named, none, None, None).expect("eva by default");
    assert!(codes(&check).contains(&"T0102".to_string()));
}

#[test]
fn template_errors_have_codes() {
    assert_eq!(template_code(front::check(Using::Named, b"---\n\xff\xfe\n---\n", Some("md"), None)), "T0001");
    assert_eq!(template_code(front::fill(Using::Named, b"not a zip", Some("docx"), None, None)), "T0003");
    assert_eq!(template_code(front::checklist_name(b"PK\x03\x04broken", None, None)), "T0003");
    let no_decision = front::check(Using::Named, b"# Just a heading\n", Some("md"), None).expect("readable");
    assert!(codes(&no_decision).contains(&"T0101".to_string()), "{no_decision}");
    assert_eq!(template_code(front::fill(Using::Named, b"# Just a heading\n", Some("md"), None, None)), "T0101");
    let unknown = b"---\nid: x\ntitle: t\nalternatives: [{id: zero, kind: zero}]\n---\n<!-- eva:verdikt -->\n";
    let check = front::check(Using::Named, unknown, None, None).expect("readable");
    assert!(codes(&check).contains(&"T0104".to_string()), "{check}");
    assert_eq!(template_code(front::fill(Using::Named, unknown, None, None, None)), "T0104");
}

#[test]
fn template_limits_are_applied_and_checked() {
    let blank = front::init(Using::Named, "docx", "fi", None, None).expect("init");
    let small = Some(r#"{"max_bytes": 1000}"#);
    assert_eq!(template_code(front::check(Using::Named, &blank, None, small)), "T0002");
    assert_eq!(template_code(front::fill(Using::Named, &blank, None, None, small)), "T0002");
    assert_eq!(template_code(front::checklist_name(&blank, None, Some(r#"{"max_zip_entries": 2}"#))), "T0004");
    let roomy = format!(r#"{{"max_bytes": {}}}"#, blank.len());
    assert!(front::check(Using::Named, &blank, None, Some(&roomy)).is_ok());
    for wrong in [r#"{"max_byte": 10}"#, r#"{"max_bytes": -1}"#, "[1]", "nope"] {
        let err = front::check(Using::Named, &blank, None, Some(wrong)).err();
        assert!(arg(err.as_ref()).is_some(), "{wrong}: {err:?}");
    }
    let defaults: serde_json::Value =
        serde_json::from_str(&ennakko::api::json::to_json(&ennakko_templates::TemplateLimits::default(), false))
            .expect("JSON");
    assert!(defaults["max_bytes"].as_u64().is_some_and(|n| n > 1_000_000));
}

#[test]
fn template_arguments_are_checked() {
    let blank = front::init(Using::Named, "md", "en", None, None).expect("init");
    let huge = "x".repeat(10 << 20);
    for lang in ["de", "", "FI", huge.as_str(), "\u{0}\u{202e}"] {
        let err = front::fill(Using::Named, &blank, None, Some(lang), None).err();
        assert!(arg(err.as_ref()).is_some_and(|m| m.len() < 200), "{:?}", err.map(|e| e.diagnostics[0].message.len()));
        assert!(arg(front::init(Using::Named, "md", lang, None, None).as_ref().err()).is_some());
    }
    for format in ["pdf", "", "doc", huge.as_str()] {
        let err = front::check(Using::Named, &blank, Some(format), None).err();
        assert!(arg(err.as_ref()).is_some_and(|m| m.len() < 200));
        assert!(arg(front::init(Using::Named, format, "fi", None, None).as_ref().err()).is_some());
    }
    for format in ["MD", "markdown", "Markdown"] {
        assert!(front::check(Using::Named, &blank, Some(format), None).is_ok(), "{format}");
    }
    let err = front::check(Using::Named, b"plain text", None, None).err();
    assert!(arg(err.as_ref()).is_some_and(|m| m.contains("options.format")));
    let long_name = format!("---\nchecklist: {}.eva\n---\n", "a".repeat(1 << 20));
    let err = front::check(Using::Named, long_name.as_bytes(), None, None).err();
    assert!(arg(err.as_ref()).is_some_and(|m| m.len() < 400), "{:?}", err.map(|e| e.diagnostics[0].message.len()));
}

/// Bytes nobody should send: every call returns a value or a failure.
#[test]
fn hostile_template_bytes_do_not_panic() {
    let docx = example("village-school.docx");
    let mut inputs: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"PK\x03\x04".to_vec(),
        b"PK\x05\x06".to_vec(),
        vec![0xff; 4096],
        b"---".to_vec(),
        b"---\n---\n".to_vec(),
        b"---\n: : :\n---\n".to_vec(),
        b"<html><!-- eva:results --><!-- /eva:results --><!-- /eva:x -->".to_vec(),
        b"<html><input data-eva=\"answer.\" value=\"\"><input data-eva=\"impact.a.b.c.d.e.f\">".to_vec(),
        b"\xef\xbb\xbf---\nid: [\n---\n".to_vec(),
        // the docx with its main part renamed (names are outside the CRC)
        replace_all(&docx, b"word/document.xml", b"word/documenX.xml"),
        // and with its signatures broken
        replace_all(&docx, b"PK\x01\x02", b"PK\x01\x03"),
        replace_all(&docx, b"PK\x05\x06", b"XX\x05\x06"),
    ];
    // truncations and single-byte corruptions of a real .docx
    for cut in [10, 30, 100, 1000, docx.len() / 2, docx.len() - 22, docx.len() - 1] {
        inputs.push(docx[..cut].to_vec());
    }
    let mut seed = 0x2545_f491_u32;
    for _ in 0..24 {
        let mut corrupted = docx.clone();
        for _ in 0..8 {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let at = seed as usize % corrupted.len();
            corrupted[at] = corrupted[at].wrapping_add((seed >> 24) as u8 | 1);
        }
        inputs.push(corrupted);
    }
    // random bytes, with and without a zip signature
    for n in [1, 64, 4096] {
        let random: Vec<u8> = (0..n)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                seed as u8
            })
            .collect();
        inputs.push([b"PK\x03\x04".as_slice(), &random].concat());
        inputs.push(random);
    }
    let eva = eva();
    for (i, input) in inputs.iter().enumerate() {
        for format in [None, Some("docx"), Some("md"), Some("html")] {
            for using in [Using::Named, Using::Checklist(&eva)] {
                let checked = front::check(using, input, format, None);
                let filled = front::fill(using, input, format, Some("sv"), None);
                for failure in [checked.err(), filled.err()].into_iter().flatten() {
                    if failure.kind != ErrorKind::Argument {
                        let diagnostics = &failure.diagnostics;
                        assert!(!diagnostics.is_empty(), "input {i}");
                        assert!(!failure.code().is_empty(), "input {i}");
                        assert!(diagnostics.iter().all(|d| d.help.is_some()), "input {i}: {diagnostics:?}");
                    }
                }
            }
            let _ = front::checklist_name(input, format, None);
        }
    }
    // the renamed main part is reported, with a code
    let renamed = &inputs[10];
    let code = template_code(front::check(Using::Checklist(&eva), renamed, None, None));
    assert!(code.starts_with('T'), "{code}");
    // and the engine still works
    assert!(front::fill(Using::Named, &docx, None, None, None).is_ok());
}

fn replace_all(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// A template's problems told in the language asked (the wasm `speak`),
/// with the same codes as in English.
#[test]
fn check_tells_problems_in_the_language_asked() {
    let blank = front::init(Using::Named, "md", "en", None, None).expect("blank");
    let told = |lang| {
        let check = front::check_in(Using::Named, &blank, None, None, lang).expect("check");
        let value: serde_json::Value = serde_json::from_str(&check).unwrap_or_default();
        (codes(&check), value["problems"][0]["message"].as_str().map(str::to_string))
    };
    let ((en_codes, en), (fi_codes, fi)) = (told(ennakko::api::Lang::En), told(ennakko::api::Lang::Fi));
    assert!(!en_codes.is_empty() && en_codes == fi_codes, "{en_codes:?} {fi_codes:?}");
    assert_eq!(codes(&front::check(Using::Named, &blank, None, None).expect("check")), en_codes);
    assert!(en.is_some() && fi.is_some());
    assert_ne!(en, fi, "the Finnish message differs from the English one");
}

//! Templates (Word, Markdown, HTML) over strings and bytes, with the
//! feature `templates` (the crate `ennakko-templates`): the engine-only
//! package leaves them out.

use std::borrow::Cow;

use ennakko::Limits;
use ennakko::api::Lang;
use ennakko::diagnostic::quoted;
use ennakko_templates::{self as template, InitOptions, TemplateFormat, TemplateLimits};

use super::{Engine, Failure, parse_format, parse_known, to_json};

/// Reads template `limits` given as a JSON object of some of
/// [`TemplateLimits`]' fields, as [`super::parse_limits`] does.
pub fn parse_template_limits(json: Option<&str>) -> Result<TemplateLimits, Failure> {
    parse_known(json, "{\"max_bytes\": 1000000}")
}

/// Which checklist a template function works with.
#[derive(Debug, Clone, Copy)]
pub enum Using<'a> {
    /// A checklist the caller compiled.
    Checklist(&'a Engine),
    /// A standard checklist the caller named.
    Standard(&'a str),
    /// The one the document names (for `init`, the decision), else the
    /// default, as the CLI chooses.
    Named,
}

/// A template format by name: `docx`, `md` (`markdown`) or `html`.
fn format_named(name: &str) -> Result<TemplateFormat, Failure> {
    TemplateFormat::from_name(name).ok_or_else(|| {
        Failure::Argument(format!("unknown template format {}: use \"docx\", \"md\" or \"html\"", quoted(name)))
    })
}

/// The format of a template document: the one named, else what its bytes
/// look like (a zip is `.docx`, `---` starts Markdown, `<html` is HTML).
pub fn template_format(name: Option<&str>, bytes: &[u8]) -> Result<TemplateFormat, Failure> {
    match name {
        Some(name) => format_named(name),
        None => TemplateFormat::sniff(bytes).ok_or_else(|| {
            Failure::Argument(
                "cannot tell the template's format from its content (not a zip, no `---` front matter, \
                 no `<html`): pass options.format: \"docx\", \"md\" or \"html\""
                    .into(),
            )
        }),
    }
}

/// A language templates and their results are written in: `fi`, `sv`, `en`.
pub fn template_lang(lang: &str) -> Result<&str, Failure> {
    Ok(lang.parse::<Lang>()?.code())
}

/// A standard checklist by a name that `whose` gave. A checklist file cannot
/// be read here: there is no file system in a browser, so the caller must
/// compile it and pass it.
fn standard_named(name: &str, whose: &str) -> Result<Engine, Failure> {
    if ennakko::checklist::load::names_a_file(name) {
        return Err(Failure::Argument(format!(
            "{whose} names the checklist file {name}, and there is no file system here: compile that file's \
             source with `new Checklist(source, {{ name: {name} }})` and pass it as options.checklist",
            name = quoted(name)
        )));
    }
    Engine::standard(name, None)
}

/// The checklist to use: the given one, or a standard one compiled now.
/// `named` says what the document names; it is only read when needed.
fn choose<'a>(
    using: Using<'a>,
    whose: &str,
    named: impl FnOnce() -> Result<Option<String>, Failure>,
) -> Result<Cow<'a, Engine>, Failure> {
    match using {
        Using::Checklist(engine) => Ok(Cow::Borrowed(engine)),
        Using::Standard(name) => standard_named(name, "options.checklist").map(Cow::Owned),
        Using::Named => match named()? {
            Some(name) => standard_named(&name, whose).map(Cow::Owned),
            None => Engine::standard(ennakko::checklist::stdlib::DEFAULT, None).map(Cow::Owned),
        },
    }
}

/// A blank template in `format` (`docx`, `md`, `html`) and `lang`.
/// `decision` (text and its format: `json`, `yaml`, `auto`) prefills it
/// with its values and alternatives, as the CLI's `--from`; with
/// [`Using::Named`] the checklist is the one the decision names, else `eva`.
/// `checklist_name` is how the template names its checklist (default: the
/// decision's `checklist`, else the checklist's id).
pub fn template_init(
    using: Using,
    format: &str,
    lang: &str,
    decision: Option<(&str, &str)>,
    checklist_name: Option<&str>,
) -> Result<Vec<u8>, Failure> {
    let format = format_named(format)?;
    let lang = template_lang(lang)?;
    let decision = match decision {
        Some((text, decision_format)) => {
            let decision_format = parse_format(decision_format, text)?;
            let read = ennakko::Decision::from_str(text, decision_format, &Limits::default());
            Some(read.map_err(Failure::from)?)
        }
        None => None,
    };
    let engine = choose(using, "the decision", || Ok(decision.as_ref().and_then(|d| d.checklist.clone())))?;
    let options = InitOptions { decision: decision.as_ref(), checklist_name: checklist_name.map(str::to_string) };
    Ok(template::init_with(engine.checklist(), format, lang, &options))
}

/// The checklist a template names, if any, without compiling anything.
pub fn template_checklist_name(
    bytes: &[u8],
    format: Option<&str>,
    limits: Option<&str>,
) -> Result<Option<String>, Failure> {
    let (format, limits) = (template_format(format, bytes)?, parse_template_limits(limits)?);
    template::checklist_name_with(bytes, format, &limits).map_err(Failure::from)
}

/// The default template limits, as JSON.
pub fn template_default_limits_json() -> String {
    to_json(&TemplateLimits::default(), false)
}

/// Reads a filled template and lists what is unanswered, inconsistent or
/// wrong, as JSON ([`template::Summary`]). A document that cannot be read
/// at all (not a zip, not UTF-8, too large...) is a `template` failure.
pub fn template_check_json(
    using: Using,
    bytes: &[u8],
    format: Option<&str>,
    limits: Option<&str>,
) -> Result<String, Failure> {
    template_check_json_in(using, bytes, format, limits, Lang::En)
}

/// [`template_check_json`] with the problems told in `lang`.
pub fn template_check_json_in(
    using: Using,
    bytes: &[u8],
    format: Option<&str>,
    limits: Option<&str>,
    lang: Lang,
) -> Result<String, Failure> {
    let (format, limits) = (template_format(format, bytes)?, parse_template_limits(limits)?);
    let named = || template::checklist_name_with(bytes, format, &limits).map_err(Failure::from);
    let engine = choose(using, "the template", named)?;
    let mut check = template::check_with(engine.checklist(), bytes, format, &limits).map_err(Failure::from)?;
    check.problems = ennakko::api::diagnostics_in(&check.problems, lang);
    Ok(to_json(&template::Summary::of(&check), false))
}

/// Scores a template's decision and returns a copy of the document with
/// the results written in, in `lang` (default: the decision's language,
/// else Finnish). A template with errors is a `template` failure listing
/// them (`T` and `D` codes).
pub fn template_fill(
    using: Using,
    bytes: &[u8],
    format: Option<&str>,
    lang: Option<&str>,
    limits: Option<&str>,
) -> Result<Vec<u8>, Failure> {
    let (format, limits) = (template_format(format, bytes)?, parse_template_limits(limits)?);
    let lang = lang.map(template_lang).transpose()?;
    let named = || template::checklist_name_with(bytes, format, &limits).map_err(Failure::from);
    let engine = choose(using, "the template", named)?;
    template::fill_with(engine.checklist(), bytes, format, lang, &limits)
        .map(|filled| filled.bytes)
        .map_err(Failure::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eva() -> Engine {
        Engine::standard("eva", None).expect("eva compiles")
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

    fn template_code(result: Result<impl std::fmt::Debug, Failure>) -> String {
        match result {
            Err(f @ Failure::Diagnostics { kind: "template", .. }) => f.code().to_string(),
            other => panic!("expected a template failure, got {other:?}"),
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
            let out = template_fill(Using::Named, &bytes, None, None, None).expect(name);
            assert!(out == expected, "{name}: differs from {filled}");
            let again = template_fill(Using::Named, &expected, None, None, None).expect(filled);
            assert!(again == expected, "{filled}: filling again changed it");
            let check = template_check_json(Using::Named, &bytes, None, None).expect(name);
            let value: serde_json::Value = serde_json::from_str(&check).unwrap_or_default();
            assert_eq!(value["errors"], 0, "{name}");
            assert!(value["report"]["verdict"]["level"].is_string(), "{name}");
            assert!(template_checklist_name(&bytes, None, None).expect(name).is_some());
        }
    }

    /// Every format and language: a blank template has unanswered questions
    /// (T0201), no errors, and fills.
    #[test]
    fn blank_templates_check_and_fill() {
        for format in ["docx", "md", "html"] {
            for lang in ["fi", "sv", "en"] {
                let blank = template_init(Using::Named, format, lang, None, None).expect("init");
                let check = template_check_json(Using::Named, &blank, None, None).expect("check");
                let value: serde_json::Value = serde_json::from_str(&check).unwrap_or_default();
                assert_eq!(value["format"], format, "{format} {lang}");
                assert_eq!(value["checklist"], "eva");
                assert_eq!(value["errors"], 0, "{format} {lang}: {check}");
                assert_eq!(value["complete"], false);
                assert!(codes(&check).iter().any(|c| c == "T0201"), "{format} {lang}");
                let filled = template_fill(Using::Named, &blank, Some(format), Some(lang), None).expect("fill");
                assert_ne!(filled, blank);
            }
        }
    }

    #[test]
    fn init_prefills_from_a_decision_and_its_checklist() {
        let decision = "id: K-1\ntitle: Koulu\nchecklist: children\nalternatives: [{id: zero, kind: zero}]";
        let md = template_init(Using::Named, "markdown", "sv", Some((decision, "auto")), None).expect("init");
        let text = String::from_utf8(md.clone()).unwrap_or_default();
        assert!(text.contains("checklist: children") && text.contains("K-1"), "{text}");
        assert_eq!(template_checklist_name(&md, None, None).expect("name").as_deref(), Some("children"));
        // checked with the checklist it names: no T0103 (another checklist)
        let check = template_check_json(Using::Named, &md, None, None).expect("check");
        assert!(!codes(&check).contains(&"T0103".to_string()), "{check}");
        // a decision with a checklist file, and no checklist given
        let file = "id: K-1\ntitle: Koulu\nchecklist: ../lib/local.eva\nalternatives: [{id: zero, kind: zero}]";
        let err = template_init(Using::Named, "md", "fi", Some((file, "yaml")), None);
        assert!(matches!(&err, Err(Failure::Argument(m)) if m.contains("../lib/local.eva")), "{err:?}");
        // ...works with a compiled checklist, and keeps the name
        let eva = eva();
        let md = template_init(Using::Checklist(&eva), "md", "fi", Some((file, "yaml")), None).expect("init");
        assert_eq!(template_checklist_name(&md, Some("md"), None).expect("name").as_deref(), Some("../lib/local.eva"));
        let renamed = template_init(Using::Checklist(&eva), "html", "en", None, Some("x/y.eva")).expect("init");
        assert_eq!(template_checklist_name(&renamed, None, None).expect("name").as_deref(), Some("x/y.eva"));
        // a bad decision is a decision failure
        let bad = template_init(Using::Named, "md", "fi", Some(("id: [", "yaml")), None);
        assert!(matches!(&bad, Err(f @ Failure::Diagnostics { kind: "decision", .. }) if f.code() == "D0001"));
    }

    #[test]
    fn the_checklist_a_template_names_is_used_or_explained() {
        let md = b"---\nchecklist: lib/local.eva\nid: x\ntitle: t\nalternatives: [{id: zero, kind: zero}]\n---\n";
        for result in [
            template_check_json(Using::Named, md, None, None).map(|_| ()),
            template_fill(Using::Named, md, None, None, None).map(|_| ()),
        ] {
            assert!(
                matches!(&result, Err(Failure::Argument(m)) if m.contains("\"lib/local.eva\"") && m.contains("options.checklist")),
                "{result:?}"
            );
        }
        let eva = eva();
        assert!(template_check_json(Using::Checklist(&eva), md, None, None).is_ok());
        let unknown = b"---\nchecklist: evva\nid: x\ntitle: t\nalternatives: [{id: zero, kind: zero}]\n---\n";
        let err = template_check_json(Using::Named, unknown, None, None).err();
        assert!(matches!(&err, Some(f @ Failure::Diagnostics { kind: "compile", .. }) if f.code() == "E0601"));
        let err = template_check_json(Using::Standard("nope"), unknown, None, None).err();
        assert_eq!(err.as_ref().map(Failure::code), Some("E0601"));
        for file in ["my.eva", "lib\\local", "a/b"] {
            let err = template_check_json(Using::Standard(file), unknown, None, None).err();
            assert!(matches!(&err, Some(Failure::Argument(m)) if m.starts_with("options.checklist")), "{err:?}");
        }
        let none = b"---\nid: x\ntitle: t\nalternatives: [{id: zero, kind: zero}]\n---\n";
        let check = template_check_json(Using::Named, none, None, None).expect("eva by default");
        assert!(codes(&check).contains(&"T0102".to_string()));
    }

    #[test]
    fn template_errors_have_codes() {
        assert_eq!(
            template_code(template_check_json(Using::Named, b"---\n\xff\xfe\n---\n", Some("md"), None)),
            "T0001"
        );
        assert_eq!(template_code(template_fill(Using::Named, b"not a zip", Some("docx"), None, None)), "T0003");
        assert_eq!(template_code(template_checklist_name(b"PK\x03\x04broken", None, None)), "T0003");
        let no_decision = template_check_json(Using::Named, b"# Just a heading\n", Some("md"), None).expect("readable");
        assert!(codes(&no_decision).contains(&"T0101".to_string()), "{no_decision}");
        assert_eq!(template_code(template_fill(Using::Named, b"# Just a heading\n", Some("md"), None, None)), "T0101");
        let unknown = b"---\nid: x\ntitle: t\nalternatives: [{id: zero, kind: zero}]\n---\n<!-- eva:verdikt -->\n";
        let check = template_check_json(Using::Named, unknown, None, None).expect("readable");
        assert!(codes(&check).contains(&"T0104".to_string()), "{check}");
        assert_eq!(template_code(template_fill(Using::Named, unknown, None, None, None)), "T0104");
    }

    #[test]
    fn template_limits_are_applied_and_checked() {
        let blank = template_init(Using::Named, "docx", "fi", None, None).expect("init");
        let small = Some(r#"{"max_bytes": 1000}"#);
        assert_eq!(template_code(template_check_json(Using::Named, &blank, None, small)), "T0002");
        assert_eq!(template_code(template_fill(Using::Named, &blank, None, None, small)), "T0002");
        assert_eq!(template_code(template_checklist_name(&blank, None, Some(r#"{"max_zip_entries": 2}"#))), "T0004");
        let roomy = format!(r#"{{"max_bytes": {}}}"#, blank.len());
        assert!(template_check_json(Using::Named, &blank, None, Some(&roomy)).is_ok());
        for wrong in [r#"{"max_byte": 10}"#, r#"{"max_bytes": -1}"#, "[1]", "nope"] {
            let err = template_check_json(Using::Named, &blank, None, Some(wrong)).err();
            assert!(matches!(&err, Some(Failure::Argument(_))), "{wrong}: {err:?}");
        }
        let defaults: serde_json::Value = serde_json::from_str(&template_default_limits_json()).expect("JSON");
        assert!(defaults["max_bytes"].as_u64().is_some_and(|n| n > 1_000_000));
    }

    #[test]
    fn template_arguments_are_checked() {
        let blank = template_init(Using::Named, "md", "en", None, None).expect("init");
        let huge = "x".repeat(10 << 20);
        for lang in ["de", "", "FI", huge.as_str(), "\u{0}\u{202e}"] {
            let err = template_fill(Using::Named, &blank, None, Some(lang), None).err();
            assert!(
                matches!(&err, Some(Failure::Argument(m)) if m.len() < 200),
                "{:?}",
                err.map(|e| e.message().len())
            );
            assert!(matches!(template_init(Using::Named, "md", lang, None, None), Err(Failure::Argument(_))));
        }
        for format in ["pdf", "", "doc", huge.as_str()] {
            let err = template_check_json(Using::Named, &blank, Some(format), None).err();
            assert!(matches!(&err, Some(Failure::Argument(m)) if m.len() < 200));
            assert!(matches!(template_init(Using::Named, format, "fi", None, None), Err(Failure::Argument(_))));
        }
        for format in ["MD", "markdown", "Markdown"] {
            assert!(template_check_json(Using::Named, &blank, Some(format), None).is_ok(), "{format}");
        }
        let err = template_check_json(Using::Named, b"plain text", None, None).err();
        assert!(matches!(&err, Some(Failure::Argument(m)) if m.contains("options.format")));
        let long_name = format!("---\nchecklist: {}.eva\n---\n", "a".repeat(1 << 20));
        let err = template_check_json(Using::Named, long_name.as_bytes(), None, None).err();
        assert!(matches!(&err, Some(Failure::Argument(m)) if m.len() < 400), "{:?}", err.map(|e| e.message().len()));
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
                    let checked = template_check_json(using, input, format, None);
                    let filled = template_fill(using, input, format, Some("sv"), None);
                    for failure in [checked.err(), filled.err()].into_iter().flatten() {
                        if let Failure::Diagnostics { diagnostics, .. } = &failure {
                            assert!(!diagnostics.is_empty(), "input {i}");
                            assert!(!failure.code().is_empty(), "input {i}");
                            assert!(diagnostics.iter().all(|d| d.help.is_some()), "input {i}: {diagnostics:?}");
                        }
                    }
                }
                let _ = template_checklist_name(input, format, None);
            }
        }
        // the renamed main part is reported, with a code
        let renamed = &inputs[10];
        let code = template_code(template_check_json(Using::Checklist(&eva), renamed, None, None));
        assert!(code.starts_with('T'), "{code}");
        // and the engine still works
        assert!(template_fill(Using::Named, &docx, None, None, None).is_ok());
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
}

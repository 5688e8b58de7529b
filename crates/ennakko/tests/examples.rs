//! Every example decision scores, and its rendered reports, committed next
//! to it as `report.<lang>.md` and `report.<lang>.html`, are exactly what the
//! engine produces now. Run with `ENNAKKO_BLESS=1` to rewrite them after a
//! deliberate change, and review the diff.

use std::path::{Path, PathBuf};

use ennakko::report::i18n::{Key, LANGUAGES, word};
use ennakko::{Checklist, Decision, Format, Limits};

fn examples() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|entries| entries.flatten().map(|e| e.path()).filter(|p| p.join("decision.yaml").exists()).collect())
        .unwrap_or_default();
    out.sort();
    out
}

fn report_for(dir: &Path) -> ennakko::Report {
    let text = std::fs::read_to_string(dir.join("decision.yaml")).expect("readable example");
    let decision = Decision::from_str(&text, Format::Yaml, &Limits::default())
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let name = decision.checklist.clone().unwrap_or_else(|| ennakko::checklist::stdlib::DEFAULT.to_string());
    let checklist = Checklist::standard(&name).unwrap_or_else(|e| panic!("{}: checklist {name}: {e}", dir.display()));
    checklist.score(&decision).unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

#[test]
fn committed_reports_match_the_engine() {
    let dirs = examples();
    assert!(dirs.len() >= 3, "expected at least three examples, found {}", dirs.len());
    let bless = std::env::var("ENNAKKO_BLESS").is_ok_and(|v| v == "1");
    let mut stale = Vec::new();
    for dir in &dirs {
        let report = report_for(dir);
        for lang in LANGUAGES {
            for (ext, text) in [
                ("md", ennakko::report::render::markdown(&report, lang)),
                ("html", ennakko::report::render::html(&report, lang)),
            ] {
                let path = dir.join(format!("report.{lang}.{ext}"));
                if bless {
                    std::fs::write(&path, &text).expect("writable");
                } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                    stale.push(path.display().to_string());
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "reports differ from the engine's output (rerun with ENNAKKO_BLESS=1 and review): {stale:#?}"
    );
}

/// Swedish and English reports contain no phrase of the Finnish template
/// (the checklist texts are checked for all languages by the compiler).
#[test]
fn swedish_and_english_reports_have_no_finnish_template_text() {
    let finnish_only: Vec<&str> = Key::ALL
        .iter()
        .map(|&k| word(k, "fi"))
        .filter(|fi| fi.len() > 6 && LANGUAGES.iter().all(|l| *l == "fi" || word_differs(fi, l)))
        .collect();
    for dir in examples() {
        let report = report_for(&dir);
        for lang in ["sv", "en"] {
            let md = ennakko::report::render::markdown(&report, lang);
            for phrase in &finnish_only {
                assert!(!md.contains(phrase), "{} ({lang}) contains Finnish template text: {phrase}", dir.display());
            }
        }
    }
}

fn word_differs(fi: &str, lang: &str) -> bool {
    Key::ALL.iter().all(|&k| word(k, lang) != fi)
}

/// Every text the official wrote (titles, descriptions, text answers, each
/// impact's note, mitigation and evidence source) and every fact the
/// decision gives (with its label and its value in words) appears in every rendered
/// report of its example, in the language's own version where the decision
/// gives one: nothing accepted is dropped.
#[test]
fn every_narrative_string_reaches_every_report() {
    for dir in examples() {
        let report = report_for(&dir);
        let text = std::fs::read_to_string(dir.join("decision.yaml")).expect("readable");
        let decision: serde_json::Value = serde_norway::from_str(&text).expect("yaml");
        for lang in LANGUAGES {
            let md = unescape_markdown(&ennakko::report::render::markdown(&report, lang));
            let html = unescape_html(&ennakko::report::render::html(&report, lang));
            for wanted in narrative(&report, &decision, lang) {
                let wanted = squash(&wanted);
                assert!(squash(&md).contains(&wanted), "{} {lang}.md lacks: {wanted}", dir.display());
                assert!(squash(&html).contains(&wanted), "{} {lang}.html lacks: {wanted}", dir.display());
            }
        }
    }
}

/// The official's texts of a decision, as a report in `lang` should show them.
fn narrative(report: &ennakko::Report, decision: &serde_json::Value, lang: &str) -> Vec<String> {
    let local = |v: &serde_json::Value| -> Option<String> {
        match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Object(m) => {
                m.get(lang).or_else(|| m.values().next()).and_then(|s| s.as_str()).map(String::from)
            }
            _ => None,
        }
    };
    let text_questions: Vec<&str> = report
        .vocabulary
        .questions
        .iter()
        .filter(|q| q.tag.as_deref() == Some("text"))
        .map(|q| q.id.as_str())
        .collect();
    let mut out: Vec<String> = decision.get("title").and_then(local).into_iter().collect();
    // Every fact: its label, and its value in words (an option by its
    // label, a number in the language's format, yes/no in the language).
    let vocabulary = &report.vocabulary;
    for (fact, value) in decision["facts"].as_object().into_iter().flatten() {
        let term = vocabulary.facts.iter().find(|t| t.id == *fact).unwrap_or_else(|| panic!("fact {fact} unknown"));
        out.push(ennakko::report::i18n::pick(&term.label, lang).to_string());
        let shown = |v: &serde_json::Value| -> String {
            match v {
                serde_json::Value::String(s) => vocabulary
                    .options
                    .iter()
                    .find(|o| o.owner == *fact && o.id == *s)
                    .map_or_else(|| s.clone(), |o| ennakko::report::i18n::pick(&o.label, lang).to_string()),
                serde_json::Value::Number(n) => ennakko::report::i18n::number(n.as_f64().unwrap_or(0.0), lang),
                serde_json::Value::Bool(b) => word(if *b { Key::Yes } else { Key::No }, lang).to_string(),
                other => other.to_string(),
            }
        };
        match value {
            serde_json::Value::Array(items) => out.extend(items.iter().map(shown)),
            other => out.push(shown(other)),
        }
    }
    for alt in decision["alternatives"].as_array().into_iter().flatten() {
        out.extend(["title", "description"].iter().filter_map(|k| alt.get(*k).and_then(local)));
        for (q, answer) in alt["answers"].as_object().into_iter().flatten() {
            if text_questions.contains(&q.as_str()) {
                out.extend(answer.as_str().map(String::from));
            }
        }
        for cell in alt["impacts"].as_array().into_iter().flatten() {
            out.extend(["note", "mitigation", "evidence_source"].iter().filter_map(|k| cell.get(*k).and_then(local)));
        }
    }
    out.retain(|s| !s.trim().is_empty());
    out
}

/// Whitespace runs as one space, so line breaks in YAML do not matter.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn unescape_markdown(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

/// The text a reader of the page sees: entities decoded, and the soft
/// hyphens, no-break spaces and parenthetical spans that only lay out the
/// tables (`report::render::table`) undone.
fn unescape_html(html: &str) -> String {
    html.replace("&shy;", "")
        .replace("&nbsp;", " ")
        .replace("<span class=\"aside\">", "")
        .replace("</span>", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Finnish and Swedish reports show no checklist id, option id or
/// alternative id, no yes/no in English, and no English template phrase.
#[test]
fn finnish_and_swedish_reports_show_no_ids_or_english() {
    let english: Vec<&str> =
        Key::ALL.iter().map(|&k| word(k, "en")).filter(|en| en.len() > 5 && word_differs_from_all(en)).collect();
    for dir in examples() {
        let report = report_for(&dir);
        let v = &report.vocabulary;
        let ids: Vec<&str> = v
            .groups
            .iter()
            .chain(&v.domains)
            .chain(&v.questions)
            .chain(&v.facts)
            .chain(&v.scores)
            .chain(&v.rules)
            .map(|t| t.id.as_str())
            .chain(v.options.iter().map(|o| o.id.as_str()))
            .chain(report.alternatives.iter().map(|a| a.id.as_str()))
            .filter(|id| id.contains('_'))
            .collect();
        let text = std::fs::read_to_string(dir.join("decision.yaml")).expect("readable");
        let decision: serde_json::Value = serde_norway::from_str(&text).expect("yaml");
        for lang in ["fi", "sv"] {
            // The official's own words may be in any language: leave them out.
            let mut md = squash(&unescape_markdown(&ennakko::report::render::markdown(&report, lang)));
            for own in narrative(&report, &decision, lang) {
                md = md.replace(&squash(&own), " ");
            }
            for id in &ids {
                assert!(!md.contains(id), "{} ({lang}) shows the id `{id}`", dir.display());
            }
            for phrase in &english {
                assert!(!contains_word(&md, phrase), "{} ({lang}) shows English: {phrase}", dir.display());
            }
            for code in ["= yes", "= no", "= true", "= false", "N0001", "N0002", "$.alternatives"] {
                assert!(!md.contains(code), "{} ({lang}) shows `{code}`", dir.display());
            }
        }
    }
}

fn word_differs_from_all(en: &str) -> bool {
    ["fi", "sv"].iter().all(|l| Key::ALL.iter().all(|&k| word(k, l) != en))
}

/// Whether `phrase` occurs as whole words (not inside a longer word, as
/// "Checklist" is inside Swedish "Checklista").
fn contains_word(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(i, _)| {
        let before = text[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = text[i + phrase.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

//! Document templates (Markdown, HTML, Word): generating, reading back,
//! filling, preserving every untouched part, every `T` error code, limits,
//! and hostile input. The committed examples in `examples/templates/` are
//! checked against the code (`ENNAKKO_BLESS=1` rewrites them).

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ennakko::{Checklist, Decision, Format, Limits};
use ennakko_templates::{self as template, TemplateCheck, TemplateFormat, TemplateLimits};

const FORMATS: [TemplateFormat; 3] = [TemplateFormat::Markdown, TemplateFormat::Html, TemplateFormat::Docx];

fn eva() -> &'static Checklist {
    static EVA: OnceLock<Checklist> = OnceLock::new();
    EVA.get_or_init(|| Checklist::standard("eva").expect("eva compiles"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example(name: &str) -> (Decision, Checklist) {
    let text = std::fs::read_to_string(root().join("examples").join(name).join("decision.yaml")).expect("example");
    let decision = Decision::from_str(&text, Format::Yaml, &Limits::default()).expect("valid example");
    let checklist = Checklist::standard(decision.checklist.as_deref().unwrap_or("eva")).expect("checklist");
    (decision, checklist)
}

fn codes(check: &TemplateCheck) -> Vec<&str> {
    check.problems.iter().map(|d| d.code.as_str()).collect()
}

/// The codes other than unanswered questions (T0201).
fn other_codes(check: &TemplateCheck) -> Vec<&str> {
    codes(check).into_iter().filter(|c| *c != "T0201").collect()
}

fn err_codes(e: &ennakko::Error) -> Vec<&str> {
    e.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

// ---- zip helpers ---------------------------------------------------------------------------

fn entries(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("zip");
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).expect("entry");
            let mut buf = Vec::new();
            f.read_to_end(&mut buf).expect("readable entry");
            (f.name().expect("name").to_string(), buf)
        })
        .collect()
}

fn raw_entries(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("zip");
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index_raw(i).expect("entry");
            let mut buf = Vec::new();
            f.read_to_end(&mut buf).expect("raw entry");
            (f.name().expect("name").to_string(), buf)
        })
        .collect()
}

fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        let method =
            if name.ends_with(".png") { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        w.start_file(name.as_str(), options).expect("entry");
        w.write_all(data).expect("write");
    }
    w.finish().expect("zip").into_inner()
}

fn document_xml(docx: &[u8]) -> String {
    let parts = entries(docx);
    let doc = parts.iter().find(|(n, _)| n == "word/document.xml").expect("document.xml");
    String::from_utf8(doc.1.clone()).expect("utf-8")
}

fn with_document(docx: &[u8], edit: impl Fn(&str) -> String) -> Vec<u8> {
    let parts: Vec<(String, Vec<u8>)> = entries(docx)
        .into_iter()
        .map(|(n, d)| {
            if n == "word/document.xml" {
                let text = edit(&String::from_utf8(d).expect("utf-8"));
                (n, text.into_bytes())
            } else {
                (n, d)
            }
        })
        .collect();
    zip_of(&parts)
}

/// What an official does in Word: types or picks `shown` in the control tagged `tag`.
fn set_field(docx: &[u8], tag: &str, shown: &str) -> Vec<u8> {
    with_document(docx, |doc| {
        let marker = format!("w:val=\"eva:{tag}\"");
        let at = doc.find(&marker).unwrap_or_else(|| panic!("no field {tag}"));
        let open = at + doc[at..].find("<w:sdtContent>").expect("content") + "<w:sdtContent>".len();
        let close = open + doc[open..].find("</w:sdtContent>").expect("content end");
        let pr = &doc[at..open].replacen("<w:showingPlcHdr/>", "", 1);
        format!("{}{pr}<w:r><w:t>{shown}</w:t></w:r>{}", &doc[..at], &doc[close..])
    })
}

// ---- generating and reading back ----------------------------------------------------------

#[test]
fn blank_templates_in_every_format_and_language_read_back() {
    for format in FORMATS {
        for lang in ["fi", "sv", "en"] {
            let blank = template::init(eva(), format, lang);
            assert_eq!(TemplateFormat::sniff(&blank), Some(format), "{format:?} {lang}");
            let check = template::check(eva(), &blank, format).expect("readable");
            assert_eq!(check.errors(), 0, "{format:?} {lang}: {:#?}", check.problems);
            assert_eq!(check.checklist.as_deref(), Some("eva"));
            assert_eq!(check.outputs, ["results"]);
            assert!(codes(&check).contains(&"T0201"), "{format:?} {lang}: unanswered questions are listed");
            assert!(!codes(&check).contains(&"T0203"), "{format:?}: a blank answer is no answer");
            let decision = check.decision.expect("decision");
            assert_eq!(decision.alternatives.len(), 2);
            if format != TemplateFormat::Markdown {
                // Every fact and question has a field, for both alternatives;
                // a form asks first only the questions without a condition
                // (filling adds what the answers make relevant).
                let d = eva().describe();
                for f in &d.facts {
                    assert!(check.fields.contains(&format!("eva:fact.{}", f.id)), "{format:?}: fact {}", f.id);
                }
                let asked = |q: &&ennakko::checklist::describe::Field| q.kind != "impact" && !q.conditional;
                for q in d.questions.iter().filter(asked) {
                    for alt in ["zero", "proposal"] {
                        assert!(check.fields.contains(&format!("eva:answer.{alt}.{}", q.id)), "{format:?}: {}", q.id);
                    }
                }
            }
            let filled = template::fill(eva(), &blank, format, Some(lang)).expect("a blank template fills");
            assert!(filled.len() > blank.len());
        }
    }
}

#[test]
fn generated_templates_are_deterministic() {
    for format in FORMATS {
        assert_eq!(template::init(eva(), format, "fi"), template::init(eva(), format, "fi"), "{format:?}");
    }
}

/// A decision turned into a template and read back scores the same as the
/// decision itself, in every format, for every example.
#[test]
fn every_example_round_trips_through_every_format() {
    let dirs: Vec<String> = std::fs::read_dir(root().join("examples"))
        .expect("examples")
        .flatten()
        .filter(|e| e.path().join("decision.yaml").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(dirs.len() >= 5);
    for dir in dirs {
        let (decision, checklist) = example(&dir);
        let direct = checklist.score(&decision).expect("scores");
        for format in FORMATS {
            let doc = template::init_from(&checklist, &decision, format, "fi");
            let check = template::check(&checklist, &doc, format).expect("readable");
            assert_eq!(check.errors(), 0, "{dir} {format:?}: {:#?}", check.problems);
            let report = check.report.expect("scored");
            let summary = |r: &ennakko::Report| {
                let alts: Vec<_> = r
                    .alternatives
                    .iter()
                    .map(|a| {
                        let mut groups: Vec<_> = a.groups.iter().map(|g| (g.id.clone(), g.score.value)).collect();
                        groups.sort_by(|x, y| x.0.cmp(&y.0));
                        let mut missing: Vec<_> = a.completeness.missing.iter().map(|m| m.question.clone()).collect();
                        missing.sort();
                        (a.id.clone(), a.kind, a.total.value, a.total.low, a.total.high, groups, a.equity.gap, missing)
                    })
                    .collect();
                let mut findings: Vec<_> = r.findings.iter().map(|f| (f.rule.clone(), f.alternative.clone())).collect();
                findings.sort();
                // Every text the official gave, in every language, who decides,
                // its majority language and every fact.
                let texts: Vec<_> = r
                    .alternatives
                    .iter()
                    .map(|a| (a.title.clone(), a.titles.clone(), a.description.clone(), a.descriptions.clone()))
                    .collect();
                let decision = (
                    r.decision.titles.clone(),
                    r.decision.organisation,
                    r.decision.bilingual,
                    r.decision.majority_language,
                    r.decision.vulnerable_groups.clone(),
                    // An unticked box in a form reads as `false`, a flag the
                    // decision left out as nothing: both say no.
                    r.facts.iter().filter(|f| f.value != serde_json::json!(false)).cloned().collect::<Vec<_>>(),
                );
                (r.verdict.level, alts, findings, r.decision.title.clone(), texts, decision)
            };
            assert_eq!(summary(&report), summary(&direct), "{dir} {format:?}");
        }
    }
}

/// An official answers the Word form step by step: the blank asks the
/// facts and the screening questions; filling adds the impact questions the
/// answers call for, each with a row to fill in; filling again changes
/// nothing; an answer that makes a question stop applying moves its rows to
/// a section of their own, where they stay.
#[test]
fn an_official_fills_a_word_form_step_by_step() {
    let blank = template::init(eva(), TemplateFormat::Docx, "fi");
    assert!(!document_xml(&blank).contains("eva:row.proposal.school_journeys."), "not asked before screening");
    let mut doc = blank;
    doc = set_field(&doc, "decision.id", "KH 2026-17");
    doc = set_field(&doc, "decision.title", "Kyläkoulu");
    doc = set_field(&doc, "fact.cost_eur", "250 000 €");
    doc = set_field(&doc, "answer.proposal.significant_resident_impact", "kyllä");
    doc = set_field(&doc, "answer.proposal.affects_children", "kyllä");
    doc = set_field(&doc, "answer.proposal.changes_service_network", "kyllä");
    doc = set_field(&doc, "answer.proposal.large_procurement", "ei");
    let once = template::fill(eva(), &doc, TemplateFormat::Docx, None).expect("fills");
    let xml = document_xml(&once);
    assert!(xml.contains("eva:row.proposal.school_journeys.group"), "the impact question now applies");
    assert!(!xml.contains("eva:row.zero.school_journeys.group"), "but not to the zero option");
    assert!(xml.contains("<w15:repeatingSection/>") && xml.contains("<w15:repeatingSectionItem/>"));
    assert!(xml.contains("Vastaus puuttuu"), "a missing answer is marked where it is asked");
    assert!(xml.contains("Arvioimatta: "), "so are the groups not assessed");
    // The cost and the answer about a procurement of that size disagree:
    // said beside both.
    let note = "\u{26a0} Hankinnan tai investoinnin arvo on vähintään 100 000 euroa, mutta";
    assert_eq!(xml.matches(note).count(), 2, "beside the cost and the answer");

    let mut doc = once;
    for (prop, shown) in [
        ("group", "children"),
        ("domain", "mobility"),
        ("direction", "−1 kielteinen"),
        ("magnitude", "Kohtalainen"),
        ("note", "Matka pitenee 9 km"),
        ("mitigation", "Koulukyydit"),
        ("evidence_source", "Kuljetusselvitys 2026"),
    ] {
        doc = set_field(&doc, &format!("row.proposal.school_journeys.{prop}"), shown);
    }
    let check = template::check(eva(), &doc, TemplateFormat::Docx).expect("readable");
    assert_eq!(check.errors(), 0, "{:#?}", check.problems);
    let plan = &check.decision.as_ref().expect("decision").alternatives[1];
    let cell = plan.impacts.iter().find(|c| c.question.as_deref() == Some("school_journeys")).expect("the row");
    assert_eq!((cell.group.as_str(), cell.direction), ("children", ennakko::decision::Direction::Value(-1)));
    assert_eq!(cell.magnitude.as_deref(), Some("moderate"));
    assert_eq!(cell.note.as_deref(), Some("Matka pitenee 9 km"));
    assert_eq!(cell.mitigation.as_deref(), Some("Koulukyydit"));
    assert_eq!(cell.evidence_source.as_deref(), Some("Kuljetusselvitys 2026"));
    assert_eq!(check.report.expect("scored").verdict.level, ennakko::checklist::model::VerdictLevel::Full);

    let twice = template::fill(eva(), &doc, TemplateFormat::Docx, None).expect("fills");
    let thrice = template::fill(eva(), &twice, TemplateFormat::Docx, None).expect("fills again");
    assert!(twice == thrice, "a second fill gives the same bytes");
    assert_eq!(document_xml(&twice).matches("eva:row.proposal.school_journeys.group").count(), 2, "row + empty row");

    let changed = set_field(&twice, "answer.proposal.affects_children", "ei");
    let after = template::fill(eva(), &changed, TemplateFormat::Docx, None).expect("fills");
    let xml = document_xml(&after);
    let stale = xml.find("Vastaukset kysymyksiin, jotka eivät enää koske päätöstä").expect("the section");
    assert!(xml[stale..].contains("Koulukyydit"), "the row is kept, in the section");
    let check = template::check(eva(), &after, TemplateFormat::Docx).expect("readable");
    assert!(codes(&check).contains(&"T0203"), "{:?}", codes(&check));
    let plan = &check.decision.as_ref().expect("decision").alternatives[1];
    assert!(plan.impacts.iter().any(|c| c.mitigation.as_deref() == Some("Koulukyydit")), "nothing is lost");
    let again = template::fill(eva(), &after, TemplateFormat::Docx, None).expect("fills again");
    assert!(again == after, "stable with answers that no longer apply too");
}

/// The rows of the impact question `question` of `alt` in a filled form.
fn form_with_rows(alt: &str, question: &str) -> Vec<u8> {
    let mut doc = template::init(eva(), TemplateFormat::Docx, "fi");
    doc = set_field(&doc, "decision.id", "1");
    doc = set_field(&doc, "decision.title", "T");
    doc = set_field(&doc, &format!("answer.{alt}.affects_children"), "kyllä");
    doc = set_field(&doc, &format!("answer.{alt}.changes_service_network"), "kyllä");
    let doc = template::fill(eva(), &doc, TemplateFormat::Docx, None).expect("fills");
    assert!(document_xml(&doc).contains(&format!("eva:row.{alt}.{question}.group")));
    doc
}

/// The span of the first repeating-section row holding the field `tag`.
fn row_span(doc: &str, tag: &str) -> std::ops::Range<usize> {
    let at = doc.find(&format!("w:val=\"eva:{tag}\"")).expect("row field");
    let item = doc[..at].rfind("<w15:repeatingSectionItem/>").expect("in a row");
    let start = doc[..item].rfind("<w:sdt>").expect("row start");
    let end = at + doc[at..].find("</w:tr></w:sdtContent></w:sdt>").expect("row end") + 30;
    start..end
}

/// A row with some fields set, as an official fills a row Word added.
fn filled_row(row: &str, values: &[(&str, &str)]) -> String {
    let mut row = row.to_string();
    for (prop, shown) in values {
        let marker = format!("row.proposal.school_journeys.{prop}\"");
        let at = row.find(&marker).unwrap_or_else(|| panic!("no {prop}"));
        let open = at + row[at..].find("<w:sdtContent>").expect("content") + "<w:sdtContent>".len();
        let close = open + row[open..].find("</w:sdtContent>").expect("content end");
        let pr = row[at..open].replacen("<w:showingPlcHdr/>", "", 1);
        row = format!("{}{pr}<w:r><w:t>{shown}</w:t></w:r>{}", &row[..at], &row[close..]);
    }
    row
}

/// Rows as needed: each copy of a row (what Word's + button makes) is one
/// impact cell, named by its own group and domain; empty rows are ignored.
#[test]
fn impact_rows_are_added_as_needed_in_word() {
    let doc = form_with_rows("proposal", "school_journeys");
    let added = with_document(&doc, |d| {
        let span = row_span(d, "row.proposal.school_journeys.group");
        let row = &d[span.clone()];
        let rows: String = [("children", "−1"), ("families_with_children", "+1")]
            .iter()
            .map(|(group, dir)| filled_row(row, &[("group", group), ("domain", "mobility"), ("direction", dir)]))
            .collect();
        format!("{}{rows}{}", &d[..span.end], &d[span.end..])
    });
    let check = template::check(eva(), &added, TemplateFormat::Docx).expect("readable");
    assert_eq!(check.errors(), 0, "{:#?}", check.problems);
    let plan = &check.decision.as_ref().expect("decision").alternatives[1];
    let groups: Vec<_> = plan.impacts.iter().map(|c| (c.group.as_str(), c.direction.name())).collect();
    assert_eq!(groups, [("children", "-1".to_string()), ("families_with_children", "1".to_string())]);
    let once = template::fill(eva(), &added, TemplateFormat::Docx, None).expect("fills");
    assert!(template::fill(eva(), &once, TemplateFormat::Docx, None).expect("fills") == once);
}

#[test]
fn t0112_rows_outside_a_repeating_section_or_without_a_group() {
    let doc = form_with_rows("proposal", "school_journeys");
    // A row that lost its repeating section: its fields cannot be placed.
    let loose = with_document(&doc, |d| d.replace("<w15:repeatingSectionItem/>", ""));
    let check = template::check(eva(), &loose, TemplateFormat::Docx).expect("readable");
    let problem = check.problems.iter().find(|d| d.code == "T0112").expect("T0112");
    assert!(problem.message.contains("not inside a row"), "{}", problem.message);
    // A row with a direction but no group.
    let no_group = set_field(&doc, "row.proposal.school_journeys.direction", "-1");
    let check = template::check(eva(), &no_group, TemplateFormat::Docx).expect("readable");
    let problem = check.problems.iter().find(|d| d.code == "T0112").expect("T0112");
    assert!(problem.message.contains("no group"), "{}", problem.message);
    assert!(template::fill(eva(), &no_group, TemplateFormat::Docx, None).is_err(), "errors stop fill");
}

/// Hostile shapes of rows: a row inside a row (its fields belong to the
/// inner one), rows nested hundreds deep, and thousands of rows: read
/// without panicking, within the field limit.
#[test]
fn nested_and_numerous_rows_stay_bounded() {
    let doc = form_with_rows("proposal", "school_journeys");
    let nested = with_document(&doc, |d| {
        let span = row_span(d, "row.proposal.school_journeys.group");
        let row = &d[span.clone()];
        let inner = filled_row(row, &[("group", "children"), ("domain", "mobility"), ("direction", "-1")]);
        // The inner row goes into the first cell of an outer row.
        let outer = filled_row(row, &[("group", "families_with_children"), ("domain", "safety"), ("direction", "1")]);
        let cell = outer.find("</w:tc>").expect("first cell");
        let inner_rows = inner.replace("<w:tr>", "").replace("</w:tr>", "");
        let outer = format!("{}{inner_rows}{}", &outer[..cell], &outer[cell..]);
        format!("{}{outer}{}", &d[..span.end], &d[span.end..])
    });
    let check = template::check(eva(), &nested, TemplateFormat::Docx).expect("readable");
    let plan = &check.decision.as_ref().expect("decision").alternatives[1];
    let groups: Vec<_> = plan.impacts.iter().map(|c| c.group.as_str()).collect();
    assert!(groups.contains(&"children") && groups.contains(&"families_with_children"), "{groups:?}");

    let deep = with_document(&doc, |d| {
        let span = row_span(d, "row.proposal.school_journeys.group");
        let row = filled_row(&d[span.clone()], &[("group", "children"), ("domain", "mobility"), ("direction", "-1")]);
        let open = "<w:sdt><w:sdtPr><w15:repeatingSectionItem/></w:sdtPr><w:sdtContent>".repeat(400);
        let close = "</w:sdtContent></w:sdt>".repeat(400);
        format!("{}{open}{row}{close}{}", &d[..span.end], &d[span.end..])
    });
    match template::check(eva(), &deep, TemplateFormat::Docx) {
        Ok(check) => assert_eq!(check.errors(), 0, "{:#?}", check.problems),
        Err(e) => assert!(err_codes(&e).iter().all(|c| ["T0004", "T0005"].contains(c)), "{e}"),
    }

    for (count, fits) in [(3_000, true), (6_000, false)] {
        let many = with_document(&doc, |d| {
            let span = row_span(d, "row.proposal.school_journeys.group");
            let row =
                filled_row(&d[span.clone()], &[("group", "children"), ("domain", "mobility"), ("direction", "-1")]);
            format!("{}{}{}", &d[..span.end], row.repeat(count), &d[span.end..])
        });
        let started = std::time::Instant::now();
        match template::check(eva(), &many, TemplateFormat::Docx) {
            Ok(check) if fits => {
                assert_eq!(check.errors(), 0, "{:#?}", check.problems);
                let plan = &check.decision.as_ref().expect("decision").alternatives[1];
                assert_eq!(plan.impacts.len(), 1, "identical rows are one cell");
            }
            Err(e) if !fits => assert_eq!(err_codes(&e), ["T0004"], "{e}"),
            other => panic!("{count} rows: {:?}", other.map(|c| c.problems)),
        }
        assert!(started.elapsed().as_secs() < 30, "{count} rows took {:?}", started.elapsed());
    }
}

// ---- filling -----------------------------------------------------------------------------------

#[test]
fn filling_again_gives_the_same_document() {
    let (decision, checklist) = example("village-school");
    for format in FORMATS {
        let doc = template::init_from(&checklist, &decision, format, "fi");
        let once = template::fill(&checklist, &doc, format, None).expect("fills");
        let twice = template::fill(&checklist, &once, format, None).expect("fills again");
        assert!(once != doc, "{format:?}");
        assert_eq!(once, twice, "{format:?}: fill is idempotent");
    }
}

#[test]
fn filled_documents_hold_the_verdict_matrix_and_findings() {
    let (decision, checklist) = example("village-school");
    let verdict = ennakko::report::i18n::word(ennakko::report::i18n::Key::VerdictFull, "fi");
    for format in FORMATS {
        let doc = template::init_from(&checklist, &decision, format, "fi");
        let filled = template::fill(&checklist, &doc, format, None).expect("fills");
        let text = match format {
            TemplateFormat::Docx => document_xml(&filled),
            _ => String::from_utf8(filled).expect("utf-8"),
        };
        assert!(text.contains(verdict), "{format:?}: verdict");
        assert!(text.contains("Vaikutusmatriisi"), "{format:?}: matrix");
        assert!(text.contains("Havainnot"), "{format:?}: findings");
        if format == TemplateFormat::Docx {
            // Real Word tables, coloured cells, and the placeholder flag gone.
            let results = &text[text.find("eva:results").expect("results")..];
            assert!(results.contains("<w:tbl>") && results.contains("w:fill=\"A40E26\""));
            assert!(!results[..results.find("</w:sdtPr>").expect("pr")].contains("showingPlcHdr"));
        }
    }
}

#[test]
fn fill_keeps_every_other_part_of_a_word_document_byte_for_byte() {
    let (decision, checklist) = example("village-school");
    let doc = template::init_from(&checklist, &decision, TemplateFormat::Docx, "fi");
    // A document from elsewhere has pictures, custom XML and odd parts.
    let mut parts = entries(&doc);
    parts.push(("word/media/image1.png".into(), (0..=255u8).cycle().take(5000).collect()));
    parts.push(("customXml/item1.xml".into(), b"<?xml version=\"1.0\"?><x>\xc3\xa4 keep me</x>".to_vec()));
    parts.push(("docProps/custom.xml".into(), b"<Properties/>".to_vec()));
    let doc = zip_of(&parts);
    let filled = template::fill(&checklist, &doc, TemplateFormat::Docx, None).expect("fills");
    let (before, after) = (raw_entries(&doc), raw_entries(&filled));
    let names = |e: &[(String, Vec<u8>)]| e.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&before), names(&after), "same parts in the same order");
    for ((name, old), (_, new)) in before.iter().zip(&after) {
        if name != "word/document.xml" {
            assert_eq!(old, new, "{name} is copied byte for byte (compressed data too)");
        }
    }
    // In document.xml, only the content of the results control changed.
    let (old, new) = (document_xml(&doc), document_xml(&filled));
    let start = old.find("<w:tag w:val=\"eva:results\"/>").expect("results control");
    assert_eq!(old[..start], new[..start], "everything before the results is untouched");
    let old_tail = &old[old.rfind("</w:sdtContent>").expect("end")..];
    assert!(new.ends_with(old_tail), "everything after the results is untouched");
}

#[test]
fn results_can_go_to_several_named_places_in_word() {
    let (decision, checklist) = example("village-school");
    let doc = template::init_from(&checklist, &decision, TemplateFormat::Docx, "en");
    let doc = with_document(&doc, |d| {
        let block = |name: &str| {
            format!(
                "<w:sdt><w:sdtPr><w:tag w:val=\"eva:{name}\"/></w:sdtPr><w:sdtContent><w:p/></w:sdtContent></w:sdt>"
            )
        };
        let extra = format!("{}{}{}", block("verdict"), block("matrix.close"), block("findings"));
        d.replacen("<w:body>", &format!("<w:body>{extra}"), 1)
    });
    let check = template::check(&checklist, &doc, TemplateFormat::Docx).expect("readable");
    assert_eq!(check.outputs, ["verdict", "matrix.close", "findings", "results"]);
    let filled = document_xml(&template::fill(&checklist, &doc, TemplateFormat::Docx, Some("en")).expect("fills"));
    let verdict_at = filled.find("eva:verdict").expect("verdict");
    assert!(filled[verdict_at..].contains("A full impact assessment is needed"));
}

#[test]
fn markdown_placeholders_are_filled_between_markers_outside_code() {
    let (decision, checklist) = example("library-hours");
    let doc = template::init_from(&checklist, &decision, TemplateFormat::Markdown, "fi");
    let text = String::from_utf8(doc).expect("utf-8")
        + "\nVerdict only:\n\n<!-- eva:verdict -->\n\n```\n<!-- eva:findings -->\n```\n";
    let filled = String::from_utf8(
        template::fill(&checklist, text.as_bytes(), TemplateFormat::Markdown, Some("en")).expect("fills"),
    )
    .expect("utf-8");
    assert!(filled.contains("<!-- eva:verdict -->\n\n## Verdict"));
    assert!(filled.contains("<!-- /eva:verdict -->"));
    assert!(filled.contains("```\n<!-- eva:findings -->\n```"), "examples in code blocks stay as they are");
}

// ---- positions of problems ------------------------------------------------------------------

#[test]
fn decision_errors_point_at_the_line_in_markdown() {
    let md = "---\nchecklist: eva\nid: x\ntitle: T\nfacts:\n  cost_eur: lots\nalternatives:\n  - id: zero\n    kind: zero\n---\n";
    let check = template::check(eva(), md.as_bytes(), TemplateFormat::Markdown).expect("readable");
    let d = check.problems.iter().find(|d| d.code == "D0101").expect("type error");
    assert_eq!((d.line, d.column), (Some(6), Some(3)));
    assert_eq!(d.source_line.as_deref(), Some("  cost_eur: lots"));
    // A syntax error in the front matter also points into the file.
    let md = "---\nid: x\ntitle: [\n---\n";
    let check = template::check(eva(), md.as_bytes(), TemplateFormat::Markdown).expect("readable");
    let d = check.problems.iter().find(|d| d.code == "D0001").expect("syntax error");
    assert!(d.line.is_some_and(|l| l >= 3), "{d:?}");
}

#[test]
fn field_errors_name_the_field_and_its_line_in_html() {
    let html = "<html><body>\n<input data-eva=\"checklist\" value=\"eva\">\n<input data-eva=\"decision.title\" value=\"T\">\n\
                <input data-eva=\"fact.cost_euro\" value=\"5\">\n<!-- eva:results -->\n</body></html>";
    let check = template::check(eva(), html.as_bytes(), TemplateFormat::Html).expect("readable");
    let d = check.problems.iter().find(|d| d.code == "D0103").expect("unknown fact");
    assert_eq!(d.path.as_deref(), Some("eva:fact.cost_euro"));
    assert_eq!(d.line, Some(4));
    assert_eq!(d.help.as_deref(), Some("did you mean `cost_eur`?"));
}

// ---- every T code -----------------------------------------------------------------------------

fn md(front: &str, body: &str) -> Vec<u8> {
    format!("---\n{front}---\n{body}").into_bytes()
}

const OK_FRONT: &str = "checklist: eva\nid: x\ntitle: T\nalternatives:\n  - id: zero\n    kind: zero\n";

#[test]
fn t0001_not_utf8() {
    let e = template::check(eva(), b"---\nid: \xff\n---\n", TemplateFormat::Markdown).unwrap_err();
    assert_eq!(err_codes(&e), ["T0001"]);
}

#[test]
fn t0002_too_large() {
    let limits = TemplateLimits { max_bytes: 10, ..Default::default() };
    let e = template::check_with(eva(), &md(OK_FRONT, ""), TemplateFormat::Markdown, &limits).unwrap_err();
    assert_eq!(err_codes(&e), ["T0002"]);
}

#[test]
fn t0003_not_a_zip() {
    let e = template::check(eva(), b"PK\x03\x04 this is not a zip", TemplateFormat::Docx).unwrap_err();
    assert_eq!(err_codes(&e), ["T0003"]);
    let e = template::check(eva(), b"plain text", TemplateFormat::Docx).unwrap_err();
    assert_eq!(err_codes(&e), ["T0003"]);
}

/// Found by the `template` fuzz target: a central directory that gives a
/// part more compressed bytes than it has still reads (the deflate stream
/// ends on its own), but `fill` copied that many bytes raw, so each fill
/// grew the document. Such an archive is damaged: T0003.
#[test]
fn t0003_a_part_that_overlaps_the_next() {
    let blank = template::init(eva(), TemplateFormat::Docx, "fi");
    let directory = blank.windows(4).position(|w| w == b"PK\x01\x02").expect("a central directory");
    let mut damaged = blank.clone();
    // The central record's compressed size is at offset 20; make it 10 kB larger.
    damaged[directory + 21] = damaged[directory + 21].wrapping_add(40);
    let e = template::check(eva(), &damaged, TemplateFormat::Docx).unwrap_err();
    assert_eq!(err_codes(&e), ["T0003"]);
    assert!(e.diagnostics[0].message.contains("overlaps"), "{}", e.diagnostics[0].message);
    assert!(template::fill(eva(), &damaged, TemplateFormat::Docx, None).is_err());
}

#[test]
fn t0004_zip_bombs_and_too_many_entries() {
    // 4 MiB of zeros compress to a few kilobytes.
    let bomb = zip_of(&[("word/document.xml".into(), vec![b' '; 4 << 20])]);
    assert!(bomb.len() < 64 << 10);
    let limits = TemplateLimits { max_part_bytes: 1 << 20, ..Default::default() };
    let e = template::check_with(eva(), &bomb, TemplateFormat::Docx, &limits).unwrap_err();
    assert_eq!(err_codes(&e), ["T0004"]);
    let many: Vec<(String, Vec<u8>)> = (0..300).map(|i| (format!("x/{i}.xml"), Vec::new())).collect();
    let limits = TemplateLimits { max_zip_entries: 100, ..Default::default() };
    let e = template::check_with(eva(), &zip_of(&many), TemplateFormat::Docx, &limits).unwrap_err();
    assert_eq!(err_codes(&e), ["T0004"]);
    let limits = TemplateLimits { max_fields: 10, ..Default::default() };
    let e =
        template::check_with(eva(), &template::init(eva(), TemplateFormat::Html, "fi"), TemplateFormat::Html, &limits)
            .unwrap_err();
    assert_eq!(err_codes(&e), ["T0004"]);
}

#[test]
fn t0005_no_document_or_broken_xml() {
    let e = template::check(eva(), &zip_of(&[("a.txt".into(), b"x".to_vec())]), TemplateFormat::Docx).unwrap_err();
    assert_eq!(err_codes(&e), ["T0005"]);
    let broken = zip_of(&[(
        "word/document.xml".into(),
        format!(
            "<w:document xmlns:w=\"{}\"><w:body><w:p></w:body></w:document>",
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        )
        .into_bytes(),
    )]);
    let e = template::check(eva(), &broken, TemplateFormat::Docx).unwrap_err();
    assert_eq!(err_codes(&e), ["T0005"]);
}

#[test]
fn t0101_no_decision() {
    let check =
        template::check(eva(), b"# Just a text\n\n<!-- eva:results -->\n", TemplateFormat::Markdown).expect("readable");
    assert!(codes(&check).contains(&"T0101"));
    let e = template::check(eva(), b"---\nid: x\n", TemplateFormat::Markdown).unwrap_err();
    assert_eq!(err_codes(&e), ["T0101"], "front matter not closed");
    let check =
        template::check(eva(), b"<html><body><p>nothing</p></body></html>", TemplateFormat::Html).expect("readable");
    assert!(codes(&check).contains(&"T0101"));
}

#[test]
fn t0102_no_checklist_named() {
    let front = OK_FRONT.replace("checklist: eva\n", "");
    let check = template::check(eva(), &md(&front, "<!-- eva:results -->\n"), TemplateFormat::Markdown).expect("ok");
    assert_eq!(other_codes(&check), ["T0102"]);
}

#[test]
fn t0103_checked_with_another_checklist() {
    let front = OK_FRONT.replace("checklist: eva", "checklist: children");
    let check = template::check(eva(), &md(&front, "<!-- eva:results -->\n"), TemplateFormat::Markdown).expect("ok");
    assert_eq!(other_codes(&check), ["T0103"]);
}

#[test]
fn t0104_unknown_field_or_placeholder() {
    let check =
        template::check(eva(), &md(OK_FRONT, "<!-- eva:verdikt -->\n<!-- eva:results -->\n"), TemplateFormat::Markdown)
            .expect("ok");
    assert_eq!(other_codes(&check), ["T0104"]);
    assert_eq!(
        check.problems[0].help.as_deref(),
        Some("did you mean `verdict`? see docs/templates.md for the field names")
    );
    assert_eq!(check.problems[0].line, Some(9));
    let docx = template::init(eva(), TemplateFormat::Docx, "fi");
    let docx = with_document(&docx, |d| d.replacen("eva:fact.cost_eur", "eva:fakt.cost_eur", 1));
    let check = template::check(eva(), &docx, TemplateFormat::Docx).expect("ok");
    let d = check.problems.iter().find(|d| d.code == "T0104").expect("T0104");
    assert_eq!(d.path.as_deref(), Some("eva:fakt.cost_eur"));
    assert!(template::fill(eva(), &docx, TemplateFormat::Docx, None).is_err(), "errors stop fill");
}

#[test]
fn t0105_unreadable_value() {
    let docx = set_field(&template::init(eva(), TemplateFormat::Docx, "fi"), "fact.cost_eur", "paljon");
    let check = template::check(eva(), &docx, TemplateFormat::Docx).expect("ok");
    let d = check.problems.iter().find(|d| d.code == "T0105").expect("T0105");
    assert_eq!(d.path.as_deref(), Some("eva:fact.cost_eur"));
    let e = template::fill(eva(), &docx, TemplateFormat::Docx, None).unwrap_err();
    assert_eq!(err_codes(&e), ["T0105"]);
}

#[test]
fn t0106_same_field_twice() {
    let html = "<html><body><input data-eva=\"checklist\" value=\"eva\"><input data-eva=\"decision.title\" value=\"A\">\
                <input data-eva=\"decision.title\" value=\"B\"><input data-eva=\"answer.zero.affects_staff\" value=\"no\">\
                <!-- eva:results --></body></html>";
    let check = template::check(eva(), html.as_bytes(), TemplateFormat::Html).expect("ok");
    assert!(codes(&check).contains(&"T0106"), "{:?}", codes(&check));
}

#[test]
fn t0107_impact_without_direction() {
    let html = "<html><body><input data-eva=\"checklist\" value=\"eva\">\
                <select data-eva=\"impact.zero.-.children.mobility.magnitude\"><option value=\"severe\" selected>x</option></select>\
                <!-- eva:results --></body></html>";
    let check = template::check(eva(), html.as_bytes(), TemplateFormat::Html).expect("ok");
    assert!(codes(&check).contains(&"T0107"), "{:?}", codes(&check));
}

#[test]
fn t0108_end_marker_without_start() {
    let check = template::check(
        eva(),
        &md(OK_FRONT, "<!-- /eva:results -->\n<!-- eva:results -->\n"),
        TemplateFormat::Markdown,
    )
    .expect("ok");
    assert_eq!(other_codes(&check), ["T0108"]);
}

#[test]
fn t0109_no_place_for_results() {
    let check = template::check(eva(), &md(OK_FRONT, "no placeholders\n"), TemplateFormat::Markdown).expect("ok");
    assert_eq!(other_codes(&check), ["T0109"]);
}

/// Found by the `template` fuzz target: in `<textarea ... <!-- eva:results -->`
/// (the tag's `>` missing) the comment is part of the tag, and what follows
/// is the textarea's text. Taking it for a result place put the results in
/// the text, where the next fill could not find its own end comment and
/// wrote them again. It is no result place (T0109); and filling a template
/// with no result place is refused (it wrote nothing and looked done).
#[test]
fn t0109_a_placeholder_inside_a_broken_tag_does_not_count() {
    let html = "<html><body><input data-eva=\"decision.title\" value=\"T\">\n\
                <input data-eva=\"alternative.zero.kind\" value=\"zero\">\n\
                <textarea data-eva=\"decision.kind\" rows=\"2\n<!-- eva:results -->\n<!-- /eva:results -->\n";
    let check = template::check(eva(), html.as_bytes(), TemplateFormat::Html).expect("readable");
    assert!(check.outputs.is_empty(), "{:?}", check.outputs);
    assert!(codes(&check).contains(&"T0109"));
    let err = template::fill(eva(), html.as_bytes(), TemplateFormat::Html, None).expect_err("no place");
    assert_eq!(err.diagnostics[0].code, "T0109");
}

/// Markdown injection: a title with a `~~~` line opened a code block that
/// hid the results place (`template init --from` then `fill` wrote nothing
/// and exited 0), a title with `<!-- /eva:results -->` broke refilling
/// (T0108), and placeholders in inline code or indented code were filled.
#[test]
fn markdown_titles_and_code_cannot_move_the_result_places() {
    for title in ["Budget\n~~~\nmore", "A <!-- /eva:results --> B", "x\n```", "a | b | c", "line\n---\nafter"] {
        let json = format!(
            "{{\"id\": \"x\", \"title\": {}, \"checklist\": \"eva\", \"alternatives\": [{{\"id\": \"zero\", \"kind\": \"zero\"}}, {{\"id\": \"p\", \"kind\": \"proposal\"}}]}}",
            serde_json::to_string(title).expect("JSON")
        );
        let decision =
            ennakko::Decision::from_str(&json, ennakko::Format::Json, &Default::default()).expect("a decision");
        let blank = template::init_from(eva(), &decision, TemplateFormat::Markdown, "en");
        let check = template::check(eva(), &blank, TemplateFormat::Markdown).expect("readable");
        assert_eq!(check.outputs, ["results"], "{title}: {}", String::from_utf8_lossy(&blank));
        let once = template::fill(eva(), &blank, TemplateFormat::Markdown, None).expect("fills");
        let again = template::fill(eva(), &once, TemplateFormat::Markdown, None).expect("fills again");
        assert_eq!(String::from_utf8_lossy(&again), String::from_utf8_lossy(&once), "{title}");
        let check = template::check(eva(), &once, TemplateFormat::Markdown).expect("readable");
        assert!(!codes(&check).contains(&"T0108"), "{title}: {:?}", codes(&check));
    }
    // Placeholders in code are examples, not places.
    let body =
        "Write `<!-- eva:verdict -->` to get the verdict.\n\n    <!-- eva:findings -->\n\n<!-- eva:results -->\n";
    let check = template::check(eva(), &md(OK_FRONT, body), TemplateFormat::Markdown).expect("readable");
    assert_eq!(check.outputs, ["results"]);
}

#[test]
fn t0110_results_inside_a_paragraph() {
    let docx = template::init(eva(), TemplateFormat::Docx, "fi");
    let docx = with_document(&docx, |d| {
        let inline = "<w:p><w:sdt><w:sdtPr><w:tag w:val=\"eva:verdict\"/></w:sdtPr><w:sdtContent><w:r><w:t>x</w:t></w:r></w:sdtContent></w:sdt></w:p>";
        d.replacen("<w:body>", &format!("<w:body>{inline}"), 1)
    });
    let check = template::check(eva(), &docx, TemplateFormat::Docx).expect("ok");
    assert!(codes(&check).contains(&"T0110"));
}

/// Found by the `template` fuzz target: a field whose element is not closed
/// (`<in@put ...>`) took in the results as its text, so every fill made the
/// text longer and the document different.
#[test]
fn t0111_a_field_holds_the_results() {
    let html = "<html><body><p><span data-eva=\"decision.title\">Schools\n\
                <!-- eva:results --><!-- /eva:results -->\n</body></html>\n";
    let check = template::check(eva(), html.as_bytes(), TemplateFormat::Html).expect("readable");
    assert!(codes(&check).contains(&"T0111"), "{:?}", codes(&check));
    let problem = check.problems.iter().find(|d| d.code == "T0111").expect("T0111");
    assert_eq!((problem.line, problem.path.as_deref()), (Some(1), Some("eva:decision.title")));
    assert!(template::fill(eva(), html.as_bytes(), TemplateFormat::Html, None).is_err());
    // Closed, the same document is fine.
    let closed = html.replacen("Schools\n", "Schools</span>\n", 1);
    let check = template::check(eva(), closed.as_bytes(), TemplateFormat::Html).expect("readable");
    assert!(!codes(&check).contains(&"T0111"));

    // In Word: a field's content control around the results control.
    let docx = template::init(eva(), TemplateFormat::Docx, "fi");
    let docx = with_document(&docx, |d| {
        let tag = d.find("<w:tag w:val=\"eva:results\"/>").expect("the results control");
        let start = d[..tag].rfind("<w:sdt>").expect("its start");
        let end =
            start + d[start..].find("</w:sdtContent></w:sdt>").expect("its end") + "</w:sdtContent></w:sdt>".len();
        let wrapped = format!(
            "<w:sdt><w:sdtPr><w:tag w:val=\"eva:decision.kind\"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>",
            &d[start..end]
        );
        format!("{}{wrapped}{}", &d[..start], &d[end..])
    });
    let check = template::check(eva(), &docx, TemplateFormat::Docx).expect("readable");
    assert!(codes(&check).contains(&"T0111"), "{:?}", codes(&check));
}

/// Also found by the fuzzer: two result starts and one end made a results
/// region around a field, and the fill removed the field (the filled
/// document held no decision any more).
#[test]
fn t0111_a_field_inside_the_results() {
    let html = "<html><body><!-- eva:results -->\n<input data-eva=\"decision.title\" value=\"T\">\n\
                <!-- /eva:results --></body></html>\n";
    let check = template::check(eva(), html.as_bytes(), TemplateFormat::Html).expect("readable");
    let problem = check.problems.iter().find(|d| d.code == "T0111").expect("T0111");
    assert!(problem.message.contains("inside the result place"), "{}", problem.message);
    assert_eq!(problem.line, Some(2));
    assert!(template::fill(eva(), html.as_bytes(), TemplateFormat::Html, None).is_err());

    let docx = template::init(eva(), TemplateFormat::Docx, "fi");
    let docx = with_document(&docx, |d| {
        let tag = d.find("<w:tag w:val=\"eva:results\"/>").expect("the results control");
        let content = tag + d[tag..].find("<w:sdtContent>").expect("its content") + "<w:sdtContent>".len();
        let field = "<w:sdt><w:sdtPr><w:tag w:val=\"eva:decision.kind\"/></w:sdtPr><w:sdtContent><w:p><w:r>\
                     <w:t>x</w:t></w:r></w:p></w:sdtContent></w:sdt>";
        format!("{}{field}{}", &d[..content], &d[content..])
    });
    let check = template::check(eva(), &docx, TemplateFormat::Docx).expect("readable");
    let problem = check.problems.iter().find(|d| d.code == "T0111").expect("T0111");
    assert!(problem.message.contains("inside the result control"), "{}", problem.message);
}

/// The form control and a result control in one another: filling would
/// write the results over the form (and its answers), or the form over the
/// results.
#[test]
fn t0111_the_form_and_the_results_overlap() {
    let docx = template::init(eva(), TemplateFormat::Docx, "fi");
    let docx = with_document(&docx, |d| {
        let tag = d.find("<w:tag w:val=\"eva:form\"/>").expect("the form control");
        let content = tag + d[tag..].find("<w:sdtContent>").expect("its content") + "<w:sdtContent>".len();
        let results =
            "<w:sdt><w:sdtPr><w:tag w:val=\"eva:verdict\"/></w:sdtPr><w:sdtContent><w:p/></w:sdtContent></w:sdt>";
        format!("{}{results}{}", &d[..content], &d[content..])
    });
    let check = template::check(eva(), &docx, TemplateFormat::Docx).expect("readable");
    let problem = check.problems.iter().find(|d| d.code == "T0111").expect("T0111");
    assert!(problem.message.contains("eva:form"), "{}", problem.message);
    assert!(template::fill(eva(), &docx, TemplateFormat::Docx, None).is_err(), "errors stop fill");
}

#[test]
fn t0201_t0202_t0204_t0205_incomplete_answers() {
    let front = "checklist: eva\nid: \"\"\ntitle: T\nalternatives:\n  - id: plan\n    kind: proposal\n    answers:\n      \
                 affects_children: yes\n    impacts:\n      - question: children_learning_wellbeing\n        group: children\n        \
                 domain: learning\n        direction: -1\n        evidence: weak\n";
    let check = template::check(eva(), &md(front, "<!-- eva:results -->\n"), TemplateFormat::Markdown).expect("ok");
    let c = codes(&check);
    for code in ["T0201", "T0202", "T0204", "T0205"] {
        assert!(c.contains(&code), "{code} in {c:?}");
    }
    let t0202 = check.problems.iter().find(|d| d.code == "T0202").expect("T0202");
    assert!(t0202.message.contains("children_with_disabilities"));
    assert!(!check.is_complete());
}

#[test]
fn t0203_answer_to_a_question_that_does_not_apply() {
    let front = format!("{OK_FRONT}    answers:\n      staff_fte_change: -2\n");
    let check = template::check(eva(), &md(&front, "<!-- eva:results -->\n"), TemplateFormat::Markdown).expect("ok");
    let d = check.problems.iter().find(|d| d.code == "T0203").expect("T0203");
    assert_eq!(d.line, Some(9));
}

// ---- hostile input ---------------------------------------------------------------------------

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn damaged_documents_never_panic() {
    let (decision, checklist) = example("village-school");
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for format in FORMATS {
        let good = template::init_from(&checklist, &decision, format, "fi");
        let rounds = if format == TemplateFormat::Docx { 24 } else { 60 };
        for round in 0..rounds {
            let mut bad = good.clone();
            match round % 3 {
                0 => bad.truncate((rng.next() as usize) % good.len()),
                1 => {
                    for _ in 0..8 {
                        let i = (rng.next() as usize) % bad.len();
                        bad[i] = rng.next() as u8;
                    }
                }
                _ => {
                    let i = (rng.next() as usize) % bad.len();
                    let j = (rng.next() as usize) % bad.len();
                    let (a, b) = (i.min(j), i.max(j));
                    bad.drain(a..b);
                }
            }
            let _ = template::check(&checklist, &bad, format);
            let _ = template::fill(&checklist, &bad, format, None);
            let _ = template::checklist_name(&bad, format);
        }
    }
    // A document.xml whose content is changed into odd but well-formed XML.
    let doc = template::init(eva(), TemplateFormat::Docx, "fi");
    for edit in ["<w:sdt><w:sdt><w:sdtContent/></w:sdt></w:sdt>", "<w:sdtContent>", "&#0;", "<![CDATA[x]]>"] {
        let bad = with_document(&doc, |d| d.replacen("<w:body>", &format!("<w:body>{edit}"), 1));
        let _ = template::check(eva(), &bad, TemplateFormat::Docx);
        let _ = template::fill(eva(), &bad, TemplateFormat::Docx, None);
    }
}

// ---- examples ---------------------------------------------------------------------------------

/// `examples/templates/`: one filled template per format and the result of
/// `template fill`, generated by this code (so they cannot drift).
#[test]
fn committed_template_examples_match_the_code() {
    let bless = std::env::var("ENNAKKO_BLESS").is_ok_and(|v| v == "1");
    let dir = root().join("examples/templates");
    let mut stale = Vec::new();
    for (name, format, lang) in [
        ("village-school", TemplateFormat::Docx, "fi"),
        ("library-hours", TemplateFormat::Markdown, "fi"),
        ("health-centre-merger", TemplateFormat::Html, "sv"),
    ] {
        let (decision, checklist) = example(name);
        let doc = template::init_from(&checklist, &decision, format, lang);
        let filled = template::fill(&checklist, &doc, format, Some(lang)).expect("fills");
        let ext = format.name();
        for (path, bytes) in
            [(dir.join(format!("{name}.{ext}")), doc), (dir.join(format!("{name}.filled.{ext}")), filled)]
        {
            if bless {
                std::fs::create_dir_all(&dir).expect("dir");
                std::fs::write(&path, &bytes).expect("writable");
                continue;
            }
            let committed = std::fs::read(&path).unwrap_or_default();
            // Compare .docx files by their parts: zip bytes may differ between zlib versions.
            let same = match format {
                TemplateFormat::Docx => committed.starts_with(b"PK") && entries(&committed) == entries(&bytes),
                _ => committed == bytes,
            };
            if !same {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(stale.is_empty(), "stale examples (rerun with ENNAKKO_BLESS=1 and review): {stale:#?}");
}

/// Every `T` code in docs/errors.md has a test in this file, and every code
/// the tests expect is documented.
#[test]
fn every_template_code_is_documented_and_tested() {
    let docs = std::fs::read_to_string(root().join("docs/errors.md")).expect("errors.md");
    let this = include_str!("templates.rs");
    let find = |text: &str| {
        let mut codes: Vec<String> = text
            .match_indices('T')
            .filter_map(|(i, _)| text.get(i..i + 5))
            .filter(|c| c[1..].chars().all(|d| d.is_ascii_digit()))
            .map(str::to_string)
            .collect();
        codes.sort();
        codes.dedup();
        codes
    };
    let documented = find(&docs);
    assert!(documented.len() >= 20, "{documented:?}");
    for code in &documented {
        assert!(this.contains(&format!("\"{code}\"")), "{code} has no test here");
    }
    for code in find(this) {
        assert!(documented.contains(&code), "{code} is tested but not documented in docs/errors.md");
    }
}

/// A template just under `max_bytes` whose results would take it past the
/// limit is refused (T0002) instead of written: the next fill or check could
/// not read it. Found by the template fuzz target.
#[test]
fn a_fill_that_would_pass_the_size_limit_is_refused() {
    let (decision, checklist) = example("village-school");
    let doc = template::init_from(&checklist, &decision, TemplateFormat::Markdown, "fi");
    let limits = TemplateLimits { max_bytes: doc.len() + 100, ..Default::default() };
    let err = template::fill_with(&checklist, &doc, TemplateFormat::Markdown, Some("fi"), &limits)
        .expect_err("the results do not fit in 100 bytes");
    assert_eq!(err.diagnostics[0].code, "T0002", "{err}");
    assert!(err.diagnostics[0].message.contains("filled again"), "{err}");
    // With room for the results, it fills and fills again.
    let roomy = TemplateLimits { max_bytes: doc.len() * 4, ..Default::default() };
    let filled = template::fill_with(&checklist, &doc, TemplateFormat::Markdown, Some("fi"), &roomy).expect("fills");
    let again = template::fill_with(&checklist, &filled.bytes, TemplateFormat::Markdown, Some("fi"), &roomy);
    assert_eq!(again.expect("fills again").bytes, filled.bytes);
}

/// Found by the template fuzz generators (2026-12-04): a `.docx` whose only
/// control is `eva:alternative.zero.title` has no place for the results.
/// Check and fill agree: check warns `T0109`, and fill, which would write
/// nothing, refuses with `T0109` (the fuzz target had expected a fill).
#[test]
fn check_and_fill_agree_on_a_word_template_without_a_results_place() {
    let small = Checklist::compile(
        "small.eva",
        include_str!("../../../tests/checklists/small.eva"),
        &ennakko::Options::default(),
    )
    .expect("small.eva compiles");
    let blank = template::init(&small, TemplateFormat::Docx, "fi");
    let docx = with_document(&blank, |_| {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:sdt><w:sdtPr><w:tag w:val=\"eva:alternative.zero.title\"/><w:id w:val=\"1\"/><w:text/></w:sdtPr><w:sdtContent><w:p><w:r><w:t xml:space=\"preserve\">---&lt;b&gt;0</w:t></w:r></w:p><w:r><w:t>after</w:t></w:r></w:sdtContent></w:sdt></w:body></w:document>".to_string()
    });
    let check = template::check(&small, &docx, TemplateFormat::Docx).expect("reads");
    assert_eq!(check.errors(), 0);
    // Checking warns that there is no place for the results; filling, which
    // would write nothing, refuses with the same code.
    assert!(check.problems.iter().any(|d| d.code == "T0109"), "{:?}", check.problems);
    let err = template::fill(&small, &docx, TemplateFormat::Docx, Some("sv")).expect_err("nowhere to write");
    assert_eq!(err.diagnostics[0].code, "T0109");
}

// ---- progressive Markdown and HTML forms -------------------------------------------------------

/// The part of a Markdown form's front matter about alternative `alt`.
fn md_alternative(text: &str, alt: &str) -> std::ops::Range<usize> {
    let start = text.find(&format!("  - id: {alt}\n")).expect("the alternative");
    let end =
        text[start + 4..].find("\n  - id: ").map_or_else(|| text.find("\n---\n").expect("end"), |e| e + start + 4);
    start..end
}

/// A Markdown form with `edit` applied to the front matter of `alt`.
fn md_edit(text: &str, alt: &str, edit: impl Fn(&str) -> String) -> String {
    let span = md_alternative(text, alt);
    format!("{}{}{}", &text[..span.start], edit(&text[span.clone()]), &text[span.end..])
}

fn fill_text(text: &str, format: TemplateFormat) -> String {
    let bytes = template::fill(eva(), text.as_bytes(), format, None).unwrap_or_else(|e| panic!("fills: {e}"));
    String::from_utf8(bytes).expect("utf-8")
}

const HOSTILE: &str = "Matka </textarea> pitenee <!-- eva:results --> &amp; <script>x</script>\n---\n~~~";

#[test]
fn an_official_fills_a_markdown_form_step_by_step() {
    let blank = String::from_utf8(template::init(eva(), TemplateFormat::Markdown, "fi")).expect("utf-8");
    assert!(blank.starts_with("---\n# eva:form\n"));
    assert!(!blank.contains("(school_journeys) ==="), "not asked before screening");
    let answered = md_edit(&blank, "proposal", |a| {
        a.replace("significant_resident_impact: null", "significant_resident_impact: yes")
            .replace("affects_children: null", "affects_children: yes")
            .replace("changes_service_network: null", "changes_service_network: yes")
    })
    .replace("id: \"\"", "id: KH 2026-17")
    .replace("title: \"\"", "title: Kyläkoulu");
    let once = fill_text(&answered, TemplateFormat::Markdown);
    assert!(once[md_alternative(&once, "proposal")].contains("(school_journeys) ==="), "now asked");
    assert!(!once[md_alternative(&once, "zero")].contains("(school_journeys) ==="), "not of the zero option");
    assert!(once.contains("      # \u{26a0} Vastaus puuttuu\n"), "a missing answer is marked where it is asked");
    assert!(once.contains("# \u{26a0} Arvioimatta: "), "so are the groups not assessed");
    assert!(once.contains("#   evidence_source: \"\""), "a row to copy has the narrative fields");

    // The official copies the row twice: a YAML list item per group.
    let rows = format!(
        "      - question: school_journeys\n        group: children\n        domain: mobility\n        direction: -1\n        \
         note: {}\n        mitigation: Koulukyydit\n        evidence_source: Kuljetusselvitys 2026\n      \
         - question: school_journeys\n        group: families_with_children\n        domain: mobility\n        direction: 1\n",
        serde_json::to_string(HOSTILE).expect("json")
    );
    let with_rows = md_edit(&once, "proposal", |a| {
        let at = a.find("(school_journeys) ===").expect("the question");
        let line_end = at + a[at..].find('\n').expect("line") + 1;
        let a = format!("{}{rows}{}", &a[..line_end], &a[line_end..]);
        a.replacen("    impacts: []\n", "    impacts:\n", 1)
    });
    let check = template::check(eva(), with_rows.as_bytes(), TemplateFormat::Markdown).expect("readable");
    assert_eq!(check.errors(), 0, "{:#?}", check.problems);
    let plan = &check.decision.as_ref().expect("decision").alternatives[1];
    let journeys: Vec<_> = plan.impacts.iter().filter(|c| c.question.as_deref() == Some("school_journeys")).collect();
    assert_eq!(journeys.len(), 2);
    assert_eq!(journeys[0].note.as_deref(), Some(HOSTILE));
    let twice = fill_text(&with_rows, TemplateFormat::Markdown);
    assert_eq!(fill_text(&twice, TemplateFormat::Markdown), twice, "a second fill gives the same bytes");
    let body = &twice[twice[4..].find("\n---\n").expect("front matter") + 8..];
    assert_eq!(body.matches("<!-- eva:results -->").count(), 1, "text in the answers cannot add a result place");

    // The children stop being affected: the rows move to a visible section.
    let changed = md_edit(&twice, "proposal", |a| a.replace("affects_children: yes", "affects_children: no"));
    let after = fill_text(&changed, TemplateFormat::Markdown);
    let proposal = &after[md_alternative(&after, "proposal")];
    let stale = proposal.find("=== Vastaukset kysymyksiin, jotka eivät enää koske päätöstä ===").expect("the section");
    assert!(proposal[stale..].contains("Koulukyydit"), "the row is kept, in the section");
    let check = template::check(eva(), after.as_bytes(), TemplateFormat::Markdown).expect("readable");
    assert!(codes(&check).contains(&"T0203"), "{:?}", codes(&check));
    let plan = &check.decision.as_ref().expect("decision").alternatives[1];
    assert_eq!(plan.impacts.iter().filter(|c| c.question.as_deref() == Some("school_journeys")).count(), 2);
    assert_eq!(fill_text(&after, TemplateFormat::Markdown), after, "stable with answers that no longer apply");
}

/// A front matter that is not a form (no `# eva:form` line) is the
/// official's own: `fill` writes only the results.
#[test]
fn a_markdown_front_matter_without_the_form_line_is_left_alone() {
    let text = "---\nchecklist: eva\nid: \"1\"   # mine\ntitle: T\nalternatives:\n  - id: zero\n    kind: zero\n---\n\
                <!-- eva:results -->\n";
    let filled = fill_text(text, TemplateFormat::Markdown);
    assert!(filled.starts_with(
        "---\nchecklist: eva\nid: \"1\"   # mine\ntitle: T\nalternatives:\n  - id: zero\n    kind: zero\n---\n"
    ));
}

/// The notes beside the fields are in the form's language.
#[test]
fn form_notes_are_in_the_document_language() {
    for (lang, missing) in [("fi", "Vastaus puuttuu"), ("sv", "Svar saknas"), ("en", "Answer missing")] {
        for format in [TemplateFormat::Markdown, TemplateFormat::Html] {
            let blank = String::from_utf8(template::init(eva(), format, lang)).expect("utf-8");
            assert!(!blank.contains(missing), "{format:?} {lang}: a blank form has no notes yet");
            let filled = fill_text(&blank, format);
            assert!(filled.contains(&format!("\u{26a0} {missing}")), "{format:?} {lang}");
        }
    }
}

/// Selects `value` in the first `<select>` named `tag` at or after `from`.
fn html_select(html: &str, tag: &str, value: &str, from: usize) -> String {
    let at = from + html[from..].find(&format!("data-eva=\"{tag}\"")).unwrap_or_else(|| panic!("no {tag}"));
    let end = at + html[at..].find("</select>").expect("select end");
    let option = format!("<option value=\"{value}\">");
    let inner =
        html[at..end].replace(" selected", "").replacen(&option, &format!("<option value=\"{value}\" selected>"), 1);
    assert!(inner.contains(" selected>"), "{tag} has no option {value}");
    format!("{}{inner}{}", &html[..at], &html[end..])
}

/// Sets the text of the first `<textarea>` named `tag` at or after `from`.
fn html_textarea(html: &str, tag: &str, text: &str, from: usize) -> String {
    let at = from + html[from..].find(&format!("data-eva=\"{tag}\"")).unwrap_or_else(|| panic!("no {tag}"));
    let open = at + html[at..].find('>').expect("tag end") + 1;
    let close = open + html[open..].find("</textarea>").expect("textarea end");
    let escaped = text.replace('&', "&amp;").replace('<', "&lt;");
    format!("{}{escaped}{}", &html[..open], &html[close..])
}

/// The first row (`tbody data-eva-row`) holding the field `tag`.
fn html_row(html: &str, tag: &str) -> std::ops::Range<usize> {
    let at = html.find(&format!("data-eva=\"{tag}\"")).expect("row field");
    let start = html[..at].rfind("<tbody class=\"eva-row\" data-eva-row>").expect("in a row");
    let end = at + html[at..].find("</tbody>\n").expect("row end") + "</tbody>\n".len();
    start..end
}

fn html_answered() -> String {
    let blank = String::from_utf8(template::init(eva(), TemplateFormat::Html, "fi")).expect("utf-8");
    assert!(blank.contains("data-eva-form"));
    assert!(!blank.contains("row.proposal.school_journeys."), "not asked before screening");
    let mut html = blank;
    for q in ["significant_resident_impact", "affects_children", "changes_service_network"] {
        html = html_select(&html, &format!("answer.proposal.{q}"), "yes", 0);
    }
    html
}

#[test]
fn an_official_fills_an_html_form_step_by_step() {
    let once = fill_text(&html_answered(), TemplateFormat::Html);
    assert!(once.contains("data-eva=\"row.proposal.school_journeys.group\""), "now asked");
    assert!(!once.contains("data-eva=\"row.zero.school_journeys.group\""), "not of the zero option");
    assert!(once.contains("<p class=\"eva-note\">\u{26a0} Vastaus puuttuu</p>"));
    assert!(once.contains("class=\"eva-add-row\""), "a button adds rows");

    // The official fills the empty row and adds another (the button copies it).
    let span = html_row(&once, "row.proposal.school_journeys.group");
    let mut row = once[span.clone()].to_string();
    for (prop, value) in [("group", "children"), ("domain", "mobility"), ("direction", "-1"), ("magnitude", "moderate")]
    {
        row = html_select(&row, &format!("row.proposal.school_journeys.{prop}"), value, 0);
    }
    row = html_textarea(&row, "row.proposal.school_journeys.note", HOSTILE, 0);
    row = html_textarea(&row, "row.proposal.school_journeys.mitigation", "Koulukyydit", 0);
    let mut second = html_select(&row, "row.proposal.school_journeys.group", "families_with_children", 0);
    second = html_select(&second, "row.proposal.school_journeys.direction", "1", 0);
    let with_rows = format!("{}{row}{second}{}", &once[..span.start], &once[span.end..]);
    let check = template::check(eva(), with_rows.as_bytes(), TemplateFormat::Html).expect("readable");
    assert_eq!(check.errors(), 0, "{:#?}", check.problems);
    let plan = &check.decision.as_ref().expect("decision").alternatives[1];
    let journeys: Vec<_> = plan.impacts.iter().filter(|c| c.question.as_deref() == Some("school_journeys")).collect();
    let groups: Vec<&str> = journeys.iter().map(|c| c.group.as_str()).collect();
    assert_eq!(groups, ["children", "families_with_children"]);
    assert_eq!(journeys[0].note.as_deref(), Some(HOSTILE));
    assert_eq!(journeys[0].magnitude.as_deref(), Some("moderate"));
    let twice = fill_text(&with_rows, TemplateFormat::Html);
    assert_eq!(fill_text(&twice, TemplateFormat::Html), twice, "a second fill gives the same bytes");
    assert_eq!(twice.matches("data-eva=\"row.proposal.school_journeys.group\"").count(), 3, "two rows + an empty one");
    assert_eq!(twice.matches("<!-- eva:results -->").count(), 1);

    let changed = html_select(&twice, "answer.proposal.affects_children", "no", 0);
    let after = fill_text(&changed, TemplateFormat::Html);
    let stale = after.find("<section class=\"eva-stale\">").expect("the section");
    assert!(after[stale..].contains("Vastaukset kysymyksiin, jotka eivät enää koske päätöstä"));
    assert!(after[stale..].contains("Koulukyydit"), "the row is kept, in the section");
    let check = template::check(eva(), after.as_bytes(), TemplateFormat::Html).expect("readable");
    assert!(codes(&check).contains(&"T0203"), "{:?}", codes(&check));
    assert_eq!(fill_text(&after, TemplateFormat::Html), after, "stable with answers that no longer apply");
}

#[test]
fn t0112_broken_html_rows_and_forms() {
    let once = fill_text(&html_answered(), TemplateFormat::Html);
    let span = html_row(&once, "row.proposal.school_journeys.group");
    // A row that lost its marker: its fields cannot be placed.
    let loose = once.replacen("<tbody class=\"eva-row\" data-eva-row>", "<tbody>", usize::MAX);
    let check = template::check(eva(), loose.as_bytes(), TemplateFormat::Html).expect("readable");
    let problem = check.problems.iter().find(|d| d.code == "T0112").expect("T0112");
    assert!(problem.message.contains("not inside a row") && problem.line.is_some(), "{problem:?}");
    // A row with a direction but no group.
    let no_group = html_select(&once, "row.proposal.school_journeys.direction", "-1", span.start);
    let check = template::check(eva(), no_group.as_bytes(), TemplateFormat::Html).expect("readable");
    assert!(check.problems.iter().any(|d| d.code == "T0112" && d.message.contains("no group")));
    assert!(template::fill(eva(), no_group.as_bytes(), TemplateFormat::Html, None).is_err(), "errors stop fill");
    // A form element without its end tag, and two forms.
    let form_end = once.find("</form>").expect("form end");
    let unclosed = format!("{}{}", &once[..form_end], &once[form_end + "</form>".len()..]);
    let check = template::check(eva(), unclosed.as_bytes(), TemplateFormat::Html).expect("readable");
    assert!(
        check.problems.iter().any(|d| d.code == "T0112" && d.message.contains("no end tag")),
        "{:?}",
        codes(&check)
    );
    let two = once.replacen("</main>", "<div data-eva-form></div></main>", 1);
    let check = template::check(eva(), two.as_bytes(), TemplateFormat::Html).expect("readable");
    assert!(check.problems.iter().any(|d| d.code == "T0112" && d.message.contains("more than one")));
}

#[test]
fn t0111_a_result_place_inside_the_html_form() {
    let once = fill_text(&html_answered(), TemplateFormat::Html);
    let inside = once.replacen("</form>", "<!-- eva:verdict --></form>", 1);
    let check = template::check(eva(), inside.as_bytes(), TemplateFormat::Html).expect("readable");
    assert!(check.problems.iter().any(|d| d.code == "T0111" && d.message.contains("inside the form")));
}

/// Rows inside rows (the innermost wins), rows nested hundreds deep, and
/// thousands of rows, in HTML and in a Markdown front matter: read without
/// panicking, within the limits, with coded errors past them.
#[test]
fn nested_and_numerous_html_and_markdown_rows_stay_bounded() {
    let once = fill_text(&html_answered(), TemplateFormat::Html);
    let span = html_row(&once, "row.proposal.school_journeys.group");
    let mut row = once[span.clone()].to_string();
    for (prop, value) in [("group", "children"), ("domain", "mobility"), ("direction", "-1")] {
        row = html_select(&row, &format!("row.proposal.school_journeys.{prop}"), value, 0);
    }
    let open = "<div data-eva-row>".repeat(400);
    let close = "</div>".repeat(400);
    let deep = format!("{}{open}{row}{close}{}", &once[..span.start], &once[span.end..]);
    let check = template::check(eva(), deep.as_bytes(), TemplateFormat::Html).expect("readable");
    assert_eq!(check.errors(), 0, "{:#?}", check.problems);
    let plan = &check.decision.as_ref().expect("decision").alternatives[1];
    assert!(plan.impacts.iter().any(|c| c.group == "children"));

    for (count, fits) in [(3_000, true), (6_000, false)] {
        let many = format!("{}{}{}", &once[..span.start], row.repeat(count), &once[span.end..]);
        match template::check(eva(), many.as_bytes(), TemplateFormat::Html) {
            Ok(check) if fits => assert_eq!(check.errors(), 0, "{:#?}", check.problems),
            Err(e) if !fits => assert_eq!(err_codes(&e), ["T0004"], "{e}"),
            other => panic!("{count} rows: {:?}", other.map(|c| c.problems)),
        }
    }

    let md = String::from_utf8(template::init(eva(), TemplateFormat::Markdown, "fi")).expect("utf-8");
    let item = "      - question: public_finances_effect\n        group: population\n        direction: -1\n        note: \"<!-- x\"\n";
    // One row, with a comment start in its note that never ends: the
    // result place after the front matter is still found.
    let rows = |count: usize| {
        md_edit(&md, "proposal", |a| {
            a.replacen("    impacts: []\n", &format!("    impacts:\n{}", item.repeat(count)), 1)
        })
    };
    let one = fill_text(&rows(1), TemplateFormat::Markdown);
    assert_eq!(fill_text(&one, TemplateFormat::Markdown), one);
    // Thousands of rows of one cell: each a coded decision error (a second
    // cell for the group), and past the limit of cells one error (D0004).
    for (count, code) in [(2_000, "D0106"), (20_000, "D0004")] {
        let e = template::fill(eva(), rows(count).as_bytes(), TemplateFormat::Markdown, None).expect_err("refused");
        assert!(
            err_codes(&e).iter().all(|c| *c == code),
            "{count} rows: {:?}",
            &err_codes(&e)[..3.min(e.diagnostics.len())]
        );
    }
}

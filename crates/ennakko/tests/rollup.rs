//! The roll-up: partial roll-ups merge exactly into the whole, bad records
//! give coded errors with paths, nothing is left out unlisted, and the
//! committed rendering of examples/municipality-year is what the engine
//! makes now (`ENNAKKO_BLESS=1` rewrites it; review the diff).

use std::path::{Path, PathBuf};

use ennakko::rollup::{Period, Rollup, render};
use ennakko::{Checklist, Decision, Format, Limits};
use proptest::prelude::*;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/municipality-year");

fn example_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(EXAMPLE).join("decisions"))
        .expect("example folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

/// The example's decisions with the names the CLI gives them.
fn example() -> Vec<(String, Decision)> {
    example_files()
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("readable");
            let decision = Decision::from_str(&text, Format::Json, &Limits::default()).expect("valid decision");
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            (format!("decisions/{name}"), decision)
        })
        .collect()
}

fn period() -> Period {
    Period::new(Some("2026-01-01"), Some("2026-12-31"), Some("2027-01-31")).expect("period")
}

fn roll(checklist: &Checklist, decisions: &[&(String, Decision)]) -> Rollup {
    let mut rollup = Rollup::new(checklist, period());
    for (source, decision) in decisions {
        rollup.add(checklist, source, decision);
    }
    rollup
}

#[test]
fn the_example_is_a_year_of_decisions_across_sectors() {
    let checklist = Checklist::standard("eva").expect("eva");
    let decisions = example();
    assert!(decisions.len() >= 40, "{} decisions", decisions.len());
    let rollup = roll(&checklist, &decisions.iter().collect::<Vec<_>>()).finish();
    assert_eq!(rollup.errors().count(), 0, "{:#?}", rollup.skipped);
    let c = &rollup.coverage;
    assert_eq!(c.by_sector.len(), 6, "{:?}", c.by_sector.keys());
    assert_eq!(c.outside_period, 1);
    assert!(c.full_required > c.full_made && c.full_made > 0);
    assert!(c.without_zero_option > 0 && c.with_open_required > 0);
    let s = rollup.follow_up_summary;
    assert!(s.done > 0 && s.overdue > 0 && s.open > 0, "{s:?}");
    assert!(s.worse > 0 && s.better > 0 && s.as_estimated > 0, "{s:?}");
    assert_eq!(rollup.quarters.len(), 4);
    // The village school's board weighed two proposals and adopted the first: only it is counted.
    let school = rollup.decisions.iter().find(|d| d.id == "SIVLTK-2026-041").expect("the village school");
    assert_eq!((school.adopted.as_deref(), school.negative_cells), (Some("proposal"), 5));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any split of the decisions into parts, rolled up separately and
    /// merged in any order, gives exactly the roll-up of all of them.
    #[test]
    fn merged_parts_equal_the_whole(
        parts in proptest::collection::vec(0usize..4, 44),
        order in Just((0..4).collect::<Vec<usize>>()).prop_shuffle(),
    ) {
        let checklist = Checklist::standard("eva").expect("eva");
        let decisions = example();
        let whole = roll(&checklist, &decisions.iter().collect::<Vec<_>>()).finish();
        let mut merged = Rollup::new(&checklist, period());
        for &part in &order {
            let mine: Vec<&(String, Decision)> =
                decisions.iter().enumerate().filter(|(i, _)| parts.get(*i).copied().unwrap_or(0) == part).map(|(_, d)| d).collect();
            merged.merge(roll(&checklist, &mine)).expect("same period and checklist");
        }
        let merged = merged.finish();
        prop_assert_eq!(&merged, &whole);
        prop_assert_eq!(serde_json::to_string(&merged).ok(), serde_json::to_string(&whole).ok());
    }
}

#[test]
fn parts_of_other_periods_do_not_merge() {
    let checklist = Checklist::standard("eva").expect("eva");
    let mut a = Rollup::new(&checklist, period());
    let b = Rollup::new(&checklist, Period::new(Some("2025-01-01"), Some("2025-12-31"), None).expect("period"));
    assert_eq!(a.merge(b).unwrap_err().code, "U0003");
}

/// One decision of the example with a change, rolled up alone: the codes
/// and paths of what is wrong with it.
fn problems(edit: impl Fn(&mut serde_json::Value)) -> Problems {
    let checklist = Checklist::standard("eva").expect("eva");
    let path = Path::new(EXAMPLE).join("decisions/decision-TEKLTK-2026-011.json");
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("json");
    edit(&mut value);
    let mut rollup = Rollup::new(&checklist, period());
    match Decision::from_value(value) {
        Ok(decision) => rollup.add(&checklist, "d.json", &decision),
        Err(e) => rollup.skip_errors("d.json", e.diagnostics),
    }
    let rollup = rollup.finish();
    assert_eq!(rollup.coverage.screened + rollup.coverage.skipped_errors + rollup.coverage.outside_period, 1);
    rollup
        .skipped
        .iter()
        .flat_map(|s| &s.diagnostics)
        .inspect(|d| assert!(d.help.is_some() && d.file.as_deref() == Some("d.json"), "{d:?}"))
        .map(|d| (d.code.clone(), d.path.clone().unwrap_or_default()))
        .collect()
}

/// Codes and JSON paths, as found or as wanted.
type Problems = Vec<(String, String)>;

const FOLLOW_UP: &str = "/alternatives/1/impacts/0/follow_up";
const FOLLOW_UP_PATH: &str = "$.alternatives[1].impacts[0].follow_up";

#[test]
fn bad_records_are_coded_errors_with_paths() {
    let set = |pointer: &'static str, v: serde_json::Value| {
        move |d: &mut serde_json::Value| *d.pointer_mut(pointer).expect("present") = v.clone()
    };
    let fu = |field: &str| format!("$.alternatives[1].impacts[0].follow_up.{field}");
    let cases: Vec<(Problems, Vec<(&str, String)>)> = vec![
        (problems(|d| drop(d.as_object_mut().map(|o| o.remove("decided")))), vec![("U0101", "$".into())]),
        (problems(set("/decided/date", "2026-02-30".into())), vec![("U0001", "$.decided.date".into())]),
        (problems(set("/decided/date", "16.3.2026".into())), vec![("U0001", "$.decided.date".into())]),
        // Decided after the as-of date, and so after its own follow-up was due and checked.
        (
            problems(set("/decided/date", "2027-03-01".into())),
            vec![("U0102", "$.decided.date".into()), ("U0104", fu("due")), ("U0105", fu("checked_on"))],
        ),
        (problems(set("/decided/body", "parliament".into())), vec![("D0104", "$.decided.body".into())]),
        (problems(set("/decided/sector", "educaton".into())), vec![("D0104", "$.decided.sector".into())]),
        (
            problems(|d| drop(d.pointer_mut(FOLLOW_UP).and_then(|f| f.as_object_mut()).map(|f| f.remove("owner")))),
            vec![("U0103", fu("owner"))],
        ),
        (problems(set("/alternatives/1/impacts/0/follow_up/owner", " ".into())), vec![("U0103", fu("owner"))]),
        (problems(set("/alternatives/1/impacts/0/follow_up/due", "2026-01-31".into())), vec![("U0104", fu("due"))]),
        (
            problems(|d| {
                drop(d.pointer_mut(FOLLOW_UP).and_then(|f| f.as_object_mut()).map(|f| f.remove("checked_on")))
            }),
            vec![("U0105", fu("checked_on"))],
        ),
        (
            problems(set("/alternatives/1/impacts/0/follow_up/checked_on", "2027-02-15".into())),
            vec![("U0105", fu("checked_on"))],
        ),
        (problems(set("/alternatives/1/impacts/0/follow_up/status", "open".into())), vec![("U0106", fu("outcome"))]),
        (
            problems(|d| {
                let f = d.pointer(FOLLOW_UP).cloned().expect("follow-up");
                d["alternatives"][0]["impacts"][0]["follow_up"] = f;
            }),
            vec![("U0107", "$.alternatives[0].impacts[0].follow_up".into())],
        ),
        (problems(set("/decided/date", "2025-12-31".into())), vec![("U0201", "$.decided.date".into())]),
        (problems(|_| {}), vec![]),
    ];
    for (found, wanted) in cases {
        let wanted: Problems = wanted.into_iter().map(|(c, p)| (c.to_string(), p)).collect();
        assert_eq!(found, wanted);
    }
}

/// One decision of the example with a second proposal `b` (the same
/// impacts, scored +2 and without follow-ups) and then `edit`, rolled up alone.
fn two_proposals(edit: impl Fn(&mut serde_json::Value)) -> Rollup {
    let checklist = Checklist::standard("eva").expect("eva");
    let path = Path::new(EXAMPLE).join("decisions/decision-TEKLTK-2026-011.json");
    let mut d: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("json");
    let mut b = d["alternatives"][1].clone();
    b["id"] = "b".into();
    for cell in b["impacts"].as_array_mut().expect("impacts") {
        cell["direction"] = 2.into();
        cell.as_object_mut().map(|c| c.remove("follow_up"));
    }
    d["alternatives"].as_array_mut().expect("alternatives").push(b);
    edit(&mut d);
    let mut rollup = Rollup::new(&checklist, period());
    rollup.add(&checklist, "d.json", &Decision::from_value(d).expect("a decision"));
    rollup.finish()
}

fn codes(rollup: &Rollup) -> Problems {
    let found = rollup.skipped.iter().flat_map(|s| &s.diagnostics);
    found.map(|d| (d.code.clone(), d.path.clone().unwrap_or_default())).collect()
}

/// A decision is counted once, with the impacts of the alternative that
/// was decided: the one `decided.adopted` names (possibly the zero option,
/// when the proposal was rejected), else the one proposal. Several
/// proposals without `adopted` are an error, not a guess; the verdict stays
/// about what was proposed.
#[test]
fn the_adopted_alternative_is_counted() {
    let adopt = |id: &'static str| move |d: &mut serde_json::Value| d["decided"]["adopted"] = id.into();
    let unsure = two_proposals(|_| {});
    assert_eq!(codes(&unsure), [("U0110".to_string(), "$.decided.adopted".to_string())]);
    assert_eq!(unsure.coverage.skipped_errors, 1);
    let unknown = two_proposals(adopt("c"));
    assert_eq!(codes(&unknown), [("U0109".to_string(), "$.decided.adopted".to_string())]);

    let first = two_proposals(adopt("proposal"));
    assert_eq!(codes(&first), []);
    assert_eq!(first.decisions[0].adopted.as_deref(), Some("proposal"));
    assert_eq!((first.groups["older_people"].negative_decisions, first.groups["older_people"].decisions), (1, 1));
    assert_eq!(first.follow_ups.len(), 1);

    // The first proposal's follow-up is not on what was decided.
    let second = two_proposals(adopt("b"));
    assert_eq!(codes(&second), [("U0107".to_string(), FOLLOW_UP_PATH.to_string())]);
    let second = two_proposals(|d| {
        d["decided"]["adopted"] = "b".into();
        d["alternatives"][1]["impacts"][0].as_object_mut().map(|c| c.remove("follow_up"));
    });
    assert_eq!(codes(&second), []);
    let older = &second.groups["older_people"];
    assert_eq!((older.decisions, older.negative_decisions, older.positive_decisions), (1, 0, 1));
    assert!(second.decisions[0].vulnerable_harmed.is_empty() && second.decisions[0].net_milli > 0);
    assert_eq!(second.coverage.verdicts, first.coverage.verdicts, "the verdict is about both proposals");

    // The proposal was rejected: the zero option's impacts are what was decided.
    let rejected = two_proposals(|d| {
        d["decided"]["adopted"] = "zero".into();
        d["alternatives"][1]["impacts"][0].as_object_mut().map(|c| c.remove("follow_up"));
    });
    assert_eq!(codes(&rejected), []);
    assert!(!rejected.groups.contains_key("older_people"), "{:?}", rejected.groups.keys());
    assert_eq!(rejected.groups["population"].decisions, 1);
    assert_eq!(rejected.coverage.screened, 1);
}

#[test]
fn every_problem_of_a_record_is_reported_at_once() {
    let found = problems(|d| {
        d["decided"]["date"] = "2026-13-01".into();
        let f = d.pointer_mut(FOLLOW_UP).expect("follow-up");
        f["owner"] = "".into();
        f["due"] = "soon".into();
    });
    let codes: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["U0001", "U0103", "U0001"]);
}

#[test]
fn periods_are_checked() {
    assert_eq!(Period::new(Some("2026-12-31"), Some("2026-01-01"), None).unwrap_err().code, "U0002");
    let e = Period::new(None, None, Some("tomorrow")).unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_deref()), ("U0001", Some("--as-of")));
}

/// Finnish and Swedish renderings hold no ids of groups, domains, sectors,
/// bodies or verdicts, and the three languages differ.
#[test]
fn renderings_speak_the_readers_language() {
    let checklist = Checklist::standard("eva").expect("eva");
    let decisions = example();
    let rollup = roll(&checklist, &decisions.iter().collect::<Vec<_>>()).finish();
    let mut ids: Vec<String> = rollup.labels.groups.iter().map(|(id, _)| id.clone()).collect();
    ids.extend(rollup.labels.domains.iter().map(|(id, _)| id.clone()).filter(|id| id.contains('_')));
    ids.extend(["social_health", "office_holder", "central_administration", "culture_leisure"].map(String::from));
    let texts: Vec<String> = ["fi", "sv", "en"].iter().map(|l| render::markdown(&rollup, l)).collect();
    for (lang, text) in ["fi", "sv"].iter().zip(&texts) {
        for id in &ids {
            assert!(!text.contains(id.as_str()), "{lang} names `{id}`");
        }
        for english in ["Decisions", "Coverage", "Follow-up", "overdue", "Group"] {
            assert!(!text.contains(english), "{lang} has English `{english}`");
        }
    }
    assert!(texts[0] != texts[1] && texts[1] != texts[2]);
}

#[test]
fn html_is_self_contained_with_charts() {
    let checklist = Checklist::standard("eva").expect("eva");
    let decisions = example();
    let rollup = roll(&checklist, &decisions.iter().collect::<Vec<_>>()).finish();
    let html = render::html(&rollup, "fi");
    assert!(html.matches("<svg").count() >= 3);
    for banned in ["<script", "http://", "https://", "src=", "@import"] {
        let allowed = html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count();
        let found = html.matches(banned).count();
        assert!(found == 0 || (banned == "http://" && found == allowed), "{banned}");
    }
}

#[test]
fn csv_has_one_row_per_decision_and_per_group_and_domain() {
    let checklist = Checklist::standard("eva").expect("eva");
    let decisions = example();
    let rollup = roll(&checklist, &decisions.iter().collect::<Vec<_>>()).finish();
    let rows = render::csv_decisions(&rollup);
    assert_eq!(rows.lines().count(), 1 + rollup.decisions.len());
    let cells: usize = rollup.cells.values().map(|d| d.len()).sum();
    assert_eq!(render::csv_impacts(&rollup).lines().count(), 1 + cells);
    let header_fields = rows.lines().next().map(|l| l.split(',').count());
    // Titles with commas are quoted, so every row parses into as many fields.
    for line in rows.lines() {
        let mut fields = 1;
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => fields += 1,
                _ => {}
            }
        }
        assert_eq!(Some(fields), header_fields, "{line}");
    }
}

/// The committed renderings of examples/municipality-year are what the
/// engine makes now, with the command the README gives.
#[test]
fn committed_rollups_match_the_engine() {
    let checklist = Checklist::standard("eva").expect("eva");
    let decisions = example();
    let rollup = roll(&checklist, &decisions.iter().collect::<Vec<_>>()).finish();
    let bless = std::env::var("ENNAKKO_BLESS").is_ok_and(|v| v == "1");
    let mut stale = Vec::new();
    for lang in ["fi", "sv", "en"] {
        for (ext, text) in [("md", render::markdown(&rollup, lang)), ("html", render::html(&rollup, lang))] {
            let path = Path::new(EXAMPLE).join(format!("rollup.{lang}.{ext}"));
            if bless {
                std::fs::write(&path, &text).expect("writable");
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "roll-ups differ from the engine's output (rerun with ENNAKKO_BLESS=1 and review): {stale:#?}"
    );
}

/// Every `U` code in docs/errors.md has a test here or in the CLI's roll-up
/// tests, and every code these tests expect is documented.
#[test]
fn every_rollup_code_is_documented_and_tested() {
    let docs = include_str!("../../../docs/errors.md");
    let tests = [include_str!("rollup.rs"), include_str!("../../ennakko-cli/tests/rollup.rs")].concat();
    let find = |text: &str| {
        let mut codes: Vec<String> = text
            .match_indices('U')
            .filter_map(|(i, _)| text.get(i..i + 5))
            .filter(|c| c[1..].chars().all(|d| d.is_ascii_digit()))
            .map(str::to_string)
            .collect();
        codes.sort();
        codes.dedup();
        codes
    };
    let documented = find(docs);
    assert!(documented.len() >= 14, "{documented:?}");
    for code in &documented {
        assert!(tests.contains(&format!("\"{code}\"")), "{code} has no test");
    }
    for code in find(&tests) {
        assert!(documented.contains(&code), "{code} is tested but not documented in docs/errors.md");
    }
}

/// The JSON request hosts without files send gives the roll-up of the same
/// decisions; a request of another shape is `A0004` at its JSON path.
#[test]
fn a_json_request_rolls_up_like_the_library() {
    let checklist = Checklist::standard("eva").expect("eva");
    let decisions = example();
    let whole = roll(&checklist, &decisions.iter().collect::<Vec<_>>()).finish();
    let named: Vec<serde_json::Value> = example_files()
        .iter()
        .zip(&decisions)
        .map(|(path, (name, _))| {
            serde_json::json!({"name": name, "text": std::fs::read_to_string(path).expect("readable")})
        })
        .collect();
    let request = serde_json::json!({
        "decisions": named, "from": "2026-01-01", "to": "2026-12-31", "as_of": "2027-01-31", "format": "json"
    });
    let out = ennakko::api::rollup_json(&request.to_string()).expect("a roll-up");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&out).ok(), serde_json::to_value(&whole).ok());
    let shape = |request: &str| {
        let e = ennakko::api::rollup_json(request).expect_err("refused");
        (e.code().to_string(), e.diagnostics[0].path.clone().unwrap_or_default())
    };
    let a = |path: &str| ("A0004".to_string(), path.to_string());
    assert_eq!(shape("[]"), a("$"));
    assert_eq!(shape("{"), a("$"));
    assert_eq!(shape(r#"{"decisions": {}}"#), a("$.decisions"));
    assert_eq!(shape(r#"{"decisions": ["", 1]}"#), a("$.decisions[1]"));
    assert_eq!(shape(r#"{"decisions": [{"name": "a"}]}"#), a("$.decisions[0]"));
    assert_eq!(shape(r#"{"decisions": [], "to": 2026}"#), a("$.to"));
    assert_eq!(shape(r#"{"decisions": [], "as-of": "2026-01-01"}"#), a("$.as-of"));
    assert_eq!(shape(r#"{"decisions": [], "format": "pdf"}"#).0, "A0001");
    assert_eq!(shape(r#"{"decisions": [], "from": "2026-1-1"}"#), ("U0001".into(), "--from".into()));
}

/// Roll-ups saved as JSON, read back and merged, equal the roll-up of the
/// whole; a file that is not a roll-up is `U0006`.
#[test]
fn saved_rollups_merge_into_the_whole() {
    let checklist = Checklist::standard("eva").expect("eva");
    let decisions = example();
    let whole = roll(&checklist, &decisions.iter().collect::<Vec<_>>()).finish();
    let saved: Vec<String> = decisions
        .chunks(10)
        .map(|part| serde_json::to_string(&roll(&checklist, &part.iter().collect::<Vec<_>>()).finish()).expect("json"))
        .collect();
    let read = |text: &String| ennakko::api::read_rollup(text, "part.json", 1 << 24).expect("a roll-up");
    let merged = ennakko::api::merge_rollups(saved.iter().rev().map(read).collect()).expect("merged");
    assert_eq!(serde_json::to_string(&merged).ok(), serde_json::to_string(&whole).ok());
    assert_eq!(ennakko::api::read_rollup(&saved[0], "part.json", 100).unwrap_err().code(), "U0006");
    let other = Rollup::new(&checklist, Period::new(None, None, None).expect("period")).finish();
    assert_eq!(ennakko::api::merge_rollups(vec![read(&saved[0]), other]).unwrap_err().code(), "U0003");
    assert_eq!(ennakko::api::merge_rollups(vec![]).unwrap_err().code(), "U0006");
}

/// The shared roll-up cases (tests/conformance/rollup, also run by the
/// Python and Node suites): bad metadata gives coded errors with paths,
/// and every decision left out is counted and listed.
#[test]
fn conformance_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/rollup");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root).expect("cases").flatten().map(|e| e.path()).collect();
    cases.retain(|c| c.is_dir());
    cases.sort();
    assert!(cases.len() >= 10, "{cases:?}");
    for case in cases {
        let spec: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(case.join("case.json")).expect("case.json")).expect("json");
        let mut files: Vec<PathBuf> =
            std::fs::read_dir(case.join("decisions")).expect("decisions").flatten().map(|e| e.path()).collect();
        files.sort();
        let decisions: Vec<serde_json::Value> = files
            .iter()
            .map(|f| {
                let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                serde_json::json!({"name": name, "text": std::fs::read_to_string(f).expect("readable")})
            })
            .collect();
        let request = serde_json::json!({
            "decisions": decisions, "from": spec["from"], "to": spec["to"], "as_of": spec["as_of"]
        });
        let out: serde_json::Value =
            serde_json::from_str(&ennakko::api::rollup_json(&request.to_string()).expect("a roll-up")).expect("json");
        let expect = &spec["expect"];
        for count in ["screened", "outside_period", "skipped_errors"] {
            assert_eq!(out["coverage"][count], expect[count], "{}: {count}", case.display());
        }
        let found: serde_json::Map<String, serde_json::Value> = out["skipped"]
            .as_array()
            .expect("skipped")
            .iter()
            .map(|s| {
                let diagnostics = s["diagnostics"].as_array().expect("diagnostics");
                assert!(diagnostics.iter().all(|d| d["help"].is_string()), "{}: {s}", case.display());
                let codes = diagnostics.iter().map(|d| serde_json::json!([d["code"], d["path"]])).collect();
                (s["source"].as_str().unwrap_or_default().to_string(), serde_json::Value::Array(codes))
            })
            .collect();
        assert_eq!(serde_json::Value::Object(found), expect["skipped"], "{}", case.display());
    }
}

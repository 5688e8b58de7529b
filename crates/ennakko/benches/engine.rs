//! Benchmarks of the engine: compile time against checklist size, scoring
//! against decision size, throughput on one and on all cores, and decision
//! parsing alone (the floor scoring cannot go below).
//!
//! `cargo bench -p ennakko --bench engine`; `-- --quick` for a fast pass.
//! Results and how to read them: docs/performance.md.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ennakko::{Checklist, Decision, Format, Limits};

const GROUPS: usize = 12;
const DOMAINS: usize = 10;

/// A checklist with `questions` questions: a quarter screening triggers,
/// the rest impact questions over the groups and domains, plus 10 rules and
/// 3 scores, like a municipality's extended EVA checklist.
fn checklist_source(questions: usize) -> String {
    let mut s = String::from("checklist bench {\n  title fi \"B\" sv \"B\" en \"B\"\n  version \"1\"\n}\n");
    s.push_str("perspective residents { label fi \"A\" sv \"I\" en \"R\" }\n");
    for d in 0..DOMAINS {
        let _ = writeln!(s, "domain d{d} {{ label fi \"d\" sv \"d\" en \"d\" perspective residents }}");
    }
    for g in 0..GROUPS {
        let vulnerable = if g % 3 == 0 { "vulnerable" } else { "" };
        let _ = writeln!(s, "group g{g} {{ label fi \"g\" sv \"g\" en \"g\" {vulnerable} }}");
    }
    let screening = questions / 4;
    for q in 0..questions {
        if q < screening {
            let _ = writeln!(s, "question q{q}: screening {{ text fi \"q\" sv \"q\" en \"q\" required }}");
        } else {
            let (g1, g2, d) = (q % GROUPS, (q + 5) % GROUPS, q % DOMAINS);
            let trigger = q % screening.max(1);
            let _ = writeln!(
                s,
                "question q{q}: impact {{ text fi \"q\" sv \"q\" en \"q\" domain d{d} groups g{g1}, g{g2} when q{trigger} == yes }}"
            );
        }
    }
    s.push_str("score vulnerable_burden { label fi \"v\" sv \"v\" en \"v\" value sum g in groups where g.vulnerable: min(impact(g), 0) }\n");
    s.push_str("score worst { label fi \"w\" sv \"w\" en \"w\" value min g in groups: impact(g) }\n");
    s.push_str("score total_impact { label fi \"t\" sv \"t\" en \"t\" value impact() }\n");
    for r in 0..10 {
        let when = match r % 5 {
            0 => format!("any proposal: q{} == yes", r % screening.max(1)),
            1 => "any proposal: vulnerable_burden < -2".to_string(),
            2 => format!("each proposal when impact(g{}) < 0 and not mitigated(g{})", r % GROUPS, r % GROUPS),
            3 => "count alternatives < 2".to_string(),
            _ => "any proposal: any c in cells: c.evidence <= evidence.weak".to_string(),
        };
        let (each, when) = match when.strip_prefix("each proposal when ") {
            Some(w) => ("each proposal", w.to_string()),
            None => ("", when),
        };
        let kind = if r < 3 { "verdict full" } else { "warning" };
        let _ = writeln!(s, "rule r{r}: {kind} {{ {each} when {when} message fi \"m\" sv \"m\" en \"m\" }}");
    }
    s
}

/// A decision with `alternatives` alternatives (the first the zero option)
/// of `cells` impact cells each, answering the screening questions. Cells
/// answer the impact questions in turn (two groups each), so they never
/// repeat a question, group and domain: `cells` must be at most twice the
/// number of impact questions.
fn decision_json(questions: usize, alternatives: usize, cells: usize) -> String {
    let screening = questions / 4;
    let alts: Vec<String> = (0..alternatives)
        .map(|a| {
            let answer = if a == 0 { "no" } else { "yes" };
            let answers: Vec<String> = (0..screening).map(|q| format!("\"q{q}\": \"{answer}\"")).collect();
            let impacts: Vec<String> = (0..cells)
                .map(|c| {
                    let q = screening + c / 2;
                    let group = if c % 2 == 0 { q % GROUPS } else { (q + 5) % GROUPS };
                    format!(
                        "{{\"question\": \"q{q}\", \"group\": \"g{group}\", \"direction\": {}, \"magnitude\": \"moderate\", \"likelihood\": \"likely\", \"evidence\": \"some\"}}",
                        (c % 5) as i64 - 2
                    )
                })
                .collect();
            let kind = if a == 0 { "zero" } else { "proposal" };
            format!(
                "{{\"id\": \"a{a}\", \"kind\": \"{kind}\", \"answers\": {{{}}}, \"impacts\": [{}]}}",
                answers.join(", "),
                impacts.join(", ")
            )
        })
        .collect();
    format!("{{\"id\": \"d\", \"title\": \"t\", \"alternatives\": [{}]}}", alts.join(", "))
}

/// Parses and scores, panicking with a short message (a failing benchmark
/// input is a bug in this file).
fn parsed(text: &str) -> Decision {
    Decision::from_str(text, Format::Json, &Limits::default()).unwrap_or_else(|e| panic!("bench decision: {e}"))
}

fn compile(c: &mut Criterion) {
    let mut group = c.benchmark_group("compile");
    for n in [10, 100, 1_000, 10_000] {
        let source = checklist_source(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &source, |b, s| {
            b.iter(|| Checklist::from_source("bench.eva", black_box(s)).expect("compiles"))
        });
    }
    group.bench_function("standard eva", |b| b.iter(|| Checklist::standard(black_box("eva")).expect("compiles")));
    group.finish();
}

/// Inputs that once took seconds or minutes (regression tests in
/// `tests/regressions.rs` check their results; the time is measured here).
fn hostile(c: &mut Criterion) {
    const HEAD: &str = "checklist x { title fi \"x\" sv \"x\" en \"x\" version \"1\" }\n";
    let label = "label fi\"a\"sv\"a\"en\"a\"";
    let mut chain = format!("{HEAD}group g0{{{label}}}\n");
    for i in 1..19_000 {
        chain += &format!("group g{i}{{{label} parent g{}}}\n", i - 1);
    }
    let unknown: Vec<String> = (0..20_000).map(|i| format!("x{i}")).collect();
    let flood = format!("{HEAD}group g {{ {label} parent {} }}", unknown.join(","));
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    group.bench_function("19,000-link parent chain", |b| {
        b.iter(|| Checklist::from_source("x.eva", black_box(&chain)).expect("compiles"))
    });
    group.bench_function("20,000 unknown parents", |b| {
        b.iter(|| Checklist::from_source("x.eva", black_box(&flood)).expect_err("unknown groups"))
    });
    group.finish();
}

fn score_example(c: &mut Criterion) {
    let checklist = Checklist::standard("eva").expect("compiles");
    let text = include_str!("../../../examples/village-school/decision.yaml");
    let decision = Decision::from_str(text, Format::Yaml, &Limits::default()).expect("parses");
    c.bench_function("score eva village-school (parsed)", |b| b.iter(|| checklist.score(black_box(&decision))));
    c.bench_function("parse village-school yaml", |b| {
        b.iter(|| Decision::from_str(black_box(text), Format::Yaml, &Limits::default()))
    });
    let json = serde_json::to_string(&decision).expect("json");
    c.bench_function("parse village-school json", |b| {
        b.iter(|| Decision::from_str(black_box(&json), Format::Json, &Limits::default()))
    });
}

fn decision_size(c: &mut Criterion) {
    // 1,400 questions: 1,050 impact questions, room for 2,100 distinct cells.
    let checklist = Checklist::from_source("bench.eva", &checklist_source(1_400)).expect("compiles");
    let mut group = c.benchmark_group("score by decision size");
    for (alternatives, cells) in [(2, 10), (2, 100), (2, 1_000), (4, 100), (8, 100)] {
        let decision = parsed(&decision_json(1_400, alternatives, cells));
        group.throughput(Throughput::Elements((alternatives * cells) as u64));
        group.bench_with_input(BenchmarkId::new("cells", format!("{alternatives}x{cells}")), &decision, |b, d| {
            b.iter(|| checklist.score(black_box(d)).map_err(|e| e.to_string()))
        });
    }
    group.finish();
}

fn throughput(c: &mut Criterion) {
    let checklist = Checklist::from_source("bench.eva", &checklist_source(60)).expect("compiles");
    let decisions: Vec<Decision> = (0..1_000).map(|i| parsed(&decision_json(60, 2, 40 + i % 20))).collect();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut group = c.benchmark_group("throughput 1k decisions");
    group.throughput(Throughput::Elements(decisions.len() as u64));
    group.sample_size(10);
    group.bench_function("1 thread", |b| {
        b.iter(|| decisions.iter().map(|d| checklist.score(d).map(|r| r.findings.len()).unwrap_or(0)).sum::<usize>())
    });
    group.bench_function(format!("{cores} threads"), |b| {
        b.iter(|| {
            std::thread::scope(|scope| {
                let chunk = decisions.len().div_ceil(cores);
                let handles: Vec<_> = decisions
                    .chunks(chunk)
                    .map(|part| {
                        let checklist = &checklist;
                        scope.spawn(move || {
                            part.iter()
                                .map(|d| checklist.score(d).map(|r| r.findings.len()).unwrap_or(0))
                                .sum::<usize>()
                        })
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap_or(0)).sum::<usize>()
            })
        })
    });
    group.finish();
}

criterion_group!(benches, compile, hostile, score_example, decision_size, throughput);
criterion_main!(benches);

//! Shapes the evaluation outcome into a [`Report`]: ids instead of indices,
//! numbers rounded for stable output, and the verdict.

use crate::checklist::model::*;
use crate::decision::{Bound, BoundCell, Decision, LocalText};
use crate::eval::evaluation::{self, Role};
use crate::eval::{AltState, Outcome, Range, Sum};
use crate::report::i18n::Lang;
use crate::report::*;

/// A number as JSON, rounded to 6 decimals so output is the same on every
/// platform and free of float noise such as `0.30000000000000004`.
pub(crate) fn number(n: f64) -> serde_json::Value {
    serde_json::Number::from_f64(round(n)).map_or(serde_json::Value::Null, serde_json::Value::Number)
}

pub(crate) fn round(n: f64) -> f64 {
    // From 1e15 up a float has no digits below 1e-6 to round away, and
    // `n * 1e6` could overflow to infinity (which JSON writes as null).
    if n.abs() >= 1e15 {
        return n;
    }
    let r = (n * 1e6).round() / 1e6;
    if r == 0.0 { 0.0 } else { r }
}

/// Builds the report.
pub(crate) fn assemble(model: &Model, decision: &Decision, bound: &Bound, outcome: Outcome) -> Report {
    let zero_gap = bound
        .alternatives
        .iter()
        .position(|a| a.kind == crate::decision::AlternativeKind::Zero)
        .and_then(|z| outcome.alts.get(z))
        .and_then(AltState::equity_gap);
    let alternatives: Vec<AlternativeReport> = outcome
        .alts
        .iter()
        .enumerate()
        .map(|(a, state)| alternative(model, decision, bound, a, state, zero_gap))
        .collect();
    let alt_id = |a: Option<usize>| a.and_then(|a| bound.alternatives.get(a)).map(|x| x.id.to_string());
    let mut findings = Vec::new();
    let mut comparison = Vec::new();
    let mut reasons: Vec<(VerdictLevel, Finding)> = Vec::new();
    for fired in outcome.fired {
        let rule = &model.rules[fired.rule];
        let level = evaluation::level(model, fired.rule);
        let severity = match rule.kind {
            RuleKind::Info => Severity::Info,
            RuleKind::Warning => Severity::Warning,
            RuleKind::Required => Severity::Required,
            RuleKind::Verdict(_) => Severity::Verdict,
        };
        let finding = Finding {
            rule: Some(rule.id.clone()),
            severity,
            level,
            alternative: alt_id(fired.alternative),
            message: message_with_values(model, rule, &fired.values),
            trace: fired.trace,
        };
        match (evaluation::role(model, bound, fired.rule, fired.alternative), level) {
            (Role::Reason, Some(level)) => reasons.push((level, finding)),
            (Role::Comparison, _) => comparison.push(finding),
            _ => findings.push(finding),
        }
    }
    let level = reasons.iter().map(|r| r.0).max().unwrap_or(VerdictLevel::None);
    reasons.sort_by_key(|r| std::cmp::Reverse(r.0));
    let fired_rules: Vec<&str> = reasons.iter().filter_map(|r| r.1.rule.as_deref()).collect();
    let criteria_not_met = model
        .rules
        .iter()
        .filter(|r| matches!(r.kind, RuleKind::Verdict(_)) && !fired_rules.contains(&r.id.as_str()))
        .map(|r| r.id.clone())
        .collect();
    let mut reasons: Vec<Finding> = reasons.into_iter().map(|r| r.1).collect();
    if reasons.is_empty() {
        reasons.push(Finding {
            rule: None,
            severity: Severity::Verdict,
            level: Some(VerdictLevel::None),
            alternative: None,
            message: crate::checklist::defaults::no_trigger_reason(),
            trace: Vec::new(),
        });
    }
    Report {
        checklist: ChecklistInfo {
            id: model.id.clone(),
            version: model.version.clone(),
            title: model.title.clone(),
            imports: model.imports.clone(),
        },
        decision: DecisionInfo {
            id: decision.id.clone(),
            title: bound.title.to_string(),
            titles: per_language(Some(&decision.title)),
            kind: decision.kind.clone(),
            language: decision.language.clone(),
            organisation: decision.organisation,
            bilingual: decision.bilingual,
            majority_language: decision.majority_language,
            vulnerable_groups: model
                .groups
                .iter()
                .filter(|g| g.vulnerable_in(decision.majority_language))
                .map(|g| g.id.clone())
                .collect(),
        },
        facts: model
            .facts
            .iter()
            .filter_map(|f| decision.facts.get(&f.id).map(|v| FactReport { fact: f.id.clone(), value: v.clone() }))
            .filter(|f| !f.value.is_null())
            .collect(),
        verdict: Verdict { level, reasons, criteria_not_met },
        alternatives,
        findings,
        comparison,
        notes: notes(model, decision, &outcome.alts),
        vocabulary: model.vocabulary.clone(),
    }
}

/// The texts per language of a text given in several languages; empty for
/// one plain text (the report's `title` or `description` field holds it).
fn per_language(text: Option<&LocalText>) -> Text {
    match text {
        Some(LocalText::PerLanguage(m)) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        _ => Text::new(),
    }
}

fn score_range(sum: &Sum) -> ScoreRange {
    ScoreRange {
        value: round(sum.range.value),
        low: round(sum.range.low),
        high: round(sum.range.high),
        cells: sum.cells.clone(),
    }
}

fn entries<'a>(sums: &[Sum], ids: impl Iterator<Item = &'a String>) -> Vec<Entry> {
    sums.iter()
        .zip(ids)
        .filter(|(s, _)| !s.cells.is_empty())
        .map(|(s, id)| Entry { id: id.clone(), score: score_range(s) })
        .collect()
}

fn alternative(
    model: &Model,
    decision: &Decision,
    bound: &Bound,
    a: usize,
    state: &AltState,
    zero_gap: Option<f64>,
) -> AlternativeReport {
    let alt = &bound.alternatives[a];
    let source = decision.alternatives.get(a);
    // Score ranges refer to cells by their position in `cells`, which holds
    // the cells in input order, so the two line up.
    let cells: Vec<CellReport> = alt
        .cells
        .iter()
        .zip(&state.cells)
        .map(|(c, r)| cell(model, c, *r, source.and_then(|s| s.impacts.get(c.index))))
        .collect();
    let gap = state.equity_gap().map(round);
    // Per population group with cells: whether it has a negative and a
    // positive impact (cell scores as the report shows them).
    let population = |vulnerable: bool| {
        model
            .groups
            .iter()
            .zip(&state.groups)
            .filter(move |(g, s)| {
                g.vulnerable_in(bound.majority_language) == vulnerable
                    && g.category == GroupCategory::Population
                    && !s.cells.is_empty()
            })
            .map(|(g, s)| {
                let values = || s.cells.iter().map(|&i| round(state.cells[i].value));
                (g.id.clone(), values().any(|v| v < 0.0), values().any(|v| v > 0.0))
            })
    };
    let vulnerable: Vec<(String, bool, bool)> = population(true).collect();
    let lang = decision.language.as_deref().unwrap_or("");
    let harmed: Vec<String> = vulnerable.iter().filter(|g| g.1).map(|g| g.0.clone()).collect();
    let helped: Vec<String> = vulnerable.iter().filter(|g| g.2).map(|g| g.0.clone()).collect();
    let equity = Equity {
        vulnerable_mean: state.vulnerable_mean.map(round),
        others_mean: state.others_mean.map(round),
        gap,
        change_from_zero: match (gap, zero_gap) {
            (Some(g), Some(z)) if alt.kind != crate::decision::AlternativeKind::Zero => Some(round(g - round(z))),
            _ => None,
        },
        statement: EquityStatement::of(!vulnerable.is_empty(), !harmed.is_empty(), !helped.is_empty(), gap),
        harmed,
        helped,
        vulnerable_groups: vulnerable.into_iter().map(|g| g.0).collect(),
        other_groups: population(false).map(|g| g.0).collect(),
    };
    AlternativeReport {
        id: alt.id.to_string(),
        kind: alt.kind,
        title: source.and_then(|s| s.title.as_ref()).map(|t| t.get(lang).to_string()),
        titles: per_language(source.and_then(|s| s.title.as_ref())),
        description: source.and_then(|s| s.description.as_ref()).map(|t| t.get(lang).to_string()),
        descriptions: per_language(source.and_then(|s| s.description.as_ref())),
        answers: source.map(|s| answers(model, state, s)).unwrap_or_default(),
        total: score_range(&state.total),
        groups: entries(&state.groups, model.groups.iter().map(|g| &g.id)),
        domains: entries(&state.domains, model.domains.iter().map(|d| &d.id)),
        perspectives: entries(&state.perspectives, model.perspectives.iter().map(|p| &p.id)),
        cells,
        scores: model
            .scores
            .iter()
            .zip(state.scores.iter().zip(&state.score_traces))
            .map(|(s, (v, trace))| NamedScore {
                id: s.id.clone(),
                value: match v {
                    Value::Num(n) => Some(round(*n)),
                    _ => None,
                },
                trace: trace.clone(),
            })
            .collect(),
        equity,
        completeness: completeness(model, state, &alt.cells),
    }
}

/// The answers as given, in question order, then any the checklist does not
/// know (binding refuses those, so in practice none).
fn answers(model: &Model, state: &AltState, alt: &crate::decision::Alternative) -> Vec<AnswerReport> {
    let mut given: Vec<(usize, AnswerReport)> = alt
        .answers
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(name, value)| {
            let q = model.question_index(name);
            let applies = q.is_some_and(|q| state.applies[q]);
            (q.unwrap_or(usize::MAX), AnswerReport { question: name.clone(), value: value.clone(), applies })
        })
        .collect();
    given.sort_by_key(|(q, _)| *q);
    given.into_iter().map(|(_, a)| a).collect()
}

fn cell(model: &Model, c: &BoundCell, r: Range, source: Option<&crate::decision::ImpactCell>) -> CellReport {
    let domain = &model.domains[c.domain];
    let levels = ScaleId::ALL
        .into_iter()
        .zip(c.levels)
        .filter_map(|(scale, level)| {
            let l = model.scale(scale).levels.get(level?)?;
            Some((scale.name().to_string(), l.id.clone()))
        })
        .collect();
    CellReport {
        index: c.index,
        question: c.question.map(|q| model.questions[q].id.clone()),
        group: model.groups[c.group].id.clone(),
        domain: domain.id.clone(),
        perspective: model.perspectives.get(domain.perspective).map_or(String::new(), |p| p.id.clone()),
        direction: c.direction,
        levels,
        mitigated: c.mitigated,
        note: source.and_then(|s| s.note.clone()),
        mitigation: source.and_then(|s| s.mitigation.clone()),
        evidence_source: source.and_then(|s| s.evidence_source.clone()),
        value: round(r.value),
        low: round(r.low),
        high: round(r.high),
    }
}

fn completeness(model: &Model, state: &AltState, cells: &[BoundCell]) -> Completeness {
    let mut out = Completeness {
        applicable: Vec::new(),
        not_applicable: Vec::new(),
        required: 0,
        answered: 0,
        ratio: round(state.completeness),
        missing: Vec::new(),
        groups_not_assessed: model
            .groups
            .iter()
            .zip(&state.groups)
            .filter(|(_, s)| s.cells.is_empty())
            .map(|(g, _)| g.id.clone())
            .collect(),
        cells_without_evidence: Vec::new(),
    };
    for (q, question) in model.questions.iter().enumerate() {
        if !state.applies[q] {
            out.not_applicable.push(question.id.clone());
            continue;
        }
        out.applicable.push(question.id.clone());
        if !question.required {
            continue;
        }
        out.required += 1;
        if state.answered[q] {
            out.answered += 1;
            continue;
        }
        let groups = match question.kind {
            QuestionKind::Impact => question
                .groups
                .iter()
                .filter(|&&g| !state.by_question[q].iter().any(|&i| cells[i].group == g))
                .map(|&g| model.groups[g].id.clone())
                .collect(),
            _ => Vec::new(),
        };
        out.missing.push(MissingAnswer { question: question.id.clone(), groups });
    }
    let evidence = ScaleId::Evidence as usize;
    let weak_weight = 1.0;
    out.cells_without_evidence = cells
        .iter()
        .filter(|c| {
            c.levels[evidence].is_none_or(|l| {
                model.scale(ScaleId::Evidence).levels.get(l).is_none_or(|x| x.weight < weak_weight + 0.5)
            })
        })
        .map(|c| c.index)
        .collect();
    out
}

fn notes(model: &Model, decision: &Decision, alts: &[AltState]) -> Vec<Note> {
    let mut notes = Vec::new();
    for (a, (alt, state)) in decision.alternatives.iter().zip(alts).enumerate() {
        for name in alt.answers.keys() {
            if let Some(q) = model.question_index(name)
                && !state.applies[q]
            {
                notes.push(Note {
                    code: "N0001".into(),
                    question: Some(name.clone()),
                    alternative: Some(alt.id.clone()),
                    path: format!("$.alternatives[{a}].answers.{name}"),
                    message: String::new(),
                });
            }
        }
        for (i, cell) in alt.impacts.iter().enumerate() {
            if let Some(name) = &cell.question
                && let Some(q) = model.question_index(name)
                && !state.applies[q]
            {
                notes.push(Note {
                    code: "N0001".into(),
                    question: Some(name.clone()),
                    alternative: Some(alt.id.clone()),
                    path: format!("$.alternatives[{a}].impacts[{i}]"),
                    message: String::new(),
                });
            }
        }
        if !alt.answers.is_empty() || !alt.impacts.is_empty() {
            continue;
        }
        notes.push(Note {
            code: "N0002".into(),
            question: None,
            alternative: Some(alt.id.clone()),
            path: format!("$.alternatives[{a}]"),
            message: String::new(),
        });
    }
    for note in &mut notes {
        note.message = note.text().render(Lang::En);
    }
    notes
}

/// The labels a report needs, built once per checklist.
pub(crate) fn vocabulary(model: &Model) -> Vocabulary {
    let term = |id: &String, label: &Text, tag: Option<String>| Term {
        id: id.clone(),
        label: label.clone(),
        tag,
        category: None,
    };
    let option =
        |owner: &String, c: &Choice| OptionTerm { owner: owner.clone(), id: c.id.clone(), label: c.label.clone() };
    let question_options = model.questions.iter().flat_map(|q| match &q.kind {
        QuestionKind::Choice(cs) => cs.iter().map(|c| option(&q.id, c)).collect(),
        _ => Vec::new(),
    });
    let fact_options = model.facts.iter().flat_map(|f| match &f.kind {
        FactKind::Choice(cs) => cs.iter().map(|c| option(&f.id, c)).collect(),
        _ => Vec::new(),
    });
    Vocabulary {
        groups: model
            .groups
            .iter()
            .map(|g| Term {
                category: (g.category != GroupCategory::Population).then_some(g.category),
                ..term(&g.id, &g.label, g.vulnerable.then(|| "vulnerable".into()))
            })
            .collect(),
        options: question_options.chain(fact_options).collect(),
        rules: model.rules.iter().map(|r| term(&r.id, &r.message_without_values(), None)).collect(),
        domains: model
            .domains
            .iter()
            .map(|d| term(&d.id, &d.label, model.perspectives.get(d.perspective).map(|p| p.id.clone())))
            .collect(),
        perspectives: model.perspectives.iter().map(|p| term(&p.id, &p.label, None)).collect(),
        questions: model.questions.iter().map(|q| term(&q.id, &q.text, Some(q.kind.name().into()))).collect(),
        facts: model.facts.iter().map(|f| term(&f.id, &f.label, f.unit.clone())).collect(),
        scores: model.scores.iter().map(|s| term(&s.id, &s.label, None)).collect(),
        scales: model
            .scales
            .iter()
            .map(|s| ScaleTerm {
                id: s.id.name().to_string(),
                label: s.label.clone(),
                levels: s.levels.iter().map(|l| term(&l.id, &l.label, Some(round(l.weight).to_string()))).collect(),
                multiplies: s.multiplies,
                default: s.default.and_then(|d| s.levels.get(d)).map(|l| l.id.clone()),
            })
            .collect(),
    }
}

/// A fired rule's message in each of its languages, with the values it
/// computed shown as a reader of that language writes them: numbers with a
/// decimal comma in Finnish and Swedish, yes and no in words, groups,
/// domains, options and levels by their labels.
fn message_with_values(model: &Model, rule: &Rule, values: &[Value]) -> Text {
    if rule.message_values.is_empty() {
        return rule.message.clone();
    }
    let show = |lang: &str, source: &str| {
        let found = rule.message_values.iter().zip(values).find(|(mv, _)| mv.source == source);
        found.map_or_else(|| "–".to_string(), |(mv, v)| shown_value(model, mv.options_of.as_deref(), v, lang))
    };
    rule.message
        .iter()
        .map(|(lang, text)| (lang.clone(), crate::checklist::message::fill(text, |source| show(lang, source))))
        .collect()
}

/// One value in a message, in language `lang`; `options_of` names the
/// question or fact whose option a string is.
fn shown_value(model: &Model, options_of: Option<&str>, v: &Value, lang: &str) -> String {
    use crate::report::i18n::{Key, number, pick, word};
    let label = |text: &Text| pick(text, lang).to_string();
    match v {
        Value::Missing | Value::Cell(..) => "–".to_string(),
        Value::Bool(b) => word(if *b { Key::Yes } else { Key::No }, lang).to_string(),
        Value::Num(n) => number(*n, lang),
        Value::Str(s) => option_label(model, options_of, s).map_or_else(|| s.to_string(), label),
        Value::Screening(s) => word(
            match s {
                Screening::Yes => Key::Yes,
                Screening::No => Key::No,
                Screening::Unknown => Key::Unknown,
            },
            lang,
        )
        .to_string(),
        Value::Group(g) => label(&model.groups[*g].label),
        Value::Domain(d) => label(&model.domains[*d].label),
        Value::Perspective(p) => label(&model.perspectives[*p].label),
        Value::Level(s, l) => model.scale(*s).levels.get(*l).map_or_else(String::new, |x| label(&x.label)),
        Value::List(items) => {
            items.iter().map(|i| shown_value(model, options_of, i, lang)).collect::<Vec<_>>().join(", ")
        }
    }
}

/// The label of option `id` of the choice question or fact `owner`.
fn option_label<'m>(model: &'m Model, owner: Option<&str>, id: &str) -> Option<&'m Text> {
    let owner = owner?;
    let options = match model.ids.get(owner) {
        Some(Entity::Question(q)) => match &model.questions[*q].kind {
            QuestionKind::Choice(options) => options,
            _ => return None,
        },
        Some(Entity::Fact(f)) => match &model.facts[*f].kind {
            FactKind::Choice(options) => options,
            _ => return None,
        },
        _ => return None,
    };
    options.iter().find(|o| o.id == id).map(|o| &o.label)
}

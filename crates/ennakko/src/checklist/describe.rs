//! A serializable description of a compiled checklist: what a form needs to
//! show its fields, and what an analyst needs to label results.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::checklist::model::{FactKind, Model, QuestionKind, Text};

/// Everything a checklist asks and knows about, without its rules' logic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Description {
    /// Checklist id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Title per language.
    pub title: Text,
    /// Languages every text has.
    pub languages: Vec<String>,
    /// Legal basis and sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Perspectives.
    pub perspectives: Vec<Item>,
    /// Domains; `parent` is the perspective.
    pub domains: Vec<Item>,
    /// Groups; `parent` lists parent groups.
    pub groups: Vec<GroupItem>,
    /// Facts a decision may give.
    pub facts: Vec<Field>,
    /// Questions, in checklist order.
    pub questions: Vec<Field>,
    /// Assessment scales.
    pub scales: Vec<ScaleItem>,
    /// Named scores.
    pub scores: Vec<Item>,
    /// Rules: id, kind and message.
    pub rules: Vec<RuleItem>,
}

/// An id with a label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Item {
    /// Id.
    pub id: String,
    /// Label per language.
    pub label: Text,
    /// The perspective of a domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The weight of a scale level, or of an option of a choice question
    /// that has weights (read by `weight(q)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
}

/// A population group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GroupItem {
    /// Id.
    pub id: String,
    /// Label per language.
    pub label: Text,
    /// Definition per language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<Text>,
    /// Inclusive age range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<[f64; 2]>,
    /// Legal basis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// Counts in the equity gap.
    pub vulnerable: bool,
    /// Parent group ids.
    pub parents: Vec<String>,
}

/// A fact or question: what to ask and what kind of answer it takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Field {
    /// Id.
    pub id: String,
    /// screening, impact, choice, number, text (questions); number, text, flag, choice, list (facts).
    pub kind: String,
    /// The question or the fact's label.
    pub text: Text,
    /// Help text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// Options of a choice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Item>,
    /// Allowed range of a number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[f64; 2]>,
    /// Unit of a number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Must be answered when it applies.
    pub required: bool,
    /// Whether it has a relevance condition (asked only when it applies).
    pub conditional: bool,
    /// Groups it concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
    /// Domains it concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<String>,
}

/// A scale and its levels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ScaleItem {
    /// Id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// Levels, lowest first.
    pub levels: Vec<Item>,
    /// Whether weights multiply cell scores.
    pub multiplies: bool,
}

/// A rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RuleItem {
    /// Id.
    pub id: String,
    /// info, warning, required, or verdict_none / verdict_light / verdict_full.
    pub kind: String,
    /// Message per language.
    pub message: Text,
}

fn item(id: &str, label: &Text, parent: Option<String>) -> Item {
    Item { id: id.to_string(), label: label.clone(), parent, weight: None }
}

fn weighted(id: &str, label: &Text, weight: Option<f64>) -> Item {
    Item { weight, ..item(id, label, None) }
}

/// Builds the description of a model.
pub(crate) fn describe(m: &Model) -> Description {
    let group_ids = |gs: &[usize]| gs.iter().filter_map(|&g| m.groups.get(g)).map(|g| g.id.clone()).collect();
    let domain_ids = |ds: &[usize]| ds.iter().filter_map(|&d| m.domains.get(d)).map(|d| d.id.clone()).collect();
    Description {
        id: m.id.clone(),
        version: m.version.clone(),
        title: m.title.clone(),
        languages: m.languages.clone(),
        source: m.source.clone(),
        perspectives: m.perspectives.iter().map(|p| item(&p.id, &p.label, None)).collect(),
        domains: m
            .domains
            .iter()
            .map(|d| item(&d.id, &d.label, m.perspectives.get(d.perspective).map(|p| p.id.clone())))
            .collect(),
        groups: m
            .groups
            .iter()
            .map(|g| GroupItem {
                id: g.id.clone(),
                label: g.label.clone(),
                definition: g.definition.clone(),
                age: g.age.map(|(a, b)| [a, b]),
                basis: g.basis.clone(),
                vulnerable: g.vulnerable,
                parents: group_ids(&g.parents),
            })
            .collect(),
        facts: m
            .facts
            .iter()
            .map(|f| {
                let (kind, options, range) = match &f.kind {
                    FactKind::Number { range } => ("number", Vec::new(), *range),
                    FactKind::Text => ("text", Vec::new(), None),
                    FactKind::Flag => ("flag", Vec::new(), None),
                    FactKind::Choice(o) => ("choice", o.iter().map(|c| item(&c.id, &c.label, None)).collect(), None),
                    FactKind::List => ("list", Vec::new(), None),
                };
                Field {
                    id: f.id.clone(),
                    kind: kind.into(),
                    text: f.label.clone(),
                    help: None,
                    options,
                    range: range.map(|(a, b)| [a, b]),
                    unit: f.unit.clone(),
                    required: false,
                    conditional: false,
                    groups: Vec::new(),
                    domains: Vec::new(),
                }
            })
            .collect(),
        questions: m
            .questions
            .iter()
            .map(|q| {
                let (options, range) = match &q.kind {
                    QuestionKind::Choice(o) => (o.iter().map(|c| weighted(&c.id, &c.label, c.weight)).collect(), None),
                    QuestionKind::Number { range } => (Vec::new(), range.map(|(a, b)| [a, b])),
                    _ => (Vec::new(), None),
                };
                Field {
                    id: q.id.clone(),
                    kind: q.kind.name().into(),
                    text: q.text.clone(),
                    help: q.help.clone(),
                    options,
                    range,
                    unit: q.unit.clone(),
                    required: q.required,
                    conditional: q.when.is_some(),
                    groups: group_ids(&q.groups),
                    domains: domain_ids(&q.domains),
                }
            })
            .collect(),
        scales: m
            .scales
            .iter()
            .map(|s| ScaleItem {
                id: s.id.name().into(),
                label: s.label.clone(),
                levels: s.levels.iter().map(|l| weighted(&l.id, &l.label, Some(l.weight))).collect(),
                multiplies: s.multiplies,
            })
            .collect(),
        scores: m.scores.iter().map(|s| item(&s.id, &s.label, None)).collect(),
        rules: m
            .rules
            .iter()
            .map(|r| RuleItem {
                id: r.id.clone(),
                kind: match r.kind {
                    crate::checklist::model::RuleKind::Info => "info".into(),
                    crate::checklist::model::RuleKind::Warning => "warning".into(),
                    crate::checklist::model::RuleKind::Required => "required".into(),
                    crate::checklist::model::RuleKind::Verdict(level) => format!("verdict_{level:?}").to_lowercase(),
                },
                message: r.message_without_values(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use crate::{Checklist, Options};

    #[test]
    fn options_and_levels_carry_their_weights() {
        let text = "checklist c { title en \"C\" version \"1\" languages en }\n\
            question q: choice { text en \"Q\" option low 0 { label en \"Low\" } option \"item-2\" 2.5 { label en \"High\" } }\n\
            question plain: choice { text en \"P\" option a { label en \"A\" } }";
        let d = Checklist::compile("c.eva", text, &Options::default()).expect("compiles").describe();
        let weights = |q: usize| d.questions[q].options.iter().map(|o| (o.id.as_str(), o.weight)).collect::<Vec<_>>();
        assert_eq!(weights(0), [("low", Some(0.0)), ("item-2", Some(2.5))]);
        assert_eq!(weights(1), [("a", None)]);
        let magnitude = d.scales.iter().find(|s| s.id == "magnitude").expect("a default scale");
        assert_eq!(magnitude.levels.iter().map(|l| l.weight).collect::<Vec<_>>(), [Some(1.0), Some(2.0), Some(3.0)]);
    }
}

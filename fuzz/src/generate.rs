//! A generator of valid checklists and decisions from fuzz bytes.
//!
//! A fixed prelude declares perspectives, domains, groups, facts and
//! questions of every kind; the generator adds questions with conditions,
//! scores and rules whose expressions are built by type (number or
//! condition) and scope (decision, alternative, question condition), so
//! almost every generated checklist compiles and the evaluator, not the
//! checker, is what gets exercised. The decision fits the prelude.

use arbitrary::{Result, Unstructured};
use serde_json::{Value, json};

const L: &str = "fi \"x\" sv \"x\" en \"x\"";

/// Where an expression is evaluated.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// A rule without `each`.
    Decision,
    /// A rule with `each`, or a score: one alternative.
    Alternative,
    /// A question's `when`: one alternative, no scores or completeness.
    Question,
}

/// What a bound variable ranges over.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Var {
    Group,
    Domain,
    Perspective,
    Cell,
}

struct Gen<'a, 'b> {
    u: &'a mut Unstructured<'b>,
    scope: Scope,
    /// Scores this expression may read (those declared before it).
    scores: usize,
    /// How many levels each score has (`level(s)`, `s.l1`); 0 for none.
    levels: Vec<usize>,
    /// Rules this expression may read with `fired` (those declared before
    /// it, so no cycle arises), and whether each has `each`.
    rules: Vec<bool>,
    vars: Vec<(String, Var)>,
    depth: usize,
}

const GROUPS: &[&str] = &["everyone", "kids", "elders", "kid_elders"];
const DOMAINS: &[&str] = &["health", "mobility", "climate"];
const PERSPECTIVES: &[&str] = &["residents", "nature"];
const SCALES: &[(&str, &[&str])] = &[
    ("magnitude", &["minimal", "moderate", "severe"]),
    ("likelihood", &["unlikely", "possible", "likely", "certain"]),
    ("evidence", &["more_information_needed", "weak", "some", "strong"]),
    ("people", &["few", "some", "many"]),
];

impl Gen<'_, '_> {
    fn pick<'s>(&mut self, items: &[&'s str]) -> Result<&'s str> {
        Ok(items[self.u.choose_index(items.len())?])
    }

    fn alt(&self) -> bool {
        self.scope != Scope::Decision
    }

    fn deeper<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }

    fn leafy(&mut self) -> Result<bool> {
        Ok(self.depth > 5 || self.u.is_empty() || self.u.ratio(1, 3)?)
    }

    fn number_literal(&mut self) -> Result<String> {
        Ok(match self.u.int_in_range(0..=9)? {
            0 => "0".into(),
            1 => format!("-{}", self.u.int_in_range(0..=5u32)?),
            2 => format!("{}.{}", self.u.int_in_range(0..=3u32)?, self.u.int_in_range(0..=99u32)?),
            3 => "100_000".into(),
            4 => format!("1{}", "0".repeat(self.u.int_in_range(10..=305usize)?)),
            5 => "0.000001".into(),
            _ => self.u.int_in_range(0..=20u32)?.to_string(),
        })
    }

    fn var(&mut self, kind: Var) -> Result<Option<String>> {
        let matching: Vec<String> = self.vars.iter().filter(|(_, k)| *k == kind).map(|(n, _)| n.clone()).collect();
        if matching.is_empty() {
            return Ok(None);
        }
        Ok(Some(matching[self.u.choose_index(matching.len())?].clone()))
    }

    fn group(&mut self) -> Result<String> {
        if let (true, Some(v)) = (self.u.ratio(1, 2)?, self.var(Var::Group)?) {
            return Ok(v);
        }
        Ok(self.pick(GROUPS)?.to_string())
    }

    fn num(&mut self) -> Result<String> {
        if self.leafy()? {
            return self.num_leaf();
        }
        self.deeper(|g| {
            Ok(match g.u.int_in_range(0..=12)? {
                12 => format!("zero_option({})", g.in_alternative(Gen::num)?),
                0 => format!("{} {} {}", g.num()?, g.pick(&["+", "-", "*", "/", "??"])?, g.num()?),
                1 => format!("-({})", g.num()?),
                2 => format!("{}({})", g.pick(&["abs", "round"])?, g.num()?),
                3 => format!("{}({}, {})", g.pick(&["min", "max"])?, g.num()?, g.num()?),
                4 => format!("({})", g.num()?),
                5 | 6 => g.quant_num()?,
                7 => format!("(count {})", g.alternatives()?),
                8 => format!("(count {}: {})", g.alternatives()?, g.in_alternative(Gen::cond)?),
                // Parenthesized: an `else` branch would swallow what follows.
                9 | 10 => format!("(if {} then {} else {})", g.cond()?, g.num()?, g.num()?),
                _ => format!("{} * 2", g.num()?),
            })
        })
    }

    fn num_leaf(&mut self) -> Result<String> {
        let alt = self.alt();
        let question = self.scope == Scope::Question;
        Ok(match self.u.int_in_range(0..=16)? {
            0 | 1 => self.number_literal()?,
            16 => match self.fired_rule()? {
                Some(r) => format!("count_fired({r}, {r})"),
                None => "3".into(),
            },
            14 if alt => "weight(q_choice)".into(),
            15 => format!("{}(q_choice)", self.pick(&["max_weight", "min_weight"])?),
            2 => "fact.cost".into(),
            3 => "len(fact.services)".into(),
            4 if alt => "q_num".into(),
            5 if alt => "impact()".into(),
            6 if alt => format!("impact({})", self.group()?),
            7 if alt => format!("impact({})", self.pick(DOMAINS)?),
            8 if alt => format!("impact({}, {})", self.group()?, self.pick(DOMAINS)?),
            9 if alt && !question => "completeness()".into(),
            10 if alt => "equity_gap()".into(),
            11 if alt && !question && self.scores > 0 => format!("s{}", self.u.choose_index(self.scores)?),
            12 => match self.var(Var::Cell)? {
                Some(c) => format!("{c}.{}", self.pick(&["score", "direction"])?),
                None => "1".into(),
            },
            13 => match self.var(Var::Group)? {
                Some(g) => format!("{g}.{}", self.pick(&["age_min", "age_max"])?),
                None => "2".into(),
            },
            _ => "fact.cost / 1000".into(),
        })
    }

    /// A rule that `fired(...)` may read here: one declared earlier, and
    /// one with `each` only where there is an alternative.
    fn fired_rule(&mut self) -> Result<Option<String>> {
        if self.rules.is_empty() {
            return Ok(None);
        }
        let r = self.u.choose_index(self.rules.len())?;
        Ok((self.alt() || !self.rules[r]).then(|| format!("r{r}")))
    }

    fn alternatives(&mut self) -> Result<&'static str> {
        self.pick(&["alternatives", "alternative", "proposals", "proposal"])
    }

    /// Generates in alternative scope (the body of `any proposal: ...`).
    fn in_alternative(&mut self, f: fn(&mut Self) -> Result<String>) -> Result<String> {
        let outer = self.scope;
        if outer == Scope::Decision {
            self.scope = Scope::Alternative;
        }
        let r = f(self);
        self.scope = outer;
        r
    }

    fn binder(&mut self) -> Result<(String, Var, String)> {
        let name = format!("v{}", self.vars.len());
        let (kind, collection) = match self.u.int_in_range(0..=4)? {
            0 => (Var::Domain, "domains".to_string()),
            1 => (Var::Perspective, "perspectives".to_string()),
            2 if self.alt() => (Var::Cell, "cells".to_string()),
            3 => (Var::Group, "[kids, elders]".to_string()),
            _ => (Var::Group, "groups".to_string()),
        };
        Ok((name, kind, collection))
    }

    fn quant_num(&mut self) -> Result<String> {
        let op = self.pick(&["sum", "min", "max", "count"])?;
        let (name, kind, collection) = self.binder()?;
        self.vars.push((name.clone(), kind));
        let filter = if self.u.ratio(1, 3)? { format!(" where {}", self.cond()?) } else { String::new() };
        let body = if op == "count" { self.cond()? } else { self.num()? };
        self.vars.pop();
        Ok(format!("({op} {name} in {collection}{filter}: {body})"))
    }

    fn quant_cond(&mut self) -> Result<String> {
        let op = self.pick(&["any", "all"])?;
        if self.u.ratio(1, 2)? {
            let alts = self.alternatives()?;
            let body = self.in_alternative(Gen::cond)?;
            return Ok(format!("({op} {alts}: {body})"));
        }
        let (name, kind, collection) = self.binder()?;
        self.vars.push((name.clone(), kind));
        let filter = if self.u.ratio(1, 3)? { format!(" where {}", self.cond()?) } else { String::new() };
        let body = self.cond()?;
        self.vars.pop();
        Ok(format!("({op} {name} in {collection}{filter}: {body})"))
    }

    fn question(&self) -> bool {
        self.scope == Scope::Question
    }

    /// A score this expression may read that has levels, and how many.
    fn levelled_score(&mut self) -> Result<Option<(usize, usize)>> {
        let have: Vec<(usize, usize)> =
            self.levels.iter().copied().enumerate().take(self.scores).filter(|&(_, n)| n > 0).collect();
        if have.is_empty() {
            return Ok(None);
        }
        Ok(Some(have[self.u.choose_index(have.len())?]))
    }

    fn cond(&mut self) -> Result<String> {
        if self.leafy()? {
            return self.cond_leaf();
        }
        self.deeper(|g| {
            Ok(match g.u.int_in_range(0..=9)? {
                9 => format!("zero_option({})", g.in_alternative(Gen::cond)?),
                8 => format!("(if {} then {} else {})", g.cond()?, g.cond()?, g.cond()?),
                0 | 1 => format!("{} {} {}", g.cond()?, g.pick(&["and", "or"])?, g.cond()?),
                2 => format!("not ({})", g.cond()?),
                3 | 4 => format!("{} {} {}", g.num()?, g.pick(&["<", "<=", ">", ">=", "==", "!="])?, g.num()?),
                5 => g.quant_cond()?,
                6 => format!("({})", g.cond()?),
                _ => format!("answered({})", g.num()?),
            })
        })
    }

    fn cond_leaf(&mut self) -> Result<String> {
        let alt = self.alt();
        Ok(match self.u.int_in_range(0..=16)? {
            0 => self.pick(&["true", "false"])?.to_string(),
            16 if alt && !self.question() => match self.levelled_score()? {
                Some((s, n)) => {
                    let op = self.pick(&["<", "<=", ">", ">=", "==", "!="])?;
                    format!("level(s{s}) {op} s{s}.l{}", self.u.choose_index(n)?)
                }
                None => "fact.urban".into(),
            },
            15 => match self.fired_rule()? {
                Some(r) => format!("fired({r})"),
                None => "fact.urban".into(),
            },
            1 => format!("fact.area == \"{}\"", self.pick(&["city", "rural"])?),
            2 => format!("\"{}\" in fact.services", self.pick(&["bus", "school", "a"])?),
            3 => format!("decision.kind in [\"school_network\", \"{}\"]", self.pick(&["budget", "x"])?),
            4 => "fact.urban".into(),
            5 if alt => format!("q_screen == {}", self.pick(&["yes", "no", "unknown"])?),
            6 if alt => format!("q_choice {} \"{}\"", self.pick(&["==", "!="])?, self.pick(&["a", "b", "item1-3"])?),
            7 if alt => "alternative.is_zero".into(),
            8 if alt => format!("mitigated({})", self.group()?),
            9 if alt => format!("applies({})", self.pick(&["q_screen", "q_num", "q_impact", "q_text"])?),
            10 if alt => format!("answered({})", self.pick(&["q_screen", "q_num", "q_impact", "q_text", "q_choice"])?),
            11 => match self.var(Var::Group)? {
                Some(g) => format!("{g}.vulnerable"),
                None => "answered(fact.cost)".into(),
            },
            12 => match self.var(Var::Cell)? {
                Some(c) => {
                    let (scale, levels) = SCALES[self.u.choose_index(SCALES.len())?];
                    let level = self.pick(levels)?;
                    let op = self.pick(&["<", "<=", ">", ">=", "==", "!="])?;
                    format!("{c}.{scale} {op} {scale}.{level}")
                }
                None => "not fact.urban".into(),
            },
            13 => match self.var(Var::Cell)? {
                Some(c) => format!("{c}.{}", self.pick(&["mitigated", "mixed", "unknown"])?),
                None => "fact.note == \"x\"".into(),
            },
            14 => match self.var(Var::Domain)? {
                Some(d) => format!("{d}.perspective == residents"),
                None => "alternative.kind == \"proposal\"".replace("alternative.kind", "decision.title"),
            },
            _ => format!("fact.cost > {}", self.number_literal()?),
        })
    }
}

/// A checklist source that almost always compiles, and whether its `cost`
/// fact has the narrow range `0..10`.
pub fn checklist(u: &mut Unstructured) -> Result<(String, bool)> {
    let mut src = String::new();
    src += &format!("checklist fz {{ title {L} version \"1\" }}\n");
    for p in PERSPECTIVES {
        src += &format!("perspective {p} {{ label {L} }}\n");
    }
    for (d, p) in DOMAINS.iter().zip(["residents", "residents", "nature"]) {
        src += &format!("domain {d} {{ label {L} perspective {p} }}\n");
    }
    src += &format!("group everyone {{ label {L} }}\n");
    src += &format!("group kids {{ label {L} age 0..17 vulnerable parent everyone }}\n");
    src += &format!("group elders {{ label {L} age 65..120 vulnerable parent everyone }}\n");
    src += &format!("group kid_elders {{ label {L} parent kids, elders }}\n");
    let narrow = u.ratio(1, 2)?;
    let (lo, hi) = if narrow { ("0", "10") } else { ("-1_000_000", "1_000_000_000") };
    src += &format!("fact cost: number {{ label {L} range {lo}..{hi} }}\n");
    src += &format!("fact note: text {{ label {L} }}\n");
    src += &format!("fact urban: flag {{ label {L} }}\n");
    src += &format!("fact area: choice {{ label {L} option city {{ label {L} }} option rural {{ label {L} }} }}\n");
    src += &format!("fact services: list {{ label {L} }}\n");
    src += &format!("question q_screen: screening {{ text {L} required }}\n");
    src += &format!(
        "question q_choice: choice {{ text {L} option a 2 {{ label {L} }} option b -0.5 {{ label {L} }} option \"item1-3\" 1 {{ label {L} }} }}\n"
    );
    src += &format!("question q_num: number {{ text {L} range -100..100 required }}\n");
    src += &format!("question q_text: text {{ text {L} }}\n");
    src += &format!("question q_impact: impact {{ text {L} domains health, mobility groups kids, elders required }}\n");
    if u.ratio(1, 3)? {
        let mut weights = Vec::new();
        for _ in 0..3 {
            weights.push(match u.int_in_range(0..=4)? {
                0 => "0".to_string(),
                1 => "1_000_000".to_string(),
                2 => "-1_000_000".to_string(),
                3 => "0.5".to_string(),
                _ => u.int_in_range(1..=5u32)?.to_string(),
            });
        }
        let multiplies = if u.ratio(3, 4)? { "multiplies" } else { "" };
        src += &format!(
            "scale magnitude {{ label {L} {multiplies} level minimal {} {{ label {L} }} level moderate {} {{ label {L} }} level severe {} {{ label {L} }} }}\n",
            weights[0], weights[1], weights[2]
        );
    }
    let questions = u.int_in_range(0..=2)?;
    for i in 0..questions {
        let mut g = Gen {
            u: &mut *u,
            scope: Scope::Question,
            scores: 0,
            levels: Vec::new(),
            rules: Vec::new(),
            vars: Vec::new(),
            depth: 0,
        };
        let when = g.cond()?;
        src += &format!("question gq{i}: screening {{ text {L} when {when} }}\n");
    }
    let scores = u.int_in_range(0..=3)?;
    // Levels first: a score's value may read the levels of those before it.
    let mut levels = Vec::with_capacity(scores);
    let mut level_sources = Vec::with_capacity(scores);
    for _ in 0..scores {
        let wanted = if u.ratio(1, 2)? { u.int_in_range(1..=4usize)? } else { 0 };
        let (source, written) = score_levels(u, wanted)?;
        levels.push(written);
        level_sources.push(source);
    }
    for i in 0..scores {
        let mut g = Gen {
            u: &mut *u,
            scope: Scope::Alternative,
            scores: i,
            levels: levels.clone(),
            rules: Vec::new(),
            vars: Vec::new(),
            depth: 0,
        };
        let value = g.num()?;
        src += &format!("score s{i} {{ label {L} value {value} {} }}\n", level_sources[i]);
    }
    let rules = u.int_in_range(1..=4)?;
    let mut rules_each = Vec::new();
    for i in 0..rules {
        let each = match u.int_in_range(0..=2)? {
            0 => "",
            1 => "each alternative",
            _ => "each proposal",
        };
        let scope = if each.is_empty() { Scope::Decision } else { Scope::Alternative };
        let kind =
            ["info", "warning", "required", "verdict none", "verdict light", "verdict full"][u.choose_index(6)?];
        let mut g = Gen {
            u: &mut *u,
            scope,
            scores,
            levels: levels.clone(),
            rules: rules_each.clone(),
            vars: Vec::new(),
            depth: 0,
        };
        let when = g.cond()?;
        // A value in the message (written in a string, so its quotes escaped).
        let shown = (if g.u.ratio(1, 3)? { g.num()? } else { g.cond()? }).replace('"', "\\\"");
        let message = format!("fi \"x {{{shown}}}\" sv \"x {{{{\" en \"x {{{shown}}} }}}}\"");
        src += &format!("rule r{i}: {kind} {{ {each} when {when} message {message} }}\n");
        rules_each.push(!each.is_empty());
    }
    Ok((src, narrow))
}

/// Up to `n` levels of a score, thresholds increasing (from the tiny to
/// the largest allowed, so rounding and extremes are exercised), and how
/// many were written.
fn score_levels(u: &mut Unstructured, n: usize) -> Result<(String, usize)> {
    let mut out = String::new();
    let mut from: f64 = -1e15;
    for i in 0..n {
        if i == 0 {
            out += &format!("level l0 {{ label {L} }} ");
            continue;
        }
        let next = match u.int_in_range(0..=3)? {
            0 => from + 0.000_001,
            1 => from + f64::from(u.int_in_range(1..=100u32)?) / 4.0,
            2 => from.max(-1.0) + 1.0,
            _ => 1e15_f64.min(from + 1e14),
        };
        // Near 1e15 a small step is lost to rounding: stop rather than
        // write levels out of order (E0110).
        if next <= from || next > 1e15 {
            return Ok((out, i));
        }
        from = next;
        out += &format!("level l{i} from {from} {{ label {L} }} ");
    }
    Ok((out, n))
}

fn number(u: &mut Unstructured, lo: f64, hi: f64) -> Result<Value> {
    Ok(match u.int_in_range(0..=5)? {
        0 => json!(lo),
        1 => json!(hi),
        2 => json!(null),
        3 => json!(u.int_in_range(0..=10i64)?),
        _ => json!(lo + (hi - lo) * f64::from(u.int_in_range(0..=1000u32)?) / 1000.0),
    })
}

/// A decision that binds to the generated checklist.
pub fn decision(u: &mut Unstructured, narrow: bool) -> Result<Value> {
    let mut facts = serde_json::Map::new();
    if u.ratio(3, 4)? {
        let (lo, hi) = if narrow { (0.0, 10.0) } else { (-1_000_000.0, 1_000_000_000.0) };
        facts.insert("cost".into(), number(u, lo, hi)?);
    }
    if u.arbitrary()? {
        facts.insert("note".into(), json!(["x", "y", "ä ✓ \u{202e}"][u.choose_index(3)?]));
    }
    if u.arbitrary()? {
        facts.insert("urban".into(), json!(u.arbitrary::<bool>()?));
    }
    if u.arbitrary()? {
        facts.insert("area".into(), json!(["city", "rural"][u.choose_index(2)?]));
    }
    if u.arbitrary()? {
        let n = u.int_in_range(0..=3)?;
        let items: Vec<&str> = (0..n).map(|i| ["bus", "school", "a"][i % 3]).collect();
        facts.insert("services".into(), json!(items));
    }
    let n = u.int_in_range(1..=4)?;
    let mut alternatives = Vec::new();
    for a in 0..n {
        let kind = if a == 0 { "zero" } else { ["proposal", "other", "zero"][u.choose_index(3)?] };
        let mut answers = serde_json::Map::new();
        if u.arbitrary()? {
            answers.insert("q_screen".into(), json!(["yes", "no", "unknown"][u.choose_index(3)?]));
        }
        if u.arbitrary()? {
            answers.insert("q_choice".into(), json!(["a", "b", "item1-3"][u.choose_index(3)?]));
        }
        if u.arbitrary()? {
            answers.insert("q_num".into(), number(u, -100.0, 100.0)?);
        }
        if u.arbitrary()? {
            answers.insert("q_text".into(), json!("text"));
        }
        let mut impacts = Vec::new();
        let mut used = std::collections::HashSet::new();
        for _ in 0..u.int_in_range(0..=8)? {
            let group = GROUPS[u.choose_index(GROUPS.len())?];
            let domain = DOMAINS[u.choose_index(DOMAINS.len())?];
            let question = u.ratio(1, 3)? && group != "everyone" && group != "kid_elders" && domain != "climate";
            if !used.insert((group, domain, question)) {
                continue;
            }
            let direction = match u.int_in_range(0..=6)? {
                5 => json!("mixed"),
                6 => json!("unknown"),
                d => json!(d - 2),
            };
            let mut cell = json!({"group": group, "domain": domain, "direction": direction});
            if question {
                cell["question"] = json!("q_impact");
            }
            for (scale, levels) in SCALES {
                if u.arbitrary()? {
                    cell[*scale] = json!(levels[u.choose_index(levels.len())?]);
                }
            }
            if u.arbitrary()? {
                cell["mitigation"] = json!(["", "  ", "yes"][u.choose_index(3)?]);
            }
            impacts.push(cell);
        }
        alternatives.push(json!({"id": format!("alt{a}"), "kind": kind, "answers": answers, "impacts": impacts}));
    }
    Ok(json!({
        "id": "g",
        "title": "Generated",
        "kind": (["school_network", "budget"][u.choose_index(2)?]),
        "facts": facts,
        "alternatives": alternatives,
    }))
}

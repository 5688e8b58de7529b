//! Syntax trees to the checked model: resolves every name, checks every
//! property and type, finds duplicates, cycles and questions that can never
//! apply, and reports *all* problems found, each with a code and a hint.
//!
//! Declarations are read in two passes: first every id goes into one
//! namespace (so order in the file never matters), then each declaration's
//! properties and expressions are checked against it.

use crate::message::Message;
use crate::t;
use std::collections::HashMap;
use std::sync::Arc;

use crate::checklist::defaults::default_scale;
use crate::checklist::message::{self, MessageValue};
use crate::checklist::model::*;
use crate::checklist::typing::{ExprChecker, Names, Ty};
use crate::diagnostic::{Collector, Diagnostic, did_you_mean};
use crate::syntax::ast::{self, Arg, DeclKind, Ident, PropValue};
use crate::syntax::parser::parse_placeholder;
use crate::syntax::source::{SourceMap, Span};

/// One parsed file and the name it was loaded as.
pub(crate) struct ParsedFile {
    pub name: String,
    pub tree: ast::File,
}

/// Checks parsed files (the root file last, imports before it) into a model.
pub(crate) fn check(sources: Arc<SourceMap>, files: &[ParsedFile]) -> Result<Model, Vec<Diagnostic>> {
    let mut cx =
        Cx { sources: &sources, diags: Collector::default(), languages: vec!["fi".into(), "sv".into(), "en".into()] };
    let root = files.last();
    let decls: Vec<&ast::Decl> = files.iter().flat_map(|f| f.tree.decls.iter()).collect();
    let meta = root
        .map(|r| r.tree.decls.iter().filter(|d| d.kind == DeclKind::Checklist).collect::<Vec<_>>())
        .unwrap_or_default();
    let (id, version, title, source) = cx.checklist_meta(&meta, root.map_or(Span::default(), file_start));
    let names = cx.namespace(&decls);
    cx.no_kind_where_none_is_taken(&decls);
    let mut model = Model {
        id,
        version,
        title,
        languages: cx.languages.clone(),
        source,
        // Files come imports first, root last: that is the load order.
        imports: files.iter().take(files.len().saturating_sub(1)).map(|f| f.name.clone()).collect(),
        perspectives: Vec::new(),
        domains: Vec::new(),
        groups: Vec::new(),
        scales: ScaleId::ALL.into_iter().map(default_scale).collect(),
        facts: Vec::new(),
        questions: Vec::new(),
        scores: Vec::new(),
        rules: Vec::new(),
        score_order: Vec::new(),
        question_order: Vec::new(),
        rule_order: Vec::new(),
        warnings: Vec::new(),
        ids: FastMap::default(),
        impact_slots: FastMap::default(),
        vocabulary: Arc::default(),
        sources: sources.clone(),
    };
    let names_ref = &names;
    let of = |kind| decls.iter().copied().filter(move |d: &&ast::Decl| d.kind == kind && names_ref.owns(d));
    for d in of(DeclKind::Perspective) {
        let mut p = cx.props(d, &["label"]);
        let label = cx.text(&mut p, "label", true).unwrap_or_default();
        cx.finish(p);
        model.perspectives.push(Perspective { id: d.id.name.clone(), label });
    }
    for d in of(DeclKind::Domain) {
        let domain = cx.domain(d, &names);
        model.domains.push(domain);
    }
    for d in of(DeclKind::Group) {
        let group = cx.group(d, &names);
        model.groups.push(group);
    }
    for d in of(DeclKind::Scale) {
        if let Some(scale) = cx.scale(d) {
            let slot = scale.id as usize;
            model.scales[slot] = scale;
        }
    }
    for d in of(DeclKind::Fact) {
        let fact = cx.fact(d);
        model.facts.push(fact);
    }
    let question_decls: Vec<&ast::Decl> = of(DeclKind::Question).collect();
    for d in &question_decls {
        let question = cx.question(d, &names);
        model.questions.push(question);
    }
    let score_decls: Vec<&ast::Decl> = of(DeclKind::Score).collect();
    let rule_decls: Vec<&ast::Decl> = of(DeclKind::Rule).collect();
    cx.check_group_cycles(&model, &of(DeclKind::Group).collect::<Vec<_>>());

    // Expressions come last: they may name anything declared anywhere.
    let mut question_deps = Vec::new();
    for (i, d) in question_decls.iter().enumerate() {
        let mut p = cx.props(d, QUESTION_PROPS);
        let when = p.take("when").and_then(|prop| cx.expr_prop(prop));
        p.ignore_rest();
        let errors_before = cx.diags.diagnostics().len();
        let (expr, deps) = when.map_or((None, Vec::new()), |e| {
            let (expr, deps) = cx.condition(&model, &names, e, Scope::Question);
            (Some(expr), deps)
        });
        model.questions[i].when = expr;
        // A condition with errors has been replaced by a placeholder, so
        // whether it can hold is not known: skip the reachability check.
        let checked = cx.diags.diagnostics().len() == errors_before;
        question_deps.push(QuestionCondition { span: when.map(|e| e.span), deps, checked });
    }
    let mut score_deps = Vec::new();
    for d in &score_decls {
        let mut p = cx.props(d, &["label", "value"]);
        let label = cx.text(&mut p, "label", true).unwrap_or_default();
        let value = cx.required_expr(&mut p, "value", d);
        cx.finish(p);
        let (value, deps) = match value {
            Some(e) => {
                let mut checker = cx.checker(&model, &names, true);
                let (expr, ty) = checker.check(e, cx.sources);
                if !matches!(ty, Ty::Num | Ty::Error) {
                    checker.diag(
                        Diagnostic::error(
                            "E0205",
                            t!("a score's value must be a number, but this is {}", ty.describe()),
                        )
                        .with_help(t!(
                            "compute a number, e.g. `impact(children)` or `count g in groups: impact(g) < 0`"
                        ))
                        .at_span(cx.sources, e.span),
                    );
                }
                let deps = checker.scores_used.clone();
                cx.absorb(&mut checker);
                (expr, deps)
            }
            None => (Expr::Const(Value::Missing), Vec::new()),
        };
        model.scores.push(Score { id: d.id.name.clone(), label, value });
        score_deps.push(deps);
    }
    // Rules in two passes: every rule's scope must be known before any
    // condition is checked, because `fired(r)` reads as `r` is scoped.
    let mut rule_conditions = Vec::with_capacity(rule_decls.len());
    for d in &rule_decls {
        let (rule, when) = cx.rule(d);
        model.rules.push(rule);
        rule_conditions.push(when);
    }
    let mut rule_deps = Vec::with_capacity(rule_decls.len());
    for (r, (when, d)) in rule_conditions.into_iter().zip(&rule_decls).enumerate() {
        let scope = if model.rules[r].scope == RuleScope::Decision { Scope::Decision } else { Scope::Alternative };
        let (values, mut deps) = cx.message_values(&model, &names, d, scope);
        if let Some(e) = when {
            let (when, when_deps) = cx.rule_condition(&model, &names, e, scope);
            model.rules[r].when = when;
            deps.extend(when_deps);
        }
        model.rules[r].message_values = values;
        rule_deps.push(deps);
    }
    model.score_order = cx.order(&score_deps, &score_decls, "E0401", "score");
    model.rule_order = cx.order(&rule_deps, &rule_decls, "E0403", "rule");
    let deps: Vec<Vec<usize>> = question_deps.iter().map(|c| c.deps.clone()).collect();
    model.question_order = cx.order(&deps, &question_decls, "E0502", "question");
    cx.check_reachability(&model, &question_decls, &question_deps);

    // Report in source order, so a reader can work down the file.
    cx.diags.diagnostics_mut().sort_by_key(|d| (d.file.clone(), d.line, d.column));
    let (errors, warnings): (Vec<_>, Vec<_>) =
        cx.diags.finish().into_iter().partition(|d| d.severity == crate::diagnostic::Severity::Error);
    if errors.is_empty() {
        model.warnings = warnings;
        model.vocabulary = Arc::new(crate::report::assemble::vocabulary(&model));
        model.ids = id_index(&model);
        model.impact_slots = impact_slots(&model);
        Ok(model)
    } else {
        Err(errors.into_iter().chain(warnings).collect())
    }
}

fn impact_slots(model: &Model) -> FastMap<(usize, usize), Vec<usize>> {
    let mut slots: FastMap<(usize, usize), Vec<usize>> = FastMap::default();
    for (q, question) in model.questions.iter().enumerate() {
        if !matches!(question.kind, QuestionKind::Impact) {
            continue;
        }
        for &g in &question.groups {
            for &d in &question.domains {
                slots.entry((g, d)).or_default().push(q);
            }
        }
    }
    slots
}

fn id_index(model: &Model) -> FastMap<String, Entity> {
    let groups = model.groups.iter().enumerate().map(|(i, g)| (g.id.clone(), Entity::Group(i)));
    let domains = model.domains.iter().enumerate().map(|(i, d)| (d.id.clone(), Entity::Domain(i)));
    let questions = model.questions.iter().enumerate().map(|(i, q)| (q.id.clone(), Entity::Question(i)));
    let facts = model.facts.iter().enumerate().map(|(i, f)| (f.id.clone(), Entity::Fact(i)));
    groups.chain(domains).chain(questions).chain(facts).collect()
}

fn file_start(file: &ParsedFile) -> Span {
    file.tree.decls.first().map_or(Span::default(), |d| Span { end: d.span.start, ..d.span })
}

/// A question's condition, as the dependency and reachability checks see it.
struct QuestionCondition {
    /// Where the condition is written.
    span: Option<Span>,
    /// Questions it reads.
    deps: Vec<usize>,
    /// Checked without errors.
    checked: bool,
}

const QUESTION_PROPS: &[&str] =
    &["text", "help", "domain", "domains", "groups", "when", "required", "option", "range", "unit"];

/// The largest weight of a scale level. Six multiplying scales and a
/// direction of 2 keep a cell's score below 1e37, so no sum of cells
/// overflows.
const MAX_WEIGHT: f64 = 1_000_000.0;

/// Ids that cannot be declared because expressions give them a meaning.
const RESERVED: &[&str] = &["yes", "no", "unknown", "mixed", "fact", "decision", "alternative", "impact"];

/// Where a condition is evaluated.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// A rule without `each`: the whole decision.
    Decision,
    /// A rule with `each`: one alternative.
    Alternative,
    /// A question's `when`: one alternative, before scores exist.
    Question,
}

struct Cx<'a> {
    sources: &'a SourceMap,
    diags: Collector,
    languages: Vec<String>,
}

/// The properties of one declaration, with a record of which were read, so
/// unknown and repeated ones can be reported.
struct Props<'a> {
    kind: &'static str,
    at: Span,
    props: &'a [ast::Prop],
    used: Vec<bool>,
    allowed: &'static [&'static str],
}

impl<'a> Props<'a> {
    /// The property with this key; a second one is an error reported by `finish`.
    /// The property with this key. Later copies are marked as read too, so
    /// `finish` reports them as repeated rather than unknown.
    fn take(&mut self, key: &str) -> Option<&'a ast::Prop> {
        let i = self.props.iter().position(|p| p.key.name == key)?;
        for (used, p) in self.used.iter_mut().zip(self.props) {
            *used |= p.key.name == key;
        }
        Some(&self.props[i])
    }

    /// Every property with this key (for repeatable ones such as `level`).
    fn take_all(&mut self, key: &str) -> Vec<&'a ast::Prop> {
        let mut out = Vec::new();
        for (i, p) in self.props.iter().enumerate() {
            if p.key.name == key {
                self.used[i] = true;
                out.push(p);
            }
        }
        out
    }

    /// Whether some property looks like a misspelling of `key` (then the
    /// "unknown property" error covers it and "missing" would be noise).
    fn misspelt(&self, key: &str) -> bool {
        self.props.iter().any(|p| p.key.name != key && did_you_mean(&p.key.name, [key]).is_some())
    }

    /// Marks everything as read (for a second pass over the same props).
    fn ignore_rest(&mut self) {
        self.used.iter_mut().for_each(|u| *u = true);
    }
}

impl<'a> Cx<'a> {
    fn error(&mut self, code: &str, span: Span, message: Message, help: Message) {
        let sources = self.sources;
        self.diags.push_with(|| Diagnostic::error(code, message).with_help(help).at_span(sources, span));
    }

    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// A checker for one expression, with the room left for diagnostics.
    fn checker<'m>(&self, model: &'m Model, names: &'m Names, alt_scope: bool) -> ExprChecker<'m> {
        let mut checker = ExprChecker::new(model, names, alt_scope);
        checker.diags = Collector::with_room(self.diags.left());
        checker
    }

    /// Takes over an expression checker's diagnostics.
    fn absorb(&mut self, checker: &mut ExprChecker) {
        self.diags.absorb(std::mem::take(&mut checker.diags));
    }

    fn props<'p>(&self, decl: &'p ast::Decl, allowed: &'static [&'static str]) -> Props<'p> {
        Props {
            kind: decl.kind.keyword(),
            at: decl.id.span,
            props: &decl.props,
            used: vec![false; decl.props.len()],
            allowed,
        }
    }

    fn item_props<'p>(&self, item: &'p ast::Item, kind: &'static str, allowed: &'static [&'static str]) -> Props<'p> {
        Props { kind, at: item.id.span, props: &item.props, used: vec![false; item.props.len()], allowed }
    }

    /// Reports unknown and repeated properties.
    fn finish(&mut self, props: Props) {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for (p, used) in props.props.iter().zip(&props.used) {
            let key = p.key.name.as_str();
            if !used && props.allowed.contains(&key) {
                // A property of this declaration, but not of this kind of it
                // (e.g. `option` on a screening question).
                self.error(
                    "E0104",
                    p.key.span,
                    t!("`{key}` does not apply to this kind of {}", props.kind ; key = key),
                    t!("remove it, or change the {}'s kind", props.kind),
                );
            } else if !used {
                let hint = match did_you_mean(key, props.allowed.iter().copied()) {
                    Some(s) => t!("did you mean `{}`?", s),
                    None => t!("a {} takes: {}", props.kind, props.allowed.join(", ")),
                };
                self.error("E0104", p.key.span, t!("a {} has no property `{key}`", props.kind ; key = key), hint);
            } else if !matches!(key, "level" | "option") {
                if let Some(first) = seen.get(key) {
                    let line = self.sources.get(first.file).map_or(0, |f| f.line_col(first.start).line);
                    self.push(
                        Diagnostic::error("E0107", t!("`{key}` is given twice", key = key))
                            .with_help(t!("keep one of them"))
                            .with_note(t!("first given on line {line}", line = line))
                            .at_span(self.sources, p.key.span),
                    );
                } else {
                    seen.insert(key, p.key.span);
                }
            }
        }
    }

    fn missing(&mut self, decl_span: Span, id: &Ident, kind: &str, key: &str, example: &str) {
        let span = if id.name.is_empty() { decl_span } else { id.span };
        self.error(
            "E0106",
            span,
            t!("{kind} `{}` needs a `{key}`", id.name ; kind = kind, key = key),
            t!("add a line such as `{key} {example}`", key = key, example = example),
        );
    }

    fn checklist_meta(&mut self, meta: &[&ast::Decl], root: Span) -> (String, String, Text, Option<String>) {
        let Some(decl) = meta.first() else {
            self.error(
                "E0109",
                root,
                t!("this file has no `checklist` declaration"),
                t!("start the file with `checklist my_id { title fi \"...\" sv \"...\" en \"...\" version \"1.0\" }`; files without one can only be imported"),
            );
            return (String::new(), String::new(), Text::new(), None);
        };
        for extra in &meta[1..] {
            self.error(
                "E0109",
                extra.id.span,
                t!("a file can hold only one `checklist` declaration"),
                t!("remove this one or move it to its own file"),
            );
        }
        let mut p = self.props(decl, &["title", "version", "languages", "source", "description"]);
        if let Some(prop) = p.take("languages") {
            let langs = self.names(prop);
            if langs.is_empty() {
                self.error(
                    "E0107",
                    prop.span,
                    t!("`languages` needs at least one language"),
                    t!("write e.g. `languages fi, sv, en`"),
                );
            } else {
                for l in &langs {
                    if !is_language_tag(&l.name) {
                        self.error(
                            "E0302",
                            l.span,
                            t!("`{}` is not a language tag", l.name),
                            t!("use a two- or three-letter code such as `fi`, `sv`, `en`, `se`"),
                        );
                    }
                }
                self.languages = langs.into_iter().map(|l| l.name).collect();
            }
        }
        let title = self.text(&mut p, "title", true).unwrap_or_default();
        let version = self.string(&mut p, "version");
        if version.is_none() && p.props.iter().all(|x| x.key.name != "version") {
            self.missing(decl.span, &decl.id, "checklist", "version", "\"1.0\"");
        }
        let source = self.string(&mut p, "source");
        let _ = self.text(&mut p, "description", false);
        self.finish(p);
        (decl.id.name.clone(), version.unwrap_or_default(), title, source)
    }

    /// E0108 for `group x: something`: only facts, questions and rules have kinds.
    fn no_kind_where_none_is_taken(&mut self, decls: &[&ast::Decl]) {
        for d in decls {
            if let (false, Some(word)) =
                (matches!(d.kind, DeclKind::Fact | DeclKind::Question | DeclKind::Rule), d.sort.first())
            {
                self.error(
                    "E0108",
                    word.span,
                    t!("a {} has no kind, but `{}` is given after `:`", d.kind.keyword(), word.name),
                    t!("remove `: {}`; properties go inside the braces", word.name),
                );
            }
        }
    }

    /// Builds the namespace of all ids; reports duplicates and reserved ids.
    fn namespace(&mut self, decls: &[&ast::Decl]) -> Names {
        let mut names = Names::default();
        let mut counts: HashMap<DeclKind, usize> = HashMap::new();
        for d in decls {
            if d.kind == DeclKind::Checklist {
                continue;
            }
            let id = &d.id;
            if RESERVED.contains(&id.name.as_str()) {
                self.error(
                    "E0105",
                    id.span,
                    t!("`{}` is a reserved word in expressions and cannot be an id", id.name),
                    t!("choose another id"),
                );
                continue;
            }
            if d.kind == DeclKind::Scale {
                let Some(scale) = ScaleId::from_name(&id.name) else {
                    let names = ScaleId::ALL.map(ScaleId::name);
                    let hint = did_you_mean(&id.name, names).map_or_else(
                        || t!("the scales that can be redefined are: {}", names.join(", ")),
                        |s| t!("did you mean `{}`?", s),
                    );
                    self.error("E0107", id.span, t!("there is no scale `{}` to redefine", id.name), hint);
                    continue;
                };
                // Files arrive imports first, so a later file imports the
                // earlier one: its redefinition wins. Twice in one file is a mistake.
                if let Some(first) = names.scale_decls.insert(scale, id.span)
                    && first.file == id.span.file
                {
                    self.duplicate(id, first);
                }
                continue;
            }
            if ScaleId::from_name(&id.name).is_some() {
                self.error(
                    "E0105",
                    id.span,
                    t!("`{}` is the name of a scale and cannot be an id", id.name),
                    t!("choose another id"),
                );
                continue;
            }
            let index = counts.entry(d.kind).or_default();
            match names.insert(&id.name, d.kind, *index, id.span) {
                Ok(()) => *index += 1,
                Err(first) => self.duplicate(id, first),
            }
        }
        names
    }

    fn duplicate(&mut self, id: &Ident, first: Span) {
        let at = self
            .sources
            .get(first.file)
            .map(|f| format!("{}:{}", f.name, f.line_col(first.start).line))
            .unwrap_or_default();
        self.push(
            Diagnostic::error("E0102", t!("`{}` is declared twice", id.name))
                .with_help(t!(
                    "ids are shared by all declarations of a checklist, imports included: rename one of them"
                ))
                .with_note(t!("first declared at {at}", at = at))
                .at_span(self.sources, id.span),
        );
    }

    fn domain(&mut self, d: &ast::Decl, names: &Names) -> Domain {
        let mut p = self.props(d, &["label", "perspective", "help"]);
        let label = self.text(&mut p, "label", true).unwrap_or_default();
        let _ = self.text(&mut p, "help", false);
        let perspective = match p.take("perspective") {
            Some(prop) => self.refs(prop, names, DeclKind::Perspective).first().copied(),
            None => {
                self.missing(d.span, &d.id, "domain", "perspective", "residents");
                None
            }
        };
        self.finish(p);
        Domain { id: d.id.name.clone(), label, perspective: perspective.unwrap_or(0) }
    }

    fn group(&mut self, d: &ast::Decl, names: &Names) -> Group {
        let mut p = self.props(
            d,
            &["label", "definition", "age", "basis", "vulnerable", "category", "parent", "help", "national_language"],
        );
        let label = self.text(&mut p, "label", true).unwrap_or_default();
        let definition = self.text(&mut p, "definition", false);
        let _ = self.text(&mut p, "help", false);
        let age = self.range(&mut p, "age");
        let basis = self.string(&mut p, "basis");
        let vulnerable = self.flag(&mut p, "vulnerable");
        let category = self.category(&mut p);
        let parents = p.take("parent").map(|prop| self.refs(prop, names, DeclKind::Group)).unwrap_or_default();
        let national_language = self.national_language(&mut p);
        self.finish(p);
        Group { id: d.id.name.clone(), label, definition, age, basis, vulnerable, category, parents, national_language }
    }

    /// `national_language fi | sv`.
    fn national_language(&mut self, p: &mut Props) -> Option<NationalLanguage> {
        let prop = p.take("national_language")?;
        let name = self.names(prop).first().cloned()?;
        let found = NationalLanguage::parse(&name.name);
        if found.is_none() {
            self.error("E0101", name.span, t!("unknown national language `{}`", name.name), t!("write `fi` or `sv`"));
        }
        found
    }

    /// `category everyone | staff | organisations | population`; a group
    /// without one is a population group.
    fn category(&mut self, p: &mut Props) -> GroupCategory {
        let Some(prop) = p.take("category") else {
            return GroupCategory::Population;
        };
        let Some(name) = self.names(prop).first().cloned() else {
            return GroupCategory::Population;
        };
        GroupCategory::from_name(&name.name).unwrap_or_else(|| {
            let names = GroupCategory::ALL.map(GroupCategory::name);
            let hint = did_you_mean(&name.name, names.iter().copied())
                .map_or_else(|| t!("write one of {}", names.join(", ")), |s| t!("did you mean `{}`?", s));
            self.error("E0101", name.span, t!("unknown group category `{}`", name.name), hint);
            GroupCategory::Population
        })
    }

    /// E0402 for every group that is its own ancestor: exactly the groups
    /// on a cycle of `parent` links (in a strongly connected component of
    /// more than one group, or linked to themselves). Tarjan's algorithm,
    /// without recursion, finds them in linear time; a search from every
    /// group took quadratic time on a long chain of parents.
    fn check_group_cycles(&mut self, model: &Model, decls: &[&ast::Decl]) {
        let n = model.groups.len();
        let parents = |g: usize| model.groups.get(g).map_or(&[][..], |g| &g.parents);
        const NONE: usize = usize::MAX;
        let (mut index, mut low, mut on_stack, mut on_cycle) =
            (vec![NONE; n], vec![0; n], vec![false; n], vec![false; n]);
        let (mut stack, mut next) = (Vec::new(), 0);
        for root in 0..n {
            if index[root] != NONE {
                continue;
            }
            let mut work = vec![(root, 0usize)];
            (index[root], low[root], on_stack[root]) = (next, next, true);
            next += 1;
            stack.push(root);
            while let Some(&(v, i)) = work.last() {
                if let Some(&w) = parents(v).get(i) {
                    if let Some(top) = work.last_mut() {
                        top.1 += 1;
                    }
                    if w >= n {
                        continue;
                    }
                    if index[w] == NONE {
                        (index[w], low[w], on_stack[w]) = (next, next, true);
                        next += 1;
                        stack.push(w);
                        work.push((w, 0));
                    } else if on_stack[w] {
                        low[v] = low[v].min(index[w]);
                    }
                    continue;
                }
                work.pop();
                if let Some(&(u, _)) = work.last() {
                    low[u] = low[u].min(low[v]);
                }
                if low[v] == index[v] {
                    let mut component = Vec::new();
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        component.push(w);
                        if w == v {
                            break;
                        }
                    }
                    if component.len() > 1 || parents(v).contains(&v) {
                        component.into_iter().for_each(|w| on_cycle[w] = true);
                    }
                }
            }
        }
        for (g, decl) in decls.iter().enumerate() {
            if on_cycle.get(g).copied().unwrap_or(false) {
                self.error(
                    "E0402",
                    decl.id.span,
                    t!("group `{}` is its own ancestor through `parent`", decl.id.name),
                    t!("a group's parents must be wider groups; remove one `parent` link in the loop"),
                );
            }
        }
    }

    fn scale(&mut self, d: &ast::Decl) -> Option<Scale> {
        let id = ScaleId::from_name(&d.id.name)?;
        let mut p = self.props(d, &["label", "level", "multiplies", "default"]);
        let label = self.text(&mut p, "label", true).unwrap_or_default();
        let mut levels: Vec<Level> = Vec::new();
        for prop in p.take_all("level") {
            let PropValue::Item(item) = &prop.value else { continue };
            if !crate::syntax::parser::is_plain_id(&item.id.name) {
                self.error(
                    "E0107",
                    item.id.span,
                    t!("a level id must be a name (letters, digits and `_`, not a reserved word)"),
                    t!("expressions name levels as `scale.level`; only option ids may be quoted"),
                );
            }
            let mut ip = self.item_props(item, "level", &["label"]);
            let label = self.text(&mut ip, "label", true).unwrap_or_default();
            self.finish(ip);
            if levels.iter().any(|l| l.id == item.id.name) {
                self.error(
                    "E0102",
                    item.id.span,
                    t!("level `{}` is declared twice", item.id.name),
                    t!("rename or remove one of them"),
                );
            }
            let weight = match item.number {
                Some((w, _)) if w.abs() <= MAX_WEIGHT => w,
                Some((_, span)) => {
                    // Bounded so that cell scores and their sums stay finite.
                    self.error(
                        "E0107",
                        span,
                        t!("the weight is too large"),
                        t!("use a number from -1_000_000 to 1_000_000, such as `2` or `0.5`"),
                    );
                    0.0
                }
                None => levels.len() as f64 + 1.0,
            };
            levels.push(Level { id: item.id.name.clone(), label, weight });
        }
        if levels.is_empty() {
            self.missing(d.span, &d.id, "scale", "level", "moderate 2 { label fi \"...\" sv \"...\" en \"...\" }");
        }
        let multiplies = self.flag(&mut p, "multiplies");
        let default = match p.take("default") {
            Some(prop) => self.names(prop).first().and_then(|n| match levels.iter().position(|l| l.id == n.name) {
                Some(i) => Some(i),
                None => {
                    let hint = did_you_mean(&n.name, levels.iter().map(|l| l.id.as_str()))
                        .map_or(t!("name one of the levels above"), |s| t!("did you mean `{}`?", s));
                    self.error("E0101", n.span, t!("scale `{}` has no level `{}`", d.id.name, n.name), hint);
                    None
                }
            }),
            None => None,
        };
        self.finish(p);
        Some(Scale { id, label, multiplies, default, levels })
    }

    fn fact(&mut self, d: &ast::Decl) -> Fact {
        let mut p = self.props(d, &["label", "help", "unit", "range", "option"]);
        let label = self.text(&mut p, "label", true).unwrap_or_default();
        let _ = self.text(&mut p, "help", false);
        let unit = self.string(&mut p, "unit");
        let kind_name = self.sort(d, &["number", "text", "flag", "choice", "list"]);
        let range = if kind_name == Some("number") { self.range(&mut p, "range") } else { None };
        let options = if kind_name == Some("choice") { self.options(&mut p, d, false) } else { Vec::new() };
        self.finish(p);
        let kind = match kind_name {
            Some("text") => FactKind::Text,
            Some("flag") => FactKind::Flag,
            Some("choice") => FactKind::Choice(options),
            Some("list") => FactKind::List,
            _ => FactKind::Number { range },
        };
        Fact { id: d.id.name.clone(), label, kind, unit }
    }

    /// The declaration's kind word after the colon, checked against `allowed`.
    fn sort(&mut self, d: &ast::Decl, allowed: &[&'static str]) -> Option<&'static str> {
        let Some(word) = d.sort.first() else {
            self.error(
                "E0108",
                d.id.span,
                t!("{} `{}` needs a kind", d.kind.keyword(), d.id.name),
                t!(
                    "write `{} {}: {} {{ ... }}`; the kinds are: {}",
                    d.kind.keyword(),
                    d.id.name,
                    allowed[0],
                    allowed.join(", ")
                ),
            );
            return None;
        };
        let found = allowed.iter().copied().find(|a| *a == word.name);
        if found.is_none() {
            let hint = did_you_mean(&word.name, allowed.iter().copied())
                .map_or_else(|| t!("the kinds are: {}", allowed.join(", ")), |s| t!("did you mean `{}`?", s));
            self.error("E0108", word.span, t!("`{}` is not a kind of {}", word.name, d.kind.keyword()), hint);
        }
        found
    }

    /// E0107 for an option id no one could type or see: a quoted id
    /// (`option "item1-3"`) may hold any characters but control characters,
    /// and not be empty.
    fn quoted_option_id(&mut self, id: &ast::Ident) {
        if id.name.is_empty() || id.name.chars().any(char::is_control) || id.name.trim() != id.name {
            self.error(
                "E0107",
                id.span,
                t!("an option id cannot be empty, start or end with a space, or hold a line break or tab"),
                t!("write the id as the other system spells it, e.g. `option \"item1-3\" {{ label ... }}`"),
            );
        }
    }

    /// The options of a choice fact or question. Only a question's options
    /// may carry weights (`weighted`), and then all of them or none: a
    /// weight nothing reads, or an option silently weighing nothing, would
    /// make a score quietly wrong.
    fn options(&mut self, p: &mut Props, d: &ast::Decl, weighted: bool) -> Vec<Choice> {
        let mut options: Vec<Choice> = Vec::new();
        let mut unweighted: Option<&ast::Ident> = None;
        for prop in p.take_all("option") {
            let PropValue::Item(item) = &prop.value else { continue };
            if item.number.is_none() {
                unweighted = unweighted.or(Some(&item.id));
            }
            self.quoted_option_id(&item.id);
            let mut ip = self.item_props(item, "option", &["label"]);
            let label = self.text(&mut ip, "label", true).unwrap_or_default();
            self.finish(ip);
            if options.iter().any(|o| o.id == item.id.name) {
                self.error(
                    "E0102",
                    item.id.span,
                    t!("option `{}` is declared twice", item.id.name),
                    t!("rename or remove one of them"),
                );
            }
            let weight = match item.number {
                Some((_, span)) if !weighted => {
                    self.error(
                        "E0107",
                        span,
                        t!("option `{}` of a fact cannot have a weight", item.id.name),
                        t!("weights belong to options of a choice question, read with `weight(question)`; remove the number"),
                    );
                    None
                }
                Some((w, span)) if !w.is_finite() => {
                    self.error("E0107", span, t!("this weight is too large"), t!("use a number below 1e300"));
                    None
                }
                other => other.map(|(w, _)| w),
            };
            options.push(Choice { id: item.id.name.clone(), label, weight });
        }
        if let Some(bare) = unweighted
            && weighted
            && options.iter().any(|o| o.weight.is_some())
        {
            self.error(
                "E0107",
                bare.span,
                t!("option `{}` has no weight, but other options of `{}` have one", bare.name, d.id.name),
                t!("give every option a weight (`option {} 0 {{ ... }}`), or none", bare.name),
            );
        }
        if options.is_empty() {
            self.missing(d.span, &d.id, d.kind.keyword(), "option", "small { label fi \"...\" sv \"...\" en \"...\" }");
        }
        options
    }

    fn question(&mut self, d: &ast::Decl, names: &Names) -> Question {
        let mut p = self.props(d, QUESTION_PROPS);
        let kind_name = self.sort(d, &["screening", "impact", "choice", "number", "text"]);
        let text = self.text(&mut p, "text", true).unwrap_or_default();
        let help = self.text(&mut p, "help", false);
        let unit = self.string(&mut p, "unit");
        let mut domains: Vec<usize> = Vec::new();
        for key in ["domain", "domains"] {
            if let Some(prop) = p.take(key) {
                domains.extend(self.refs(prop, names, DeclKind::Domain));
            }
        }
        let groups = p.take("groups").map(|prop| self.refs(prop, names, DeclKind::Group)).unwrap_or_default();
        let required = self.flag(&mut p, "required");
        p.take("when");
        let kind = match kind_name {
            Some("impact") => {
                let has = |key: &str| d.props.iter().any(|x| x.key.name == key);
                if !has("domain") && !has("domains") {
                    self.missing(d.span, &d.id, "impact question", "domain", "mobility");
                }
                if !has("groups") {
                    self.missing(d.span, &d.id, "impact question", "groups", "children, older_people");
                }
                QuestionKind::Impact
            }
            Some("choice") => QuestionKind::Choice(self.options(&mut p, d, true)),
            Some("number") => QuestionKind::Number { range: self.range(&mut p, "range") },
            Some("text") => QuestionKind::Text,
            _ => QuestionKind::Screening,
        };
        self.finish(p);
        Question { id: d.id.name.clone(), kind, text, help, unit, domains, groups, when: None, required }
    }

    /// A rule without its condition (checked later, once every rule's
    /// scope is known), and the condition as written.
    fn rule<'d>(&mut self, d: &'d ast::Decl) -> (Rule, Option<&'d ast::Expr>) {
        let mut p = self.props(d, &["when", "message", "each", "help"]);
        let kind = self.rule_kind(d);
        let message = self.text(&mut p, "message", true).unwrap_or_default();
        let _ = self.text(&mut p, "help", false);
        let scope = match p.take("each") {
            None => RuleScope::Decision,
            Some(prop) => match self.names(prop).first().map(|n| (n.name.as_str(), n.span)) {
                Some(("alternative" | "alternatives", _)) => RuleScope::EachAlternative,
                Some(("proposal" | "proposals", _)) => RuleScope::EachProposal,
                other => {
                    let span = other.map_or(prop.span, |o| o.1);
                    self.error(
                        "E0107",
                        span,
                        t!("`each` names what the rule is evaluated for"),
                        t!("write `each alternative` or `each proposal`"),
                    );
                    RuleScope::Decision
                }
            },
        };
        let when = self.required_expr(&mut p, "when", d);
        self.finish(p);
        let rule = Rule {
            id: d.id.name.clone(),
            kind,
            scope,
            when: Expr::Const(Value::Bool(false)),
            message,
            message_values: Vec::new(),
        };
        (rule, when)
    }

    /// The values in braces in rule `d`'s message, each source once, checked
    /// like its condition; and the rules whose `fired(...)` they read.
    fn message_values(
        &mut self,
        model: &Model,
        names: &Names,
        d: &ast::Decl,
        scope: Scope,
    ) -> (Vec<MessageValue>, Vec<usize>) {
        let mut values: Vec<MessageValue> = Vec::new();
        let mut deps = Vec::new();
        let texts = d.props.iter().filter(|p| p.key.name == "message").filter_map(|p| match &p.value {
            PropValue::Text(ts) => Some(ts),
            _ => None,
        });
        for t in texts.flatten() {
            // Offsets into the text are offsets into the source only when
            // the string is written without escapes or line breaks.
            let raw = self.sources.get(t.span.file).and_then(|f| f.text.get(t.span.start + 1..t.span.end - 1));
            let exact = raw == Some(t.text.as_str());
            let pieces = match message::pieces(&t.text) {
                Ok(p) => p,
                Err(e) => {
                    let start = t.span.start + 1 + if exact { e.at } else { 0 };
                    let span = Span { file: t.span.file, start, end: start + 1 };
                    let help = t!(
                        "write a value in braces, e.g. `{{fact.cost_eur}}`, and `{{{{` or `}}}}` for a brace in the text"
                    );
                    self.error("E0208", span, e.problem, help);
                    continue;
                }
            };
            for piece in pieces {
                let message::Piece::Value(source, at) = piece else { continue };
                if values.iter().any(|v| v.source == source) {
                    continue;
                }
                let offset = t.span.start + 1 + if exact { at } else { 0 };
                let ast = match parse_placeholder(self.sources, t.span.file, source, offset, &crate::Limits::default())
                {
                    Ok(e) => e,
                    Err(d) => {
                        self.push(*d);
                        continue;
                    }
                };
                let mut checker = self.checker(model, names, scope != Scope::Decision);
                checker.rule_condition = true;
                let (expr, ty) = checker.check(&ast, self.sources);
                if matches!(ty, Ty::Cell) || matches!(&ty, Ty::List(inner) if **inner == Ty::Cell) {
                    checker.diag(
                        Diagnostic::error("E0208", t!("a message cannot show an impact cell"))
                            .with_help(t!("show one of its fields, e.g. `{{c.score}}`"))
                            .at_span(self.sources, ast.span),
                    );
                }
                deps.extend(std::mem::take(&mut checker.rules_used));
                self.absorb(&mut checker);
                let options_of = match &expr {
                    Expr::Answer(q) if matches!(model.questions[*q].kind, QuestionKind::Choice(_)) => {
                        Some(model.questions[*q].id.clone())
                    }
                    Expr::Fact(f) if matches!(model.facts[*f].kind, FactKind::Choice(_)) => {
                        Some(model.facts[*f].id.clone())
                    }
                    _ => None,
                };
                values.push(MessageValue { source: source.to_string(), expr, options_of });
            }
        }
        (values, deps)
    }

    /// Checks a rule's condition; returns it and the rules whose
    /// `fired(...)` it reads.
    fn rule_condition(&mut self, model: &Model, names: &Names, e: &ast::Expr, scope: Scope) -> (Expr, Vec<usize>) {
        let mut checker = self.checker(model, names, scope != Scope::Decision);
        checker.rule_condition = true;
        let expr = self.boolean(&mut checker, e);
        let deps = std::mem::take(&mut checker.rules_used);
        self.absorb(&mut checker);
        (expr, deps)
    }

    fn rule_kind(&mut self, d: &ast::Decl) -> RuleKind {
        let kinds = ["info", "warning", "required", "verdict"];
        match self.sort(d, &kinds) {
            Some("info") => RuleKind::Info,
            Some("required") => RuleKind::Required,
            Some("verdict") => {
                let level = d.sort.get(1);
                match level.map(|l| l.name.as_str()) {
                    Some("none") => RuleKind::Verdict(VerdictLevel::None),
                    Some("light") => RuleKind::Verdict(VerdictLevel::Light),
                    Some("full") => RuleKind::Verdict(VerdictLevel::Full),
                    _ => {
                        let span = level.map_or(d.id.span, |l| l.span);
                        let message = match level {
                            Some(l) => t!("`{}` is not a verdict level", l.name),
                            None => t!("a verdict rule needs a level"),
                        };
                        self.error(
                            "E0108",
                            span,
                            message,
                            t!("write `verdict none`, `verdict light` or `verdict full`"),
                        );
                        RuleKind::Verdict(VerdictLevel::Light)
                    }
                }
            }
            _ => RuleKind::Warning,
        }
    }

    /// Checks a boolean condition; returns it and the questions it reads.
    fn condition(&mut self, model: &Model, names: &Names, e: &ast::Expr, scope: Scope) -> (Expr, Vec<usize>) {
        let mut checker = self.checker(model, names, scope != Scope::Decision);
        checker.question_condition = scope == Scope::Question;
        let expr = self.boolean(&mut checker, e);
        let deps = checker.questions_used.clone();
        self.absorb(&mut checker);
        (expr, deps)
    }

    /// Checks an expression that must be true or false (E0205 otherwise).
    fn boolean<'m>(&self, checker: &mut ExprChecker<'m>, e: &ast::Expr) -> Expr
    where
        'a: 'm,
    {
        let (expr, ty) = checker.check(e, self.sources);
        if !matches!(ty, Ty::Bool | Ty::Error) {
            let help = match ty {
                Ty::Screening => t!("compare the answer: `... == yes`"),
                _ => t!("write a condition that is true or false, e.g. `fact.cost_eur >= 100_000`"),
            };
            checker.diag(
                Diagnostic::error("E0205", t!("a condition must be true or false, but this is {}", ty.describe()))
                    .with_help(help)
                    .at_span(self.sources, e.span),
            );
        }
        expr
    }

    fn required_expr<'p>(&mut self, p: &mut Props<'p>, key: &str, d: &ast::Decl) -> Option<&'p ast::Expr> {
        match p.take(key) {
            Some(prop) => self.expr_prop(prop),
            None => {
                self.missing(d.span, &d.id, d.kind.keyword(), key, "...");
                None
            }
        }
    }

    fn expr_prop<'p>(&mut self, prop: &'p ast::Prop) -> Option<&'p ast::Expr> {
        match &prop.value {
            PropValue::Expr(e) => Some(e),
            _ => {
                self.error(
                    "E0107",
                    prop.span,
                    t!("`{}` needs an expression", prop.key.name),
                    t!("see docs/language.md, section Expressions"),
                );
                None
            }
        }
    }

    /// Orders declarations so each comes after those it depends on; reports
    /// cycles with `code`.
    fn order(&mut self, deps: &[Vec<usize>], decls: &[&ast::Decl], code: &str, what: &str) -> Vec<usize> {
        // 0 = unvisited, 1 = on the path, 2 = done
        let mut state = vec![0u8; deps.len()];
        let mut order = Vec::with_capacity(deps.len());
        for start in 0..deps.len() {
            if state[start] != 0 {
                continue;
            }
            let mut path: Vec<(usize, usize)> = vec![(start, 0)];
            state[start] = 1;
            while let Some(&mut (node, ref mut next)) = path.last_mut() {
                match deps[node].get(*next).copied() {
                    Some(dep) => {
                        *next += 1;
                        match state.get(dep).copied() {
                            Some(0) => {
                                state[dep] = 1;
                                path.push((dep, 0));
                            }
                            Some(1) => {
                                let cycle: Vec<&str> = path
                                    .iter()
                                    .skip_while(|(n, _)| *n != dep)
                                    .map(|(n, _)| decls[*n].id.name.as_str())
                                    .chain([decls[dep].id.name.as_str()])
                                    .collect();
                                let span = decls[node].id.span;
                                self.error(
                                    code,
                                    span,
                                    t!("this {what} depends on itself: {}", cycle.join(" -> ") ; what = what),
                                    t!("break the cycle: one {what} in the loop must not use the next", what = what),
                                );
                            }
                            _ => {}
                        }
                    }
                    None => {
                        state[node] = 2;
                        order.push(node);
                        path.pop();
                    }
                }
            }
        }
        order
    }

    /// E0501: a question whose condition can never hold, decided by constant
    /// folding, contradictory comparisons of the same value, and conditions
    /// that need an answer to a question that itself never applies.
    fn check_reachability(&mut self, model: &Model, decls: &[&ast::Decl], conditions: &[QuestionCondition]) {
        let mut never = vec![false; model.questions.len()];
        for &q in &model.question_order {
            let Some(when) = &model.questions[q].when else { continue };
            if !conditions.get(q).is_some_and(|c| c.checked) {
                continue;
            }
            let reason = crate::checklist::reach::never_true(when, &never);
            if let Some(reason) = reason {
                never[q] = true;
                let span = conditions.get(q).and_then(|c| c.span).unwrap_or(decls[q].id.span);
                self.error(
                    "E0501",
                    span,
                    t!("question `{}` can never apply: {reason}", decls[q].id.name ; reason = reason),
                    t!("fix the condition, or remove the question if it is not needed"),
                );
            }
        }
    }

    // ---- property values -------------------------------------------------

    fn text(&mut self, p: &mut Props, key: &str, required: bool) -> Option<Text> {
        let Some(prop) = p.take(key) else {
            if required && !p.misspelt(key) {
                let example = self.text_example(key);
                self.error(
                    "E0106",
                    p.at,
                    t!("this {} needs a `{key}`", p.kind ; key = key),
                    t!("add `{example}`", example = example),
                );
            }
            return None;
        };
        let PropValue::Text(parts) = &prop.value else {
            self.error(
                "E0107",
                prop.span,
                t!("`{key}` needs a text with language tags", key = key),
                t!("write `{}`", self.text_example(key)),
            );
            return None;
        };
        let mut text = Text::new();
        for part in parts {
            if !self.languages.contains(&part.lang.name) {
                self.error(
                    "E0302",
                    part.lang.span,
                    t!(
                        "language `{}` is not one of this checklist's languages ({})",
                        part.lang.name,
                        self.languages.join(", ")
                    ),
                    t!("fix the tag, or add the language to `languages` in the checklist declaration"),
                );
            }
            if text.insert(part.lang.name.clone(), part.text.clone()).is_some() {
                self.error(
                    "E0107",
                    part.lang.span,
                    t!("`{}` is given twice in this text", part.lang.name),
                    t!("keep one translation per language"),
                );
            }
        }
        let missing: Vec<&str> = self.languages.iter().filter(|l| !text.contains_key(*l)).map(String::as_str).collect();
        if !missing.is_empty() {
            self.error(
                "E0301",
                prop.key.span,
                t!("`{key}` has no {} translation", missing.join(", ") ; key = key),
                t!("add {}", missing.iter().map(|l| format!("{l} \"...\"")).collect::<Vec<_>>().join(" ")),
            );
        }
        Some(text)
    }

    /// `label fi "..." sv "..." en "..."` in the checklist's languages.
    fn text_example(&self, key: &str) -> String {
        let parts: Vec<String> = self.languages.iter().map(|l| format!("{l} \"...\"")).collect();
        format!("{key} {}", parts.join(" "))
    }

    fn flag(&mut self, p: &mut Props, key: &str) -> bool {
        match p.take(key) {
            None => false,
            Some(ast::Prop { value: PropValue::Flag, .. }) => true,
            Some(prop) => {
                self.error(
                    "E0107",
                    prop.span,
                    t!("`{key}` is a flag and takes no value", key = key),
                    t!("write just `{key}` on its own line", key = key),
                );
                true
            }
        }
    }

    fn string(&mut self, p: &mut Props, key: &str) -> Option<String> {
        let prop = p.take(key)?;
        match &prop.value {
            PropValue::Args(args) if args.len() == 1 => match &args[0] {
                Arg::Str(s, _) => return Some(s.clone()),
                Arg::Number(_, span) => return Some(self.sources.snippet(*span).to_string()),
                _ => {}
            },
            PropValue::Text(parts) if parts.len() == 1 && key == "source" => return Some(parts[0].text.clone()),
            _ => {}
        }
        self.error(
            "E0107",
            prop.span,
            t!("`{key}` needs one string", key = key),
            t!("write `{key} \"...\"`", key = key),
        );
        None
    }

    fn range(&mut self, p: &mut Props, key: &str) -> Option<(f64, f64)> {
        let prop = p.take(key)?;
        if let PropValue::Args(args) = &prop.value
            && let [Arg::Range(lo, hi, span)] = args.as_slice()
        {
            if lo.is_finite() && hi.is_finite() && lo <= hi {
                return Some((*lo, *hi));
            }
            self.error(
                "E0107",
                *span,
                t!("the range {lo}..{hi} is empty or not finite", lo = lo, hi = hi),
                t!("write the smaller number first, e.g. `0..17`"),
            );
            return None;
        }
        self.error(
            "E0107",
            prop.span,
            t!("`{key}` needs a range", key = key),
            t!("write e.g. `{key} 0..17`", key = key),
        );
        None
    }

    fn names(&mut self, prop: &ast::Prop) -> Vec<Ident> {
        match &prop.value {
            PropValue::Args(args) => args
                .iter()
                .filter_map(|a| match a {
                    Arg::Name(id) => Some(id.clone()),
                    other => {
                        self.error(
                            "E0107",
                            other.span(),
                            t!("`{}` takes names, not this value", prop.key.name),
                            t!("write names separated by commas"),
                        );
                        None
                    }
                })
                .collect(),
            _ => {
                self.error(
                    "E0107",
                    prop.span,
                    t!("`{}` needs one or more names", prop.key.name),
                    t!("write e.g. `{} a, b`", prop.key.name),
                );
                Vec::new()
            }
        }
    }

    /// Resolves the names of a property to declarations of one kind.
    fn refs(&mut self, prop: &ast::Prop, names: &Names, kind: DeclKind) -> Vec<usize> {
        let mut out = Vec::new();
        for id in self.names(prop) {
            match names.lookup(&id.name) {
                Some((k, i)) if k == kind => out.push(i),
                Some((k, _)) => self.error(
                    "E0103",
                    id.span,
                    t!("`{}` is a {}, not a {}", id.name, k.keyword(), kind.keyword()),
                    t!("name a {} here", kind.keyword()),
                ),
                None if !self.diags.room() => {}
                None => {
                    let hint = did_you_mean(&id.name, names.of_kind(kind)).map_or_else(
                        || t!("declare it with `{} {} {{ ... }}`", kind.keyword(), id.name),
                        |s| t!("did you mean `{}`?", s),
                    );
                    self.error("E0101", id.span, t!("unknown {} `{}`", kind.keyword(), id.name), hint);
                }
            }
        }
        out
    }
}

fn is_language_tag(tag: &str) -> bool {
    (2..=3).contains(&tag.len()) && tag.chars().all(|c| c.is_ascii_lowercase())
}

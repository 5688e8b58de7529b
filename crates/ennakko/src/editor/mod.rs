//! Editor services over checklist source: what a name at a position is
//! (hover) and what may be typed there (completion). The language server
//! (`ennakko lsp`) and the WebAssembly package (the checklist editor page)
//! both answer from here, so the two editors cannot disagree about what a
//! hover shows or which ids, keywords, levels and options are offered; each
//! only converts positions and draws the answer.
//!
//! Offsets are byte offsets into the text (without a byte-order mark);
//! answers are computed from the text and its [`Index`], so half-typed text
//! that does not parse still gets them for the declarations before the
//! first syntax error. Every answer is bounded by the [`Limits`] (indexing)
//! or linear in the text (the [`lexical`] look-ups).
//!
//! ```
//! use ennakko::editor::Editor;
//! let text = "group kids { label fi \"Lapset\" en \"Kids\" basis \"YK:n LOS 3 art.\" }\n";
//! let editor = Editor::new("my.eva", text, &ennakko::StdResolver, &ennakko::Limits::default());
//! let hover = editor.hover(8).unwrap();
//! assert_eq!((hover.kind.as_str(), hover.id.as_str()), ("group", "kids"));
//! assert!(hover.markdown().contains("fi: Lapset"));
//! assert!(hover.markdown().contains("*legal basis* \"YK:n LOS 3 art.\""));
//! ```

pub mod lexical;

use serde::Serialize;

use crate::checklist::defaults;
use crate::checklist::index::{self, Index, Symbol, SymbolKind};
use crate::checklist::load::Resolver;
use crate::checklist::model::{FUNCTIONS, ScaleId};
use crate::limits::Limits;
use crate::syntax::ast::DeclKind;
use crate::syntax::source::SourceMap;
use lexical::Context;

/// One checklist file as an editor holds it, indexed once per version of
/// its text.
pub struct Editor {
    name: String,
    text: String,
    index: Index,
    /// Larger than `max_source_bytes`: compiling refuses it (E0002), and
    /// the editor answers nothing rather than scan it.
    too_large: bool,
}

/// What a hover shows about a name: its kind, the checklist's texts in
/// every language, its other properties (the legal basis first among
/// equals) and the file it is declared in when that is not this one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hover {
    /// `group`, `question: screening`, `level`, `scale`...
    pub kind: String,
    /// The id as declared.
    pub id: String,
    /// For a level or option, the declaration holding it.
    pub parent: Option<String>,
    /// A default scale (or one of its levels) no file redefines.
    pub default: bool,
    /// Multilingual texts by property (`label`, `text`, `help`...).
    pub texts: Vec<Texts>,
    /// The other properties as written (`legal basis`, `age`, `weight`,
    /// `levels`...); a flag's value is empty.
    pub props: Vec<Prop>,
    /// The file declaring it, when not the edited one (`<std>/eva.eva`).
    pub declared_in: Option<String>,
}

/// One multilingual property.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Texts {
    /// The property (`label`, `text`, `help`...).
    pub key: String,
    /// `(language, text)` in the order written.
    pub texts: Vec<(String, String)>,
}

/// One other property.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prop {
    /// The property, `legal basis` for `basis`.
    pub key: String,
    /// Its value as written.
    pub value: String,
}

impl Hover {
    /// The hover as Markdown (what the language server sends).
    ///
    /// ```
    /// # use ennakko::editor::Editor;
    /// let editor = Editor::new("x.eva", "", &ennakko::StdResolver, &ennakko::Limits::default());
    /// assert!(editor.hover(0).is_none());
    /// ```
    pub fn markdown(&self) -> String {
        let mut out = format!("**{}** `{}`", self.kind, self.id);
        if let Some(parent) = &self.parent {
            out.push_str(&format!(" of `{parent}`"));
        }
        if self.default {
            out.push_str(" (default)");
        }
        for t in &self.texts {
            let lines: Vec<String> = t.texts.iter().map(|(lang, text)| format!("{lang}: {text}")).collect();
            out.push_str(&format!("\n\n*{}*  \n{}", t.key, lines.join("  \n")));
        }
        for p in &self.props {
            out.push_str(&format!("\n\n*{}* {}", p.key, p.value));
        }
        if let Some(file) = &self.declared_in {
            out.push_str(&format!("\n\ndeclared in `{file}`"));
        }
        out
    }
}

/// What kind of thing a completion offers (editors pick an icon by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CompletionKind {
    /// A keyword of the language.
    Keyword,
    /// A standard checklist (in an `import` string).
    Checklist,
    /// A population group.
    Group,
    /// A scale, declared or default.
    Scale,
    /// A fact of the decision.
    Fact,
    /// A question.
    Question,
    /// A named score.
    Score,
    /// Another declaration (domain, perspective, rule, checklist).
    Declaration,
    /// A scale level or an option of a choice.
    Member,
    /// A built-in function.
    Function,
    /// A field of a path (`decision.kind`, `c.magnitude`).
    Field,
}

/// One thing that may be typed at a position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Completion {
    /// The text to insert.
    pub label: String,
    /// What it is.
    pub kind: CompletionKind,
    /// A short description (`group`, `level of magnitude`, `keyword`).
    pub detail: String,
    /// For a declared id, what its hover shows.
    pub info: Option<Hover>,
}

/// What a position names.
enum Resolved<'a> {
    Source(&'a Symbol),
    DefaultScale(ScaleId),
    DefaultLevel(ScaleId, String),
}

impl Editor {
    /// Reads and indexes a file's text (`name`: how the core knows the file;
    /// relative imports are read through `resolver` against it). When the
    /// text does not parse, the declarations before the one holding the
    /// first syntax error are indexed, at their own offsets.
    pub fn new(name: &str, text: &str, resolver: &dyn Resolver, limits: &Limits) -> Editor {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.len() > limits.max_source_bytes {
            let text = text.to_string();
            return Editor { name: name.to_string(), text, index: Index::default(), too_large: true };
        }
        let mut editor =
            Editor { name: name.to_string(), text: text.to_string(), index: Index::default(), too_large: false };
        editor.index = index::index(name, &editor.text, resolver, limits);
        if !editor.index.root_parsed {
            let whole = editor.whole_part(limits);
            editor.index = index::index(name, &editor.text[..whole], resolver, limits);
        }
        editor
    }

    /// The index of the file and its imports.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The text (without a byte-order mark).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The name of file `file` of the index (0 is this one).
    pub fn file_name(&self, file: Option<usize>) -> Option<&str> {
        file.and_then(|f| self.index.sources.get(f)).map(|f| f.name.as_str())
    }

    /// Where the whole declarations before the first syntax error end.
    fn whole_part(&self, limits: &Limits) -> usize {
        let mut sources = SourceMap::default();
        let file = sources.add(self.name.clone(), self.text.clone());
        let error = match crate::syntax::parse(&sources, file, limits) {
            Ok(_) => return self.text.len(),
            Err(d) => d,
        };
        let at = match (error.line, error.column) {
            (Some(line), Some(column)) => offset_of_line_col(&self.text, line, column),
            _ => 0,
        };
        lexical::whole_declarations_before(&self.text, at)
    }

    /// The declaration, level or option named at a byte offset.
    pub fn symbol_at(&self, offset: usize) -> Option<&Symbol> {
        if self.too_large {
            return None;
        }
        match self.resolve(offset)? {
            Resolved::Source(s) => Some(s),
            _ => None,
        }
    }

    fn resolve(&self, offset: usize) -> Option<Resolved<'_>> {
        if let Some(s) = self.index.declared_at(0, offset) {
            return Some(Resolved::Source(s));
        }
        let w = lexical::word_at(&self.text, offset)?;
        let found = match w.head {
            Some("fact") => self.index.find(w.word).filter(|s| s.kind == SymbolKind::Decl(DeclKind::Fact)),
            Some(head) => self.index.find_item(head, w.word),
            None => self.index.find(w.word),
        };
        match (found, w.head) {
            (Some(s), _) => Some(Resolved::Source(s)),
            (None, Some(head)) => {
                let id = ScaleId::from_name(head)?;
                let known = defaults::default_scale(id).levels.iter().any(|l| l.id == w.word);
                known.then(|| Resolved::DefaultLevel(id, w.word.to_string()))
            }
            (None, None) => ScaleId::from_name(w.word).map(Resolved::DefaultScale),
        }
    }

    /// What the name at a byte offset is, in every language.
    pub fn hover(&self, offset: usize) -> Option<Hover> {
        if self.too_large {
            return None;
        }
        match self.resolve(offset)? {
            Resolved::Source(s) => Some(self.hover_of(s)),
            Resolved::DefaultScale(id) => default_scale_hover(id),
            Resolved::DefaultLevel(id, level) => default_level_hover(id, &level),
        }
    }

    fn hover_of(&self, s: &Symbol) -> Hover {
        Hover {
            kind: kind_name(s),
            id: s.id.clone(),
            parent: s.parent.clone(),
            default: false,
            texts: s.texts.iter().map(|(key, t)| Texts { key: key.clone(), texts: t.clone() }).collect(),
            props: s
                .props
                .iter()
                .map(|(key, value)| Prop {
                    key: if key == "basis" { "legal basis".into() } else { key.clone() },
                    value: value.clone(),
                })
                .collect(),
            declared_in: (s.span.file != 0).then(|| self.file_name(Some(s.span.file)).unwrap_or_default().to_string()),
        }
    }

    /// What may be typed at a byte offset: keywords, ids of the checklist
    /// and its imports, scale levels, options of a choice, fields.
    ///
    /// ```
    /// # use ennakko::editor::Editor;
    /// let text = "fact area: choice { option urban { } option rural { } }\nrule r: info {\n  when fact.area == \"";
    /// let editor = Editor::new("x.eva", text, &ennakko::StdResolver, &ennakko::Limits::default());
    /// let labels: Vec<String> = editor.complete(text.len()).into_iter().map(|c| c.label).collect();
    /// assert_eq!(labels, ["urban", "rural"]);
    /// ```
    pub fn complete(&self, offset: usize) -> Vec<Completion> {
        if self.too_large {
            return Vec::new();
        }
        match lexical::context(&self.text, offset) {
            Context::Nothing => Vec::new(),
            Context::TopLevel => keywords(&DECL_KEYWORDS).chain(keywords(&["import"])).collect(),
            Context::Import => crate::checklist::stdlib::names()
                .map(|n| item(n, CompletionKind::Checklist, "standard checklist"))
                .collect(),
            Context::Sort { keyword, after } => keywords(sorts(&keyword, &after)).collect(),
            Context::Property => keywords(&PROPERTY_KEYS).collect(),
            Context::Args { key, decl } => self.complete_args(&key, decl.as_deref()),
            Context::Expr => self.complete_expr(),
            Context::Member { head } => self.complete_member(&head),
            Context::Choice { subject } => self.options(&subject),
        }
    }

    fn complete_args(&self, key: &str, decl: Option<&str>) -> Vec<Completion> {
        match key {
            "groups" | "parent" => self.ids_of(&[DeclKind::Group]),
            "domain" | "domains" => self.ids_of(&[DeclKind::Domain]),
            "perspective" => self.ids_of(&[DeclKind::Perspective]),
            "default" => decl.map(|scale| self.levels(scale)).unwrap_or_default(),
            "category" => keywords(&["everyone", "staff", "organisations"]).collect(),
            "each" => keywords(&["proposal", "alternative"]).collect(),
            "languages" => keywords(&["fi", "sv", "en"]).collect(),
            _ => Vec::new(),
        }
    }

    fn complete_expr(&self) -> Vec<Completion> {
        use DeclKind::*;
        let mut items = self.ids_of(&[Group, Domain, Perspective, Question, Score, Scale]);
        let defaults = ScaleId::ALL.into_iter().filter(|id| self.index.find(id.name()).is_none());
        items.extend(defaults.map(|id| Completion {
            info: default_scale_hover(id),
            ..item(id.name(), CompletionKind::Scale, "scale (default)")
        }));
        items.extend(FUNCTIONS.iter().map(|f| item(f, CompletionKind::Function, "function")));
        items.extend(keywords(&EXPR_WORDS));
        items
    }

    fn complete_member(&self, head: &str) -> Vec<Completion> {
        match head {
            "fact" => self.ids_of(&[DeclKind::Fact]),
            "decision" => fields(&["id", "kind", "title", "organisation", "bilingual"]),
            "alternative" => fields(&["id", "kind", "is_zero"]),
            _ if self.index.find(head).is_some_and(|s| s.kind != SymbolKind::Decl(DeclKind::Scale)) => Vec::new(),
            _ if self.index.find(head).is_some() || ScaleId::from_name(head).is_some() => self.levels(head),
            _ => fields(&VARIABLE_FIELDS),
        }
    }

    /// The options of a choice fact or question.
    fn options(&self, subject: &str) -> Vec<Completion> {
        let options = self.index.symbols.iter().filter(|s| s.kind == SymbolKind::Option);
        let of_subject = options.filter(|s| s.parent.as_deref() == Some(subject));
        of_subject
            .map(|s| Completion {
                info: Some(self.hover_of(s)),
                ..item(&s.id, CompletionKind::Member, &format!("option of {subject}"))
            })
            .collect()
    }

    fn ids_of(&self, kinds: &[DeclKind]) -> Vec<Completion> {
        let symbols = kinds.iter().flat_map(|k| self.index.of_kind(*k));
        symbols
            .map(|s| Completion { info: Some(self.hover_of(s)), ..item(&s.id, completion_kind(s.kind), &kind_name(s)) })
            .collect()
    }

    /// The levels of a scale: declared ones, else the default scale's.
    fn levels(&self, scale: &str) -> Vec<Completion> {
        let detail = format!("level of {scale}");
        let declared: Vec<Completion> = self
            .index
            .symbols
            .iter()
            .filter(|s| s.kind == SymbolKind::Level && s.parent.as_deref() == Some(scale))
            .map(|s| Completion { info: Some(self.hover_of(s)), ..item(&s.id, CompletionKind::Member, &detail) })
            .collect();
        if !declared.is_empty() || self.index.find(scale).is_some() {
            return declared;
        }
        let Some(id) = ScaleId::from_name(scale) else { return Vec::new() };
        let levels = defaults::default_scale(id).levels;
        levels
            .iter()
            .map(|l| Completion {
                info: default_level_hover(id, &l.id),
                ..item(&l.id, CompletionKind::Member, &detail)
            })
            .collect()
    }
}

fn default_level_hover(id: ScaleId, level: &str) -> Option<Hover> {
    let scale = defaults::default_scale(id);
    let level = scale.levels.iter().find(|l| l.id == level)?;
    Some(Hover {
        kind: "level".into(),
        id: level.id.clone(),
        parent: Some(id.name().into()),
        default: true,
        texts: vec![texts("label", level.label.iter())],
        props: vec![Prop { key: "weight".into(), value: level.weight.to_string() }],
        declared_in: None,
    })
}

fn default_scale_hover(id: ScaleId) -> Option<Hover> {
    let scale = defaults::default_scale(id);
    let levels: Vec<&str> = scale.levels.iter().map(|l| l.id.as_str()).collect();
    Some(Hover {
        kind: "scale".into(),
        id: id.name().into(),
        parent: None,
        default: true,
        texts: vec![texts("label", scale.label.iter())],
        props: vec![Prop { key: "levels".into(), value: levels.join(", ") }],
        declared_in: None,
    })
}

/// The byte offset of a 1-based line and 1-based character column (as
/// diagnostics give them), clamped to the text.
///
/// ```
/// use ennakko::editor::offset_of_line_col;
/// assert_eq!(offset_of_line_col("ab\nää x", 2, 3), 7);
/// assert_eq!(offset_of_line_col("ab", 9, 1), 2);
/// ```
pub fn offset_of_line_col(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let rest = &text[start..];
    let end_of_line = rest.find('\n').unwrap_or(rest.len());
    let within = rest[..end_of_line].char_indices().nth(column.saturating_sub(1)).map_or(end_of_line, |(i, _)| i);
    start + within
}

fn texts<'a>(key: &str, t: impl Iterator<Item = (&'a String, &'a String)>) -> Texts {
    Texts { key: key.into(), texts: t.map(|(l, s)| (l.clone(), s.clone())).collect() }
}

fn kind_name(s: &Symbol) -> String {
    let kind = match s.kind {
        SymbolKind::Decl(k) => k.keyword(),
        SymbolKind::Level => "level",
        SymbolKind::Option => "option",
    };
    if s.sort.is_empty() { kind.to_string() } else { format!("{kind}: {}", s.sort.join(" ")) }
}

fn completion_kind(kind: SymbolKind) -> CompletionKind {
    match kind {
        SymbolKind::Decl(DeclKind::Group) => CompletionKind::Group,
        SymbolKind::Decl(DeclKind::Scale) => CompletionKind::Scale,
        SymbolKind::Decl(DeclKind::Fact) => CompletionKind::Fact,
        SymbolKind::Decl(DeclKind::Question) => CompletionKind::Question,
        SymbolKind::Decl(DeclKind::Score) => CompletionKind::Score,
        SymbolKind::Decl(_) => CompletionKind::Declaration,
        SymbolKind::Level | SymbolKind::Option => CompletionKind::Member,
    }
}

fn item(label: &str, kind: CompletionKind, detail: &str) -> Completion {
    Completion { label: label.to_string(), kind, detail: detail.to_string(), info: None }
}

fn keywords<'a>(words: &'a [&'a str]) -> impl Iterator<Item = Completion> + 'a {
    words.iter().map(|w| item(w, CompletionKind::Keyword, "keyword"))
}

fn fields(words: &[&str]) -> Vec<Completion> {
    words.iter().map(|w| item(w, CompletionKind::Field, "field")).collect()
}

fn sorts(keyword: &str, after: &[String]) -> &'static [&'static str] {
    match (keyword, after.first().map(String::as_str)) {
        ("question", None) => &["screening", "impact", "choice", "number", "text"],
        ("fact", None) => &["number", "text", "flag", "choice", "list"],
        ("rule", None) => &["info", "warning", "required", "verdict"],
        ("rule", Some("verdict")) if after.len() == 1 => &["none", "light", "full"],
        _ => &[],
    }
}
/// The declaration keywords (the grammar's `decl_kw`).
pub const DECL_KEYWORDS: [&str; 9] =
    ["checklist", "perspective", "domain", "group", "scale", "fact", "question", "rule", "score"];

/// The property keys (the grammar's `prop_key`, `expr_key` and `item_key`).
pub const PROPERTY_KEYS: [&str; 30] = [
    "label",
    "title",
    "text",
    "help",
    "definition",
    "description",
    "message",
    "version",
    "languages",
    "source",
    "basis",
    "perspective",
    "domain",
    "domains",
    "groups",
    "parent",
    "category",
    "age",
    "vulnerable",
    "national_language",
    "required",
    "default",
    "unit",
    "range",
    "reason",
    "each",
    "when",
    "value",
    "level",
    "option",
];

/// Words of expressions (the grammar's `expr_keyword`, the quantifier
/// sources and collections, the fixed path heads and the screening answers).
pub const EXPR_WORDS: [&str; 29] = [
    "and",
    "or",
    "not",
    "in",
    "if",
    "then",
    "else",
    "any",
    "all",
    "count",
    "sum",
    "min",
    "max",
    "where",
    "true",
    "false",
    "alternative",
    "alternatives",
    "proposal",
    "proposals",
    "groups",
    "domains",
    "perspectives",
    "cells",
    "fact",
    "decision",
    "yes",
    "no",
    "unknown",
];

/// Fields of a bound variable (a group, domain, perspective or cell).
pub const VARIABLE_FIELDS: [&str; 20] = [
    "id",
    "vulnerable",
    "category",
    "age_min",
    "age_max",
    "perspective",
    "group",
    "domain",
    "direction",
    "magnitude",
    "likelihood",
    "people",
    "timing",
    "reversibility",
    "evidence",
    "mitigated",
    "mixed",
    "unknown",
    "question",
    "score",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::StdResolver;

    fn editor(text: &str) -> Editor {
        Editor::new("x.eva", text, &StdResolver, &Limits::default())
    }

    fn labels(text: &str) -> Vec<String> {
        editor(text).complete(text.len()).into_iter().map(|c| c.label).collect()
    }

    #[test]
    fn imports_are_known_while_the_first_declaration_is_typed() {
        // The root does not parse yet; the `import` line before the broken
        // declaration still brings the standard checklist's ids.
        let text = "import \"eva\"\nscore s {\n  value impact(chi";
        assert!(labels(text).contains(&"children".to_string()), "{:?}", labels(text));
        let e = editor(text);
        let hover = e.hover(text.find("chi").unwrap() + 1);
        assert!(hover.is_none(), "`chi` names nothing yet");
        let text = "import \"eva\"\nrule r: info {\n  when impact(children) < 0 and ";
        let at = text.find("children").unwrap() + 2;
        let hover = editor(text).hover(at).unwrap();
        assert_eq!(hover.declared_in.as_deref(), Some("<std>/eva.eva"));
        assert!(hover.texts.iter().any(|t| t.texts.iter().any(|(l, s)| l == "sv" && s == "Barn")));
    }

    #[test]
    fn levels_options_and_default_scales() {
        let text =
            "scale people {\n  level few 1 { label en \"A few\" }\n  level many 2 { }\n}\nscore s {\n  value people.";
        let e = editor(text);
        let done = e.complete(text.len());
        assert_eq!(done.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(), ["few", "many"]);
        assert_eq!(
            done[0].info.as_ref().map(|h| h.markdown()).unwrap_or_default(),
            "**level** `few` of `people`\n\n*label*  \nen: A few\n\n*weight* 1"
        );
        let text = "score s {\n  value magnitude.severe";
        let hover = editor(text).hover(text.len() - 2).unwrap();
        assert!(hover.default && hover.parent.as_deref() == Some("magnitude"));
        assert_eq!(hover.props, [Prop { key: "weight".into(), value: "3".into() }]);
        let hover = editor(text).hover(text.find("magn").unwrap()).unwrap();
        assert!(hover.markdown().starts_with("**scale** `magnitude` (default)"));
    }

    #[test]
    fn a_text_over_the_limit_gets_no_answers() {
        let text = "group kids { }\nscore s {\n  value impact(ki";
        let limits = Limits { max_source_bytes: 10, ..Limits::default() };
        let e = Editor::new("x.eva", text, &StdResolver, &limits);
        assert!(e.hover(7).is_none() && e.complete(text.len()).is_empty() && e.symbol_at(7).is_none());
        assert!(!labels(text).is_empty());
    }
}

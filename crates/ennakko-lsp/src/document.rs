//! One open checklist file and what the server answers about it. The
//! symbol index is built once per version of the text; every answer is
//! bounded by the core's [`Limits`] (compiling and indexing) or is linear in
//! the text (lexical look-ups).

use std::path::PathBuf;
use std::sync::Arc;

use ennakko::checklist::index::{self, Index, Symbol, SymbolKind};
use ennakko::checklist::model::{Level, Scale, ScaleId};
use ennakko::checklist::{defaults, stdlib};
use ennakko::syntax::ast::DeclKind;
use ennakko::syntax::source::{SourceMap, Span};
use ennakko::{Checklist, FileResolver, Limits, Options, Resolver, Severity, StdResolver};
use lsp_types::{
    CompletionItem, CompletionItemKind, DiagnosticSeverity, DocumentSymbol, Location, NumberOrString, Position, Range,
    SymbolKind as LspSymbolKind, TextEdit, Uri,
};

use crate::lexical::{self, Context};
use crate::position::LineIndex;
use crate::stdfiles::StdFiles;

/// An open document.
pub struct Document {
    uri: Uri,
    /// The text without a byte-order mark (the core drops it too).
    text: String,
    /// Whether the editor's text starts with a byte-order mark: positions
    /// on the first line are then one UTF-16 unit further right.
    bom: bool,
    lines: LineIndex,
    /// The name the core knows the file by: its path, or the URI.
    name: String,
    folder: Option<PathBuf>,
    index: Index,
}

impl Document {
    /// Reads and indexes a document's text.
    pub fn new(uri: Uri, text: &str, limits: &Limits) -> Document {
        let bom = text.starts_with('\u{feff}');
        let text = text.strip_prefix('\u{feff}').unwrap_or(text).to_string();
        let path = crate::uri::to_path(uri.as_str());
        let name = path.as_ref().map_or_else(|| uri.as_str().to_string(), |p| p.display().to_string());
        let folder = path.as_ref().and_then(|p| p.parent()).map(PathBuf::from);
        let mut doc = Document { uri, lines: LineIndex::new(&text), text, bom, name, folder, index: Index::default() };
        doc.index = index::index(&doc.name, &doc.text, doc.resolver().as_ref(), limits);
        if !doc.index.root_parsed {
            doc.index = index::index(&doc.name, doc.whole_part(limits), doc.resolver().as_ref(), limits);
        }
        doc
    }

    /// The text before the declaration holding the first syntax error:
    /// while one declaration is being typed, the ones before it (and the
    /// imports at the top) still give hover, definition and completion,
    /// at their own offsets.
    fn whole_part(&self, limits: &Limits) -> &str {
        let mut sources = SourceMap::default();
        let file = sources.add(self.name.clone(), self.text.clone());
        let error = match ennakko::syntax::parse(&sources, file, limits) {
            Ok(_) => return &self.text,
            Err(d) => d,
        };
        let at = match (error.line, error.column) {
            (Some(line), Some(column)) => {
                self.lines.offset(&self.text, self.lines.position_of_line_col(&self.text, line, column))
            }
            _ => 0,
        };
        &self.text[..lexical::whole_declarations_before(&self.text, at)]
    }

    /// The URI and the text as the editor gave it, to read it again.
    pub fn into_parts(self) -> (Uri, String) {
        let text = if self.bom { format!("\u{feff}{}", self.text) } else { self.text };
        (self.uri, text)
    }

    /// The document's URI.
    pub fn uri(&self) -> &Uri {
        &self.uri
    }

    /// Imports are read next to a file on disk; an unsaved document can
    /// import standard checklists only.
    fn resolver(&self) -> Arc<dyn Resolver> {
        match &self.folder {
            Some(root) => Arc::new(FileResolver { root: root.clone() }),
            None => Arc::new(StdResolver),
        }
    }

    fn to_lsp(&self, mut p: Position) -> Position {
        if self.bom && p.line == 0 {
            p.character += 1;
        }
        p
    }

    fn offset(&self, mut p: Position) -> usize {
        if self.bom && p.line == 0 {
            p.character = p.character.saturating_sub(1);
        }
        self.lines.offset(&self.text, p)
    }

    fn range(&self, start: usize, end: usize) -> Range {
        Range::new(
            self.to_lsp(self.lines.position(&self.text, start)),
            self.to_lsp(self.lines.position(&self.text, end)),
        )
    }

    /// Every problem the compiler finds, errors and warnings, with codes,
    /// hints and notes. A problem in an imported file is shown on the
    /// import line that leads to it.
    pub fn diagnostics(&self, limits: &Limits) -> Vec<lsp_types::Diagnostic> {
        let options = Options { limits: *limits, resolver: self.resolver() };
        let found = match Checklist::compile(&self.name, &self.text, &options) {
            Ok(checklist) => checklist.warnings().to_vec(),
            Err(e) => e.diagnostics,
        };
        found.iter().map(|d| self.lsp_diagnostic(d)).collect()
    }

    fn lsp_diagnostic(&self, d: &ennakko::Diagnostic) -> lsp_types::Diagnostic {
        let here = d.file.as_deref().is_none_or(|f| std::path::Path::new(f) == std::path::Path::new(&self.name));
        let mut message = d.message.clone();
        let range = match (here, d.line, d.column) {
            (true, Some(line), Some(column)) => {
                let start = self.lines.position_of_line_col(&self.text, line, column);
                let end = match (d.end_line, d.end_column) {
                    (Some(l), Some(c)) => self.lines.position_of_line_col(&self.text, l, c),
                    _ => start,
                };
                Range::new(self.to_lsp(start), self.to_lsp(end))
            }
            (true, ..) => self.range(0, 0),
            (false, ..) => {
                let file = d.file.as_deref().unwrap_or_default();
                let at = d.line.zip(d.column).map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default();
                message = format!("in {file}{at}: {message}");
                let link = self.index.imports.iter().find(|l| self.file_name(l.file) == Some(file));
                link.or(self.index.imports.first()).map_or(self.range(0, 0), |l| self.range(l.span.start, l.span.end))
            }
        };
        for note in &d.notes {
            message.push_str(&format!("\nnote: {note}"));
        }
        if let Some(help) = &d.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        lsp_types::Diagnostic {
            range,
            severity: Some(match d.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
            }),
            code: Some(NumberOrString::String(d.code.clone())),
            source: Some("ennakko".into()),
            message,
            ..Default::default()
        }
    }

    fn file_name(&self, file: Option<usize>) -> Option<&str> {
        file.and_then(|f| self.index.sources.get(f)).map(|f| f.name.as_str())
    }

    /// The symbol named at a position: a declaration or item written there,
    /// `fact.x`, `scale.level`, or a bare id.
    fn symbol_at(&self, p: Position) -> Option<Resolved<'_>> {
        let offset = self.offset(p);
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
            (None, Some(head)) => default_level(head, w.word),
            (None, None) => ScaleId::from_name(w.word).map(|id| Resolved::DefaultScale(defaults::default_scale(id))),
        }
    }

    /// Hover text: the kind, the checklist's own texts in every language,
    /// the legal basis and other properties, and where it is declared.
    pub fn hover(&self, p: Position) -> Option<lsp_types::Hover> {
        let text = match self.symbol_at(p)? {
            Resolved::Source(s) => hover_text(s, self.file_name(Some(s.span.file)).unwrap_or_default()),
            Resolved::DefaultScale(scale) => {
                let levels: Vec<&str> = scale.levels.iter().map(|l| l.id.as_str()).collect();
                format!(
                    "**scale** `{}` (default)\n\n{}\n\nlevels: {}",
                    scale.id.name(),
                    texts_markdown(scale.label.iter()),
                    levels.join(", ")
                )
            }
            Resolved::DefaultLevel(scale, level) => {
                let texts = texts_markdown(level.label.iter());
                format!("**level** `{}.{}` (default), weight {}\n\n{texts}", scale.name(), level.id, level.weight)
            }
        };
        Some(lsp_types::Hover {
            contents: lsp_types::HoverContents::Markup(lsp_types::MarkupContent {
                kind: lsp_types::MarkupKind::Markdown,
                value: text,
            }),
            range: None,
        })
    }

    /// Where the symbol at a position is declared, or the file an import
    /// line reads. A standard checklist is served as a read-only copy.
    pub fn definition(&self, p: Position, std: &StdFiles) -> Option<Location> {
        let offset = self.offset(p);
        if let Some(link) = self.index.imports.iter().find(|l| l.span.start <= offset && offset <= l.span.end) {
            return self.location(Span { file: link.file?, start: 0, end: 0 }, std);
        }
        match self.symbol_at(p)? {
            Resolved::Source(s) => self.location(s.span, std),
            Resolved::DefaultScale(_) | Resolved::DefaultLevel(..) => None,
        }
    }

    fn location(&self, span: Span, std: &StdFiles) -> Option<Location> {
        if span.file == 0 {
            return Some(Location::new(self.uri.clone(), self.range(span.start, span.end)));
        }
        let file = self.index.sources.get(span.file)?;
        let uri = match file.name.strip_prefix("<std>/").and_then(|n| n.strip_suffix(".eva")) {
            Some(std_name) => crate::uri::from_path(&std.path(std_name)?),
            None => crate::uri::from_path(std::path::Path::new(&file.name)),
        };
        let lines = LineIndex::new(&file.text);
        let range = Range::new(lines.position(&file.text, span.start), lines.position(&file.text, span.end));
        Some(Location::new(uri.parse().ok()?, range))
    }

    /// The declarations of this file, with their levels and options inside.
    #[allow(deprecated)] // `DocumentSymbol::deprecated` must be given.
    pub fn symbols(&self) -> Vec<DocumentSymbol> {
        let mut out: Vec<DocumentSymbol> = Vec::new();
        for s in self.index.symbols.iter().filter(|s| s.span.file == 0) {
            let symbol = DocumentSymbol {
                name: s.id.clone(),
                detail: Some(kind_name(s)),
                kind: lsp_kind(s.kind),
                tags: None,
                deprecated: None,
                range: self.range(s.full.start, s.full.end),
                selection_range: self.range(s.span.start, s.span.end),
                children: None,
            };
            match (s.parent.is_some(), out.last_mut()) {
                (true, Some(parent)) => parent.children.get_or_insert_with(Vec::new).push(symbol),
                _ => out.push(symbol),
            }
        }
        out
    }

    /// The whole text in canonical form, or no edit when it is already
    /// canonical or does not parse (its diagnostics say why).
    pub fn format(&self) -> Vec<TextEdit> {
        match ennakko::syntax::format::format_source(&self.name, &self.text) {
            Ok(formatted) if formatted != self.text || self.bom => {
                vec![TextEdit::new(Range::new(Position::new(0, 0), self.range(0, self.text.len()).end), formatted)]
            }
            _ => Vec::new(),
        }
    }

    /// The edits renaming the id at a position everywhere in this file;
    /// an error sentence when it cannot be done safely.
    pub fn rename(&self, p: Position, new_name: &str, limits: &Limits) -> Result<Vec<TextEdit>, String> {
        let Some(Resolved::Source(symbol)) = self.symbol_at(p) else {
            return Err("there is no checklist id here to rename".into());
        };
        if !matches!(symbol.kind, SymbolKind::Decl(_)) {
            return Err("levels and options are named in decisions too; rename them by hand".into());
        }
        if symbol.span.file != 0 {
            let file = self.file_name(Some(symbol.span.file)).unwrap_or_default();
            return Err(format!("`{}` is declared in {file}; rename it there", symbol.id));
        }
        if !is_id(new_name, limits) {
            return Err(format!("`{new_name}` cannot be an id: use letters, digits and `_`, not a reserved word"));
        }
        if self.index.find(new_name).is_some() {
            return Err(format!("`{new_name}` is already declared"));
        }
        let mut sources = SourceMap::default();
        let file = sources.add(self.name.clone(), self.text.clone());
        let tree = ennakko::syntax::parse(&sources, file, limits)
            .map_err(|_| "fix the syntax errors first, then rename".to_string())?;
        let spans = index::occurrences(&tree, &symbol.id);
        Ok(spans.iter().map(|s| TextEdit::new(self.range(s.start, s.end), new_name.to_string())).collect())
    }

    /// Completion items for what may be typed at a position.
    pub fn complete(&self, p: Position) -> Vec<CompletionItem> {
        match lexical::context(&self.text, self.offset(p)) {
            Context::Nothing => Vec::new(),
            Context::TopLevel => keywords(&DECL_KEYWORDS).chain(keywords(&["import"])).collect(),
            Context::Import => {
                stdlib::names().map(|n| item(n, CompletionItemKind::MODULE, "standard checklist")).collect()
            }
            Context::Sort { keyword, after } => keywords(sorts(&keyword, &after)).collect(),
            Context::Property => keywords(&PROPERTY_KEYS).collect(),
            Context::Args { key, decl } => self.complete_args(&key, decl.as_deref()),
            Context::Expr => self.complete_expr(),
            Context::Member { head } => self.complete_member(&head),
            Context::Choice { subject } => self.options(&subject),
        }
    }

    fn complete_args(&self, key: &str, decl: Option<&str>) -> Vec<CompletionItem> {
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

    fn complete_expr(&self) -> Vec<CompletionItem> {
        use DeclKind::*;
        let mut items = self.ids_of(&[Group, Domain, Perspective, Question, Score, Scale]);
        let defaults = ScaleId::ALL.into_iter().filter(|id| self.index.find(id.name()).is_none());
        items.extend(defaults.map(|id| item(id.name(), CompletionItemKind::ENUM, "scale (default)")));
        items.extend(
            ennakko::checklist::model::FUNCTIONS.iter().map(|f| item(f, CompletionItemKind::FUNCTION, "function")),
        );
        items.extend(keywords(&EXPR_WORDS));
        items
    }

    fn complete_member(&self, head: &str) -> Vec<CompletionItem> {
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
    fn options(&self, subject: &str) -> Vec<CompletionItem> {
        let options = self.index.symbols.iter().filter(|s| s.kind == SymbolKind::Option);
        let of_subject = options.filter(|s| s.parent.as_deref() == Some(subject));
        of_subject.map(|s| item(&s.id, CompletionItemKind::ENUM_MEMBER, &format!("option of {subject}"))).collect()
    }

    fn ids_of(&self, kinds: &[DeclKind]) -> Vec<CompletionItem> {
        let symbols = kinds.iter().flat_map(|k| self.index.of_kind(*k));
        symbols
            .map(|s| CompletionItem {
                documentation: Some(lsp_types::Documentation::MarkupContent(lsp_types::MarkupContent {
                    kind: lsp_types::MarkupKind::Markdown,
                    value: hover_text(s, self.file_name(Some(s.span.file)).unwrap_or_default()),
                })),
                ..item(&s.id, lsp_kind_completion(s.kind), &kind_name(s))
            })
            .collect()
    }

    /// The levels of a scale: declared ones, else the default scale's.
    fn levels(&self, scale: &str) -> Vec<CompletionItem> {
        let declared: Vec<CompletionItem> = self
            .index
            .symbols
            .iter()
            .filter(|s| s.kind == SymbolKind::Level && s.parent.as_deref() == Some(scale))
            .map(|s| item(&s.id, CompletionItemKind::ENUM_MEMBER, &format!("level of {scale}")))
            .collect();
        if !declared.is_empty() || self.index.find(scale).is_some() {
            return declared;
        }
        let Some(id) = ScaleId::from_name(scale) else { return Vec::new() };
        let levels = defaults::default_scale(id).levels;
        levels.iter().map(|l| item(&l.id, CompletionItemKind::ENUM_MEMBER, &format!("level of {scale}"))).collect()
    }
}

/// What a position names.
enum Resolved<'a> {
    /// Something written in the checklist or its imports.
    Source(&'a Symbol),
    /// A default scale no file redefines.
    DefaultScale(Scale),
    /// A level of a default scale.
    DefaultLevel(ScaleId, Level),
}

fn default_level(scale: &str, level: &str) -> Option<Resolved<'static>> {
    let id = ScaleId::from_name(scale)?;
    let level = defaults::default_scale(id).levels.into_iter().find(|l| l.id == level)?;
    Some(Resolved::DefaultLevel(id, level))
}

/// Whether a word is a valid id, asked of the parser itself so the
/// answer follows the grammar.
fn is_id(word: &str, limits: &Limits) -> bool {
    if word.is_empty() || word.len() > 256 || !word.chars().all(lexical::is_id_char) {
        return false;
    }
    let mut sources = SourceMap::default();
    let file = sources.add("id", format!("group {word} {{ }}"));
    ennakko::syntax::parse(&sources, file, limits).is_ok_and(|tree| tree.decls.len() == 1)
}

/// Markdown for a symbol's hover.
fn hover_text(s: &Symbol, file: &str) -> String {
    let mut out = format!("**{}** `{}`", kind_name(s), s.id);
    if let Some(parent) = &s.parent {
        out.push_str(&format!(" of `{parent}`"));
    }
    for (key, texts) in &s.texts {
        out.push_str(&format!("\n\n*{key}*  \n{}", texts_markdown(texts.iter().map(|(l, t)| (l, t)))));
    }
    for (key, value) in &s.props {
        let key = if key == "basis" { "legal basis" } else { key.as_str() };
        out.push_str(&format!("\n\n*{key}* {value}"));
    }
    if s.span.file != 0 {
        out.push_str(&format!("\n\ndeclared in `{file}`"));
    }
    out
}

fn texts_markdown<'a>(texts: impl Iterator<Item = (&'a String, &'a String)>) -> String {
    texts.map(|(lang, text)| format!("{lang}: {text}")).collect::<Vec<_>>().join("  \n")
}

fn kind_name(s: &Symbol) -> String {
    let kind = match s.kind {
        SymbolKind::Decl(k) => k.keyword(),
        SymbolKind::Level => "level",
        SymbolKind::Option => "option",
    };
    if s.sort.is_empty() { kind.to_string() } else { format!("{kind}: {}", s.sort.join(" ")) }
}

fn lsp_kind(kind: SymbolKind) -> LspSymbolKind {
    match kind {
        SymbolKind::Decl(DeclKind::Checklist) => LspSymbolKind::MODULE,
        SymbolKind::Decl(DeclKind::Perspective | DeclKind::Domain) => LspSymbolKind::NAMESPACE,
        SymbolKind::Decl(DeclKind::Group) => LspSymbolKind::CLASS,
        SymbolKind::Decl(DeclKind::Scale) => LspSymbolKind::ENUM,
        SymbolKind::Decl(DeclKind::Fact) => LspSymbolKind::FIELD,
        SymbolKind::Decl(DeclKind::Question) => LspSymbolKind::PROPERTY,
        SymbolKind::Decl(DeclKind::Rule) => LspSymbolKind::EVENT,
        SymbolKind::Decl(DeclKind::Score) => LspSymbolKind::FUNCTION,
        SymbolKind::Level | SymbolKind::Option => LspSymbolKind::ENUM_MEMBER,
    }
}

fn lsp_kind_completion(kind: SymbolKind) -> CompletionItemKind {
    match kind {
        SymbolKind::Decl(DeclKind::Group) => CompletionItemKind::CLASS,
        SymbolKind::Decl(DeclKind::Scale) => CompletionItemKind::ENUM,
        SymbolKind::Decl(DeclKind::Fact) => CompletionItemKind::FIELD,
        SymbolKind::Decl(DeclKind::Question) => CompletionItemKind::PROPERTY,
        SymbolKind::Decl(DeclKind::Score) => CompletionItemKind::FUNCTION,
        SymbolKind::Decl(_) => CompletionItemKind::MODULE,
        SymbolKind::Level | SymbolKind::Option => CompletionItemKind::ENUM_MEMBER,
    }
}

fn item(label: &str, kind: CompletionItemKind, detail: &str) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: Some(detail.to_string()),
        ..Default::default()
    }
}

fn keywords<'a>(words: &'a [&'a str]) -> impl Iterator<Item = CompletionItem> + 'a {
    words.iter().map(|w| item(w, CompletionItemKind::KEYWORD, "keyword"))
}

fn fields(words: &[&str]) -> Vec<CompletionItem> {
    words.iter().map(|w| item(w, CompletionItemKind::FIELD, "field")).collect()
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
const VARIABLE_FIELDS: [&str; 20] = [
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

    fn doc(text: &str) -> Document {
        Document::new("untitled:Untitled-1".parse().unwrap(), text, &Limits::default())
    }

    /// Half-typed and odd text, asked about at every position: nothing
    /// panics, and every answer stays inside the text.
    #[test]
    fn every_request_at_every_position_of_broken_text() {
        let std = StdFiles::in_dir(std::env::temp_dir().join(format!("ennakko-lsp-unit-{}", std::process::id())));
        for text in [
            "\u{feff}import \"eva\"\ngroup ä🙂 { label fi \"Å\" parent children",
            "import \"eva\"\nrule r: verdict full {\n  when fact.\n  message en \"x",
            "scale magnitude { level ö 1 { } default ö }\nscore s { value magnitude.ö + ",
            "}}}{{{ \"\\",
            "",
        ] {
            let d = doc(text);
            let lines = text.split('\n').count() as u32;
            for line in 0..=lines {
                for character in 0..=text.len() as u32 / lines.max(1) + 2 {
                    let p = Position::new(line, character);
                    let _ = (d.hover(p), d.definition(p, &std), d.complete(p), d.rename(p, "x_1", &Limits::default()));
                }
            }
            let _ = (d.diagnostics(&Limits::default()), d.symbols(), d.format());
        }
    }

    #[test]
    fn a_byte_order_mark_shifts_the_first_line() {
        let d = doc("\u{feff}group kids { }\ngroup b { parent kids }");
        let symbols = d.symbols();
        assert_eq!(symbols[0].selection_range.start, Position::new(0, 7));
        let hover = d.hover(Position::new(0, 8)).unwrap();
        let lsp_types::HoverContents::Markup(m) = hover.contents else { panic!("markdown") };
        assert!(m.value.starts_with("**group** `kids`"));
        let edits = d.rename(Position::new(1, 18), "lapset", &Limits::default()).unwrap();
        assert_eq!(edits[0].range.start, Position::new(0, 7));
        assert_eq!(edits[1].range.start, Position::new(1, 17));
    }

    #[test]
    fn hover_on_default_scales_and_levels() {
        let d = doc("score s {\n  value count c in cells where c.magnitude >= magnitude.severe\n}\n");
        let text = |p| match d.hover(p).map(|h| h.contents) {
            Some(lsp_types::HoverContents::Markup(m)) => m.value,
            other => panic!("{other:?}"),
        };
        let line = "  value count c in cells where c.magnitude >= magnitude.severe";
        let at = |needle: &str| Position::new(1, line.rfind(needle).unwrap() as u32 + 1);
        assert!(text(at("severe")).contains("fi: Merkittävä"), "{}", text(at("severe")));
        assert!(text(at("magnitude.")).starts_with("**scale** `magnitude` (default)"));
        assert!(d.hover(Position::new(1, line.find("c.magnitude").unwrap() as u32 + 3)).is_none(), "a cell's field");
    }

    #[test]
    fn rename_refuses_what_would_break() {
        let d = doc("group kids { }\ngroup b { parent kids }\n");
        let refuse = |p, name: &str| d.rename(p, name, &Limits::default()).unwrap_err();
        assert!(refuse(Position::new(0, 7), "group").contains("cannot be an id"));
        assert!(refuse(Position::new(0, 7), "9x").contains("cannot be an id"));
        assert!(refuse(Position::new(0, 7), "b").contains("already declared"));
        assert!(refuse(Position::new(0, 0), "x").contains("no checklist id"));
    }

    #[test]
    fn completion_in_context() {
        // The cursor is at `|`, or at the end.
        let labels = |text: &str| -> Vec<String> {
            let at = text.find('|').unwrap_or(text.len());
            let d = doc(&text.replace('|', ""));
            d.complete(d.lines.position(&d.text, at)).into_iter().map(|i| i.label).collect()
        };
        assert!(labels("gr").contains(&"group".to_string()));
        assert_eq!(labels("rule r: verdict "), ["none", "light", "full"]);
        assert!(labels("import \"").contains(&"children".to_string()));
        assert!(labels("fact cost: number { }\nrule r: info {\n  when fact.").contains(&"cost".to_string()));
        assert_eq!(
            labels("scale timing {\n  default |\n}"),
            Vec::<String>::new(),
            "a redefined scale has its own levels"
        );
        assert_eq!(labels("scale people {\n  level a { }\n  default |\n}"), ["a"]);
        assert_eq!(labels("scale people {\n  default "), ["few", "some", "many"], "not yet redefined");
        assert!(
            labels("rule r: info {\n  when any g in groups: impact(g) < 0 and ").contains(&"equity_gap".to_string())
        );
        assert_eq!(labels("group a { label en \"gr"), Vec::<String>::new());
        let choice = "fact area: choice { option urban { } option rural { } }\nrule r: info {\n  when fact.area == \"";
        assert_eq!(labels(choice), ["urban", "rural"]);
    }
}

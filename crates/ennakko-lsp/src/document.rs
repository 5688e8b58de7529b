//! One open checklist file and what the server answers about it. Hover and
//! completion are the core's editor services ([`ennakko::editor`], shared
//! with the WebAssembly package's editor page); this module converts
//! between LSP positions (UTF-16) and the core's byte offsets, and adds
//! what only a server on a file system does (definition, rename, symbols,
//! formatting). Every answer is bounded by the core's [`Limits`] (compiling
//! and indexing) or is linear in the text (lexical look-ups).

use std::path::PathBuf;
use std::sync::Arc;

use ennakko::api::Lang;
use ennakko::checklist::index::{self, SymbolKind};
use ennakko::editor::{Completion, CompletionKind, Editor, lexical};
use ennakko::syntax::ast::DeclKind;
use ennakko::syntax::source::{SourceMap, Span};
use ennakko::{Checklist, FileResolver, Limits, Options, Resolver, Severity, StdResolver};
use lsp_types::{
    CompletionItem, CompletionItemKind, DiagnosticSeverity, DocumentSymbol, Location, NumberOrString, Position, Range,
    SymbolKind as LspSymbolKind, TextEdit, Uri,
};

use crate::position::LineIndex;
use crate::stdfiles::StdFiles;

pub use ennakko::editor::{DECL_KEYWORDS, EXPR_WORDS, PROPERTY_KEYS};

/// An open document.
pub struct Document {
    uri: Uri,
    /// Whether the editor's text starts with a byte-order mark: positions
    /// on the first line are then one UTF-16 unit further right.
    bom: bool,
    lines: LineIndex,
    /// The name the core knows the file by: its path, or the URI.
    name: String,
    folder: Option<PathBuf>,
    /// The text (without a byte-order mark: the core drops it too) and its
    /// index.
    editor: Editor,
}

impl Document {
    /// Reads and indexes a document's text.
    pub fn new(uri: Uri, text: &str, limits: &Limits) -> Document {
        let bom = text.starts_with('\u{feff}');
        let path = crate::uri::to_path(uri.as_str());
        let name = path.as_ref().map_or_else(|| uri.as_str().to_string(), |p| p.display().to_string());
        let folder = path.as_ref().and_then(|p| p.parent()).map(PathBuf::from);
        let resolver = resolver(&folder);
        let editor = Editor::new(&name, text, resolver.as_ref(), limits);
        Document { uri, lines: LineIndex::new(editor.text()), bom, name, folder, editor }
    }

    fn text(&self) -> &str {
        self.editor.text()
    }

    fn index(&self) -> &index::Index {
        self.editor.index()
    }

    /// The URI and the text as the editor gave it, to read it again.
    pub fn into_parts(self) -> (Uri, String) {
        let text = if self.bom { format!("\u{feff}{}", self.text()) } else { self.text().to_string() };
        (self.uri, text)
    }

    /// The document's URI.
    pub fn uri(&self) -> &Uri {
        &self.uri
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
        self.lines.offset(self.text(), p)
    }

    fn range(&self, start: usize, end: usize) -> Range {
        Range::new(
            self.to_lsp(self.lines.position(self.text(), start)),
            self.to_lsp(self.lines.position(self.text(), end)),
        )
    }

    /// Every problem the compiler finds, errors and warnings, with codes,
    /// hints and notes, told in `lang`. A problem in an imported file is
    /// shown on the import line that leads to it.
    pub fn diagnostics(&self, limits: &Limits, lang: Lang) -> Vec<lsp_types::Diagnostic> {
        let options = Options { limits: *limits, resolver: resolver(&self.folder) };
        let found = match Checklist::compile(&self.name, self.text(), &options) {
            Ok(checklist) => checklist.warnings().to_vec(),
            Err(e) => e.diagnostics,
        };
        found.iter().map(|d| self.lsp_diagnostic(&d.in_language(lang))).collect()
    }

    fn lsp_diagnostic(&self, d: &ennakko::Diagnostic) -> lsp_types::Diagnostic {
        let here = d.file.as_deref().is_none_or(|f| std::path::Path::new(f) == std::path::Path::new(&self.name));
        let mut message = d.message.clone();
        let range = match (here, d.line, d.column) {
            (true, Some(line), Some(column)) => {
                let start = self.lines.position_of_line_col(self.text(), line, column);
                let end = match (d.end_line, d.end_column) {
                    (Some(l), Some(c)) => self.lines.position_of_line_col(self.text(), l, c),
                    _ => start,
                };
                Range::new(self.to_lsp(start), self.to_lsp(end))
            }
            (true, ..) => self.range(0, 0),
            (false, ..) => {
                let file = d.file.as_deref().unwrap_or_default();
                let at = d.line.zip(d.column).map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default();
                message = format!("in {file}{at}: {message}");
                let link = self.index().imports.iter().find(|l| self.editor.file_name(l.file) == Some(file));
                link.or(self.index().imports.first()).map_or(self.range(0, 0), |l| self.range(l.span.start, l.span.end))
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

    /// Hover text: the kind, the checklist's own texts in every language,
    /// the legal basis and other properties, and where it is declared.
    pub fn hover(&self, p: Position) -> Option<lsp_types::Hover> {
        let hover = self.editor.hover(self.offset(p))?;
        Some(lsp_types::Hover { contents: lsp_types::HoverContents::Markup(markdown(hover.markdown())), range: None })
    }

    /// Where the symbol at a position is declared, or the file an import
    /// line reads. A standard checklist is served as a read-only copy.
    pub fn definition(&self, p: Position, std: &StdFiles) -> Option<Location> {
        let offset = self.offset(p);
        if let Some(link) = self.index().imports.iter().find(|l| l.span.start <= offset && offset <= l.span.end) {
            return self.location(Span { file: link.file?, start: 0, end: 0 }, std);
        }
        self.location(self.editor.symbol_at(offset)?.span, std)
    }

    fn location(&self, span: Span, std: &StdFiles) -> Option<Location> {
        if span.file == 0 {
            return Some(Location::new(self.uri.clone(), self.range(span.start, span.end)));
        }
        let file = self.index().sources.get(span.file)?;
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
        for s in self.index().symbols.iter().filter(|s| s.span.file == 0) {
            let detail = match s.kind {
                SymbolKind::Decl(k) => k.keyword(),
                SymbolKind::Level => "level",
                SymbolKind::Option => "option",
            };
            let detail = if s.sort.is_empty() { detail.to_string() } else { format!("{detail}: {}", s.sort.join(" ")) };
            let symbol = DocumentSymbol {
                name: s.id.clone(),
                detail: Some(detail),
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
        match ennakko::syntax::format::format_source(&self.name, self.text()) {
            Ok(formatted) if formatted != self.text() || self.bom => {
                vec![TextEdit::new(Range::new(Position::new(0, 0), self.range(0, self.text().len()).end), formatted)]
            }
            _ => Vec::new(),
        }
    }

    /// The edits renaming the id at a position everywhere in this file;
    /// an error sentence when it cannot be done safely.
    pub fn rename(&self, p: Position, new_name: &str, limits: &Limits) -> Result<Vec<TextEdit>, String> {
        let Some(symbol) = self.editor.symbol_at(self.offset(p)) else {
            return Err("there is no checklist id here to rename".into());
        };
        if !matches!(symbol.kind, SymbolKind::Decl(_)) {
            return Err("levels and options are named in decisions too; rename them by hand".into());
        }
        if symbol.span.file != 0 {
            let file = self.editor.file_name(Some(symbol.span.file)).unwrap_or_default();
            return Err(format!("`{}` is declared in {file}; rename it there", symbol.id));
        }
        if !is_id(new_name, limits) {
            return Err(format!("`{new_name}` cannot be an id: use letters, digits and `_`, not a reserved word"));
        }
        if self.index().find(new_name).is_some() {
            return Err(format!("`{new_name}` is already declared"));
        }
        let mut sources = SourceMap::default();
        let file = sources.add(self.name.clone(), self.text().to_string());
        let tree = ennakko::syntax::parse(&sources, file, limits)
            .map_err(|_| "fix the syntax errors first, then rename".to_string())?;
        let spans = index::occurrences(&tree, &symbol.id);
        Ok(spans.iter().map(|s| TextEdit::new(self.range(s.start, s.end), new_name.to_string())).collect())
    }

    /// Completion items for what may be typed at a position.
    pub fn complete(&self, p: Position) -> Vec<CompletionItem> {
        self.editor.complete(self.offset(p)).into_iter().map(completion_item).collect()
    }
}

/// Imports are read next to a file on disk; an unsaved document can
/// import standard checklists only.
fn resolver(folder: &Option<PathBuf>) -> Arc<dyn Resolver> {
    match folder {
        Some(root) => Arc::new(FileResolver { root: root.clone() }),
        None => Arc::new(StdResolver),
    }
}

fn markdown(value: String) -> lsp_types::MarkupContent {
    lsp_types::MarkupContent { kind: lsp_types::MarkupKind::Markdown, value }
}

fn completion_item(c: Completion) -> CompletionItem {
    CompletionItem {
        kind: Some(match c.kind {
            CompletionKind::Keyword => CompletionItemKind::KEYWORD,
            CompletionKind::Checklist | CompletionKind::Declaration => CompletionItemKind::MODULE,
            CompletionKind::Group => CompletionItemKind::CLASS,
            CompletionKind::Scale => CompletionItemKind::ENUM,
            CompletionKind::Fact | CompletionKind::Field => CompletionItemKind::FIELD,
            CompletionKind::Question => CompletionItemKind::PROPERTY,
            CompletionKind::Score | CompletionKind::Function => CompletionItemKind::FUNCTION,
            CompletionKind::Member => CompletionItemKind::ENUM_MEMBER,
        }),
        detail: Some(c.detail),
        documentation: c.info.map(|h| lsp_types::Documentation::MarkupContent(markdown(h.markdown()))),
        label: c.label,
        ..Default::default()
    }
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
            let _ = (d.diagnostics(&Limits::default(), Lang::En), d.symbols(), d.format());
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
            d.complete(d.lines.position(d.text(), at)).into_iter().map(|i| i.label).collect()
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

//! A symbol index of checklist source, for editors: every declared id (and
//! every scale level and option), where it is written, and its texts; and
//! every place a file names an id, for renaming.
//!
//! Unlike compiling, indexing is best effort: a file that does not parse or
//! an import that cannot be read is left out rather than reported, because
//! an editor indexes half-typed text and the diagnostics come from
//! compiling. The work stays bounded by the same [`Limits`] as compiling:
//! at most `max_imports` imported files, each at most `max_source_bytes`,
//! parsed under the same nesting pre-scan.

use std::collections::{HashSet, VecDeque};

use crate::checklist::load::Resolver;
use crate::limits::Limits;
use crate::syntax::ast::{self, Arg, DeclKind, ExprKind, PropValue, QuantSource};
use crate::syntax::source::{SourceMap, Span};

/// What a symbol is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    /// A declaration (`group children { ... }`).
    Decl(DeclKind),
    /// A scale level (`level severe 3 { ... }`), named in expressions as
    /// `scale.level`.
    Level,
    /// An option of a choice fact or question (`option rural { ... }`).
    Option,
}

/// One declared name.
#[derive(Debug, Clone, PartialEq)]
pub struct Symbol {
    /// The id as written.
    pub id: String,
    /// Declaration, level or option.
    pub kind: SymbolKind,
    /// The words after the colon (`screening`, `verdict full`, `number`).
    pub sort: Vec<String>,
    /// For a level or option, the id of the declaration holding it.
    pub parent: Option<String>,
    /// Where the id is written.
    pub span: Span,
    /// The whole declaration or item.
    pub full: Span,
    /// Multilingual texts by property (`label`, `title`, `text`,
    /// `definition`, `help`, `message`), each as `(language, text)` pairs,
    /// in the order written.
    pub texts: Vec<(String, Vec<(String, String)>)>,
    /// The other properties, each as its key and its value as written
    /// (`("basis", "\"YK:n lapsen oikeuksien sopimus\"")`, `("age",
    /// "0..17")`, `("vulnerable", "")`).
    pub props: Vec<(String, String)>,
}

impl Symbol {
    /// The value of a property other than a text, as written (a flag's is
    /// empty).
    pub fn prop(&self, key: &str) -> Option<&str> {
        self.props.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// An `import` line of the root file and the file it led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportLink {
    /// Where the import is written in the root file.
    pub span: Span,
    /// The imported file in [`Index::sources`], if it could be read.
    pub file: Option<usize>,
}

/// The symbols of a root file and of everything it imports.
///
/// ```
/// use ennakko::checklist::index::{index, SymbolKind};
/// use ennakko::syntax::ast::DeclKind;
/// let text = "import \"eva\"\ngroup kids { label fi \"Lapset\" sv \"Barn\" en \"Kids\" }";
/// let idx = index("my.eva", text, &ennakko::StdResolver, &ennakko::Limits::default());
/// let kids = idx.find("kids").unwrap();
/// assert_eq!((kids.kind, kids.span.file), (SymbolKind::Decl(DeclKind::Group), 0));
/// assert_eq!(idx.sources.get(idx.find("children").unwrap().span.file).unwrap().name, "<std>/eva.eva");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// The root file (always file 0) and the imported files read.
    pub sources: SourceMap,
    /// Every symbol, the root file's first: where an importing file
    /// redefines an id (a scale), the redefinition comes first.
    pub symbols: Vec<Symbol>,
    /// The root file's import lines.
    pub imports: Vec<ImportLink>,
    /// Whether the root file parsed (when it did not, only file 0 is in
    /// `sources` and there are no symbols).
    pub root_parsed: bool,
}

impl Index {
    /// The declaration with this id (not a level or option).
    pub fn find(&self, id: &str) -> Option<&Symbol> {
        self.symbols.iter().find(|s| s.id == id && matches!(s.kind, SymbolKind::Decl(_)))
    }

    /// The level or option `id` of the declaration `parent`.
    ///
    /// ```
    /// # use ennakko::checklist::index::index;
    /// let text = "scale magnitude { level low 1 { label en \"Low\" } }";
    /// let idx = index("x.eva", text, &ennakko::StdResolver, &ennakko::Limits::default());
    /// assert_eq!(idx.find_item("magnitude", "low").unwrap().texts[0].1[0].1, "Low");
    /// ```
    pub fn find_item(&self, parent: &str, id: &str) -> Option<&Symbol> {
        self.symbols.iter().find(|s| s.id == id && s.parent.as_deref() == Some(parent))
    }

    /// The symbol whose id is written at `offset` of `file`, if any.
    pub fn declared_at(&self, file: usize, offset: usize) -> Option<&Symbol> {
        self.symbols.iter().find(|s| s.span.file == file && s.span.start <= offset && offset <= s.span.end)
    }

    /// The declarations of one kind, in index order, without repeats.
    pub fn of_kind(&self, kind: DeclKind) -> impl Iterator<Item = &Symbol> {
        let mut seen = HashSet::new();
        self.symbols.iter().filter(move |s| s.kind == SymbolKind::Decl(kind) && seen.insert(s.id.as_str()))
    }
}

/// Indexes a root file and, breadth first, what it imports, through
/// `resolver` (the root's name is the importer of its imports, as when
/// compiling). Never fails: what cannot be read or parsed is left out.
pub fn index(root_name: &str, root_text: &str, resolver: &dyn Resolver, limits: &Limits) -> Index {
    let mut idx = Index::default();
    let mut seen: HashSet<String> = HashSet::from([root_name.to_string()]);
    let mut queue = VecDeque::from([(root_name.to_string(), root_text.to_string())]);
    while let Some((name, text)) = queue.pop_front() {
        let file = idx.sources.add(name.clone(), text);
        let Ok(tree) = crate::syntax::parse(&idx.sources, file, limits) else { continue };
        idx.root_parsed |= file == 0;
        for decl in &tree.decls {
            if idx.symbols.len() >= limits.max_declarations {
                break;
            }
            add_decl(&mut idx.symbols, decl);
        }
        for import in &tree.imports {
            let resolved = if seen.len() > limits.max_imports {
                None
            } else {
                resolver.resolve_within(&name, &import.target, limits.max_source_bytes).ok()
            };
            // The file index the import will get, if it is read now.
            let next = idx.sources.files().len() + queue.len();
            let target = match resolved {
                Some(r) if seen.insert(r.name.clone()) => {
                    queue.push_back((r.name, r.text));
                    Some(next)
                }
                Some(r) => queued_or_read(&idx.sources, &queue, &r.name),
                None => None,
            };
            if file == 0 {
                idx.imports.push(ImportLink { span: import.span, file: target });
            }
        }
    }
    idx
}

/// The file index a name already read or queued has (or will have).
fn queued_or_read(sources: &SourceMap, queue: &VecDeque<(String, String)>, name: &str) -> Option<usize> {
    let read = sources.files().iter().position(|f| f.name == name);
    read.or_else(|| queue.iter().position(|(n, _)| n == name).map(|i| sources.files().len() + i))
}

fn add_decl(symbols: &mut Vec<Symbol>, decl: &ast::Decl) {
    let (texts, props) = describe_props(&decl.props);
    symbols.push(Symbol {
        id: decl.id.name.clone(),
        kind: SymbolKind::Decl(decl.kind),
        sort: decl.sort.iter().map(|w| w.name.clone()).collect(),
        parent: None,
        span: decl.id.span,
        full: decl.span,
        texts,
        props,
    });
    for prop in &decl.props {
        if let PropValue::Item(item) = &prop.value {
            let (texts, mut props) = describe_props(&item.props);
            if let Some((weight, _)) = item.number {
                props.insert(0, ("weight".to_string(), weight.to_string()));
            }
            let kind = if prop.key.name == "level" { SymbolKind::Level } else { SymbolKind::Option };
            symbols.push(Symbol {
                id: item.id.name.clone(),
                kind,
                sort: Vec::new(),
                parent: Some(decl.id.name.clone()),
                span: item.id.span,
                full: prop.span,
                texts,
                props,
            });
        }
    }
}

type Texts = Vec<(String, Vec<(String, String)>)>;

fn describe_props(props: &[ast::Prop]) -> (Texts, Vec<(String, String)>) {
    let mut texts = Vec::new();
    let mut other = Vec::new();
    for prop in props {
        let key = prop.key.name.clone();
        match &prop.value {
            PropValue::Text(ts) => {
                texts.push((key, ts.iter().map(|t| (t.lang.name.clone(), t.text.clone())).collect()));
            }
            PropValue::Args(args) => other.push((key, args.iter().map(arg_text).collect::<Vec<_>>().join(", "))),
            PropValue::Flag => other.push((key, String::new())),
            PropValue::Expr(_) | PropValue::Item(_) => {}
        }
    }
    (texts, other)
}

fn arg_text(arg: &Arg) -> String {
    match arg {
        Arg::Number(n, _) => n.to_string(),
        Arg::Str(s, _) => format!("\"{s}\""),
        Arg::Range(a, b, _) => format!("{a}..{b}"),
        Arg::Name(id) => id.name.clone(),
    }
}

/// Property keys whose bare-word arguments are not ids of declarations:
/// `default` names a level, `category` a group category, `languages`
/// language tags, `each` a keyword.
const NOT_ID_KEYS: [&str; 4] = ["default", "category", "languages", "each"];

/// Every place in `tree` where the declaration id `name` is written: its
/// declaration, property arguments (`groups children`), the head of an
/// expression path (`children`, `magnitude.severe`) and a fact after
/// `fact.`; not level or option ids, field names or quantifier words. For
/// renaming an id across a file.
///
/// ```
/// use ennakko::{Limits, syntax::{self, source::SourceMap}, checklist::index::occurrences};
/// let text = "group kids { label en \"Kids\" }\nrule r: info { when impact(kids) < 0 and fact.kids > 1 }";
/// let mut sources = SourceMap::default();
/// let file = sources.add("x.eva", text);
/// let tree = syntax::parse(&sources, file, &Limits::default()).unwrap();
/// let found: Vec<&str> = occurrences(&tree, "kids").iter().map(|s| &text[s.start..s.end]).collect();
/// assert_eq!(found, ["kids", "kids", "kids"]);
/// ```
pub fn occurrences(tree: &ast::File, name: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for decl in &tree.decls {
        if decl.id.name == name {
            out.push(decl.id.span);
        }
        props_occurrences(&decl.props, name, &mut out);
    }
    out
}

fn props_occurrences(props: &[ast::Prop], name: &str, out: &mut Vec<Span>) {
    for prop in props {
        match &prop.value {
            PropValue::Args(args) if !NOT_ID_KEYS.contains(&prop.key.name.as_str()) => {
                out.extend(args.iter().filter_map(|a| match a {
                    Arg::Name(id) if id.name == name => Some(id.span),
                    _ => None,
                }));
            }
            PropValue::Expr(e) => expr_occurrences(e, name, out),
            PropValue::Item(item) => props_occurrences(&item.props, name, out),
            _ => {}
        }
    }
}

/// Recursion is bounded by the parser's expression depth limit.
fn expr_occurrences(e: &ast::Expr, name: &str, out: &mut Vec<Span>) {
    match &e.kind {
        ExprKind::Path(parts) => {
            let written = match parts.as_slice() {
                [head, fact, ..] if head.name == "fact" => fact,
                [head, ..] => head,
                [] => return,
            };
            if written.name == name {
                out.push(written.span);
            }
        }
        ExprKind::List(items) => items.iter().for_each(|i| expr_occurrences(i, name, out)),
        ExprKind::Call(_, args) => args.iter().for_each(|a| expr_occurrences(a, name, out)),
        ExprKind::Unary(_, inner) => expr_occurrences(inner, name, out),
        ExprKind::If(parts) => parts.iter().for_each(|p| expr_occurrences(p, name, out)),
        ExprKind::Binary(_, l, r) => {
            expr_occurrences(l, name, out);
            expr_occurrences(r, name, out);
        }
        ExprKind::Quant(q) => {
            if let QuantSource::Bind { collection, filter, .. } = &q.source {
                if let ast::Collection::List(items, _) = collection {
                    items.iter().for_each(|i| expr_occurrences(i, name, out));
                }
                if let Some(f) = filter {
                    expr_occurrences(f, name, out);
                }
            }
            if let Some(body) = &q.body {
                expr_occurrences(body, name, out);
            }
        }
        ExprKind::Number(_) | ExprKind::Str(_) | ExprKind::Bool(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::load::MapResolver;

    fn idx(text: &str, files: &[(&str, &str)]) -> Index {
        let resolver = MapResolver::new(files.iter().copied()).unwrap();
        index("main.eva", text, &resolver, &Limits::default())
    }

    #[test]
    fn imports_are_indexed_and_linked() {
        let i = idx(
            "import \"./lib.eva\"\nimport \"eva\"\ngroup kids { }",
            &[("lib.eva", "import \"eva\"\ndomain d { label en \"D\" }")],
        );
        assert!(i.root_parsed);
        assert_eq!(i.sources.get(i.find("d").unwrap().span.file).unwrap().name, "lib.eva");
        let std_file = i.sources.get(i.find("children").unwrap().span.file).unwrap();
        assert_eq!(std_file.name, "<std>/eva.eva");
        // Both import lines lead somewhere; eva is read once.
        let names: Vec<&str> =
            i.imports.iter().map(|l| i.sources.get(l.file.unwrap()).unwrap().name.as_str()).collect();
        assert_eq!(names, ["lib.eva", "<std>/eva.eva"]);
        assert_eq!(i.sources.files().len(), 3);
    }

    #[test]
    fn half_typed_and_missing_files_are_left_out() {
        let i = idx("import \"./nope.eva\"\ngroup kids {", &[]);
        assert!(!i.root_parsed);
        assert!(i.symbols.is_empty());
        let i = idx("import \"./nope.eva\"\nimport \"./bad.eva\"\ngroup kids { }", &[("bad.eva", "group {")]);
        assert_eq!(i.imports.iter().map(|l| l.file.is_some()).collect::<Vec<_>>(), [false, true]);
        assert_eq!(i.symbols.len(), 1);
    }

    #[test]
    fn import_cycles_and_limits_are_bounded() {
        let limits = Limits { max_imports: 2, ..Limits::default() };
        let files: Vec<(String, String)> =
            (0..10).map(|n| (format!("f{n}.eva"), format!("import \"./f{}.eva\"\ngroup g{n} {{ }}", n + 1))).collect();
        let resolver = MapResolver::new(files.iter().map(|(a, b)| (a.as_str(), b.as_str()))).unwrap();
        let i = index("main.eva", "import \"./f0.eva\"\nimport \"./main.eva\"", &resolver, &limits);
        assert!(i.sources.files().len() <= 3);
        assert_eq!(i.imports[1].file, None, "main.eva is not in the map: no cycle followed");
    }

    #[test]
    fn items_and_texts() {
        let i = idx(
            "group kids { label fi \"Lapset\" sv \"Barn\" en \"Kids\" basis \"LOS 3\" vulnerable }\n\
             fact area: choice { option rural { label en \"Rural\" } }",
            &[],
        );
        let kids = i.find("kids").unwrap();
        assert_eq!(kids.texts[0].0, "label");
        assert_eq!(kids.texts[0].1[1], ("sv".to_string(), "Barn".to_string()));
        assert_eq!(kids.prop("basis"), Some("\"LOS 3\""));
        assert_eq!(kids.prop("vulnerable"), Some(""));
        let rural = i.find_item("area", "rural").unwrap();
        assert_eq!(rural.kind, SymbolKind::Option);
        assert!(i.find("rural").is_none());
        assert_eq!(i.declared_at(0, rural.span.start + 1).unwrap().id, "rural");
    }

    #[test]
    fn occurrences_skip_levels_fields_and_defaults() {
        let text = "scale magnitude { default kids level kids 1 { } }\n\
                    group kids { parent kids }\n\
                    rule r: info { each proposal when any g in [kids] where g.kids: magnitude.kids > kids }";
        let mut sources = SourceMap::default();
        let file = sources.add("x.eva", text);
        let tree = crate::syntax::parse(&sources, file, &Limits::default()).unwrap();
        let spans = occurrences(&tree, "kids");
        // The group, its parent, the list item and the last comparison.
        assert_eq!(spans.len(), 4, "{spans:?}");
        assert!(spans.iter().all(|s| &text[s.start..s.end] == "kids"));
    }
}

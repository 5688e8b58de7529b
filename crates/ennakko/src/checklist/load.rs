//! Loading a checklist: the root source and everything it imports, through
//! a [`Resolver`] the host provides. The library itself never touches the
//! file system or the network; [`StdResolver`] serves the embedded standard
//! checklists and [`FileResolver`] adds files under one folder.

use crate::message::Message;
use crate::t;
use std::path::{Component, Path, PathBuf};

use crate::checklist::check::ParsedFile;
use crate::diagnostic::{Collector, Diagnostic};
use crate::limits::Limits;
use crate::syntax::source::{SourceMap, Span};

/// A resolved import: the name to show in diagnostics and the source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// Canonical name (used to detect cycles and repeated imports).
    pub name: String,
    /// The checklist source.
    pub text: String,
}

/// Finds the source of an `import`.
///
/// ```
/// use ennakko::checklist::load::{Resolver, StdResolver};
/// assert!(StdResolver.resolve("x.eva", "eva").is_ok());
/// assert!(StdResolver.resolve("x.eva", "../etc/passwd").is_err());
/// ```
pub trait Resolver: Send + Sync {
    /// Resolves `target`, imported from the file named `importer`; on failure
    /// returns a sentence saying why.
    fn resolve(&self, importer: &str, target: &str) -> Result<Resolved, Message>;

    /// As [`Resolver::resolve`], reading no more than `max_bytes + 1` bytes
    /// of a file (a longer one is refused by the size limit anyway). The
    /// loader calls this with `max_source_bytes`; resolvers that read files
    /// should bound their reads by it.
    fn resolve_within(&self, importer: &str, target: &str, max_bytes: usize) -> Result<Resolved, Message> {
        let _ = max_bytes;
        self.resolve(importer, target)
    }
}

/// Reads at most `limit + 1` bytes of a file: enough to tell that it is
/// over the limit, never more. Only a regular file is read: a device
/// (`/dev/zero`), a pipe (a FIFO would block until someone writes to it) or
/// a folder is an error. Every file input of the CLI and the imports of
/// [`FileResolver`] go through here.
///
/// ```
/// let err = ennakko::checklist::load::read_bounded(std::path::Path::new("/dev/zero"), 10).unwrap_err();
/// assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
/// ```
pub fn read_bounded(path: &Path, limit: usize) -> std::io::Result<Vec<u8>> {
    if !std::fs::metadata(path)?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a device, a pipe or a folder)",
        ));
    }
    read_bounded_from(std::fs::File::open(path)?, limit)
}

/// Reads at most `limit + 1` bytes from `reader` (standard input).
pub fn read_bounded_from(reader: impl std::io::Read, limit: usize) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(reader, (limit as u64).saturating_add(1)), &mut out)?;
    Ok(out)
}

/// Text read by [`read_bounded`]: UTF-8, or, when it is over `limit` (and so
/// cut), its lossy reading, which is still over the limit: the caller's
/// size check names the problem rather than a broken character at the cut.
pub fn bounded_text(bytes: Vec<u8>, limit: usize) -> std::io::Result<String> {
    if bytes.len() > limit {
        return Ok(String::from_utf8_lossy(&bytes).into_owned());
    }
    String::from_utf8(bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// Whether a checklist named by a decision or a template (its `checklist`
/// field) is a file rather than a standard checklist: it ends in `.eva` or
/// has a path separator. Hosts without files use this to ask for the
/// compiled checklist instead.
///
/// ```
/// use ennakko::checklist::load::names_a_file;
/// assert!(names_a_file("../checklists/school.eva") && names_a_file("lib\\x"));
/// assert!(!names_a_file("children"));
/// ```
pub fn names_a_file(spec: &str) -> bool {
    spec.ends_with(".eva") || spec.contains('/') || spec.contains('\\')
}

/// Reads the checklist file a document (a decision or a template) names in
/// its `checklist` field, under the rule for imports: a `.eva` file in the
/// document's folder or below, no absolute paths, no `..` or symbolic link
/// out of the folder. A document may come from someone else, so it must not
/// make a host read files of its choosing. Standard names resolve to their
/// embedded source. The error is `E0601`.
///
/// ```
/// use std::path::Path;
/// let err = ennakko::checklist::load::named_by_document("/etc/passwd", Path::new("d/decision.yaml")).unwrap_err();
/// assert_eq!(err.diagnostics[0].code, "E0601");
/// assert!(ennakko::checklist::load::named_by_document("eva", Path::new("decision.yaml")).is_ok());
/// ```
pub fn named_by_document(spec: &str, document: &Path) -> Result<Resolved, crate::Error> {
    let folder = document.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = document.display().to_string();
    FileResolver { root: folder.to_path_buf() }.resolve(&name, spec).map_err(|why| {
        let d = Diagnostic::error("E0601", t!("cannot load the checklist `{spec}` the document names: {why}", spec = spec, why = why))
            .with_help(t!("give the checklist explicitly (`--checklist` in the CLI, `checklist=` in Python), or name a standard checklist or a file in the document's folder"));
        crate::Error::one(crate::ErrorKind::Compile, Diagnostic { file: Some(name), ..d })
    })
}

/// The checklist a document that is not a file (text, bytes, a dict, an
/// upload) names in its `checklist` field. Such a document has no folder,
/// so it may name only standard checklists: a file name is `E0601`, and no
/// file is looked at (a document saying `checklist: /etc/passwd` must not
/// make a host read that file).
///
/// ```
/// let err = ennakko::checklist::load::named_without_folder("/etc/passwd").unwrap_err();
/// assert_eq!(err.diagnostics[0].code, "E0601");
/// assert!(ennakko::checklist::load::named_without_folder("eva").is_ok());
/// ```
pub fn named_without_folder(spec: &str) -> Result<Resolved, crate::Error> {
    let why = if names_a_file(spec) {
        t!("a document given as text has no folder to find a file in")
    } else {
        match StdResolver.resolve("", spec) {
            Ok(resolved) => return Ok(resolved),
            Err(why) => why,
        }
    };
    let d = Diagnostic::error("E0601", t!("cannot load the checklist `{spec}` the document names: {why}", spec = spec, why = why))
        .with_help(t!("give the checklist explicitly (`checklist=` in Python, `--checklist` in the CLI), give the document as a path, or name a standard checklist"));
    Err(crate::Error::one(crate::ErrorKind::Compile, d))
}

/// Resolves only the embedded standard checklists, by name (`"eva"`).
#[derive(Debug, Clone, Copy, Default)]
pub struct StdResolver;

impl Resolver for StdResolver {
    fn resolve(&self, _importer: &str, target: &str) -> Result<Resolved, Message> {
        match crate::checklist::stdlib::source(target) {
            Some(text) => Ok(Resolved { name: format!("<std>/{target}.eva"), text: text.to_string() }),
            None => Err(t!(
                "there is no standard checklist `{target}` (the standard ones are: {}), and this host does not load files",
                crate::checklist::stdlib::names().collect::<Vec<_>>().join(", ") ; target = target)),
        }
    }
}

/// Resolves standard checklists by name, and relative paths (`./x.eva`) to
/// files inside `root` only: no absolute paths, no `..` out of the folder.
#[derive(Debug, Clone)]
pub struct FileResolver {
    /// The folder imports may read from.
    pub root: PathBuf,
}

impl Resolver for FileResolver {
    fn resolve(&self, importer: &str, target: &str) -> Result<Resolved, Message> {
        self.resolve_within(importer, target, Limits::default().max_source_bytes)
    }

    fn resolve_within(&self, importer: &str, target: &str, max_bytes: usize) -> Result<Resolved, Message> {
        if !names_a_file(target) {
            return StdResolver.resolve(importer, target);
        }
        let target_path = Path::new(target);
        if target_path.is_absolute() {
            return Err(t!("absolute import paths are not allowed; write a path relative to the importing file"));
        }
        let base = Path::new(importer).parent().unwrap_or(Path::new(""));
        let joined = normalize(&base.join(target_path)).ok_or_else(|| t!("the path leaves the checklist's folder"))?;
        let root = normalize(&self.root).unwrap_or_default();
        if !joined.starts_with(&root) {
            return Err(t!(
                "`{target}` is outside the checklist's folder; imports may only read files in it",
                target = target
            ));
        }
        // The check above is on the written path; a symbolic link in the
        // folder must not lead out of it either.
        if let (Ok(real), Ok(real_root)) = (std::fs::canonicalize(&joined), std::fs::canonicalize(&self.root))
            && !real.starts_with(&real_root)
        {
            return Err(t!(
                "`{target}` leads outside the checklist's folder through a symbolic link; imports may only read files in it",
                target = target
            ));
        }
        let text =
            read_bounded(&joined, max_bytes).and_then(|b| bounded_text(b, max_bytes)).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => {
                    t!("there is no file `{target}` next to the importing checklist", target = target)
                }
                std::io::ErrorKind::InvalidInput => t!("cannot read `{target}`: {e}", target = target, e = e),
                kind => t!("cannot read `{target}`: {kind}", target = target, kind = kind),
            })?;
        Ok(Resolved { name: joined.display().to_string(), text })
    }
}

/// Resolves standard checklists by name, and relative paths (`./x.eva`)
/// from an in-memory map of file names to sources: for hosts without a file
/// system, such as a browser. As with [`FileResolver`], a path is relative
/// to the importing file's folder (`lib/a.eva` importing `./b.eva` reads
/// `lib/b.eva`), absolute paths are refused, and so are paths that climb
/// above the folder of the root checklist; the messages are the same, so
/// diagnostics agree across hosts.
///
/// ```
/// use ennakko::checklist::load::{MapResolver, Resolver};
/// let r = MapResolver::new([("./lib/groups.eva", "group g { }"), ("lib/base.eva", "")]).unwrap();
/// assert!(r.resolve("main.eva", "./lib/groups.eva").is_ok());
/// assert_eq!(r.resolve("lib/groups.eva", "./base.eva").unwrap().name, "lib/base.eva");
/// assert!(r.resolve("main.eva", "./other.eva").is_err());
/// assert!(MapResolver::new([("../up.eva", "")]).is_err());
/// ```
#[derive(Debug, Clone, Default)]
pub struct MapResolver {
    /// File name (relative to the root checklist's folder, normalized: no
    /// `./`, no `..`, `/` as separator) to source text.
    pub files: std::collections::BTreeMap<String, String>,
}

impl MapResolver {
    /// A resolver over these files; names are normalized (`./a/../b.eva` is
    /// `b.eva`, backslashes count as slashes). An absolute name, or one that
    /// climbs out of the root folder, is an error naming it.
    pub fn new<N: AsRef<str>, T: Into<String>>(files: impl IntoIterator<Item = (N, T)>) -> Result<MapResolver, String> {
        let mut map = std::collections::BTreeMap::new();
        for (name, text) in files {
            let name = name.as_ref();
            let key = relative_name(name)
                .ok_or_else(|| format!("file name `{name}` is absolute or leaves the root folder"))?;
            map.insert(key, text.into());
        }
        Ok(MapResolver { files: map })
    }
}

impl Resolver for MapResolver {
    fn resolve(&self, importer: &str, target: &str) -> Result<Resolved, Message> {
        if !names_a_file(target) {
            return StdResolver.resolve(importer, target);
        }
        if is_absolute(target) {
            return Err(t!("absolute import paths are not allowed; write a path relative to the importing file"));
        }
        let folder = importer.replace('\\', "/");
        let folder = folder.rsplit_once('/').map_or("", |(folder, _)| folder);
        let joined = if folder.is_empty() { target.to_string() } else { format!("{folder}/{target}") };
        let name = relative_name(&joined).ok_or_else(|| {
            t!("`{target}` is outside the checklist's folder; imports may only read files in it", target = target)
        })?;
        match self.files.get(&name) {
            Some(text) => Ok(Resolved { name, text: text.clone() }),
            None => Err(t!("there is no file `{target}` next to the importing checklist", target = target)),
        }
    }
}

/// One file an import was served: who imported what, and what it
/// resolved to. Standard checklists are embedded and never recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Served {
    /// The importing file.
    pub importer: String,
    /// What it imported, as written.
    pub target: String,
    /// What that resolved to.
    pub resolved: Resolved,
}

/// Resolves through another resolver and remembers every file it served,
/// so that a compiled checklist can be compiled again where its files are
/// not (a pickled checklist in another process): [`Replay`] serves them.
///
/// ```
/// use std::sync::Arc;
/// use ennakko::checklist::load::{MapResolver, Recording, Replay, Resolver};
/// let files = MapResolver::new([("lib/g.eva", "group locals { label fi \"G\" sv \"G\" en \"G\" }")]).unwrap();
/// let recording = Arc::new(Recording::new(Box::new(files)));
/// let options = ennakko::Options { resolver: recording.clone(), ..Default::default() };
/// let source = "checklist c { title fi \"C\" sv \"C\" en \"C\" version \"1\" }\nimport \"eva\"\nimport \"./lib/g.eva\"";
/// ennakko::Checklist::compile("main.eva", source, &options).unwrap();
/// let served = recording.served();
/// assert_eq!(served.len(), 1);
/// let again = ennakko::Options { resolver: Arc::new(Replay { served }), ..Default::default() };
/// assert!(ennakko::Checklist::compile("main.eva", source, &again).is_ok());
/// ```
pub struct Recording {
    inner: Box<dyn Resolver>,
    log: std::sync::Mutex<Vec<Served>>,
}

impl Recording {
    /// Records what `inner` serves.
    pub fn new(inner: Box<dyn Resolver>) -> Recording {
        Recording { inner, log: std::sync::Mutex::new(Vec::new()) }
    }

    /// The files served so far, in the order they were.
    pub fn served(&self) -> Vec<Served> {
        self.log.lock().map(|log| log.clone()).unwrap_or_default()
    }
}

impl Resolver for Recording {
    fn resolve(&self, importer: &str, target: &str) -> Result<Resolved, Message> {
        self.resolve_within(importer, target, Limits::default().max_source_bytes)
    }

    fn resolve_within(&self, importer: &str, target: &str, max_bytes: usize) -> Result<Resolved, Message> {
        let resolved = self.inner.resolve_within(importer, target, max_bytes)?;
        if !resolved.name.starts_with("<std>/")
            && let Ok(mut log) = self.log.lock()
        {
            let served = Served { importer: importer.into(), target: target.into(), resolved: resolved.clone() };
            log.push(served);
        }
        Ok(resolved)
    }
}

/// Serves the files a [`Recording`] recorded, and standard checklists,
/// without touching the file system.
#[derive(Debug, Clone, Default)]
pub struct Replay {
    /// The files, as [`Recording::served`] gave them.
    pub served: Vec<Served>,
}

impl Resolver for Replay {
    fn resolve(&self, importer: &str, target: &str) -> Result<Resolved, Message> {
        match self.served.iter().find(|s| s.importer == importer && s.target == target) {
            Some(served) => Ok(served.resolved.clone()),
            None => StdResolver.resolve(importer, target),
        }
    }
}

/// `/x`, `\\x` and `C:x` are absolute on some system.
fn is_absolute(path: &str) -> bool {
    path.starts_with(['/', '\\']) || path.as_bytes().get(1) == Some(&b':')
}

/// `./a/../b.eva` → `b.eva`, with `/` separators; `None` for absolute paths,
/// paths that climb above their start, and empty ones.
fn relative_name(path: &str) -> Option<String> {
    if is_absolute(path) {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => parts.push(part),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Removes `.` and resolves `..` lexically. A relative path keeps the `..`
/// it starts with (`../a/./b.eva` is `../a/b.eva`: a checklist named on the
/// command line may be in a parent folder); `None` if `..` climbs above the
/// root of an absolute path.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => return None,
                Some(Component::ParentDir) | None => out.push(".."),
                Some(Component::CurDir) => {}
            },
            other => out.push(other),
        }
    }
    Some(out)
}

/// Parses the root file and, depth first, everything it imports. Returns
/// the files with every import before its importer, and the source map.
pub(crate) fn load(
    root_name: &str,
    root_text: &str,
    resolver: &dyn Resolver,
    limits: &Limits,
) -> Result<(Vec<ParsedFile>, SourceMap), Vec<Diagnostic>> {
    let mut loader = Loader {
        resolver,
        limits,
        sources: SourceMap::default(),
        files: Vec::new(),
        stack: Vec::new(),
        diags: Collector::default(),
        decls: 0,
        import_lines: 0,
    };
    // Imports are named by normalized paths; name the root the same way so
    // a cycle back to it is recognised.
    let root_name = if names_a_file(root_name) {
        normalize(Path::new(root_name)).map_or_else(|| root_name.to_string(), |p| p.display().to_string())
    } else {
        root_name.to_string()
    };
    loader.visit(&root_name, root_text.to_string(), None);
    if loader.diags.is_empty() { Ok((loader.files, loader.sources)) } else { Err(loader.diags.finish()) }
}

struct Loader<'a> {
    resolver: &'a dyn Resolver,
    limits: &'a Limits,
    sources: SourceMap,
    files: Vec<ParsedFile>,
    stack: Vec<String>,
    diags: Collector,
    decls: usize,
    /// Import lines resolved so far, all files together.
    import_lines: usize,
}

/// How many different import lines each allowed imported file may take,
/// on average: the files themselves are bounded by `max_imports`, the
/// lines naming them (each a read of up to `max_source_bytes`) by this many
/// times as many.
const IMPORT_LINES_PER_FILE: usize = 8;

impl Loader<'_> {
    fn visit(&mut self, name: &str, text: String, imported_at: Option<Span>) {
        if self.sources.files().len() > self.limits.max_imports {
            let d = Diagnostic::error("E0004", t!("more than {} imported files", self.limits.max_imports))
                .with_help(t!("import fewer files, or raise `max_imports`"));
            self.push(d, imported_at);
            return;
        }
        let file = self.sources.add(name, text);
        let tree = match crate::syntax::parse(&self.sources, file, self.limits) {
            Ok(tree) => tree,
            Err(d) => {
                self.push(*d, None);
                return;
            }
        };
        self.decls += tree.decls.len();
        if self.decls > self.limits.max_declarations {
            let d = Diagnostic::error("E0004", t!("more than {} declarations", self.limits.max_declarations))
                .with_help(t!("split the checklist, or raise `max_declarations`"));
            self.push(d, imported_at);
            return;
        }
        self.stack.push(name.to_string());
        // A file is read once however many lines import it, and import
        // lines are bounded too: each may read up to `max_source_bytes`.
        let mut seen = std::collections::HashSet::new();
        for import in &tree.imports {
            if !seen.insert(import.target.as_str()) {
                continue;
            }
            self.import_lines += 1;
            if self.import_lines > self.limits.max_imports.saturating_mul(IMPORT_LINES_PER_FILE) {
                let d = Diagnostic::error(
                    "E0004",
                    t!(
                        "more than {} different imports in all",
                        self.limits.max_imports.saturating_mul(IMPORT_LINES_PER_FILE)
                    ),
                )
                .with_help(t!("import fewer files, or raise `max_imports`"));
                self.push(d, Some(import.span));
                break;
            }
            match self.resolver.resolve_within(name, &import.target, self.limits.max_source_bytes) {
                Ok(resolved) => {
                    if self.stack.contains(&resolved.name) {
                        let chain = self.stack.iter().chain([&resolved.name]).cloned().collect::<Vec<_>>().join(" -> ");
                        let d = Diagnostic::error("E0602", t!("import cycle: {chain}", chain = chain))
                            .with_help(t!("remove one of the imports in the loop"));
                        self.push(d, Some(import.span));
                    } else if !self.files.iter().any(|f| f.name == resolved.name) {
                        self.visit(&resolved.name, resolved.text, Some(import.span));
                    }
                }
                Err(reason) => {
                    let d = Diagnostic::error("E0601", t!("cannot import `{}`", import.target)).with_note(reason).with_help(
                        t!("import a standard checklist by name (`import \"eva\"`) or a file next to this one (`import \"./local.eva\"`)"),
                    );
                    self.push(d, Some(import.span));
                }
            }
        }
        self.stack.pop();
        self.files.push(ParsedFile { name: name.to_string(), tree });
    }

    /// Adds a diagnostic, if there is room (placing one costs a look at
    /// its line).
    fn push(&mut self, d: Diagnostic, at: Option<Span>) {
        let sources = &self.sources;
        self.diags.push_with(|| match at {
            Some(span) => d.at_span(sources, span),
            None => d,
        });
    }
}

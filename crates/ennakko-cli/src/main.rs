//! The `ennakko` command: check checklists, score draft decisions, print
//! JSON Schemas. All logic lives in the `ennakko` library; this file parses
//! arguments, reads files and prints.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};
use ennakko::api::{self, Lang, render};
use ennakko::{Checklist, Diagnostic, FileResolver, Format, Options};

mod rollup;
mod summary;
mod template;

/// Exit codes, documented in `--help` and the README.
const EXIT_OK: u8 = 0;
const EXIT_INVALID: u8 = 1;
const EXIT_USAGE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "ennakko",
    version,
    about = "Ex-ante impact assessment (EVA) of public decisions",
    long_about = "Ex-ante impact assessment (EVA, vaikutusten ennakkoarviointi) of public decisions.\n\n\
        Checks impact-assessment checklists written in the ennakko language (*.eva) and scores\n\
        draft decisions (JSON or YAML) against them. The standard checklist `eva` is built in.",
    after_help = "Examples:\n  ennakko score examples/village-school/decision.yaml\n  ennakko check checklists/*.eva\n  ennakko schema decision > decision.schema.json\n\n\
        Exit codes: 0 success, 1 invalid input (diagnostics printed), 2 usage or I/O error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check checklist files and print every problem found, rustc style.
    #[command(
        after_help = "Examples:\n  ennakko check checklists/eva.eva\n  ennakko check --format json my-municipality.eva\n\nExit codes: 0 no errors (warnings allowed), 1 errors found, 2 a file could not be read."
    )]
    Check {
        /// Checklist files (*.eva).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format of the diagnostics.
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        /// Language of the diagnostics: fi, sv or en [default: the locale (LC_ALL, LC_MESSAGES,
        /// LANG) when it is Finnish or Swedish, else en].
        #[arg(long, short, value_parser = parse_lang)]
        lang: Option<Lang>,
    },
    /// Score a draft decision and print the report (JSON, Markdown or HTML).
    #[command(
        after_help = "Examples:\n  ennakko score examples/village-school/decision.yaml\n  ennakko score --checklist my-municipality.eva decision.json\n  ennakko score --checklist eva decision.yaml > report.json\n\n\
        Exit codes: 0 scored, 1 the checklist or the decision is invalid, 2 a file could not be read."
    )]
    Score {
        /// Checklist: a standard name (`eva`) or a path to a *.eva file [default: the
        /// decision's `checklist` field, else `eva`].
        #[arg(long, short)]
        checklist: Option<String>,
        /// The decision document (.json, .yaml or .yml); `-` reads standard input as YAML/JSON.
        decision: PathBuf,
        /// Output: a summary to read, the JSON report, Markdown, or a self-contained HTML page
        /// [default: text at a terminal, json otherwise].
        #[arg(long, short, value_enum)]
        format: Option<ReportFormat>,
        /// Language of the summary, Markdown and HTML: fi, sv or en (default: the decision's
        /// `language`, else fi).
        #[arg(long, short, value_parser = parse_lang)]
        lang: Option<Lang>,
        /// Print compact JSON instead of indented.
        #[arg(long)]
        compact: bool,
    },
    /// Explain one result in plain language: what it read and how it was computed.
    #[command(
        after_help = "Examples:\n  ennakko explain examples/village-school/decision.yaml child_assessment_required\n  ennakko explain examples/village-school/decision.yaml children --lang en\n  ennakko explain --checklist my.eva decision.yaml vulnerable_burden\n\n\
        ID is a rule (finding or verdict reason), a named score, or a group, domain or perspective.\n\
        Exit codes: 0 explained, 1 invalid input or no result with that id, 2 a file could not be read."
    )]
    Explain {
        /// Checklist: a standard name (`eva`) or a path to a *.eva file [default: the
        /// decision's `checklist` field, else `eva`].
        #[arg(long, short)]
        checklist: Option<String>,
        /// The decision document.
        decision: PathBuf,
        /// The rule, score, group, domain or perspective to explain.
        id: String,
        /// Language: fi, sv or en (default: the decision's `language`, else fi).
        #[arg(long, short, value_parser = parse_lang)]
        lang: Option<Lang>,
    },
    /// Rewrite checklist files in canonical form (comments are kept).
    #[command(after_help = "Examples:\n  ennakko fmt my-municipality.eva\n  ennakko fmt --check checklists/*.eva\n\n\
        Exit codes: 0 formatted (or, with --check, already canonical), 1 a file has a syntax error or\n\
        (with --check) is not in canonical form, 2 a file could not be read or written.")]
    Fmt {
        /// Checklist files (*.eva).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Change nothing; list the files that are not in canonical form.
        #[arg(long)]
        check: bool,
        /// Language of the diagnostics: fi, sv or en [default: the locale, else en].
        #[arg(long, short, value_parser = parse_lang)]
        lang: Option<Lang>,
    },
    /// Print a JSON Schema.
    #[command(after_help = "Examples:\n  ennakko schema decision\n  ennakko schema report > report.schema.json")]
    Schema {
        /// Which document.
        #[arg(value_enum)]
        document: SchemaDoc,
    },
    /// List the built-in standard checklists.
    #[command(after_help = "Example:\n  ennakko checklists")]
    Checklists,
    /// Decision document templates (Word .docx, Markdown, HTML) with the EVA checks inside.
    #[command(
        after_help = "Examples:\n  ennakko template init --format docx -o päätös.docx\n  ennakko template check päätös.docx\n  \
        ennakko template fill päätös.docx -o päätös-arvioitu.docx\n\nSee docs/templates.md for the fields and placeholders."
    )]
    Template {
        #[command(subcommand)]
        command: template::TemplateCommand,
    },
    /// Run the language server over standard input and output (for editors; see docs/editors.md).
    Lsp,
    /// Roll up a period's decisions into the EVA section of a welfare report.
    #[command(
        after_help = "Examples:\n  ennakko rollup examples/municipality-year/decisions --as-of 2027-01-31 --format html --lang fi > eva.html\n  \
        ennakko rollup decisions/ --from 2026-01-01 --to 2026-12-31 --format csv --table impacts\n\n\
        Exit codes: 0 every decision rolled up, 1 some were left out for errors (printed, and listed in the\n\
        roll-up), 2 usage or I/O error. See docs/rollup.md."
    )]
    Rollup(rollup::RollupArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    /// Human-readable, with source lines and carets.
    Text,
    /// One JSON array of diagnostics.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// A short summary to read: verdict, alternatives side by side, what is missing.
    Text,
    /// The structured report (see `ennakko schema report`).
    Json,
    /// Markdown, to paste into a decision proposal.
    Md,
    /// A self-contained HTML page.
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaDoc {
    /// The draft decision document.
    Decision,
    /// The report `score` prints.
    Report,
    /// The checklist description (questions, groups, domains, scales).
    Description,
    /// A diagnostic (error or warning).
    Diagnostic,
    /// What `template check --format json` prints.
    TemplateCheck,
    /// What `rollup --format json` prints.
    Rollup,
}

/// The language diagnostics are printed in, chosen once at start.
static DIAGNOSTICS_LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// Diagnostics as text, in the chosen language (see [`DIAGNOSTICS_LANG`]).
pub(crate) fn render_all(diagnostics: &[Diagnostic]) -> String {
    ennakko::diagnostic::render_all_in(diagnostics, diagnostics_lang())
}

fn diagnostics_lang() -> Lang {
    *DIAGNOSTICS_LANG.get_or_init(|| Lang::for_diagnostics(None, locale().as_deref()))
}

/// The locale's language setting, as the C library reads it: the first of
/// `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty.
fn locale() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"].iter().filter_map(|name| std::env::var(name).ok()).find(|v| !v.is_empty())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let asked = match &cli.command {
        Command::Check { lang, .. }
        | Command::Fmt { lang, .. }
        | Command::Score { lang, .. }
        | Command::Explain { lang, .. } => *lang,
        _ => None,
    };
    let _ = DIAGNOSTICS_LANG.set(Lang::for_diagnostics(asked, locale().as_deref()));
    let code = match cli.command {
        Command::Check { files, format, .. } => check(&files, format),
        Command::Score { checklist, decision, format, lang, compact } => {
            score(checklist.as_deref(), &decision, format, lang, compact)
        }
        Command::Explain { checklist, decision, id, lang } => explain(checklist.as_deref(), &decision, &id, lang),
        Command::Fmt { files, check, .. } => fmt(&files, check),
        Command::Lsp => ennakko_lsp::run_stdio().map_or_else(
            |e| {
                eprintln!("error: {e}");
                EXIT_INVALID
            },
            |()| EXIT_OK,
        ),
        Command::Schema { document } => {
            let name = document.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default();
            let schema = ennakko_templates::schema::named(&name);
            match schema {
                Some(schema) => {
                    print_json(&schema, false);
                    EXIT_OK
                }
                None => {
                    eprintln!("error: {}", ennakko_templates::schema::unknown(&name));
                    EXIT_USAGE
                }
            }
        }
        Command::Template { command } => template::run(command),
        Command::Rollup(args) => rollup::run(args),
        Command::Checklists => {
            for name in ennakko::checklist::stdlib::names() {
                match Checklist::standard(name) {
                    Ok(c) => {
                        let m = c.model();
                        let title = m.title.get("en").or_else(|| m.title.values().next()).cloned().unwrap_or_default();
                        emit(&format!("{name}\t{}\t{title}\n", m.version));
                    }
                    Err(_) => emit(&format!("{name}\t(does not compile)\n")),
                }
            }
            EXIT_OK
        }
    };
    ExitCode::from(code)
}

/// Reads a file (`-`: standard input), at most `limit + 1` bytes, and only
/// a regular file: `/dev/zero` or a pipe is refused, never read without end.
/// The one reader for every file input of the CLI (see `read_bytes`); text
/// over the limit reaches the library, which names the limit.
pub(crate) fn read(path: &Path, limit: usize) -> Result<String, u8> {
    read_bytes(path, limit).and_then(|bytes| {
        ennakko::checklist::load::bounded_text(bytes, limit).map_err(|e| {
            eprintln!("error: cannot read `{}`: {e}", path.display());
            EXIT_USAGE
        })
    })
}

/// [`read`] for bytes.
pub(crate) fn read_bytes(path: &Path, limit: usize) -> Result<Vec<u8>, u8> {
    let bytes = if path.as_os_str() == "-" {
        ennakko::checklist::load::read_bounded_from(std::io::stdin(), limit)
    } else {
        ennakko::checklist::load::read_bounded(path, limit)
    };
    bytes.map_err(|e| {
        eprintln!("error: cannot read `{}`: {e}", path.display());
        EXIT_USAGE
    })
}

/// Compile options for a checklist file: imports may read files in its folder.
fn options_for(path: &Path) -> Options {
    let root = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
    Options { resolver: Arc::new(FileResolver { root }), ..Options::default() }
}

fn check(files: &[PathBuf], format: OutputFormat) -> u8 {
    let mut all: Vec<Diagnostic> = Vec::new();
    let mut code = EXIT_OK;
    for path in files {
        let text = match read(path, ennakko::Limits::default().max_source_bytes) {
            Ok(t) => t,
            Err(c) => {
                code = code.max(c);
                continue;
            }
        };
        let name = path.display().to_string();
        match Checklist::compile(&name, &text, &options_for(path)) {
            Ok(c) => all.extend(c.warnings().iter().cloned()),
            Err(e) => {
                code = code.max(EXIT_INVALID);
                all.extend(e.diagnostics);
            }
        }
    }
    match format {
        OutputFormat::Json => {
            let shown: Vec<Diagnostic> = all.iter().map(|d| d.in_language(diagnostics_lang())).collect();
            print_json(&shown, false)
        }
        OutputFormat::Text if all.is_empty() && code == EXIT_OK => {
            eprintln!(
                "ok: {} checklist file{} checked, no problems",
                files.len(),
                if files.len() == 1 { "" } else { "s" }
            );
        }
        OutputFormat::Text => eprint!("{}", render_all(&all)),
    }
    code
}

fn load_checklist(spec: &str) -> Result<Checklist, u8> {
    let is_file = ennakko::checklist::load::names_a_file(spec) || Path::new(spec).is_file();
    let compiled = if is_file {
        let path = Path::new(spec);
        let text = read(path, ennakko::Limits::default().max_source_bytes)?;
        Checklist::compile(spec, &text, &options_for(path))
    } else {
        Checklist::standard(spec)
    };
    compiled.map_err(|e| {
        eprint!("{}", render_all(&e.diagnostics));
        EXIT_INVALID
    })
}

/// Compiles the checklist a document (a decision or a template) names in its
/// `checklist` field, only from where `load::named_by_document` allows (a
/// checklist from elsewhere is given with `--checklist`). Returns the
/// checklist and the path it was read from (the name for a standard one).
fn load_named(spec: &str, document: &Path) -> Result<(Checklist, String), u8> {
    let print = |diagnostics: &[Diagnostic]| {
        eprint!("{}", render_all(diagnostics));
        EXIT_INVALID
    };
    let resolved = ennakko::checklist::load::named_by_document(spec, document).map_err(|e| print(&e.diagnostics))?;
    let compiled = if ennakko::checklist::load::names_a_file(spec) {
        Checklist::compile(&resolved.name, &resolved.text, &options_for(Path::new(&resolved.name)))
    } else {
        Checklist::standard(spec)
    };
    let checklist = compiled.map_err(|e| print(&e.diagnostics))?;
    Ok((checklist, resolved.name))
}

/// The checklist that scores a document and its name: the one given, else
/// the one the document names (found next to `document`), else the default
/// (the rule is the library's `api::checklist_spec`).
pub(crate) fn checklist_for(
    given: Option<&str>,
    named: Option<&str>,
    document: Option<&Path>,
) -> Result<(Checklist, String), u8> {
    match (given, named, document) {
        (None, Some(named), Some(document)) => load_named(named, document),
        _ => {
            let spec = api::checklist_spec(given, None);
            load_checklist(spec).map(|c| (c, spec.to_string()))
        }
    }
}

/// Reads the decision, compiles the checklist (the one given, else the one
/// the decision names, else the default) and scores; prints diagnostics on
/// failure.
fn scored(checklist: Option<&str>, decision: &Path) -> Result<ennakko::Report, u8> {
    let (checklist, parsed, print) = loaded(checklist, decision)?;
    checklist.score(&parsed).map_err(print)
}

/// The checklist and the decision, read once; and how to print what goes
/// wrong with them.
type Loaded<P> = (ennakko::Checklist, ennakko::Decision, P);

fn loaded(checklist: Option<&str>, decision: &Path) -> Result<Loaded<impl Fn(ennakko::Error) -> u8>, u8> {
    let name = decision.display().to_string();
    let format = Format::from_path(&name);
    let text = read(decision, ennakko::Limits::default().max_decision_bytes)?;
    let parsed = ennakko::Decision::from_str(&text, format, &ennakko::Limits::default());
    // Problems found later (by the checklist) point into the same text.
    let print = move |error: ennakko::Error| {
        eprint!("{}", render_all(&error.located(&text).in_file(&name).diagnostics));
        EXIT_INVALID
    };
    let parsed = parsed.map_err(&print)?;
    let (checklist, _) = checklist_for(checklist, parsed.checklist.as_deref(), Some(decision))?;
    Ok((checklist, parsed, print))
}

fn score(
    checklist: Option<&str>,
    decision: &Path,
    format: Option<ReportFormat>,
    lang: Option<Lang>,
    compact: bool,
) -> u8 {
    use std::io::IsTerminal as _;
    let report = match scored(checklist, decision) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let lang = report.language(lang);
    let output = summary::choose(format, std::io::stdout().is_terminal(), std::env::var_os("NO_COLOR").as_deref());
    match output.format {
        ReportFormat::Text => {
            emit(&summary::text(&ennakko::report::render::summary(&report, lang.code()), output.colour));
        }
        ReportFormat::Json => print_json(&report, compact),
        ReportFormat::Md => emit(&render(&report, api::ReportFormat::Markdown, lang)),
        ReportFormat::Html => emit(&render(&report, api::ReportFormat::Html, lang)),
    }
    EXIT_OK
}

fn explain(checklist: Option<&str>, decision: &Path, id: &str, lang: Option<Lang>) -> u8 {
    let (checklist, parsed, print) = match loaded(checklist, decision) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let languages = checklist.model().languages.iter().map(String::as_str);
    let lang = Lang::for_report(lang, parsed.language.as_deref(), languages);
    let explained = match checklist.explain(&parsed, id, lang.code()) {
        Ok(explained) => explained,
        Err(e) => return print(e),
    };
    let report = match checklist.score(&parsed) {
        Ok(r) => r,
        Err(e) => return print(e),
    };
    match explained {
        Some(text) => {
            emit(&text);
            EXIT_OK
        }
        None => {
            let mut ids: Vec<&str> =
                report.findings.iter().chain(&report.verdict.reasons).filter_map(|f| f.rule.as_deref()).collect();
            ids.extend(report.alternatives.iter().flat_map(|a| a.scores.iter().map(|s| s.id.as_str())));
            ids.extend(report.vocabulary.groups.iter().map(|g| g.id.as_str()));
            ids.sort_unstable();
            ids.dedup();
            let hint = ennakko::diagnostic::did_you_mean(id, ids.iter().copied()).map_or_else(
                || format!("results in this report: {}", ids.join(", ")),
                |s| format!("did you mean `{s}`?"),
            );
            eprintln!("error: nothing in this report has the id `{id}`\n  = help: {hint}");
            EXIT_INVALID
        }
    }
}

fn fmt(files: &[PathBuf], check_only: bool) -> u8 {
    let mut code = EXIT_OK;
    for path in files {
        let text = match read(path, ennakko::Limits::default().max_source_bytes) {
            Ok(t) => t,
            Err(c) => {
                code = code.max(c);
                continue;
            }
        };
        let name = path.display().to_string();
        let formatted = match ennakko::syntax::format::format_source(&name, &text) {
            Ok(f) => f,
            Err(d) => {
                eprint!("{}", render_all(&[*d]));
                code = code.max(EXIT_INVALID);
                continue;
            }
        };
        if formatted == text {
            continue;
        }
        if check_only {
            eprintln!("not in canonical form: {name} (run `ennakko fmt {name}`)");
            code = code.max(EXIT_INVALID);
        } else if let Err(e) = std::fs::write(path, formatted) {
            eprintln!("error: cannot write `{name}`: {e}");
            code = code.max(EXIT_USAGE);
        } else {
            eprintln!("formatted {name}");
        }
    }
    code
}

/// A `--lang` value, checked by the library (one list of languages).
pub(crate) fn parse_lang(code: &str) -> Result<Lang, String> {
    code.parse().map_err(|e: ennakko::Error| argument_text(&e))
}

/// An argument error as one line for clap: the message and the hint.
pub(crate) fn argument_text(e: &ennakko::Error) -> String {
    e.diagnostics.iter().map(|d| format!("{}; {}", d.message, d.help.as_deref().unwrap_or(""))).collect()
}

fn print_json<T: serde::Serialize>(value: &T, compact: bool) {
    let text = if compact { serde_json::to_string(value) } else { serde_json::to_string_pretty(value) };
    match text {
        Ok(t) => emit(&(t + "\n")),
        Err(e) => eprintln!("error: cannot print JSON: {e}"),
    }
}

/// Writes to standard output. A reader that stops early (`ennakko score d.yaml
/// | head`) closes the pipe: that ends the output quietly, as for any Unix
/// tool, instead of a panic from `print!`.
fn emit(text: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: cannot write the output: {e}");
    }
}

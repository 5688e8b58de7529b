//! `ennakko template`: decision document templates (Markdown, HTML, Word)
//! with the EVA checks inside. All the work is in `ennakko_templates`; this
//! file reads and writes files and prints.

use std::path::{Path, PathBuf};

use crate::render_all;
use clap::{Subcommand, ValueEnum};
use ennakko::{Checklist, Diagnostic, Format, Limits};
use ennakko_templates::{self as template, TemplateFormat};

use super::{EXIT_INVALID, EXIT_OK, EXIT_USAGE};

/// Template subcommands.
#[derive(Subcommand)]
pub enum TemplateCommand {
    /// Write a blank template: every fact and question of the checklist as a field, in one language.
    #[command(after_help = "Examples:\n  ennakko template init --format docx -o päätös.docx\n  \
        ennakko template init --checklist children --format md --lang sv -o beslut.md\n  \
        ennakko template init --from examples/village-school/decision.yaml -o village-school.docx\n\n\
        Exit codes: 0 written, 1 the checklist or the --from decision is invalid, 2 usage or I/O error.")]
    Init {
        /// Checklist: a standard name (`eva`) or a path to a *.eva file [default: the --from
        /// decision's `checklist`, else `eva`].
        #[arg(long, short)]
        checklist: Option<String>,
        /// Document format [default: from the output file's extension].
        #[arg(long, short, value_enum)]
        format: Option<FormatArg>,
        /// Language of the template's texts.
        #[arg(long, short, value_parser = ["fi", "sv", "en"], default_value = "fi")]
        lang: String,
        /// Prefill the template with this decision's values (YAML or JSON).
        #[arg(long)]
        from: Option<PathBuf>,
        /// Output file; `-` writes Markdown or HTML to standard output.
        #[arg(long, short)]
        output: PathBuf,
        /// Overwrite the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// List what is unanswered, inconsistent or wrong in a filled template.
    #[command(after_help = "Examples:\n  ennakko template check päätös.docx\n  \
        ennakko template check --format json examples/templates/village-school.md\n\n\
        Exit codes: 0 complete (warnings allowed), 1 errors or unanswered required questions,\n\
        2 the file cannot be read.")]
    Check {
        /// The template (.docx, .md or .html).
        file: PathBuf,
        /// Checklist [default: the one the template names, else `eva`].
        #[arg(long, short)]
        checklist: Option<String>,
        /// Output: rustc-style text, or the check as JSON.
        #[arg(long, value_enum, default_value_t = CheckOutput::Text)]
        format: CheckOutput,
        /// The template's format [default: from the extension, else from the content].
        #[arg(long, value_enum)]
        template_format: Option<FormatArg>,
    },
    /// Score the template's decision and write the results into a copy.
    #[command(after_help = "Examples:\n  ennakko template fill päätös.docx -o päätös-arvioitu.docx\n  \
        ennakko template fill --in-place beslut.md\n  ennakko template fill --lang en plan.html -o plan.en.html\n\n\
        The input is never overwritten unless --in-place is given. Filling a filled template again\n\
        replaces the results and gives the same document.\n\
        Exit codes: 0 written, 1 the template has errors (printed), 2 usage or I/O error.")]
    Fill {
        /// The template (.docx, .md or .html).
        file: PathBuf,
        /// Where to write the filled copy.
        #[arg(long, short, required_unless_present = "in_place")]
        output: Option<PathBuf>,
        /// Write the results into FILE itself.
        #[arg(long, conflicts_with = "output")]
        in_place: bool,
        /// Checklist [default: the one the template names, else `eva`].
        #[arg(long, short)]
        checklist: Option<String>,
        /// Language of the results [default: the decision's `language`, else fi].
        #[arg(long, short, value_parser = ["fi", "sv", "en"])]
        lang: Option<String>,
        /// The template's format [default: from the extension, else from the content].
        #[arg(long, value_enum)]
        template_format: Option<FormatArg>,
    },
}

/// A document format on the command line.
#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// Word (.docx) with content controls.
    Docx,
    /// Markdown with YAML front matter.
    Md,
    /// HTML with data-eva fields.
    Html,
}

impl From<FormatArg> for TemplateFormat {
    fn from(f: FormatArg) -> TemplateFormat {
        match f {
            FormatArg::Docx => TemplateFormat::Docx,
            FormatArg::Md => TemplateFormat::Markdown,
            FormatArg::Html => TemplateFormat::Html,
        }
    }
}

/// How `check` prints.
#[derive(Clone, Copy, ValueEnum)]
pub enum CheckOutput {
    /// Diagnostics like rustc, and a summary.
    Text,
    /// The whole check (fields, problems, decision, report) as JSON.
    Json,
}

/// Runs a template subcommand; returns the exit code.
pub fn run(cmd: TemplateCommand) -> u8 {
    match cmd {
        TemplateCommand::Init { checklist, format, lang, from, output, force } => {
            init(checklist.as_deref(), format, &lang, from.as_deref(), &output, force)
        }
        TemplateCommand::Check { file, checklist, format, template_format } => {
            check(&file, checklist.as_deref(), format, template_format)
        }
        TemplateCommand::Fill { file, output, in_place, checklist, lang, template_format } => {
            let target = if in_place { file.clone() } else { output.unwrap_or_default() };
            fill(&file, &target, in_place, checklist.as_deref(), lang.as_deref(), template_format)
        }
    }
}

/// A template document: at most one byte over the size limit, and only a
/// regular file (see `super::read_bytes`).
fn read_bytes(path: &Path) -> Result<Vec<u8>, u8> {
    super::read_bytes(path, template::TemplateLimits::default().max_bytes)
}

fn write_bytes(path: &Path, bytes: &[u8]) -> u8 {
    if path.as_os_str() == "-" {
        return match std::io::Write::write_all(&mut std::io::stdout(), bytes) {
            Ok(()) => EXIT_OK,
            Err(e) => {
                eprintln!("error: cannot write to standard output: {e}");
                EXIT_USAGE
            }
        };
    }
    // Write next to the target, then rename: a failed write never leaves half a document.
    let tmp = path.with_file_name(format!(
        ".{}.ennakko-tmp",
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    ));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    match result {
        Ok(()) => EXIT_OK,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            eprintln!("error: cannot write `{}`: {e}", path.display());
            EXIT_USAGE
        }
    }
}

fn format_of(path: &Path, given: Option<FormatArg>, bytes: Option<&[u8]>) -> Result<TemplateFormat, u8> {
    if let Some(f) = given {
        return Ok(f.into());
    }
    // The order (suffix, then content) is the library's, for every front end.
    let name = path.to_string_lossy();
    if let Ok(f) = ennakko_templates::front::format(None, Some(&name), bytes.unwrap_or_default()) {
        return Ok(f);
    }
    eprintln!(
        "error: cannot tell the format of `{name}`: use --format docx, md or html (or a .docx, .md or .html name)"
    );
    Err(EXIT_USAGE)
}

/// `target` as a path relative to the folder of `document` (absolute when
/// they share no root).
fn relative_to(document: &Path, target: &Path) -> String {
    let dir = match document.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let (Ok(dir), Ok(target)) = (std::fs::canonicalize(dir), std::fs::canonicalize(target)) else {
        return target.display().to_string();
    };
    let (a, b): (Vec<_>, Vec<_>) = (dir.components().collect(), target.components().collect());
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return target.display().to_string();
    }
    let mut out = PathBuf::new();
    for _ in common..a.len() {
        out.push("..");
    }
    for c in &b[common..] {
        out.push(c);
    }
    out.to_string_lossy().replace('\\', "/")
}

fn init(
    checklist: Option<&str>,
    format: Option<FormatArg>,
    lang: &str,
    from: Option<&Path>,
    output: &Path,
    force: bool,
) -> u8 {
    let format = match (format, output.as_os_str() == "-") {
        (None, true) => {
            eprintln!("error: writing to standard output needs --format md or --format html");
            return EXIT_USAGE;
        }
        (f, _) => match format_of(output, f, None) {
            Ok(f) => f,
            Err(code) => return code,
        },
    };
    if output.as_os_str() == "-" && format == TemplateFormat::Docx {
        eprintln!("error: a .docx template is binary: write it to a file with -o NAME.docx");
        return EXIT_USAGE;
    }
    if output.as_os_str() != "-" && output.exists() && !force {
        eprintln!("error: `{}` exists; use --force to overwrite it", output.display());
        return EXIT_USAGE;
    }
    let decision = match from {
        None => None,
        Some(path) => {
            let text = match super::read(path, Limits::default().max_decision_bytes) {
                Ok(t) => t,
                Err(code) => return code,
            };
            let name = path.display().to_string();
            match ennakko::Decision::from_str(&text, Format::from_path(&name), &Limits::default()) {
                Ok(d) => Some(d),
                Err(e) => {
                    print_diagnostics(&name, e.diagnostics);
                    return EXIT_INVALID;
                }
            }
        }
    };
    let named = decision.as_ref().and_then(|d| d.checklist.as_deref());
    let (checklist, spec) = match super::checklist_for(checklist, named, from) {
        Ok(x) => x,
        Err(code) => return code,
    };
    // A checklist file is named relative to where the template is written.
    let checklist_name = ennakko::checklist::load::names_a_file(&spec).then(|| relative_to(output, Path::new(&spec)));
    let options = template::InitOptions { decision: decision.as_ref(), checklist_name };
    let bytes = template::init_with(&checklist, format, lang, &options);
    let code = write_bytes(output, &bytes);
    if code == EXIT_OK && output.as_os_str() != "-" {
        eprintln!("wrote {} ({} template, checklist {spec}, {lang})", output.display(), format.name());
    }
    code
}

/// Reads a template and compiles its checklist (the one given, else the one
/// it names, else the default).
fn open(
    file: &Path,
    checklist: Option<&str>,
    given: Option<FormatArg>,
) -> Result<(Vec<u8>, TemplateFormat, Checklist), u8> {
    let bytes = read_bytes(file)?;
    let format = format_of(file, given, Some(&bytes))?;
    let name = file.display().to_string();
    let named = match template::checklist_name(&bytes, format) {
        Ok(n) => n,
        Err(e) => {
            print_diagnostics(&name, e.diagnostics);
            return Err(EXIT_INVALID);
        }
    };
    let (checklist, _) = super::checklist_for(checklist, named.as_deref(), Some(file))?;
    Ok((bytes, format, checklist))
}

fn print_diagnostics(file: &str, diagnostics: Vec<Diagnostic>) {
    let diagnostics: Vec<Diagnostic> = diagnostics
        .into_iter()
        .map(|d| Diagnostic { file: d.file.or_else(|| d.line.map(|_| file.to_string())), ..d })
        .collect();
    eprint!("{}", render_all(&diagnostics));
}

fn summary(summary: &template::Summary) -> String {
    let check = summary.check;
    let verdict = check.report.as_ref().map_or("not scored", |r| r.verdict.level.name());
    format!(
        "{} template: {} fields, {} result placeholders; {} errors, {} unanswered; verdict: {verdict}",
        check.format.name(),
        check.fields.len(),
        check.outputs.len(),
        summary.errors,
        summary.missing.len()
    )
}

fn check(file: &Path, checklist: Option<&str>, output: CheckOutput, given: Option<FormatArg>) -> u8 {
    let (bytes, format, checklist) = match open(file, checklist, given) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let name = file.display().to_string();
    let check = match template::check(&checklist, &bytes, format) {
        Ok(c) => c,
        Err(e) => {
            print_diagnostics(&name, e.diagnostics);
            return EXIT_INVALID;
        }
    };
    let summarized = template::Summary::of(&check);
    match output {
        CheckOutput::Json => match serde_json::to_string_pretty(&summarized) {
            Ok(t) => super::emit(&(t + "\n")),
            Err(e) => eprintln!("error: cannot print JSON: {e}"),
        },
        CheckOutput::Text => {
            if !check.problems.is_empty() {
                print_diagnostics(&name, check.problems.clone());
            }
            eprintln!("{}", summary(&summarized));
        }
    }
    if summarized.complete { EXIT_OK } else { EXIT_INVALID }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

fn fill(
    file: &Path,
    target: &Path,
    in_place: bool,
    checklist: Option<&str>,
    lang: Option<&str>,
    given: Option<FormatArg>,
) -> u8 {
    if !in_place && same_file(file, target) {
        eprintln!("error: `{}` is the input; write to another file, or use --in-place", target.display());
        return EXIT_USAGE;
    }
    let (bytes, format, checklist) = match open(file, checklist, given) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let name = file.display().to_string();
    let filled = match template::fill_with(&checklist, &bytes, format, lang, &Default::default()) {
        Ok(f) => f,
        Err(e) => {
            print_diagnostics(&name, e.diagnostics);
            return EXIT_INVALID;
        }
    };
    if !filled.check.problems.is_empty() {
        print_diagnostics(&name, filled.check.problems.clone());
    }
    let code = write_bytes(target, &filled.bytes);
    if code == EXIT_OK && target.as_os_str() != "-" {
        eprintln!("{}\nwrote {}", summary(&template::Summary::of(&filled.check)), target.display());
    }
    code
}

//! `ennakko rollup`: a period's decisions from a folder or files, scored on
//! all cores, rolled up into the EVA section of a welfare report.
//!
//! The folder walk is bounded before any work: regular files only (links,
//! pipes and devices are listed and left out), at most `--max-files`
//! decision files and a depth of eight folders; every file is read through
//! the CLI's bounded reader.

use ennakko::t;
use std::path::{Path, PathBuf};

use crate::{diagnostics_lang, render_all};
use clap::{Args, ValueEnum};
use ennakko::api;
use ennakko::message::Message;
use ennakko::rollup::{Period, Rollup};
use ennakko::{Checklist, Diagnostic, Format, Limits};
use rayon::prelude::*;

use crate::{EXIT_INVALID, EXIT_OK, EXIT_USAGE, emit, load_checklist, print_json};

/// Folders deeper than this under a given folder are not walked (and said so).
const MAX_DEPTH: usize = 8;

#[derive(Args)]
pub(crate) struct RollupArgs {
    /// Decision files (.json, .yaml, .yml) and folders holding them; with
    /// --merge, roll-ups saved with --format json.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Merge roll-ups saved with --format json (of disjoint parts of one
    /// period, rolled up with the same checklist and dates) into the whole.
    #[arg(long, conflicts_with_all = ["from", "to", "as_of", "checklist"])]
    merge: bool,
    /// First day of the period, YYYY-MM-DD.
    #[arg(long)]
    from: Option<String>,
    /// Last day of the period, YYYY-MM-DD.
    #[arg(long)]
    to: Option<String>,
    /// Follow-ups due before this day and not done are overdue [default: --to, else today].
    #[arg(long)]
    as_of: Option<String>,
    /// Output: the JSON roll-up, Markdown, self-contained HTML, or CSV.
    #[arg(long, short, value_enum, default_value_t = RollupFormat::Json)]
    format: RollupFormat,
    /// Language of Markdown and HTML.
    #[arg(long, short, value_parser = super::parse_lang, default_value = "fi")]
    lang: ennakko::api::Lang,
    /// Checklist every decision is scored with: a standard name or a *.eva file.
    #[arg(long, short, default_value = ennakko::checklist::stdlib::DEFAULT)]
    checklist: String,
    /// With --format csv: one row per decision, or per group and domain.
    #[arg(long, value_enum, default_value_t = CsvTable::Decisions)]
    table: CsvTable,
    /// At most this many decision files (the walk stops before reading any).
    #[arg(long, default_value_t = ennakko::rollup::MAX_DECISIONS)]
    max_files: usize,
}

#[derive(Clone, Copy, ValueEnum)]
enum RollupFormat {
    /// The structured roll-up (see `ennakko schema rollup`).
    Json,
    /// Markdown, for the welfare report.
    Md,
    /// A self-contained HTML page with charts.
    Html,
    /// CSV for analysts (see --table).
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum CsvTable {
    /// One row per decision.
    Decisions,
    /// One row per group and domain.
    Impacts,
}

/// Runs the command; the exit code is 1 when any decision was left out
/// for errors (they are printed, and the roll-up lists them).
pub(crate) fn run(args: RollupArgs) -> u8 {
    if args.merge {
        return match merge(&args.inputs) {
            Ok(rollup) => print(&rollup, &args),
            Err(e) => {
                eprint!("{}", render_all(&e.diagnostics));
                EXIT_INVALID
            }
        };
    }
    // Follow-ups are judged on a day: the one asked for, the period's end,
    // else today (in UTC) — never a far future that hides what is overdue.
    let today = jiff::tz::Offset::UTC.to_datetime(jiff::Timestamp::now()).date().to_string();
    let as_of = args.as_of.as_deref().or(args.to.as_deref()).unwrap_or(&today);
    let period = match Period::new(args.from.as_deref(), args.to.as_deref(), Some(as_of)) {
        Ok(p) => p,
        Err(d) => {
            eprint!("{}", render_all(&[*d]));
            return EXIT_USAGE;
        }
    };
    let checklist = match load_checklist(&args.checklist) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut walk = Walk { files: Vec::new(), unread: Vec::new(), ignored: Vec::new(), max_files: args.max_files };
    for input in &args.inputs {
        if let Err(d) = walk.add(input, 0) {
            eprint!("{}", render_all(&[*d]));
            return EXIT_USAGE;
        }
    }
    for (path, why) in walk.unread.iter().chain(&walk.ignored) {
        eprintln!("{}", t!("note: left out `{}`: {why}", path.display(); why = why).render(diagnostics_lang()));
    }
    let rollup = match roll_up(&checklist, &args.checklist, period, &walk) {
        Ok(r) => r,
        Err(d) => {
            eprint!("{}", render_all(&[*d]));
            return EXIT_USAGE;
        }
    };
    print(&rollup, &args)
}

/// Prints the roll-up as asked and the errors of the decisions left out;
/// the exit code is 1 when there are any.
fn print(rollup: &Rollup, args: &RollupArgs) -> u8 {
    let errors: Vec<Diagnostic> = rollup.errors().cloned().collect();
    eprint!("{}", render_all(&errors));
    let format = match (args.format, args.table) {
        (RollupFormat::Json, _) => None,
        (RollupFormat::Md, _) => Some(api::RollupFormat::Markdown),
        (RollupFormat::Html, _) => Some(api::RollupFormat::Html),
        (RollupFormat::Csv, CsvTable::Decisions) => Some(api::RollupFormat::CsvDecisions),
        (RollupFormat::Csv, CsvTable::Impacts) => Some(api::RollupFormat::CsvImpacts),
    };
    match format {
        // Pretty-printed, as every JSON the command prints.
        None => print_json(rollup, false),
        Some(format) => emit(&api::render_rollup(rollup, format, args.lang)),
    }
    if errors.is_empty() { EXIT_OK } else { EXIT_INVALID }
}

/// Saved roll-ups read (each bounded) and merged exactly into the whole.
fn merge(files: &[PathBuf]) -> Result<Rollup, ennakko::Error> {
    let parts = files.iter().map(|path| {
        let source = path.display().to_string();
        let unreadable =
            |e: String| ennakko::Error::one(ennakko::ErrorKind::Decision, api::unreadable(e)).in_file(&source);
        let max = api::MAX_ROLLUP_BYTES;
        let bytes = ennakko::checklist::load::read_bounded(path, max).map_err(|e| unreadable(e.to_string()))?;
        let text = ennakko::checklist::load::bounded_text(bytes, max).map_err(|e| unreadable(e.to_string()))?;
        api::read_rollup(&text, &source, max)
    });
    api::merge_rollups(parts.collect::<Result<_, _>>()?)
}

/// Reads and scores every file on all cores: each thread rolls up its share,
/// and the shares merge exactly into the whole; what the walk did not read
/// (links, devices, folders too deep) is listed in it too.
fn roll_up(checklist: &Checklist, spec: &str, period: Period, walk: &Walk) -> Result<Rollup, Box<Diagnostic>> {
    let parts: Vec<Rollup> = walk
        .files
        .par_iter()
        .fold(
            || Rollup::new(checklist, period),
            |mut rollup, path| {
                add_file(&mut rollup, checklist, spec, path);
                rollup
            },
        )
        .collect();
    let mut whole = Rollup::new(checklist, period);
    for part in parts {
        whole.merge(part)?;
    }
    for (path, why) in &walk.unread {
        whole.skip_unread(&path.display().to_string(), why);
    }
    Ok(whole.finish())
}

fn add_file(rollup: &mut Rollup, checklist: &Checklist, spec: &str, path: &Path) {
    let source = path.display().to_string();
    let limits = Limits::default();
    let text = match ennakko::checklist::load::read_bounded(path, limits.max_decision_bytes)
        .map_err(|e| e.to_string())
        .and_then(|bytes| {
            ennakko::checklist::load::bounded_text(bytes, limits.max_decision_bytes).map_err(|e| e.to_string())
        }) {
        Ok(text) => text,
        Err(e) => return rollup.skip_errors(&source, vec![api::unreadable(e)]),
    };
    api::add_decision_text(rollup, checklist, spec, &source, &text, Format::from_path(&source));
}

/// The decision files found, and what was left out and why: files that
/// could be decisions but are not read (listed in the roll-up), and files
/// of other kinds (named on standard error only: a README is no decision).
struct Walk {
    files: Vec<PathBuf>,
    unread: Vec<(PathBuf, Message)>,
    ignored: Vec<(PathBuf, Message)>,
    max_files: usize,
}

impl Walk {
    /// Adds a file, or the decision files of a folder (sorted, so output
    /// and skips come in the same order on every run).
    fn add(&mut self, path: &Path, depth: usize) -> Result<(), Box<Diagnostic>> {
        let meta = std::fs::symlink_metadata(path).map_err(|e| io_error(path, &e))?;
        if meta.is_dir() {
            if depth >= MAX_DEPTH {
                self.unread.push((path.to_path_buf(), t!("folder nested deeper than {} levels", MAX_DEPTH)));
                return Ok(());
            }
            let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| io_error(path, &e))?
                .map(|e| e.map(|e| e.path()))
                .collect::<Result<_, _>>()
                .map_err(|e| io_error(path, &e))?;
            entries.sort();
            for entry in entries {
                self.add(&entry, depth + 1)?;
            }
            return Ok(());
        }
        let is_decision = matches!(path.extension().and_then(|e| e.to_str()), Some("json" | "yaml" | "yml"));
        if !meta.is_file() {
            self.unread.push((path.to_path_buf(), t!("not a regular file (a link, pipe or device)")));
        } else if !is_decision && depth > 0 {
            self.ignored.push((path.to_path_buf(), t!("not a .json, .yaml or .yml file")));
        } else if self.files.len() >= self.max_files {
            return Err(Box::new(
                Diagnostic::error("U0005", t!("more than {} decision files", self.max_files))
                    .with_help(t!("roll up a smaller folder, or raise --max-files")),
            ));
        } else {
            self.files.push(path.to_path_buf());
        }
        Ok(())
    }
}

fn io_error(path: &Path, e: &std::io::Error) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error("U0004", t!("cannot read `{}`: {e}", path.display() ; e = e))
            .with_help(t!("check the path and its permissions")),
    )
}

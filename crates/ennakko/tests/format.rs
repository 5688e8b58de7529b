//! The formatter on real checklists and on generated input: formatting is
//! idempotent, keeps the parsed tree (spans aside) and keeps every comment.

use std::path::{Path, PathBuf};

use ennakko::syntax::ast::*;
use ennakko::syntax::format::format_source;
use ennakko::syntax::source::SourceMap;
use ennakko::{Limits, syntax};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `*.eva` under the given folders of the repository.
fn eva_files(folders: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = folders.iter().map(|f| repo().join(f)).collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "eva") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn parse(text: &str) -> Option<File> {
    let mut sources = SourceMap::default();
    let file = sources.add("x.eva", text);
    syntax::parse(&sources, file, &Limits::default()).ok()
}

/// The comments of a source, trimmed and sorted (imports, and the comments
/// before them, move to the top, so the order may change).
fn comments(text: &str) -> Vec<String> {
    let (mut out, mut in_string, mut escaped) = (Vec::new(), false, false);
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c == '#' {
            let line = text[i..].split('\n').next().unwrap_or("");
            out.push(line.trim_end().to_string());
            for _ in line.chars().skip(1) {
                chars.next();
            }
        }
    }
    out.sort();
    out
}

/// Formats `text` and checks the output: it parses to the same tree, keeps
/// every comment, and formatting it again changes nothing. `None` when
/// `text` does not parse.
fn check(name: &str, text: &str) -> Option<String> {
    let before = parse(text)?;
    let once = match format_source(name, text) {
        Ok(out) => out,
        Err(d) => panic!("{name}: parses but does not format: {d:?}"),
    };
    let Some(after) = parse(&once) else { panic!("{name}: the formatted text does not parse:\n{once}") };
    assert!(before.same_tree(&after), "{name}: formatting changed the tree:\n--- input\n{text}\n--- output\n{once}");
    assert_eq!(comments(text), comments(&once), "{name}: comments changed:\n--- input\n{text}\n--- output\n{once}");
    let twice = format_source(name, &once).unwrap_or_default();
    assert_eq!(once, twice, "{name}: formatting is not idempotent\n--- input\n{text}");
    assert!(!once.contains('\r') || text.contains('\r'), "{name}: CR in the output");
    assert!(!once.starts_with('\u{feff}'), "{name}: BOM in the output");
    Some(once)
}

#[test]
fn idempotent_and_tree_preserving_on_every_checklist() {
    let files = eva_files(&["checklists", "tests/conformance", "examples"]);
    assert!(!files.is_empty(), "no .eva files found");
    let mut formatted = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        if check(&path.display().to_string(), &text).is_some() {
            formatted += 1;
        }
    }
    assert!(formatted > 0, "no .eva file parsed");
}

/// The before/after example of `docs/formatting.md` is the formatter's real
/// output: the first ```eva block formats to the second.
#[test]
fn documented_example_is_exact() {
    let doc = std::fs::read_to_string(repo().join("docs/formatting.md")).unwrap_or_default();
    let blocks: Vec<&str> = doc.split("```eva\n").skip(1).filter_map(|b| b.split("```").next()).collect();
    assert!(blocks.len() >= 2, "docs/formatting.md needs a before and an after block");
    let out = check("doc.eva", blocks[0]).unwrap_or_default();
    assert_eq!(out, blocks[1]);
    assert_eq!(check("doc-after.eva", blocks[1]).unwrap_or_default(), blocks[1]);
}

// ---- comments -------------------------------------------------------------

const COMMENTED: &str = r#"# c01 file header

# c02 before import
import "eva" # c03 trailing import
# c04 before checklist
checklist demo # c05 inside header
{ # c06 after open brace
  # c07 before title
  title fi "Demo" # c08 between languages
        sv "Demo" en "Demo" # c09 after title
  version "1" # c10 after args


  # c11 after a blank
  languages fi, # c12 inside args
     sv, en
  # c13 end of block
} # c14 after close
group kids { label fi "Lapset" sv "Barn" en "Kids" } # c15 after one-line decl
scale magnitude {
  level low 1 { label fi "a" sv "b" en "c" } # c16 after item
  level high 2 { # c17 inside item
    label fi "a" sv "b" en "c"
    # c18 end of item
  }
  level # c19 before item brace
    mid 3 { label fi "a" sv "b" en "c" }
}
rule r: info {
  when a or # c20 after operator
    b # c21 after operand
    # c22 own line in chain
    or [c, # c23 inside list
        d] == e
  message en "x" # c24 last
}
score s { value 1 + # c25 inside arithmetic
  2 }
# c26 end of file
"#;

/// The comment markers (`# c01`...) in order of appearance.
fn comment_ids(text: &str) -> Vec<&str> {
    text.match_indices("# c").filter_map(|(i, _)| text.get(i..i + 5)).collect()
}

#[test]
fn every_comment_survives_in_order() {
    let out = check("commented.eva", COMMENTED).unwrap_or_default();
    let want = comment_ids(COMMENTED);
    assert_eq!(want.len(), 26);
    assert_eq!(comment_ids(&out), want, "\n{out}");
    for comment in COMMENTED.lines().filter_map(|l| l.find('#').map(|i| &l[i..])) {
        assert!(out.contains(comment), "lost `{comment}`");
    }
    assert_eq!(out, COMMENTED_FORMATTED);
}

const COMMENTED_FORMATTED: &str = r#"# c01 file header

# c02 before import
import "eva"  # c03 trailing import

# c04 before checklist
# c05 inside header
checklist demo {  # c06 after open brace
  # c07 before title
  title fi "Demo"  # c08 between languages
        sv "Demo"
        en "Demo"  # c09 after title
  version "1"  # c10 after args

  # c11 after a blank
  # c12 inside args
  languages fi, sv, en
  # c13 end of block
}  # c14 after close

group kids {
  label fi "Lapset" sv "Barn" en "Kids"
}  # c15 after one-line decl

scale magnitude {
  level low 1 { label fi "a" sv "b" en "c" }  # c16 after item
  level high 2 {  # c17 inside item
    label fi "a" sv "b" en "c"
    # c18 end of item
  }
  # c19 before item brace
  level mid 3 { label fi "a" sv "b" en "c" }
}

rule r: info {
  when a  # c20 after operator
      or b  # c21 after operand
      # c22 own line in chain
      # c23 inside list
      or [c, d] == e
  message en "x"  # c24 last
}

score s {
  value 1  # c25 inside arithmetic
      + 2
}
# c26 end of file
"#;

#[test]
fn comments_with_crlf_and_bom() {
    let text = format!("\u{feff}{}", COMMENTED.replace('\n', "\r\n"));
    let out = check("crlf.eva", &text).unwrap_or_default();
    assert_eq!(out, format_source("lf.eva", COMMENTED).unwrap_or_default());
}

// ---- generated input ------------------------------------------------------

/// How many generated inputs to try, times `ENNAKKO_FORMAT_ROUNDS` (default
/// 1) for longer runs, with seeds that change with each round.
fn rounds() -> u64 {
    std::env::var("ENNAKKO_FORMAT_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(1)
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A random expression, fully parenthesized, so the parser builds exactly
/// the intended tree; the formatter then has to find the parentheses that
/// are really needed.
fn gen_expr(rng: &mut Rng, depth: usize) -> String {
    let leaf = depth == 0 || rng.below(4) == 0;
    if leaf {
        return match rng.below(7) {
            0 => rng.pick(&["1", "100_000", "0.5", "2"]).to_string(),
            1 => rng.pick(&["\"a\"", "\"x \\\"y\\\"\"", "\"b\n   c\""]).to_string(),
            2 => rng.pick(&["true", "false"]).to_string(),
            3 => rng.pick(&["fact.cost_eur", "children", "g.vulnerable", "decision.kind"]).to_string(),
            4 => format!("impact({})", gen_expr(rng, depth.saturating_sub(1))),
            5 => format!("[{}, {},]", gen_expr(rng, depth.saturating_sub(1)), gen_expr(rng, depth.saturating_sub(1))),
            _ => "count proposals".to_string(),
        };
    }
    let d = depth - 1;
    match rng.below(7) {
        0 => format!("({} {})", rng.pick(&["not", "-"]), gen_expr(rng, d)),
        6 => format!("(if {} then {} else {})", gen_expr(rng, d), gen_expr(rng, d), gen_expr(rng, d)),
        1..=3 => {
            let op =
                rng.pick(&["or", "and", "==", "!=", "<", "<=", ">", ">=", "in", "not in", "??", "+", "-", "*", "/"]);
            format!("({} {op} {})", gen_expr(rng, d), gen_expr(rng, d))
        }
        _ => {
            let op = rng.pick(&["any", "all", "count", "sum", "min", "max"]);
            let source = match rng.below(3) {
                0 => rng.pick(&["proposal", "proposals", "alternative", "alternatives"]).to_string(),
                1 => "g in groups".to_string(),
                _ => format!("g in [children, {}] where {}", gen_expr(rng, 0), gen_expr(rng, d)),
            };
            if rng.below(3) == 0 {
                format!("({op} {source})")
            } else {
                format!("({op} {source}: {})", gen_expr(rng, d))
            }
        }
    }
}

/// Puts a comment at some of the spaces outside strings.
fn sprinkle_comments(rng: &mut Rng, text: &str) -> String {
    let (mut out, mut in_string, mut escaped, mut n) = (String::new(), false, false, 0);
    for c in text.chars() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c == ' ' && rng.below(6) == 0 {
            n += 1;
            out.push_str(if rng.below(2) == 0 { " # c" } else { "\n# c" });
            out.push_str(&n.to_string());
            out.push('\n');
            continue;
        }
        out.push(c);
    }
    out
}

#[test]
fn generated_expressions_keep_their_tree() {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut parsed = 0;
    let total = 800 * rounds() as usize;
    for i in 0..total {
        let e = gen_expr(&mut rng, 1 + i % 6);
        let text = format!("rule r: info {{\n  when {e}\n  message en \"m\"\n}}\n");
        if let Some(out) = check("generated.eva", &text) {
            parsed += 1;
            // Never more parentheses than the fully parenthesized input.
            assert!(out.matches('(').count() <= text.matches('(').count(), "{text}\n{out}");
        }
        check("commented.eva", &sprinkle_comments(&mut rng, &text));
    }
    assert!(parsed > total * 4 / 5, "only {parsed} of {total} generated expressions parsed");
}

/// Sources cut at random places: whatever still parses must format, keep
/// its tree and be stable; nothing may panic.
#[test]
fn mangled_sources_never_break_the_formatter() {
    let mut corpus: Vec<String> = vec![COMMENTED.to_string(), COMMENTED.replace('\n', "\r\n")];
    // Small files only: the parser is slow in debug builds.
    corpus.extend(
        eva_files(&["checklists", "tests/conformance"])
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .filter(|t| t.len() < 3_000)
            .take(20),
    );
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    for source in &corpus {
        let chars: Vec<char> = source.chars().collect();
        for _ in 0..40 * rounds() {
            if chars.is_empty() {
                break;
            }
            let at = rng.below(chars.len());
            let len = 1 + rng.below(12);
            let mut cut: String = chars[..at].iter().collect();
            match rng.below(3) {
                0 => cut.extend(chars.iter().skip(at + len)),
                1 => {
                    cut.push_str(rng.pick(&[
                        "#", "\"", "\n", " # x\n", "(", ")", "{", "}", "\\", "\r", "\u{feff}", "ä", "\t", " not ",
                        " or ", "-", ":",
                    ]));
                    cut.extend(chars.iter().skip(at));
                }
                _ => {
                    cut.push('\n');
                    cut.extend(chars.iter().skip(at));
                }
            }
            let _ = format_source("mangled.eva", &cut);
            check("mangled.eva", &cut);
        }
    }
}

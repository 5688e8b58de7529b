//! The short summary a person reads at a terminal: the decision's title,
//! the verdict with its reasons, the alternatives side by side per
//! perspective and group, and what is missing. The same blocks, in the same
//! words, as the full report's sections of those names; the narrative, the
//! impact matrices and the appendix stay in the Markdown and HTML reports.

use super::{Block, Ctx, Table, header, missing, side_by_side, verdict};
use crate::report::Report;

/// How many of the side-by-side section's blocks the summary shows.
const SIDE_BY_SIDE_BLOCKS: usize = 4;

/// The summary of a report as document blocks, in `lang` (fi, sv or en).
/// Front ends write them as they see fit (the CLI as plain or coloured
/// terminal text).
///
/// ```
/// # let checklist = ennakko::Checklist::standard("eva").unwrap();
/// # let report = checklist.score_str("id: x\ntitle: T\nalternatives: [{id: zero, kind: zero}]", ennakko::Format::Yaml).unwrap();
/// use ennakko::report::render::{Block, summary};
/// let blocks = summary(&report, "en");
/// assert_eq!(blocks[0], Block::Heading(1, "T".into()));
/// ```
pub fn summary(report: &Report, lang: &str) -> Vec<Block> {
    let cx = Ctx { report, lang };
    let mut blocks = header(&cx);
    // The header's second line (report, decision id, checklist) is for a
    // printed page; at a terminal the title is enough.
    blocks.truncate(1);
    blocks.extend(verdict(&cx));
    // The heading, the table, its footnote for vulnerable groups and the
    // line that says how to read a profile; not the sentences that follow
    // in the full report (the test below pins the four).
    for block in side_by_side(&cx).into_iter().take(SIDE_BY_SIDE_BLOCKS) {
        match block {
            Block::Table(table) => {
                let titles = titles(&cx);
                if !titles.is_empty() {
                    blocks.push(Block::List(titles));
                }
                blocks.push(Block::Table(short_head(&cx, table)));
            }
            other => blocks.push(other),
        }
    }
    blocks.extend(missing(&cx));
    blocks
}

/// The alternatives' short names ("Zero option", "Proposal 2") with their
/// titles (where the decision gives one), so the table's columns can carry
/// the short names.
fn titles(cx: &Ctx) -> Vec<String> {
    let titled = cx.report.alternatives.iter().filter_map(|a| {
        let title = a.titles.get(cx.lang).or(a.title.as_ref())?;
        Some(format!("{}: {title}", cx.alt_short(&a.id)))
    });
    titled.collect()
}

/// The table with short names at the top of its columns: a title is often
/// longer than a terminal line, and the table must stay side by side.
fn short_head(cx: &Ctx, mut table: Table) -> Table {
    for (name, alternative) in table.head.iter_mut().skip(1).zip(&cx.report.alternatives) {
        *name = cx.alt_short(&alternative.id);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::i18n::{Key, word};

    /// The village-school example scored with the standard checklist.
    fn report() -> Report {
        let text = include_str!("../../../../../examples/village-school/decision.yaml");
        let checklist = crate::Checklist::standard("eva").expect("standard checklist");
        checklist.score_str(text, crate::Format::Yaml).expect("example scores")
    }

    #[test]
    fn summary_keeps_the_side_by_side_table_with_its_footnotes_and_no_more() {
        let report = report();
        let cx = Ctx { report: &report, lang: "en" };
        let section = side_by_side(&cx);
        let kept = &section[..SIDE_BY_SIDE_BLOCKS];
        assert!(matches!(&kept[1], Block::Table(t) if t.class == "compare"));
        assert_eq!(kept[2], Block::Para(format!("* {}", word(Key::Vulnerable, "en"))));
        assert_eq!(kept[3], Block::Para(word(Key::ProfileExplained, "en").into()));
    }

    #[test]
    fn summary_has_verdict_table_and_missing_in_each_language() {
        let report = report();
        for lang in crate::report::i18n::LANGUAGES {
            let blocks = summary(&report, lang);
            let headings: Vec<&str> = blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Heading(2, h) => Some(h.as_str()),
                    _ => None,
                })
                .collect();
            let expected: Vec<&str> =
                [Key::Verdict, Key::SideBySide, Key::Missing].iter().map(|k| word(*k, lang)).collect();
            assert_eq!(headings, expected, "{lang}");
            assert!(blocks.iter().any(|b| matches!(b, Block::Callout(..))), "{lang}: no verdict");
        }
    }
}

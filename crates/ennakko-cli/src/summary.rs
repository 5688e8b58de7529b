//! `ennakko score` for people: which output a run gets, and the short
//! summary written as terminal text, coloured only when that helps a reader.

use anstyle::{AnsiColor, Style};
use ennakko::report::render::{Block, Cell, Table};

use crate::ReportFormat;

/// What `ennakko score` prints and whether it may colour it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Output {
    pub format: ReportFormat,
    pub colour: bool,
}

/// Chooses the output: an explicit `--format` wins; otherwise a person at a
/// terminal gets the summary and a pipe gets JSON, so scripts keep working.
/// Colour only for the summary at a terminal, never with `NO_COLOR` set to
/// anything but the empty string (<https://no-color.org>).
pub(crate) fn choose(format: Option<ReportFormat>, is_terminal: bool, no_color: Option<&std::ffi::OsStr>) -> Output {
    let format = format.unwrap_or(if is_terminal { ReportFormat::Text } else { ReportFormat::Json });
    let colour_wanted = no_color.is_none_or(std::ffi::OsStr::is_empty);
    Output { format, colour: format == ReportFormat::Text && is_terminal && colour_wanted }
}

/// Writes summary blocks as terminal text: headings underlined or bold, the
/// verdict and the impact profiles in colour when `colour` is true.
pub(crate) fn text(blocks: &[Block], colour: bool) -> String {
    let mut out = String::new();
    for block in blocks {
        write_block(&mut out, block, colour);
    }
    out
}

fn write_block(out: &mut String, block: &Block, colour: bool) {
    match block {
        Block::Heading(1, title) => push_line(out, &paint(title, Style::new().bold(), colour)),
        Block::Heading(_, title) => {
            out.push('\n');
            push_line(out, &paint(title, Style::new().bold().underline(), colour));
        }
        Block::Para(text) => push_line(out, text),
        Block::Callout(text, class) => push_line(out, &paint(text, verdict_style(class), colour)),
        Block::List(items) => items.iter().for_each(|item| push_line(out, &format!("  - {item}"))),
        Block::Table(table) => write_table(out, table, colour),
        Block::Section(_, inner) => inner.iter().for_each(|b| write_block(out, b, colour)),
    }
}

fn push_line(out: &mut String, line: &str) {
    out.push_str(line);
    out.push('\n');
}

/// A table with its columns padded to their widest cell, so the
/// alternatives stand side by side.
fn write_table(out: &mut String, table: &Table, colour: bool) {
    let columns = table.head.len().max(table.rows.iter().map(Vec::len).max().unwrap_or(0));
    let mut widths = vec![0; columns];
    let head: Vec<Cell> = table.head.iter().map(|h| Cell::from(h.clone())).collect();
    for row in std::iter::once(&head).chain(&table.rows) {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.text.chars().count());
        }
    }
    let mut line = |row: &[Cell], style: Option<Style>| {
        let mut text = String::new();
        for (i, (cell, width)) in row.iter().zip(&widths).enumerate() {
            let padding = " ".repeat(width - cell.text.chars().count());
            let style = style.unwrap_or_else(|| cell_style(cell.class));
            // The first column names the row; the others are values.
            text.push_str(if i == 0 { "" } else { "  " });
            text.push_str(&paint(&cell.text, style, colour));
            text.push_str(&padding);
        }
        push_line(out, text.trim_end());
    };
    line(&head, Some(Style::new().bold()));
    for row in &table.rows {
        line(row, None);
    }
}

/// The verdict's colour: red for a full assessment, yellow for a light one,
/// green for none.
fn verdict_style(class: &str) -> Style {
    let colour = match class {
        "verdict-full" => AnsiColor::Red,
        "verdict-light" => AnsiColor::Yellow,
        _ => AnsiColor::Green,
    };
    Style::new().bold().fg_color(Some(colour.into()))
}

/// An impact profile's colour by its class (as the HTML report colours it):
/// red for harm, green for benefit, yellow for mixed.
fn cell_style(class: Option<&str>) -> Style {
    let colour = match class {
        Some("neg1" | "neg2") => AnsiColor::Red,
        Some("pos1" | "pos2") => AnsiColor::Green,
        Some("mixed") => AnsiColor::Yellow,
        _ => return Style::new(),
    };
    Style::new().fg_color(Some(colour.into()))
}

/// The text in the style when colouring (an empty text stays empty).
fn paint(text: &str, style: Style, colour: bool) -> String {
    if colour && !text.is_empty() { format!("{style}{text}{style:#}") } else { text.to_string() }
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;

    use super::*;

    #[test]
    fn terminal_gets_the_summary_and_a_pipe_gets_json() {
        assert_eq!(choose(None, true, None), Output { format: ReportFormat::Text, colour: true });
        assert_eq!(choose(None, false, None), Output { format: ReportFormat::Json, colour: false });
    }

    #[test]
    fn explicit_format_wins_over_the_terminal() {
        assert_eq!(choose(Some(ReportFormat::Json), true, None), Output { format: ReportFormat::Json, colour: false });
        assert_eq!(choose(Some(ReportFormat::Md), true, None), Output { format: ReportFormat::Md, colour: false });
        assert_eq!(choose(Some(ReportFormat::Text), false, None), Output { format: ReportFormat::Text, colour: false });
    }

    #[test]
    fn no_color_turns_colour_off_unless_empty() {
        let off = choose(None, true, Some(OsStr::new("1")));
        assert_eq!(off, Output { format: ReportFormat::Text, colour: false });
        assert!(choose(Some(ReportFormat::Text), true, Some(OsStr::new(""))).colour);
    }

    #[test]
    fn table_columns_line_up_and_colour_only_when_asked() {
        let cell = |text: &str, class| Cell { text: text.into(), class, label: None };
        let table = Table {
            head: vec![String::new(), "Zero option".into(), "Proposal".into()],
            rows: vec![
                vec![cell("Children", None), cell("·", Some("none")), cell("▼ -1 (2)", Some("neg1"))],
                vec![cell("Older people", None), cell("○", Some("zero")), cell("▲ 1 (1)", Some("pos1"))],
            ],
            ..Table::default()
        };
        let plain = text(&[Block::Table(table.clone())], false);
        let lines: Vec<&str> = plain.lines().collect();
        assert_eq!(lines[0], "              Zero option  Proposal");
        assert_eq!(lines[1], "Children      ·            ▼ -1 (2)");
        assert_eq!(lines[2], "Older people  ○            ▲ 1 (1)");
        assert!(!plain.contains('\u{1b}'));
        let coloured = text(&[Block::Table(table)], true);
        assert!(coloured.contains(&format!("{}▼ -1 (2)", Style::new().fg_color(Some(AnsiColor::Red.into())))));
    }
}

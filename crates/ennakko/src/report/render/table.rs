//! HTML tables that fit their page: on a screen 1100 px wide and on A4
//! paper, in Finnish, Swedish and English.
//!
//! A table cannot be narrower than its longest unbreakable word per
//! column, and Finnish and Swedish compounds are long ("talousarviovuosi",
//! "fullmäktigeperioden"). Browsers hyphenate by dictionary only where they
//! ship one (`hyphens: auto` does nothing for Finnish in Chromium on
//! Linux), so the page marks its own break points:
//!
//! - the compounds of the pages' own vocabulary (table headings, the
//!   standard checklists' groups, domains and time spans) get soft hyphens
//!   (`&shy;`) at their compound boundaries ([`SOFT_HYPHENS`]): a break
//!   there shows a hyphen, a line that fits shows none;
//! - a heading's closing parenthetical ("Lyhyt (talousarviovuosi)") goes on
//!   its own, smaller line;
//! - a cell of the side-by-side comparison keeps each of its parts
//!   ("▼ −1,5 (4)") on one line and wraps between them;
//! - an impact matrix with more than [`MATRIX_COLUMNS`] columns is split
//!   into several tables of at most that many, each repeating the row
//!   headings.
//!
//! All of this is HTML only: the Markdown, JSON and CSV outputs carry the
//! plain text.

use std::fmt::Write as _;

use super::{Table, escape};

/// The most value columns an impact matrix shows side by side. Ten domains
/// in eight-point type need about 1 000 px; A4 portrait with 16 mm margins
/// gives 673 CSS px, and the widest standard domain word
/// ("saavutettavuus") needs about 95 px of it: six columns of about 88 px
/// each after the row headings would not hold it, five do.
pub const MATRIX_COLUMNS: usize = 5;

/// Compounds of the pages' own vocabulary, with `|` at each boundary where
/// a line may break. Matched whole-word, ignoring the case of the first
/// letter. Words of a decision's own text are not listed: they sit in the
/// wide description columns, which wrap between words.
pub const SOFT_HYPHENS: &[&str] = &[
    // Finnish: roll-up and report headings, time spans, kinds of alternative.
    "talous|arvio|vuosi",
    "talous|arvio|vuotta",
    "valtuusto|kausi",
    "valtuusto|kautta",
    "netto|vaikutus",
    "kokonais|vaikutus",
    "keski|pitkä",
    "arviointi|tarvetta",
    "vaikutus|alue",
    "vaikutus|alueet",
    "vaikutus|alueittain",
    "kohde|ryhmän",
    "aika|jänne",
    "nolla|vaihto|ehto",
    "vaihto|ehto",
    "toden|näköinen",
    "toden|näköisyys",
    "yhden|vertaisuus",
    "yhden|vertaisuus|ero",
    // Finnish: the standard checklists' groups and domains, sectors, bodies.
    "maahan|muuttaja|taustaiset",
    "haja-asutus|alueiden",
    "pieni|tuloiset",
    "ruotsin|kieliset",
    "suomen|kieliset",
    "lapsi|perheet",
    "omais|hoitajat",
    "sukupuoli|vähemmistöt",
    "elin|keino|elämä",
    "elin|ympäristö",
    "yhdys|kunta|rakenne",
    "kulttuuri|perintö",
    "luonnon|varat",
    "kierto|talous",
    "moni|muotoisuus",
    "toiminta|kyky",
    "toimeen|tulo",
    "terveys|palvelut",
    "vapaa-aika|palvelut",
    "ympäristö|palvelut",
    "keskus|hallinto",
    "sivistys|toimi",
    "viran|haltijat",
    // Swedish.
    "budget|år",
    "budget|året",
    "fullmäktige|period",
    "fullmäktige|perioden",
    "netto|effekt",
    "total|effekt",
    "medel|lång",
    "konsekvens|område",
    "konsekvens|områden",
    "konsekvens|områdena",
    "befolknings|grupper",
    "beslut|fattare",
    "samman|lagt",
    "noll|alternativ",
    "noll|alternativet",
    "fullständig|het",
    "jämlikhets|skillnad",
    "invandrar|bakgrund",
    "funktions|nedsättning",
    "funktions|förmåga",
    "låg|inkomst|tagare",
    "svensk|språkiga",
    "finsk|språkiga",
    "barn|familjer",
    "jäm|ställdhet",
    "lika|behandling",
    "väl|befinnande",
    "syssel|sättning",
    "samhälls|struktur",
    "kultur|arv",
    "natur|resurser",
    "central|förvaltningen",
    "bildnings|sektorn",
    "tjänste|innehavarna",
    "hälsovårds|tjänster",
    "fritids|tjänster",
    "miljö|tjänster",
    "närings|liv",
    "kunskaps|underlag",
    "tids|perspektiv",
    "tieto|perusta",
    // English.
    "bio|diversity",
];

/// The text, escaped for HTML, with a soft hyphen at each compound boundary
/// of the words listed in [`SOFT_HYPHENS`].
///
/// ```
/// use ennakko::report::render::table::breakable;
/// assert_eq!(breakable("Lyhyt (talousarviovuosi)"), "Lyhyt (talous&shy;arvio&shy;vuosi)");
/// assert_eq!(breakable("Nettoeffekt <b>"), "Netto&shy;effekt &lt;b&gt;");
/// ```
pub fn breakable(text: &str) -> String {
    let escaped = escape(text);
    let mut out = String::with_capacity(escaped.len() + 16);
    let mut word = String::new();
    for c in escaped.chars() {
        if c.is_alphabetic() || c == '-' {
            word.push(c);
        } else {
            push_word(&mut out, &word);
            word.clear();
            out.push(c);
        }
    }
    push_word(&mut out, &word);
    out
}

/// Appends one word, with soft hyphens if it is listed.
fn push_word(out: &mut String, word: &str) {
    let lower = word.to_lowercase();
    let entry =
        SOFT_HYPHENS.iter().find(|e| e.len() == lower.len() + e.matches('|').count() && e.replace('|', "") == lower);
    let Some(entry) = entry else {
        out.push_str(word);
        return;
    };
    // Lowercasing these letters keeps their count, so the boundaries of
    // the entry fall at the same characters of the word.
    let mut chars = word.chars();
    for part in entry.split('|').enumerate() {
        if part.0 > 0 {
            out.push_str("&shy;");
        }
        out.extend(chars.by_ref().take(part.1.chars().count()));
    }
    out.extend(chars);
}

/// A heading cell's HTML: a closing parenthetical ("Lyhyt
/// (talousarviovuosi)") on its own smaller line, compounds breakable.
///
/// ```
/// use ennakko::report::render::table::heading;
/// assert_eq!(heading("Pitkä"), "Pitkä");
/// assert_eq!(heading("Kort (budgetår)"), "Kort <span class=\"aside\">(budget&shy;år)</span>");
/// ```
pub fn heading(text: &str) -> String {
    match text.rfind(" (") {
        Some(at) if text.ends_with(')') && at > 0 && !text[at + 2..].contains('(') => {
            format!("{} <span class=\"aside\">{}</span>", breakable(&text[..at]), breakable(&text[at + 1..]))
        }
        _ => breakable(text),
    }
}

/// A comparison cell's HTML: each of its parts, separated by ` · ` or
/// `, `, kept on one line.
fn comparison_cell(text: &str) -> String {
    let unit = |part: &str| escape(part).replace(' ', "&nbsp;");
    text.split(" · ")
        .map(|group| group.split(", ").map(unit).collect::<Vec<_>>().join(", "))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Writes a table as HTML; an impact matrix wider than [`MATRIX_COLUMNS`]
/// as several tables.
pub(super) fn write(out: &mut String, table: &Table) {
    let columns = table.head.len().saturating_sub(1);
    if table.class != "matrix" || columns <= MATRIX_COLUMNS {
        write_part(out, table, 1..table.head.len(), table.caption.clone());
        return;
    }
    // Balanced parts: eleven columns are tables of four, four and three, not five, five and one.
    let parts = columns.div_ceil(MATRIX_COLUMNS);
    let per = columns.div_ceil(parts);
    for (n, start) in (1..=columns).step_by(per).enumerate() {
        let end = (start + per).min(columns + 1);
        let caption = table.caption.as_ref().map(|c| format!("{c} ({}/{parts})", n + 1));
        write_part(out, table, start..end, caption);
    }
}

/// Writes the row headings and the columns `range` of a table.
fn write_part(out: &mut String, table: &Table, range: std::ops::Range<usize>, caption: Option<String>) {
    let _ = writeln!(out, "<table class=\"{}\">", table.class);
    if let Some(caption) = &caption {
        let _ = writeln!(out, "<caption>{}</caption>", escape(caption));
    }
    if table.class == "matrix" {
        // Equal value columns, whatever their headings' lengths: a matrix is read across.
        let share = 78 / range.len().max(1);
        let _ = write!(out, "<colgroup><col><col span=\"{}\" style=\"width:{share}%\"></colgroup>", range.len());
    }
    out.push_str("<thead><tr>");
    let columns = std::iter::once(0).chain(range.clone());
    for h in columns.clone().filter_map(|i| table.head.get(i)) {
        let _ = write!(out, "<th scope=\"col\">{}</th>", heading(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for i in columns.clone() {
            let Some(cell) = row.get(i) else { continue };
            let (open, close) = if i == 0 { ("th scope=\"row\"", "th") } else { ("td", "td") };
            let class = cell.class.map(|c| format!(" class=\"{c}\"")).unwrap_or_default();
            let label = cell
                .label
                .as_ref()
                .map(|l| format!(" title=\"{0}\" aria-label=\"{0}\"", escape(l)))
                .unwrap_or_default();
            let text = match (i, table.class) {
                (0, _) => heading(&cell.text),
                (_, "compare") => comparison_cell(&cell.text),
                _ => breakable(&cell.text),
            };
            let _ = write!(out, "<{open}{class}{label}>{text}</{close}>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::render::Cell;

    #[test]
    fn listed_compounds_break_at_their_boundaries_whatever_the_case_of_the_first_letter() {
        assert_eq!(breakable("Nettovaikutus"), "Netto&shy;vaikutus");
        assert_eq!(breakable("Maahanmuuttajataustaiset"), "Maahan&shy;muuttaja&shy;taustaiset");
        assert_eq!(breakable("Haja-asutusalueiden asukkaat"), "Haja-asutus&shy;alueiden asukkaat");
        // Not listed, or only part of a word: left whole.
        assert_eq!(breakable("Nettovaikutuksen"), "Nettovaikutuksen");
        assert_eq!(breakable("a & b"), "a &amp; b");
    }

    #[test]
    fn every_entry_is_lowercase_and_has_no_empty_part() {
        for entry in SOFT_HYPHENS {
            assert_eq!(*entry, entry.to_lowercase(), "{entry}");
            assert!(entry.split('|').all(|p| !p.is_empty()), "{entry}");
        }
    }

    #[test]
    fn a_closing_parenthetical_goes_on_its_own_line_and_an_inner_one_stays() {
        assert_eq!(
            heading("Keskipitkä (valtuustokausi)"),
            "Keski&shy;pitkä <span class=\"aside\">(valtuusto&shy;kausi)</span>"
        );
        assert_eq!(
            heading("A (b) (nollavaihtoehto)"),
            "A (b) <span class=\"aside\">(nolla&shy;vaihto&shy;ehto)</span>"
        );
        assert_eq!(heading("(alone)"), "(alone)");
        assert_eq!(heading("a (b"), "a (b");
    }

    #[test]
    fn comparison_parts_stay_whole() {
        assert_eq!(comparison_cell("▼ −1,5 (4) · ▲ 1,5 (2)"), "▼&nbsp;−1,5&nbsp;(4) · ▲&nbsp;1,5&nbsp;(2)");
        assert_eq!(comparison_cell("▼ 2 kielteistä, ○ 1 muu"), "▼&nbsp;2&nbsp;kielteistä, ○&nbsp;1&nbsp;muu");
    }

    fn matrix(columns: usize) -> Table {
        Table {
            class: "matrix",
            caption: Some("M".into()),
            head: (0..=columns).map(|i| format!("h{i}")).collect(),
            rows: vec![(0..=columns).map(|i| Cell::from(format!("c{i}"))).collect()],
        }
    }

    #[test]
    fn a_wide_matrix_is_split_into_balanced_tables_that_repeat_the_row_headings() {
        let mut out = String::new();
        write(&mut out, &matrix(MATRIX_COLUMNS));
        assert_eq!(out.matches("<table").count(), 1);
        assert!(out.contains("<caption>M</caption>"));
        let mut out = String::new();
        write(&mut out, &matrix(11));
        assert_eq!(out.matches("<table").count(), 3);
        assert_eq!(out.matches("<th scope=\"row\">c0</th>").count(), 3);
        assert!(out.contains("<caption>M (3/3)</caption>"));
        for i in 1..=11 {
            assert_eq!(out.matches(&format!(">c{i}<")).count(), 1, "column {i} once");
        }
        // 11 columns in three parts of at most four, in order.
        let third = &out[out.find("(3/3)").unwrap_or(0)..];
        assert!(third.contains(">h9<") && third.contains(">h11<") && !third.contains(">h8<"));
    }
}

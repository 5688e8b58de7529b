//! Result placeholders in Markdown and HTML: `<!-- eva:verdict -->` ...
//! `<!-- /eva:verdict -->`. Filling replaces what is between the two
//! comments, so filling again gives the same document.

use ennakko::t;
use std::cell::Cell;
use std::ops::Range;

use ennakko::diagnostic::{Diagnostic, Severity};

use super::fields::{Tag, parse_tag};
use super::problems::Problems;

/// A placeholder found in the text.
#[derive(Debug, Clone)]
pub(crate) struct Marker {
    /// `verdict`, `matrix.plan`...
    pub name: String,
    /// The start comment.
    pub open: Range<usize>,
    /// The end comment, if the document has one yet.
    pub close: Option<Range<usize>>,
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_col(text, offset)
}

/// Where each line starts, for many look-ups in one text.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    /// The last position asked for: byte offset and its column. Callers ask
    /// in document order, so counting on from there keeps a long line (a
    /// minified HTML file with thousands of fields) linear, not quadratic.
    last: Cell<(usize, usize)>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        LineIndex { starts, last: Cell::new((0, 1)) }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub(crate) fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let (last_offset, last_column) = self.last.get();
        let (from, column) =
            if (start..=offset).contains(&last_offset) { (last_offset, last_column) } else { (start, 1) };
        let column = column + text.get(from..offset).map_or(0, |s| s.chars().count());
        self.last.set((offset, column));
        (line, column)
    }
}

/// Finds the placeholders outside the `skip` ranges (code blocks, scripts,
/// tags), adding what is wrong with them to `problems`. Linear in the text:
/// the skip ranges are sorted once and passed in order, lines are indexed
/// once, and a problem is placed only if there is room for it.
pub(crate) fn find(text: &str, skip: &[Range<usize>], problems: &mut Problems) -> Vec<Marker> {
    let mut markers: Vec<Marker> = Vec::new();
    let lines = LineIndex::new(text);
    let positioned = |d: Diagnostic, offset: usize| {
        let (line, column) = lines.line_col(text, offset);
        d.at_line_col(None, text, line, column)
    };
    let mut skip: Vec<Range<usize>> = skip.iter().filter(|r| !r.is_empty()).cloned().collect();
    skip.sort_unstable_by_key(|r| r.start);
    // Ranges starting at or before the current comment, and the furthest end among them.
    let (mut next_skip, mut skip_end) = (0usize, 0usize);
    let mut open: Option<Marker> = None;
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|t| t.find("<!--")).map(|i| i + from) {
        while let Some(r) = skip.get(next_skip).filter(|r| r.start <= i) {
            skip_end = skip_end.max(r.end);
            next_skip += 1;
        }
        // A comment start in a skipped range (a `<!--` in a front matter's
        // note, in code, in a script) is no comment: the search goes on
        // right after it, so it cannot swallow the places that follow.
        if i < skip_end {
            from = i + 4;
            continue;
        }
        let end = match text.get(i + 4..).and_then(|t| t.find("-->")) {
            Some(e) => i + 4 + e + 3,
            None => break,
        };
        from = end;
        let inner = text.get(i + 4..end - 3).unwrap_or("").trim();
        if let Some(name) = inner.strip_prefix("eva:") {
            let name = name.trim().to_string();
            match parse_tag(&name) {
                Ok(Tag::Output(_)) => {}
                Ok(_) => {
                    problems.add_with(Severity::Error, || positioned(
                        Diagnostic::error("T0104", t!("`eva:{name}` is a field, not a result placeholder", name = name))
                            .with_help(t!("in Markdown and HTML the decision's values go in the front matter or in data-eva fields; placeholders name results: results, verdict, matrix, findings, missing...")),
                        i,
                    ));
                    continue;
                }
                Err(help) => {
                    problems.add_with(Severity::Error, || {
                        positioned(
                            Diagnostic::error("T0104", t!("unknown result placeholder `eva:{name}`", name = name))
                                .with_help(help),
                            i,
                        )
                    });
                    continue;
                }
            }
            if let Some(m) = open.take() {
                markers.push(m);
            }
            open = Some(Marker { name, open: i..end, close: None });
        } else if let Some(name) = inner.strip_prefix("/eva:") {
            let name = name.trim();
            match open.take() {
                Some(mut m) if m.name == name => {
                    m.close = Some(i..end);
                    markers.push(m);
                }
                pending => {
                    if let Some(m) = pending {
                        markers.push(m);
                    }
                    problems.add_with(Severity::Error, || {
                        positioned(
                            Diagnostic::error(
                                "T0108",
                                t!("`<!-- /eva:{name} -->` ends a placeholder that was not started", name = name),
                            )
                            .with_help(t!(
                                "put `<!-- eva:{name} -->` before it, or remove it; placeholders cannot be nested",
                                name = name
                            )),
                            i,
                        )
                    });
                }
            }
        }
    }
    if let Some(m) = open.take() {
        markers.push(m);
    }
    markers
}

/// Writes `fragment(name)` between each start and end comment (adding the
/// end comment where missing). Placeholders whose fragment is `None` keep
/// what they hold.
pub(crate) fn apply(text: &str, markers: &[Marker], fragment: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len() + 4096);
    let mut at = 0;
    for m in markers {
        if m.open.start < at {
            continue;
        }
        let Some(content) = fragment(&m.name) else { continue };
        out.push_str(text.get(at..m.open.end).unwrap_or(""));
        out.push_str(&content);
        match &m.close {
            Some(close) => at = close.start,
            None => {
                out.push_str(&format!("<!-- /eva:{} -->", m.name));
                at = m.open.end;
            }
        }
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_all(text: &str, skip: &[Range<usize>]) -> (Vec<Marker>, Vec<Diagnostic>) {
        let mut problems = Problems::default();
        let markers = find(text, skip, &mut problems);
        (markers, problems.finish())
    }

    #[test]
    fn pairs_and_fills_idempotently() {
        let text = "a\n<!-- eva:verdict -->\nold\n<!-- /eva:verdict -->\n<!-- eva:findings -->\nz";
        let (markers, problems) = find_all(text, &[]);
        assert!(problems.is_empty());
        assert_eq!(markers.len(), 2);
        let once = apply(text, &markers, |n| Some(format!("\n[{n}]\n")));
        assert_eq!(
            once,
            "a\n<!-- eva:verdict -->\n[verdict]\n<!-- /eva:verdict -->\n<!-- eva:findings -->\n[findings]\n<!-- /eva:findings -->\nz"
        );
        let (again, _) = find_all(&once, &[]);
        assert_eq!(apply(&once, &again, |n| Some(format!("\n[{n}]\n"))), once);
    }

    #[test]
    fn a_comment_start_in_skipped_text_swallows_nothing() {
        let text = "---\nnote: \"<!-- x\"\n---\n<!-- eva:results -->\n<!-- /eva:results -->\n";
        let front = 0..text.find("<!-- eva").unwrap_or(0);
        let (markers, problems) = find_all(text, &[front]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(markers.len(), 1);
        assert!(markers[0].close.is_some());
    }

    #[test]
    fn reports_strays() {
        let (_, problems) = find_all("<!-- /eva:verdict --> <!-- eva:verdikt -->", &[]);
        let codes: Vec<&str> = problems.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["T0108", "T0104"]);
    }

    #[test]
    fn columns_count_characters_in_any_order_of_asking() {
        let text = "äö <x> å\nb <y>\n€€ <z>";
        let index = LineIndex::new(text);
        let at = |needle: &str| text.find(needle).unwrap_or(0);
        let expected = [("<x>", (1, 4)), ("å", (1, 8)), ("<y>", (2, 3)), ("<z>", (3, 4))];
        // In document order (the memo counts on), then backwards (it starts over).
        for (needle, place) in expected.iter().chain(expected.iter().rev()) {
            assert_eq!(index.line_col(text, at(needle)), *place, "{needle}");
        }
        assert_eq!(index.line_col(text, text.len() + 10), (3, 7));
    }
}

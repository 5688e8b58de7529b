//! Positions: the core counts byte offsets (spans) and 1-based character
//! columns (diagnostics); the Language Server Protocol counts 0-based lines
//! and UTF-16 code units. `ä` is 2 bytes, 1 character and 1 UTF-16 unit;
//! an emoji such as `🙂` is 4 bytes, 1 character and 2 UTF-16 units.
//!
//! Lines end at `\n` (a `\r` before it belongs to the line break), as in
//! the core's line numbers.

use lsp_types::Position;

/// Line starts of one text, and checkpoints within long lines, for
/// converting positions in O(log n) whatever the shape of the text (a
/// minified one-line checklist has thousands of declarations on its line).
///
/// ```
/// use ennakko_lsp::position::LineIndex;
/// let text = "ää\n🙂x";
/// let lines = LineIndex::new(text);
/// let x = text.find('x').unwrap();
/// assert_eq!(lines.position(text, x), lsp_types::Position::new(1, 2));
/// assert_eq!(lines.offset(text, lsp_types::Position::new(1, 2)), x);
/// ```
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `(byte offset, UTF-16 units from its line's start)`, in text order:
    /// every line start, and a character boundary every [`CHECKPOINT`]
    /// bytes or so.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between checkpoints: the most a conversion scans.
const CHECKPOINT: usize = 256;

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let mut checkpoints = vec![(0, 0)];
        let mut units = 0;
        for (i, c) in text.char_indices() {
            if c == '\n' {
                starts.push(i + 1);
                checkpoints.push((i + 1, 0));
                units = 0;
                continue;
            }
            if i >= checkpoints.last().map_or(0, |cp| cp.0) + CHECKPOINT {
                checkpoints.push((i, units));
            }
            units += c.len_utf16();
        }
        LineIndex { starts, checkpoints }
    }

    /// The LSP position of a byte offset (clamped to the text, and to the
    /// character boundary at or before it).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_boundary(text, offset);
        let line = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        // The last checkpoint at or before the offset is on its line, since
        // every line start is one.
        let at = self.checkpoints.partition_point(|cp| cp.0 <= offset).saturating_sub(1);
        let (from, units) = self.checkpoints.get(at).copied().unwrap_or((0, 0));
        Position::new(to_u32(line), to_u32(units + utf16_len(&text[from..offset])))
    }

    /// The byte offset of an LSP position; a line past the end gives the
    /// end of the text, a character past the end of its line gives the end
    /// of the line, and a position inside a surrogate pair gives the start
    /// of its character.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else { return text.len() };
        let wanted = position.character as usize;
        // The checkpoints of this line, the last one at or before the column.
        let first = self.checkpoints.partition_point(|cp| cp.0 < start);
        let end = self.starts.get(position.line as usize + 1).copied().unwrap_or(usize::MAX);
        let on_line = self.checkpoints[first..].partition_point(|cp| cp.0 < end);
        let line_cps = &self.checkpoints[first..first + on_line];
        let at = line_cps.partition_point(|cp| cp.1 <= wanted).saturating_sub(1);
        let (from, units) = line_cps.get(at).copied().unwrap_or((start, 0));
        let line = line_at(text, start);
        let rest = line.get(from - start..).unwrap_or("");
        from + byte_of_utf16(rest, wanted - units.min(wanted))
    }

    /// The LSP position of a 1-based line and 1-based character column, as
    /// the core's diagnostics give them.
    pub fn position_of_line_col(&self, text: &str, line: usize, column: usize) -> Position {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return self.position(text, text.len());
        };
        let line_text = line_at(text, start);
        let chars: usize = line_text.chars().take(column.saturating_sub(1)).map(char::len_utf16).sum();
        Position::new(to_u32(line.saturating_sub(1)), to_u32(chars))
    }
}

/// The text of the line starting at `start`, without its line break.
fn line_at(text: &str, start: usize) -> &str {
    let rest = text.get(start..).unwrap_or("");
    let line = rest.split('\n').next().unwrap_or("");
    line.strip_suffix('\r').unwrap_or(line)
}

/// The byte offset in `line` of the UTF-16 column `units`, clamped.
fn byte_of_utf16(line: &str, units: usize) -> usize {
    let mut seen = 0;
    for (i, c) in line.char_indices() {
        if seen + c.len_utf16() > units {
            return i;
        }
        seen += c.len_utf16();
    }
    line.len()
}

fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "group häät {\r\n  label fi \"Åsa 🙂 ö\" en \"x\"\n}\n";

    #[test]
    fn offsets_and_positions_round_trip_through_non_ascii() {
        let lines = LineIndex::new(TEXT);
        // Every character but a line break maps there and back; a `\n`
        // after `\r` maps to the end of its line, the `\r`.
        for (offset, c) in TEXT.char_indices().filter(|(_, c)| *c != '\n') {
            let p = lines.position(TEXT, offset);
            assert_eq!(lines.offset(TEXT, p), offset, "{c:?} at {p:?}");
        }
        let en = TEXT.find("en").unwrap();
        // 21 characters before `en`, the emoji counting 2 UTF-16 units.
        assert_eq!(lines.position(TEXT, en), Position::new(1, 22));
        let after_emoji = TEXT.find(" ö").unwrap();
        assert_eq!(lines.position(TEXT, after_emoji), Position::new(1, 18));
    }

    /// Long lines go through checkpoints; the answers are those of a
    /// plain scan.
    #[test]
    fn long_lines_agree_with_a_scan() {
        let text = format!("{}\n{}x\n", "ä🙂a".repeat(500), "b".repeat(1_000));
        let lines = LineIndex::new(&text);
        assert!(lines.checkpoints.len() > 10);
        for (offset, c) in text.char_indices().filter(|(_, c)| *c != '\n') {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let expected = Position::new(
                text[..offset].matches('\n').count() as u32,
                text[line_start..offset].encode_utf16().count() as u32,
            );
            assert_eq!(lines.position(&text, offset), expected, "{c:?} at {offset}");
            assert_eq!(lines.offset(&text, expected), offset);
        }
        // Inside the surrogate pair of an emoji far along the line.
        let emoji = text.char_indices().filter(|(_, c)| *c == '🙂').nth(400).unwrap().0;
        let p = lines.position(&text, emoji);
        assert_eq!(lines.offset(&text, Position::new(p.line, p.character + 1)), emoji);
        assert_eq!(lines.offset(&text, Position::new(1, 5_000)), text.len() - 1);
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let lines = LineIndex::new(TEXT);
        assert_eq!(lines.offset(TEXT, Position::new(0, 999)), TEXT.find('\r').unwrap());
        assert_eq!(lines.offset(TEXT, Position::new(99, 0)), TEXT.len());
        // Inside the emoji's surrogate pair: the emoji's start.
        let emoji = TEXT.find('🙂').unwrap();
        let p = lines.position(TEXT, emoji);
        assert_eq!(lines.offset(TEXT, Position::new(p.line, p.character + 1)), emoji);
        // A byte offset inside a character: that character.
        assert_eq!(lines.position(TEXT, emoji + 2), p);
        assert_eq!(lines.position(TEXT, 10_000), Position::new(3, 0));
    }

    #[test]
    fn character_columns_become_utf16_columns() {
        let lines = LineIndex::new(TEXT);
        // Column 22 in characters (1-based) is `en`'s `e`: 21 characters
        // before it, one of them the emoji.
        assert_eq!(lines.position_of_line_col(TEXT, 2, 22), Position::new(1, 22));
        assert_eq!(lines.position_of_line_col(TEXT, 2, 19), Position::new(1, 19));
        assert_eq!(lines.position_of_line_col(TEXT, 2, 18), Position::new(1, 18));
        assert_eq!(lines.position_of_line_col(TEXT, 2, 17), Position::new(1, 16));
        assert_eq!(lines.position_of_line_col(TEXT, 1, 9), Position::new(0, 8));
        assert_eq!(lines.position_of_line_col(TEXT, 1, 999), Position::new(0, 12));
        assert_eq!(lines.position_of_line_col(TEXT, 0, 0), Position::new(0, 0));
        assert_eq!(lines.position_of_line_col(TEXT, 50, 1), Position::new(3, 0));
    }
}

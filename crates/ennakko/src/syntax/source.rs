//! Source files and positions.
//!
//! Spans are byte offsets into one file; line and column numbers shown to
//! users are 1-based and count characters, not bytes, so `ä` is one column.

use serde::{Deserialize, Serialize};

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    /// The file's index in the [`SourceMap`].
    pub file: usize,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// One loaded source file.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceFile {
    /// The name shown in diagnostics (a path or `<std>/eva.eva`).
    pub name: String,
    /// The full text.
    pub text: String,
}

/// A 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl SourceFile {
    /// The line and column of a byte offset.
    ///
    /// ```
    /// use ennakko::syntax::source::SourceFile;
    /// let f = SourceFile { name: "x".into(), text: "ab\nää x".into() };
    /// let at = f.line_col(8); // the `x`: bytes 3 + 2 + 2 + 1 in
    /// assert_eq!((at.line, at.column), (2, 4));
    /// ```
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.floor_char_boundary(offset);
        let before = &self.text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        LineCol { line: before.matches('\n').count() + 1, column: before[line_start..].chars().count() + 1 }
    }

    /// The text of the line (without its line break) holding a byte offset.
    pub fn line_text(&self, offset: usize) -> &str {
        let offset = self.floor_char_boundary(offset);
        let start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[offset..].find('\n').map_or(self.text.len(), |i| offset + i);
        self.text[start..end].trim_end_matches('\r')
    }

    fn floor_char_boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// All the files of one checklist: the root file and everything it imports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// Adds a file and returns its index.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> usize {
        // A byte-order mark is not part of the text: dropping it keeps
        // columns where an editor shows them.
        let text: String = text.into();
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        self.files.push(SourceFile { name: name.into(), text });
        self.files.len() - 1
    }

    /// The file with this index, if any.
    pub fn get(&self, file: usize) -> Option<&SourceFile> {
        self.files.get(file)
    }

    /// The text a span covers ("" for a span that does not fit).
    pub fn snippet(&self, span: Span) -> &str {
        self.get(span.file).and_then(|f| f.text.get(span.start..span.end)).unwrap_or("")
    }

    /// All files, in the order they were added.
    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }
}

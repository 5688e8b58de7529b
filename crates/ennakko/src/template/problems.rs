//! The one place where a template's problems are collected and capped.
//!
//! A hostile document can hold tens of thousands of mistakes (unknown
//! placeholders, unclosed fields, misspelt tags). Each diagnostic costs
//! time to place (line and column, the source line, the field it came
//! from), so problems past [`MAX_DIAGNOSTICS`] are not made at all: every
//! reader and the evaluation add them through [`Problems`], which keeps the
//! first `MAX_DIAGNOSTICS` errors and warnings and notes that more exist.

use crate::diagnostic::{Diagnostic, Severity};
use crate::limits::MAX_DIAGNOSTICS;

/// Problems found in a template, at most [`MAX_DIAGNOSTICS`] of each
/// severity while collecting and in all when finished.
#[derive(Debug, Clone, Default)]
pub(crate) struct Problems {
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// Some problem was left out.
    dropped: bool,
}

impl Problems {
    /// Whether a problem of this severity would be kept; when not, it is
    /// counted as left out (so callers can skip making it).
    pub(crate) fn room(&mut self, severity: Severity) -> bool {
        let list = match severity {
            Severity::Error => &self.errors,
            Severity::Warning => &self.warnings,
        };
        let room = list.len() < MAX_DIAGNOSTICS;
        self.dropped |= !room;
        room
    }

    /// Adds a problem, if there is room for it.
    pub(crate) fn add(&mut self, d: Diagnostic) {
        if self.room(d.severity) {
            match d.severity {
                Severity::Error => self.errors.push(d),
                Severity::Warning => self.warnings.push(d),
            }
        }
    }

    /// Adds the problem `make` builds, only if there is room for one of
    /// this severity: placing a diagnostic can be costly.
    pub(crate) fn add_with(&mut self, severity: Severity, make: impl FnOnce() -> Diagnostic) {
        if self.room(severity) {
            self.add(make());
        }
    }

    /// Adds problems, each passed through `place` only if there is room.
    pub(crate) fn extend_with(
        &mut self,
        ds: impl IntoIterator<Item = Diagnostic>,
        mut place: impl FnMut(Diagnostic) -> Diagnostic,
    ) {
        for d in ds {
            if self.room(d.severity) {
                self.add(place(d));
            }
        }
    }

    /// Whether no problem is an error.
    pub(crate) fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Errors first, then warnings, each in the order found; at most
    /// [`MAX_DIAGNOSTICS`], the last saying so when some were left out.
    pub(crate) fn finish(self) -> Vec<Diagnostic> {
        let mut all = self.errors;
        all.extend(self.warnings);
        let dropped = self.dropped || all.len() > MAX_DIAGNOSTICS;
        all.truncate(MAX_DIAGNOSTICS);
        if dropped && let Some(last) = all.last_mut() {
            last.notes
                .push(format!("only the first {MAX_DIAGNOSTICS} problems are reported; fix these and check again"));
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_errors_first_and_caps() {
        let mut p = Problems::default();
        for i in 0..500 {
            p.add(Diagnostic::warning("T0201", crate::t!("{}", format!("w{i}"))));
            p.add_with(Severity::Error, || Diagnostic::error("T0104", crate::t!("{}", format!("e{i}"))));
        }
        let all = p.finish();
        assert_eq!(all.len(), MAX_DIAGNOSTICS);
        assert!(all.iter().all(|d| d.severity == Severity::Error));
        assert!(all.last().is_some_and(|d| d.notes.iter().any(|n| n.contains("only the first"))));
    }
}

//! The one place where a template's problems are collected and capped.
//!
//! A hostile document can hold tens of thousands of mistakes (unknown
//! placeholders, unclosed fields, misspelt tags). Each diagnostic costs
//! time to place (line and column, the source line, the field it came
//! from), so problems past [`MAX_DIAGNOSTICS`](ennakko::limits::MAX_DIAGNOSTICS) are not made at all: every
//! reader and the evaluation add them through [`Problems`], which keeps the
//! first `MAX_DIAGNOSTICS` errors and warnings and notes that more exist.

use ennakko::diagnostic::{Collector, Diagnostic, Severity};

/// Problems found in a template, at most [`MAX_DIAGNOSTICS`](ennakko::limits::MAX_DIAGNOSTICS) of each
/// severity while collecting and in all when finished (the core's
/// [`Collector`], one per severity so that warnings cannot crowd out errors).
#[derive(Debug, Clone, Default)]
pub(crate) struct Problems {
    errors: Collector,
    warnings: Collector,
}

impl Problems {
    /// The collector of problems of this severity.
    fn of(&mut self, severity: Severity) -> &mut Collector {
        match severity {
            Severity::Error => &mut self.errors,
            Severity::Warning => &mut self.warnings,
        }
    }

    /// Adds a problem, if there is room for it.
    pub(crate) fn add(&mut self, d: Diagnostic) {
        self.of(d.severity).push(d);
    }

    /// Adds the problem `make` builds, only if there is room for one of
    /// this severity: placing a diagnostic can be costly.
    pub(crate) fn add_with(&mut self, severity: Severity, make: impl FnOnce() -> Diagnostic) {
        self.of(severity).push_with(make);
    }

    /// Adds problems, each passed through `place` only if there is room.
    pub(crate) fn extend_with(
        &mut self,
        ds: impl IntoIterator<Item = Diagnostic>,
        mut place: impl FnMut(Diagnostic) -> Diagnostic,
    ) {
        for d in ds {
            self.add_with(d.severity, || place(d));
        }
    }

    /// Whether no problem is an error.
    pub(crate) fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Errors first, then warnings, each in the order found; at most
    /// [`MAX_DIAGNOSTICS`](ennakko::limits::MAX_DIAGNOSTICS), the last error saying so when some were left out.
    pub(crate) fn finish(self) -> Vec<Diagnostic> {
        let mut all = self.errors;
        all.absorb(self.warnings);
        all.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ennakko::limits::MAX_DIAGNOSTICS;

    #[test]
    fn keeps_errors_first_and_caps() {
        let mut p = Problems::default();
        for i in 0..500 {
            p.add(Diagnostic::warning("T0201", ennakko::t!("{}", format!("w{i}"))));
            p.add_with(Severity::Error, || Diagnostic::error("T0104", ennakko::t!("{}", format!("e{i}"))));
        }
        let all = p.finish();
        assert_eq!(all.len(), MAX_DIAGNOSTICS);
        assert!(all.iter().all(|d| d.severity == Severity::Error));
        assert!(all.last().is_some_and(|d| d.notes.iter().any(|n| n.contains("only the first"))));
    }
}

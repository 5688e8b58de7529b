//! Problems in the caller's language: the native half of
//! `EnnakkoError.in_language` and of every `lang=` argument (see
//! `ennakko/_errors.py`). The core chooses and checks the language
//! (`api::diagnostics_language`) and translates (`Diagnostic::in_language`);
//! this only carries an exception's diagnostics, texts and all, so that
//! Python can ask for them in another language after the fact.

use ennakko::diagnostic::render_all_in;
use ennakko::{Diagnostic, api};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::serialize;

/// The diagnostics of one exception, as the core made them (with the
/// texts they can be told again from). Set on every exception the module
/// raises, as `_diagnostics`.
#[pyclass(frozen, module = "ennakko._ennakko", name = "Diagnostics")]
pub(crate) struct PyDiagnostics {
    diagnostics: Vec<Diagnostic>,
}

impl PyDiagnostics {
    pub(crate) fn new(diagnostics: Vec<Diagnostic>) -> PyDiagnostics {
        PyDiagnostics { diagnostics }
    }
}

#[pymethods]
impl PyDiagnostics {
    /// `(rendered, diagnostics)` in `lang`: the text the CLI would print
    /// and the diagnostic dicts. Raises `ValueError` (A0001) for a language
    /// other than fi, sv or en.
    fn in_language<'py>(&self, py: Python<'py>, lang: &str) -> PyResult<(String, Bound<'py, PyAny>)> {
        let lang = language(Some(lang))?;
        let rendered = render_all_in(&self.diagnostics, lang);
        Ok((rendered, serialize(py, &api::diagnostics_in(&self.diagnostics, lang))?))
    }
}

/// The core's language for diagnostics, or `ValueError` (A0001, with a
/// suggestion) for one it does not speak.
pub(crate) fn language(lang: Option<&str>) -> PyResult<api::Lang> {
    api::diagnostics_language(lang).map_err(|e| PyValueError::new_err(e.to_string().trim_end().to_string()))
}

/// The language code problems are told in for `lang` (None: English);
/// `ValueError` for a language other than fi, sv or en.
#[pyfunction]
#[pyo3(signature = (lang=None))]
pub(crate) fn diagnostics_language(lang: Option<&str>) -> PyResult<&'static str> {
    language(lang).map(api::Lang::code)
}

/// Registers the class and function of this module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyDiagnostics>()?;
    m.add_function(wrap_pyfunction!(diagnostics_language, m)?)
}

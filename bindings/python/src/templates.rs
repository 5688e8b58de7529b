//! Templates (Word, Markdown, HTML documents), with the feature
//! `templates` (the crate `ennakko-templates`): the free functions here,
//! and the helpers of `Checklist`'s `template_*` methods.

use ennakko::Diagnostic;
pub(crate) use ennakko_templates::{self as template, InitOptions, TemplateFormat, TemplateLimits, front};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::{Failure, guarded, limits_from, raise, serialize};

/// The format of a document: the one named, else its file's suffix, else
/// its content (the core's rule, `front::format`).
pub(crate) fn template_format(name: Option<&str>, file: Option<&str>, data: &[u8]) -> PyResult<TemplateFormat> {
    front::format(name, file, data).map_err(|e| PyValueError::new_err(e.to_string().trim_end().to_string()))
}

/// A language templates are written in.
pub(crate) fn template_lang(lang: &str) -> PyResult<&'static str> {
    front::lang(lang).map_err(|e| PyValueError::new_err(e.to_string().trim_end().to_string()))
}

/// Names the document in diagnostics that point at a line of it, as the CLI does.
pub(crate) fn name_lines(diagnostics: &mut [Diagnostic], file: Option<&str>) {
    for d in diagnostics.iter_mut().filter(|d| d.file.is_none() && d.line.is_some()) {
        d.file = file.map(str::to_string);
    }
}

pub(crate) fn template_failure(mut e: ennakko::Error, file: Option<&str>) -> Failure {
    name_lines(&mut e.diagnostics, file);
    Failure::from(e)
}

/// The format a template's bytes look like (`docx`, `md`, `html`), if any.
#[pyfunction]
fn template_sniff(data: &[u8]) -> Option<&'static str> {
    TemplateFormat::sniff(data).map(TemplateFormat::name)
}

/// The checklist a template names, if it names one; raises `TemplateError`
/// when the document cannot be read at all.
#[pyfunction]
#[pyo3(signature = (data, format=None, file=None, limits=None))]
fn template_checklist_name(
    py: Python<'_>,
    data: &[u8],
    format: Option<&str>,
    file: Option<&str>,
    limits: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<String>> {
    let (format, limits) = (template_format(format, file, data)?, limits_from::<TemplateLimits>(limits)?);
    let named = py.detach(|| {
        guarded(|| template::checklist_name_with(data, format, &limits).map_err(|e| template_failure(e, file)))
    });
    named.map_err(|f| raise(py, f))
}

/// The default template limits, as a dict.
#[pyfunction]
fn template_default_limits<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    serialize(py, &TemplateLimits::default())
}

/// Adds the template functions to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(template_sniff, m)?)?;
    m.add_function(wrap_pyfunction!(template_checklist_name, m)?)?;
    m.add_function(wrap_pyfunction!(template_default_limits, m)?)?;
    Ok(())
}

//! The native half of the `ennakko` Python package: `ennakko._ennakko`.
//!
//! This crate only converts. Python values become decisions, limits and
//! checklist sources; core results become Python objects; core diagnostics
//! become the exception classes defined in `ennakko/_errors.py`. Everything
//! else (compiling, scoring, rendering) is the `ennakko` crate's.
//!
//! Nothing here may panic on user data: every fallible step returns an
//! error, and calls into the core run under `catch_unwind` so that even a
//! bug surfaces as `ennakko.InternalError`, never as a `PanicException`.

use ennakko::t;
use std::collections::{BTreeMap, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;

use ennakko::api;
use ennakko::checklist::load::{FileResolver, MapResolver, Recording, Replay, Resolved, Resolver, Served, StdResolver};
use ennakko::report::rows::Column;
use ennakko::{Checklist as CoreChecklist, Decision, Diagnostic, ErrorKind, Format, Limits, Options};
use pyo3::exceptions::{PyBaseException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use rayon::prelude::*;
use serde_json::{Map, Value};

mod evaluation;
mod language;
mod read;
mod rollup;
#[cfg(feature = "templates")]
mod templates;
use evaluation::{Columns, PyEvaluation};
#[cfg(feature = "templates")]
use templates::{InitOptions, TemplateLimits, name_lines, template, template_failure, template_format, template_lang};

/// Reports are built on rayon's threads and dropped on Python's: mimalloc
/// frees across threads cheaply, where the system allocator takes locks.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// ---- errors ------------------------------------------------------------------------

/// Which exception class of `ennakko._errors` a failure becomes.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// The core's error kinds, each with its exception class.
    Core(ErrorKind),
    /// A panic caught at the boundary.
    Internal,
}

/// A failure on its way to Python: the class and the core's diagnostics.
#[derive(Debug)]
struct Failure {
    kind: Kind,
    diagnostics: Vec<Diagnostic>,
}

impl Failure {
    fn new(kind: Kind, diagnostic: Diagnostic) -> Failure {
        Failure { kind, diagnostics: vec![diagnostic] }
    }

    /// A panic caught at the boundary: a bug in ennakko, reported as data.
    fn internal(payload: Box<dyn std::any::Any + Send>) -> Failure {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        Failure::new(
            Kind::Internal,
            Diagnostic::error("X0001", t!("internal error in ennakko: {what}", what = what))
                .with_help(t!("this is a bug in ennakko; please report it with the input that caused it")),
        )
    }
}

impl From<ennakko::Error> for Failure {
    fn from(e: ennakko::Error) -> Failure {
        Failure { kind: Kind::Core(e.kind), diagnostics: e.diagnostics }
    }
}

/// Runs core code, turning a panic into an internal failure.
fn guarded<T>(f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| Err(Failure::internal(payload)))
}

/// The exception instance (not raised) for a failure.
/// Every exception carries its diagnostics as `_diagnostics`, from which
/// `EnnakkoError.in_language` tells them in another language.
fn exception<'py>(py: Python<'py>, failure: &Failure) -> Bound<'py, PyAny> {
    let made = made_exception(py, failure);
    let _ = made.setattr("_diagnostics", language::PyDiagnostics::new(failure.diagnostics.clone()));
    made
}

fn made_exception<'py>(py: Python<'py>, failure: &Failure) -> Bound<'py, PyAny> {
    let rendered = ennakko::diagnostic::render_all(&failure.diagnostics);
    let class = match failure.kind {
        Kind::Core(ErrorKind::Argument) => {
            return PyValueError::new_err(rendered).into_value(py).into_bound(py).into_any();
        }
        Kind::Core(kind) => kind.class(),
        Kind::Internal => "InternalError",
    };
    let made = (|| {
        let diagnostics = to_py(py, &serde_json::to_value(&failure.diagnostics).unwrap_or_default())?;
        py.import("ennakko._errors")?.getattr(class)?.call1((rendered.clone(), diagnostics))
    })();
    match made {
        Ok(e) if e.is_instance_of::<PyBaseException>() => e,
        // Without the Python half (someone imported `_ennakko` alone): a plain ValueError.
        _ => PyValueError::new_err(rendered).into_value(py).into_bound(py).into_any(),
    }
}

fn raise(py: Python<'_>, failure: Failure) -> PyErr {
    PyErr::from_value(exception(py, &failure))
}

// ---- values: serde_json <-> Python ---------------------------------------------------

/// A JSON value as plain Python objects (dict, list, str, int, float, bool, None).
fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// Any serializable core value as Python objects.
fn serialize<'py>(py: Python<'py>, value: &impl serde::Serialize) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    to_py(py, &value)
}

/// One step of a JSON path, collected while an error travels up.
enum Step {
    Key(String),
    Index(usize),
}

/// Why a Python value could not become JSON.
enum Unfit {
    /// Nested deeper than the limit (the core's D0003).
    Depth,
    /// A value JSON cannot hold (the core's D0101), with the path to it.
    Value { path: Vec<Step>, message: String },
    /// NaN or an infinity (the core's D0104, as for `.nan` in YAML).
    NotFinite { path: Vec<Step>, number: f64 },
    /// Larger, written out, than the limit (the core's D0002): lists and
    /// dicts used in several places count at each, as YAML aliases do.
    TooLarge,
}

/// How far a Python value may reach: levels deep (every value a level,
/// scalars included), and in size, counted as one unit per value plus the
/// bytes of each string and key, with shared lists and dicts counted at
/// every place they appear (a few shared lists nested 30 deep would
/// otherwise stand for a billion values).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bounds {
    pub max_depth: usize,
    pub max_size: usize,
}

impl Bounds {
    /// The bounds of a decision: its depth and size limits.
    fn decision(limits: &Limits) -> Bounds {
        Bounds { max_depth: limits.max_decision_depth, max_size: limits.max_decision_bytes }
    }
}

impl Unfit {
    fn value(message: impl Into<String>) -> Unfit {
        Unfit::Value { path: Vec::new(), message: message.into() }
    }

    fn at(mut self, step: Step) -> Unfit {
        if let Unfit::Value { path, .. } | Unfit::NotFinite { path, .. } = &mut self {
            path.push(step);
        }
        self
    }

    /// The failure, worded by the core (`ennakko::decision::given`).
    fn into_failure(self, bounds: Bounds) -> Failure {
        use ennakko::decision::given;
        Failure::from(match self {
            Unfit::TooLarge => given::too_large(bounds.max_size),
            Unfit::Depth => given::too_deep(bounds.max_depth),
            Unfit::Value { path, message } => given::not_data(&json_path(&path), message),
            Unfit::NotFinite { path, number } => given::not_finite(&json_path(&path), number),
        })
    }
}

/// `$.alternatives[1].impacts` from steps collected innermost first.
fn json_path(steps: &[Step]) -> String {
    let mut text = String::from("$");
    for step in steps.iter().rev() {
        match step {
            Step::Index(i) => text.push_str(&format!("[{i}]")),
            Step::Key(k) => text.push_str(&format!(".{k}")),
        }
    }
    text
}

/// A Python value as JSON, within `bounds` (measured first, see
/// [`measure`], so nothing is built of an object that stands for more).
fn to_value(obj: &Bound<'_, PyAny>, bounds: Bounds) -> Result<Value, Unfit> {
    measure(obj, bounds)?;
    from_py(obj, 1, bounds.max_depth)
}

/// Checks a Python value against `bounds` before anything is built from it:
/// its depth, and its size written out (see [`Bounds`]). Each list and dict
/// is measured once and remembered by identity with its size and height,
/// so however often shared ones appear, counting them is linear in the
/// objects that exist. It is the one size check: both ways of reading a
/// decision run after it and count nothing, so neither builds a value of a
/// document this refuses.
pub(crate) fn measure(obj: &Bound<'_, PyAny>, bounds: Bounds) -> Result<(), Unfit> {
    let mut memo = ennakko::checklist::model::FastMap::default();
    let (size, height) = measure_at(obj, 1, bounds, &mut memo)?;
    if height > bounds.max_depth {
        return Err(Unfit::Depth);
    }
    if size > bounds.max_size { Err(Unfit::TooLarge) } else { Ok(()) }
}

/// A str's length in UTF-8 bytes, as it would be written out (0 for a str
/// that is not valid Unicode, which reading refuses anyway).
fn utf8_len(text: &Bound<'_, PyString>) -> usize {
    text.to_str().map_or(0, str::len)
}

/// Size and height of `obj`, found at level `depth`.
fn measure_at(
    obj: &Bound<'_, PyAny>,
    depth: usize,
    bounds: Bounds,
    memo: &mut ennakko::checklist::model::FastMap<usize, (usize, usize)>,
) -> Result<(usize, usize), Unfit> {
    if depth > bounds.max_depth {
        return Err(Unfit::Depth);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok((1 + utf8_len(s), 1));
    }
    let is_dict = obj.cast::<PyDict>().is_ok();
    if !is_dict && obj.cast::<PyList>().is_err() && obj.cast::<PyTuple>().is_err() {
        return Ok((1, 1));
    }
    let id = obj.as_ptr() as usize;
    if let Some(&(size, height)) = memo.get(&id) {
        if depth + height - 1 > bounds.max_depth {
            return Err(Unfit::Depth);
        }
        return Ok((size, height));
    }
    let (mut size, mut height) = (1usize, 1usize);
    let mut add = |(s, h): (usize, usize), extra: usize| -> Result<(), Unfit> {
        size = size.saturating_add(s).saturating_add(extra);
        height = height.max(h + 1);
        if size > bounds.max_size { Err(Unfit::TooLarge) } else { Ok(()) }
    };
    if let Ok(dict) = obj.cast::<PyDict>() {
        for (k, v) in dict.iter() {
            let key = k.cast::<PyString>().map_or(0, |k| utf8_len(k));
            add(measure_at(&v, depth + 1, bounds, memo)?, key)?;
        }
    } else {
        for item in obj.try_iter().map_err(|e| Unfit::value(e.to_string()))? {
            let item = item.map_err(|e| Unfit::value(e.to_string()))?;
            add(measure_at(&item, depth + 1, bounds, memo)?, 0)?;
        }
    }
    memo.insert(id, (size, height));
    Ok((size, height))
}

/// A Python value as JSON. `depth` is the value's level (1 for the whole
/// document) and, as the core measures decisions, every value counts, scalars
/// included: anything below level `max_depth` is refused, which also stops
/// self-referencing dicts and lists. Its size is [`measure`]d before.
fn from_py(obj: &Bound<'_, PyAny>, depth: usize, max_depth: usize) -> Result<Value, Unfit> {
    if depth > max_depth {
        return Err(Unfit::Depth);
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return s.to_cow().map(|s| Value::String(s.into_owned())).map_err(|e| Unfit::value(e.to_string()));
    }
    if obj.cast::<PyInt>().is_ok() {
        return int_value(obj);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return float_value(f.value());
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut map = Map::with_capacity(dict.len());
        for (k, v) in dict.iter() {
            let key = match k.cast::<PyString>() {
                Ok(s) => s.to_cow().map_err(|e| Unfit::value(e.to_string()))?.into_owned(),
                Err(_) => {
                    let shown = k.repr().map(|r| r.to_string()).unwrap_or_default();
                    return Err(Unfit::value(format!("keys must be strings, not {shown}")));
                }
            };
            let value = from_py(&v, depth + 1, max_depth).map_err(|e| e.at(Step::Key(key.clone())))?;
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        let mut items = Vec::with_capacity(obj.len().unwrap_or(0));
        for (i, item) in obj.try_iter().map_err(|e| Unfit::value(e.to_string()))?.enumerate() {
            let item = item.map_err(|e| Unfit::value(e.to_string()))?;
            items.push(from_py(&item, depth + 1, max_depth).map_err(|e| e.at(Step::Index(i)))?);
        }
        return Ok(Value::Array(items));
    }
    // Integers and floats of other libraries (numpy) through __index__ / __float__.
    if obj.hasattr("__index__").unwrap_or(false) {
        return int_value(obj);
    }
    if obj.hasattr("__float__").unwrap_or(false)
        && let Ok(f) = obj.extract::<f64>()
    {
        return float_value(f);
    }
    let type_name = obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
    Err(Unfit::value(format!("a value of Python type `{type_name}` cannot be part of a decision")))
}

fn int_value(obj: &Bound<'_, PyAny>) -> Result<Value, Unfit> {
    if let Ok(i) = obj.extract::<i64>() {
        return Ok(Value::from(i));
    }
    if let Ok(u) = obj.extract::<u64>() {
        return Ok(Value::from(u));
    }
    match obj.extract::<f64>() {
        Ok(f) => float_value(f),
        Err(_) => Err(Unfit::value("the integer is too large")),
    }
}

fn float_value(f: f64) -> Result<Value, Unfit> {
    serde_json::Number::from_f64(f).map(Value::Number).ok_or_else(|| Unfit::NotFinite { path: Vec::new(), number: f })
}

// ---- limits -------------------------------------------------------------------------

/// Limits (of checklists or of template documents) from a dict of
/// overrides; unknown names are checked on the Python side.
fn limits_from<T: Default + serde::Serialize + serde::de::DeserializeOwned>(
    limits: Option<&Bound<'_, PyAny>>,
) -> PyResult<T> {
    let Some(limits) = limits.filter(|l| !l.is_none()) else {
        return Ok(T::default());
    };
    let value = to_value(limits, Bounds { max_depth: 4, max_size: 1 << 16 })
        .map_err(|_| PyTypeError::new_err("limits must be a dict of integers"))?;
    api::limits_from_json(&value).map_err(|e| raise(limits.py(), e.into()))
}

fn limits_json(limits: &Limits) -> String {
    serde_json::to_string(limits).unwrap_or_default()
}

// ---- imports: recorded (the core's `load::Recording`) so that a checklist can be pickled ----

/// How a checklist was made, so that it can be made again after pickling.
#[derive(Debug, Clone)]
enum Origin {
    Standard { name: String },
    Source { name: String, text: String, imports: Vec<Served> },
}

// ---- decisions in -----------------------------------------------------------------------

/// A decision as taken from Python, before any parsing.
enum Input {
    /// Text, in the format given, else as the core sniffs it.
    Text(String, Option<Format>),
    Bytes(Vec<u8>, Option<Format>),
    File(PathBuf, Option<Format>),
    Value(Value),
    /// A dict read straight into a decision (see `read.rs`); boxed, as it
    /// is much larger than the other inputs.
    Decision(Box<Decision>),
    Unfit(Failure),
}

impl Input {
    /// The file the decision came from, for diagnostics.
    fn file_name(&self) -> Option<String> {
        match self {
            Input::File(path, _) => Some(path.display().to_string()),
            _ => None,
        }
    }
}

/// Why one decision produced no report.
enum Problem {
    Failure(Failure),
    Io(std::io::Error, PathBuf),
}

impl From<Failure> for Problem {
    fn from(f: Failure) -> Problem {
        Problem::Failure(f)
    }
}

/// `json`, `yaml`, or None / `auto` to let the core sniff the text.
fn parse_format(format: Option<&str>) -> PyResult<Option<Format>> {
    Format::given(format).map_err(|e| PyValueError::new_err(e.to_string().trim_end().to_string()))
}

/// Takes a decision from Python (under the GIL): dicts are converted now,
/// text and files are parsed later, without the GIL.
fn take(obj: &Bound<'_, PyAny>, format: Option<Format>, limits: &Limits) -> PyResult<Input> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Input::Text(s.to_cow()?.into_owned(), format));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Input::Bytes(b.as_bytes().to_vec(), format));
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(Input::Bytes(b.to_vec(), format));
    }
    if obj.cast::<PyDict>().is_ok() {
        let bounds = Bounds::decision(limits);
        if let Err(unfit) = measure(obj, bounds) {
            return Ok(Input::Unfit(unfit.into_failure(bounds)));
        }
        if let Some(decision) = read::decision(obj, bounds) {
            return Ok(Input::Decision(Box::new(decision)));
        }
        return Ok(match from_py(obj, 1, bounds.max_depth) {
            Ok(value) => Input::Value(value),
            Err(unfit) => Input::Unfit(unfit.into_failure(bounds)),
        });
    }
    if obj.hasattr("__fspath__")? {
        return Ok(Input::File(obj.extract()?, format));
    }
    let type_name = obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
    Err(PyTypeError::new_err(format!(
        "a decision must be a dict, a JSON or YAML str or bytes, or a path (pathlib.Path), not {type_name}"
    )))
}

/// Takes every decision of an iterable (under the GIL); a decision of the
/// wrong Python type raises `TypeError` at once.
fn take_all(decisions: &Bound<'_, PyAny>, format: Option<Format>, limits: &Limits) -> PyResult<Vec<Input>> {
    let mut inputs = Vec::with_capacity(decisions.len().unwrap_or(0));
    for item in decisions.try_iter()? {
        inputs.push(take(&item?, format, limits)?);
    }
    Ok(inputs)
}

/// For tests: a decision read from a Python object the fast way
/// (`read.rs`) or the long way (through a JSON value), as JSON text. The
/// long way raises the decision's failure; the fast way, where it gives
/// up, `ValueError`. Both must agree wherever the fast way reads.
#[pyfunction]
fn decision_json(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    long_way: bool,
    max_depth: usize,
    max_size: usize,
) -> PyResult<String> {
    let bounds = Bounds { max_depth, max_size };
    measure(obj, bounds).map_err(|unfit| raise(py, unfit.into_failure(bounds)))?;
    let decision = if long_way {
        let value = from_py(obj, 1, max_depth).map_err(|unfit| raise(py, unfit.into_failure(bounds)))?;
        Decision::from_value(value).map_err(|e| raise(py, Failure::from(e)))?
    } else {
        read::decision(obj, bounds).ok_or_else(|| PyValueError::new_err("read the long way"))?
    };
    serde_json::to_string(&decision).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// A file's bytes for the Python side (checklists, templates): only a
/// regular file, at most `limit + 1` bytes. Raises OSError.
#[pyfunction]
fn read_file<'py>(py: Python<'py>, path: PathBuf, limit: usize) -> PyResult<Bound<'py, PyBytes>> {
    match py.detach(|| ennakko::checklist::load::read_bounded(&path, limit)) {
        Ok(bytes) => Ok(PyBytes::new(py, &bytes)),
        Err(e) => {
            let err = PyErr::from(e);
            // Name the file, as open() does.
            let _ = err.value(py).setattr("filename", path.display().to_string());
            Err(err)
        }
    }
}

/// Parses and scores one decision (no GIL needed).
fn run(checklist: &CoreChecklist, input: Input) -> Result<ennakko::Report, Problem> {
    with_decision(checklist, input, |decision| checklist.score(decision))
}

/// Reads the decision of an input (text, bytes, a file, a value) and does
/// `then` with it, with the decision's problems as failures naming its file.
fn with_decision<T>(
    checklist: &CoreChecklist,
    input: Input,
    then: impl FnOnce(&Decision) -> Result<T, ennakko::Error>,
) -> Result<T, Problem> {
    let file = input.file_name();
    let (decision, text) = read_decision_text(input, checklist.limits())?;
    // Later problems point at their lines in the text, and name its file.
    let located = |mut e: ennakko::Error| {
        if let Some(text) = &text {
            e = e.located(text);
        }
        Failure::from(match &file {
            Some(file) => e.in_file(file),
            None => e,
        })
    };
    Ok(guarded(|| then(&decision).map_err(located))?)
}

fn problem_to_exception<'py>(py: Python<'py>, problem: Problem) -> Bound<'py, PyAny> {
    match problem {
        Problem::Failure(f) => exception(py, &f),
        Problem::Io(e, path) => {
            let err = PyErr::from(e);
            let value = err.value(py).clone();
            // Name the file, as open() does.
            let _ = value.setattr("filename", path.display().to_string());
            value.into_any()
        }
    }
}

// ---- the Python classes ------------------------------------------------------------------

/// A compiled checklist (native half of `ennakko.Checklist`).
#[pyclass(frozen, module = "ennakko._ennakko", name = "Checklist")]
struct PyChecklist {
    inner: CoreChecklist,
    origin: Origin,
}

fn compile(
    py: Python<'_>,
    name: &str,
    text: &str,
    limits: Limits,
    resolver: Box<dyn Resolver>,
) -> PyResult<(CoreChecklist, Vec<Served>)> {
    let recording = Arc::new(Recording::new(resolver));
    let options = Options { limits, resolver: recording.clone() };
    let compiled = py.detach(|| guarded(|| CoreChecklist::compile(name, text, &options).map_err(Failure::from)));
    Ok((compiled.map_err(|f| raise(py, f))?, recording.served()))
}

/// A standard checklist by name, compiled without the GIL.
fn standard(py: Python<'_>, name: &str, limits: Limits) -> PyResult<CoreChecklist> {
    py.detach(|| guarded(|| Ok(CoreChecklist::standard_with(name, limits)?))).map_err(|f| raise(py, f))
}

#[pymethods]
impl PyChecklist {
    /// Compiles a standard checklist by name.
    #[staticmethod]
    #[pyo3(signature = (name, limits=None))]
    fn standard(py: Python<'_>, name: &str, limits: Option<&Bound<'_, PyAny>>) -> PyResult<PyChecklist> {
        let limits = limits_from(limits)?;
        let origin = Origin::Standard { name: name.to_string() };
        Ok(PyChecklist { inner: standard(py, name, limits)?, origin })
    }

    /// Compiles checklist source; imports may name standard checklists, or
    /// files given in `files` (file name to source).
    #[staticmethod]
    #[pyo3(signature = (text, name, limits=None, files=None))]
    fn from_source(
        py: Python<'_>,
        text: &str,
        name: &str,
        limits: Option<&Bound<'_, PyAny>>,
        files: Option<BTreeMap<String, String>>,
    ) -> PyResult<PyChecklist> {
        let limits = limits_from(limits)?;
        let resolver: Box<dyn Resolver> = match files {
            Some(files) => Box::new(MapResolver::new(files).map_err(PyValueError::new_err)?),
            None => Box::new(StdResolver),
        };
        let (inner, imports) = compile(py, name, text, limits, resolver)?;
        Ok(PyChecklist { inner, origin: Origin::Source { name: name.into(), text: text.into(), imports } })
    }

    /// Compiles a checklist read from a file; imports may read files under `root`.
    #[staticmethod]
    #[pyo3(signature = (text, name, root, limits=None))]
    fn from_file_text(
        py: Python<'_>,
        text: &str,
        name: &str,
        root: PathBuf,
        limits: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyChecklist> {
        let limits = limits_from(limits)?;
        let (inner, imports) = compile(py, name, text, limits, Box::new(FileResolver { root }))?;
        Ok(PyChecklist { inner, origin: Origin::Source { name: name.into(), text: text.into(), imports } })
    }

    /// What pickling stores: how to compile the checklist again.
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let limits = limits_json(self.inner.limits());
        match &self.origin {
            Origin::Standard { name } => ("standard", name.as_str(), limits).into_pyobject(py),
            Origin::Source { name, text, imports } => {
                let imports: Vec<(&str, &str, &str, &str)> = imports
                    .iter()
                    .map(|i| {
                        (i.importer.as_str(), i.target.as_str(), i.resolved.name.as_str(), i.resolved.text.as_str())
                    })
                    .collect();
                ("source", name.as_str(), limits, text.as_str(), imports).into_pyobject(py)
            }
        }
    }

    /// Compiles a checklist again from `state()`.
    #[staticmethod]
    fn from_state(py: Python<'_>, state: &Bound<'_, PyTuple>) -> PyResult<PyChecklist> {
        let kind: String = state.get_item(0)?.extract()?;
        let name: String = state.get_item(1)?.extract()?;
        let limits_text: String = state.get_item(2)?.extract()?;
        let limits: Limits = serde_json::from_str(&limits_text)
            .map_err(|e| PyValueError::new_err(format!("invalid pickled limits: {e}")))?;
        match kind.as_str() {
            "standard" => Ok(PyChecklist { inner: standard(py, &name, limits)?, origin: Origin::Standard { name } }),
            "source" => {
                let text: String = state.get_item(3)?.extract()?;
                let recorded: Vec<(String, String, String, String)> = state.get_item(4)?.extract()?;
                let imports: Vec<Served> = recorded
                    .into_iter()
                    .map(|(importer, target, name, text)| Served {
                        importer,
                        target,
                        resolved: Resolved { name, text },
                    })
                    .collect();
                let replay = Box::new(Replay { served: imports.clone() });
                let (inner, _) = compile(py, &name, &text, limits, replay)?;
                Ok(PyChecklist { inner, origin: Origin::Source { name, text, imports } })
            }
            other => Err(PyValueError::new_err(format!("unknown pickled checklist kind {other:?}"))),
        }
    }

    /// The name the checklist was compiled under.
    #[getter]
    fn name(&self) -> String {
        match &self.origin {
            Origin::Standard { name } => name.clone(),
            Origin::Source { name, .. } => name.clone(),
        }
    }

    /// Whether it is a standard checklist (compiled by name).
    #[getter]
    fn is_standard(&self) -> bool {
        matches!(self.origin, Origin::Standard { .. })
    }

    /// The checklist's description as a dict.
    fn describe<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize(py, &self.inner.describe())
    }

    /// Warnings found while compiling, as diagnostic dicts.
    #[pyo3(signature = (lang=None))]
    fn warnings<'py>(&self, py: Python<'py>, lang: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        serialize(py, &api::diagnostics_in(self.inner.warnings(), language::language(lang)?))
    }

    /// The limits in force, as a dict.
    fn limits<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize(py, self.inner.limits())
    }

    #[cfg(feature = "templates")]
    /// A blank template in `format` and `lang`, prefilled from `decision`
    /// if given; `checklist_name` is how the template names its checklist.
    #[pyo3(signature = (format, lang, decision=None, checklist_name=None))]
    fn template_init<'py>(
        &self,
        py: Python<'py>,
        format: &str,
        lang: &str,
        decision: Option<&Bound<'py, PyAny>>,
        checklist_name: Option<String>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let (format, lang) = (template_format(Some(format), None, b"")?, template_lang(lang)?);
        let limits = self.inner.limits();
        let input = decision.filter(|d| !d.is_none()).map(|d| take(d, None, limits)).transpose()?;
        let checklist = &self.inner;
        let made = py.detach(|| {
            let decision = input.map(|input| read_decision(input, limits)).transpose()?;
            let options = InitOptions { decision: decision.as_ref(), checklist_name };
            Ok::<_, Problem>(guarded(|| Ok(template::init_with(checklist, format, lang, &options)))?)
        });
        match made {
            Ok(bytes) => Ok(PyBytes::new(py, &bytes)),
            Err(problem) => Err(PyErr::from_value(problem_to_exception(py, problem))),
        }
    }

    #[cfg(feature = "templates")]
    /// Checks a filled template: the check as a dict (its `report` left
    /// out) and the report, if the decision could be scored.
    #[pyo3(signature = (data, format=None, file=None, limits=None, lang=None))]
    fn template_check<'py>(
        &self,
        py: Python<'py>,
        data: &[u8],
        format: Option<&str>,
        file: Option<&str>,
        limits: Option<&Bound<'py, PyAny>>,
        lang: Option<&str>,
    ) -> PyResult<(Bound<'py, PyAny>, Option<PyReport>)> {
        let (format, limits) = (template_format(format, file, data)?, limits_from::<TemplateLimits>(limits)?);
        let lang = language::language(lang)?;
        let checklist = &self.inner;
        let checked = py.detach(|| {
            guarded(|| template::check_with(checklist, data, format, &limits).map_err(|e| template_failure(e, file)))
        });
        let mut check = checked.map_err(|f| raise(py, f))?;
        name_lines(&mut check.problems, file);
        check.problems = api::diagnostics_in(&check.problems, lang);
        // The report goes to Python as its own object, not inside the dict;
        // completeness is decided while the check still holds it.
        let complete = check.is_complete();
        let report = check.report.take().map(PyReport::new);
        let summary = template::Summary { complete, ..template::Summary::of(&check) };
        Ok((serialize(py, &summary)?, report))
    }

    #[cfg(feature = "templates")]
    /// Scores a template's decision and returns the document with the
    /// results written in; raises `TemplateError` when it has errors.
    #[pyo3(signature = (data, format=None, lang=None, file=None, limits=None))]
    fn template_fill<'py>(
        &self,
        py: Python<'py>,
        data: &[u8],
        format: Option<&str>,
        lang: Option<&str>,
        file: Option<&str>,
        limits: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let (format, limits) = (template_format(format, file, data)?, limits_from::<TemplateLimits>(limits)?);
        let lang = lang.map(template_lang).transpose()?;
        let checklist = &self.inner;
        let filled = py.detach(|| {
            guarded(|| {
                template::fill_with(checklist, data, format, lang, &limits).map_err(|e| template_failure(e, file))
            })
        });
        filled.map(|f| PyBytes::new(py, &f.bytes)).map_err(|f| raise(py, f))
    }

    /// Scores one decision; raises the failure.
    #[pyo3(signature = (decision, format=None))]
    fn score(&self, py: Python<'_>, decision: &Bound<'_, PyAny>, format: Option<&str>) -> PyResult<PyReport> {
        let input = take(decision, parse_format(format)?, self.inner.limits())?;
        let checklist = &self.inner;
        match py.detach(|| run(checklist, input)) {
            Ok(report) => Ok(PyReport::new(report)),
            Err(problem) => Err(PyErr::from_value(problem_to_exception(py, problem))),
        }
    }

    /// Evaluates one decision into the compact result (verdict, fired
    /// rules, numbers; no report); raises the failure.
    #[pyo3(signature = (decision, format=None))]
    fn evaluate(&self, py: Python<'_>, decision: &Bound<'_, PyAny>, format: Option<&str>) -> PyResult<PyEvaluation> {
        let input = evaluation::take(decision, parse_format(format)?, &self.inner)?;
        let checklist = &self.inner;
        match py.detach(|| evaluation::evaluate(checklist, input)) {
            Ok(result) => Ok(PyEvaluation::new(result, checklist)),
            Err(problem) => Err(PyErr::from_value(problem_to_exception(py, problem))),
        }
    }

    /// Evaluates a list of decisions in parallel, without the GIL, into
    /// columns: a dict from column name to list, one row per decision,
    /// numbered from `offset`. A decision that fails has its exception in
    /// the `error` column (with `.index`) and None elsewhere.
    #[pyo3(signature = (decisions, format=None, offset=0))]
    fn evaluate_columns<'py>(
        &self,
        py: Python<'py>,
        decisions: &Bound<'py, PyAny>,
        format: Option<&str>,
        offset: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        let inputs = evaluation::take_all(decisions, parse_format(format)?, &self.inner)?;
        let checklist = &self.inner;
        let results = py.detach(|| evaluation::evaluate_all(checklist, inputs));
        let columns = Columns::new(py, checklist);
        for (i, result) in results.into_iter().enumerate() {
            columns.push(offset + i, checklist, result)?;
        }
        columns.into_dict()
    }

    /// Explains one result of a decision in words, also for a rule that did
    /// not fire (each part of its condition, with the values read); None
    /// for an unknown id.
    #[pyo3(signature = (decision, id, lang, format=None))]
    fn explain(
        &self,
        py: Python<'_>,
        decision: &Bound<'_, PyAny>,
        id: &str,
        lang: &str,
        format: Option<&str>,
    ) -> PyResult<Option<String>> {
        let input = take(decision, parse_format(format)?, self.inner.limits())?;
        let checklist = &self.inner;
        py.detach(|| with_decision(checklist, input, |d| checklist.explain(d, id, lang)))
            .map_err(|problem| PyErr::from_value(problem_to_exception(py, problem)))
    }

    /// Scores a list of decisions in parallel, without the GIL. Returns a
    /// list holding, in input order, a `Report` or the exception instance.
    /// A decision of the wrong Python type raises `TypeError` at once.
    #[pyo3(signature = (decisions, format=None))]
    fn score_batch<'py>(
        &self,
        py: Python<'py>,
        decisions: &Bound<'py, PyAny>,
        format: Option<&str>,
    ) -> PyResult<Bound<'py, PyList>> {
        let inputs = take_all(decisions, parse_format(format)?, self.inner.limits())?;
        let checklist = &self.inner;
        let results: Vec<Result<ennakko::Report, Problem>> =
            py.detach(|| inputs.into_par_iter().map(|input| run(checklist, input)).collect());
        let out = PyList::empty(py);
        for result in results {
            match result {
                Ok(report) => out.append(Bound::new(py, PyReport::new(report))?)?,
                Err(problem) => out.append(problem_to_exception(py, problem))?,
            }
        }
        Ok(out)
    }
}

/// A report (native half of `ennakko.Report`). Reports of one checklist
/// share its vocabulary (the core keeps it behind an `Arc`), so a report
/// holds little more than its results.
#[pyclass(frozen, module = "ennakko._ennakko", name = "Report")]
struct PyReport {
    inner: Arc<ennakko::Report>,
}

impl PyReport {
    fn new(report: ennakko::Report) -> PyReport {
        PyReport { inner: Arc::new(report) }
    }
}

#[pymethods]
impl PyReport {
    /// Reads a report from its JSON form.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<PyReport> {
        api::json::report(text).map(PyReport::new).map_err(|e| raise(py, e.into()))
    }

    /// Reads a report from its dict form.
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<PyReport> {
        let value = to_value(data, Bounds { max_depth: 256, max_size: 1 << 26 }).map_err(|unfit| match unfit {
            Unfit::TooLarge => PyValueError::new_err("not a report: larger, written out, than 64 MiB"),
            _ => PyValueError::new_err("not a report: not JSON data"),
        })?;
        serde_json::from_value(value)
            .map(PyReport::new)
            .map_err(|e| PyValueError::new_err(format!("not a report: {e}")))
    }

    /// The report as JSON text: compact, or indented by `indent` spaces.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        let value = &*self.inner;
        let out = match indent {
            None => serde_json::to_vec(value),
            Some(n) => {
                let spaces = " ".repeat(n.min(16));
                let mut out = Vec::new();
                let formatter = serde_json::ser::PrettyFormatter::with_indent(spaces.as_bytes());
                let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
                serde::Serialize::serialize(value, &mut ser).map(|_| out)
            }
        };
        let bytes = out.map_err(|e| PyValueError::new_err(e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// The whole report as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize(py, &*self.inner)
    }

    /// One top-level field of the report as plain data.
    fn part<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        let r = &*self.inner;
        match name {
            "checklist" => serialize(py, &r.checklist),
            "decision" => serialize(py, &r.decision),
            "verdict" => serialize(py, &r.verdict),
            "alternatives" => serialize(py, &r.alternatives),
            "findings" => serialize(py, &r.findings),
            "comparison" => serialize(py, &r.comparison),
            "notes" => serialize(py, &r.notes),
            "facts" => serialize(py, &r.facts),
            "vocabulary" => serialize(py, &*r.vocabulary),
            other => Err(PyValueError::new_err(format!("a report has no part {other:?}"))),
        }
    }

    /// The decision's id.
    #[getter]
    fn decision_id(&self) -> &str {
        &self.inner.decision.id
    }

    /// The verdict level: "none", "light" or "full".
    #[getter]
    fn verdict_level(&self) -> &'static str {
        self.inner.verdict.level.name()
    }

    /// The decision's preferred language, if it names one.
    #[getter]
    fn language(&self) -> Option<&str> {
        self.inner.decision.language.as_deref()
    }

    /// The language to show the report in (the core's rule): `lang` if
    /// given, else the decision's, else the checklist's; raises
    /// `ValueError` for a language that is not fi, sv or en.
    #[pyo3(signature = (lang=None))]
    fn shown_language(&self, lang: Option<&str>) -> PyResult<&'static str> {
        let asked = api::Lang::asked(lang).map_err(|e| PyValueError::new_err(e.to_string().trim_end().to_string()))?;
        Ok(self.inner.language(asked).code())
    }

    /// How many alternatives and findings the report has.
    fn counts(&self) -> (usize, usize) {
        (self.inner.alternatives.len(), self.inner.findings.len())
    }

    /// The report as Markdown.
    fn markdown(&self, py: Python<'_>, lang: &str) -> PyResult<String> {
        let report = &*self.inner;
        let lang = lang.parse::<api::Lang>().map_err(|e| raise(py, e.into()))?;
        py.detach(|| guarded(|| Ok(api::render(report, api::ReportFormat::Markdown, lang)))).map_err(|f| raise(py, f))
    }

    /// The report as a self-contained HTML page.
    fn html(&self, py: Python<'_>, lang: &str) -> PyResult<String> {
        let report = &*self.inner;
        let lang = lang.parse::<api::Lang>().map_err(|e| raise(py, e.into()))?;
        py.detach(|| guarded(|| Ok(api::render(report, api::ReportFormat::Html, lang)))).map_err(|f| raise(py, f))
    }

    /// How one result was reached, in plain language (None for an unknown id).
    fn explain(&self, py: Python<'_>, id: &str, lang: &str) -> PyResult<Option<String>> {
        let report = &*self.inner;
        guarded(|| Ok(ennakko::report::render::explain(report, id, lang))).map_err(|f| raise(py, f))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyReport>().map(|o| *o.get().inner == *self.inner).unwrap_or(false)
    }

    fn __hash__(&self) -> PyResult<isize> {
        Err(PyTypeError::new_err("reports are not hashable"))
    }
}

// ---- long-format rows ------------------------------------------------------------------------

/// Long-format rows of many reports (the core's `report::rows`), as a dict
/// of equally long column lists (ready for `pandas.DataFrame(...)` or
/// `polars.DataFrame(...)`); repeated strings become one Python object each.
#[pyfunction]
fn rows<'py>(py: Python<'py>, reports: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let mut held: Vec<Arc<ennakko::Report>> = Vec::new();
    for item in reports.try_iter()? {
        let item = item?;
        let report = item.cast::<PyReport>().map_err(|_| PyTypeError::new_err("rows() takes native reports"))?;
        held.push(report.get().inner.clone());
    }
    let borrowed: Vec<&ennakko::Report> = held.iter().map(|r| r.as_ref()).collect();
    let mut interned: HashMap<String, Bound<'py, PyAny>> = HashMap::new();
    let dict = PyDict::new(py);
    for (name, column) in ennakko::report::rows::rows(&borrowed) {
        let list = match column {
            Column::Text(values) => {
                let items = values.into_iter().map(|v| match v {
                    None => py.None().into_bound(py),
                    Some(s) => {
                        interned.entry(s.into_owned()).or_insert_with_key(|s| PyString::new(py, s).into_any()).clone()
                    }
                });
                PyList::new(py, items.collect::<Vec<_>>())?
            }
            Column::Number(values) => PyList::new(py, values)?,
            Column::Flag(values) => PyList::new(py, values)?,
            Column::Index(values) => PyList::new(py, values)?,
        };
        dict.set_item(name, list)?;
    }
    Ok(dict)
}

// ---- module functions -------------------------------------------------------------------------

/// Names of the standard checklists embedded in the library.
#[pyfunction]
fn standard_names() -> Vec<&'static str> {
    ennakko::checklist::stdlib::names().collect()
}

/// A JSON Schema by name (see `ennakko::schema::NAMES`; with templates,
/// also `template-check`).
#[pyfunction]
fn schema<'py>(py: Python<'py>, kind: &str) -> PyResult<Bound<'py, PyAny>> {
    #[cfg(not(feature = "templates"))]
    use ennakko::schema as schemas;
    #[cfg(feature = "templates")]
    use ennakko_templates::schema as schemas;
    let value = schemas::named(kind).ok_or_else(|| PyValueError::new_err(schemas::unknown(kind)))?;
    to_py(py, &value)
}

/// Parses a decision taken from Python (no GIL needed).
fn read_decision(input: Input, limits: &Limits) -> Result<Decision, Problem> {
    read_decision_text(input, limits).map(|(decision, _)| decision)
}

/// [`read_decision`], keeping the text the decision was read from (if it
/// was text) so that later problems can point at their lines in it. How
/// text, bytes and files are read is the core's (`api::decision_text`,
/// `api::read_decision`).
fn read_decision_text(input: Input, limits: &Limits) -> Result<(Decision, Option<String>), Problem> {
    let limit = limits.max_decision_bytes;
    let (text, format, file) = match input {
        Input::Value(value) => return Ok((guarded(|| Ok(Decision::from_value(value)?))?, None)),
        Input::Decision(decision) => return Ok((*decision, None)),
        Input::Unfit(failure) => return Err(Problem::Failure(failure)),
        Input::Text(text, format) => (text, format, None),
        Input::Bytes(bytes, format) => (api::decision_text(bytes, limit, None).map_err(Failure::from)?, format, None),
        Input::File(path, format) => {
            // Only a regular file (not `/dev/zero`, not a FIFO), at most one byte over the limit.
            let bytes =
                ennakko::checklist::load::read_bounded(&path, limit).map_err(|e| Problem::Io(e, path.clone()))?;
            let name = path.display().to_string();
            let text = api::decision_text(bytes, limit, Some(&name)).map_err(Failure::from)?;
            (text, Some(format.unwrap_or_else(|| Format::from_path(&name))), Some(name))
        }
    };
    let decision = guarded(|| Ok(api::read_decision(&text, format, file.as_deref(), limits)?))?;
    Ok((decision, Some(text)))
}

/// The `checklist` a decision names (a standard name or a file), if it names
/// one and can be read; `None` otherwise (scoring then reports any problem).
#[pyfunction]
#[pyo3(signature = (decision, format=None))]
fn named_checklist(py: Python<'_>, decision: &Bound<'_, PyAny>, format: Option<&str>) -> PyResult<Option<String>> {
    let limits = Limits::default();
    let input = take(decision, parse_format(format)?, &limits)?;
    let parsed = py.detach(|| read_decision(input, &limits));
    Ok(parsed.ok().and_then(|d| d.checklist))
}

/// The checklist that scores a document: the one `given`, else the one it
/// `named`, else the default (the core's rule, `api::checklist_spec`).
#[pyfunction]
#[pyo3(signature = (given, named))]
fn checklist_spec(given: Option<String>, named: Option<String>) -> String {
    api::checklist_spec(given.as_deref(), named.as_deref()).to_string()
}

/// Whether a checklist spec names a file rather than a standard checklist.
#[pyfunction]
fn names_a_file(spec: &str) -> bool {
    ennakko::checklist::load::names_a_file(spec)
}

/// The checklist file a document at `document` names, as (path, source);
/// raises `ChecklistError` (E0601) for one outside the document's folder.
/// A document that is no file (`document` is None) has no folder: it may
/// name only standard checklists, and a file name is E0601 too.
#[pyfunction]
#[pyo3(signature = (spec, document))]
fn named_checklist_file(py: Python<'_>, spec: &str, document: Option<PathBuf>) -> PyResult<(String, String)> {
    let resolved = match document {
        Some(document) => ennakko::checklist::load::named_by_document(spec, &document),
        None => ennakko::checklist::load::named_without_folder(spec),
    };
    resolved.map(|r| (r.name, r.text)).map_err(|e| raise(py, e.into()))
}

/// The default limits, as a dict.
#[pyfunction]
fn default_limits<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    serialize(py, &Limits::default())
}

/// Renders diagnostic dicts the way the CLI prints them, with the words
/// around them (error, help, the summary) in `lang`.
#[pyfunction]
#[pyo3(signature = (diagnostics, lang=None))]
fn render_diagnostics(diagnostics: &Bound<'_, PyAny>, lang: Option<&str>) -> PyResult<String> {
    let lang = language::language(lang)?;
    let value = to_value(diagnostics, Bounds { max_depth: 8, max_size: 1 << 24 })
        .map_err(|_| PyTypeError::new_err("expected a list of diagnostic dicts"))?;
    let diagnostics: Vec<Diagnostic> =
        serde_json::from_value(value).map_err(|e| PyValueError::new_err(format!("not diagnostics: {e}")))?;
    Ok(ennakko::diagnostic::render_all_in(&diagnostics, lang))
}

/// The native half of the `ennakko` package. Use `ennakko` instead.
#[pymodule(gil_used = false)]
fn _ennakko(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyChecklist>()?;
    m.add_class::<PyReport>()?;
    m.add_class::<PyEvaluation>()?;
    m.add_function(wrap_pyfunction!(rollup::rollup_json, m)?)?;
    m.add_function(wrap_pyfunction!(rollup::rollup_render, m)?)?;
    m.add_function(wrap_pyfunction!(rollup::rollup_merge, m)?)?;
    m.add("MAX_ROLLUP_BYTES", ennakko::api::MAX_ROLLUP_BYTES)?;
    m.add("DEFAULT_CHECKLIST", ennakko::checklist::stdlib::DEFAULT)?;
    m.add_function(wrap_pyfunction!(rows, m)?)?;
    m.add_function(wrap_pyfunction!(standard_names, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(default_limits, m)?)?;
    m.add_function(wrap_pyfunction!(named_checklist, m)?)?;
    m.add_function(wrap_pyfunction!(render_diagnostics, m)?)?;
    m.add_function(wrap_pyfunction!(named_checklist_file, m)?)?;
    m.add_function(wrap_pyfunction!(checklist_spec, m)?)?;
    m.add_function(wrap_pyfunction!(names_a_file, m)?)?;
    m.add_function(wrap_pyfunction!(read_file, m)?)?;
    m.add_function(wrap_pyfunction!(decision_json, m)?)?;
    language::register(m)?;
    m.add_function(wrap_pyfunction!(evaluation::evaluation_json, m)?)?;
    #[cfg(feature = "templates")]
    templates::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("COLUMNS", ennakko::report::rows::COLUMNS.map(|(name, _)| name).to_vec())?;
    let kinds: HashMap<&str, &str> = ennakko::report::rows::COLUMNS.iter().map(|(n, k)| (*n, k.name())).collect();
    m.add("COLUMN_KINDS", kinds)?;
    Ok(())
}

//! The compact result in Python: `Checklist.evaluate` gives an
//! `Evaluation` (the verdict, the rules that fired, the numbers), and
//! `Checklist.evaluate_many` gives columns, one list per field, ready for
//! pandas or polars with no per-decision objects on the way.
//!
//! Decisions are read straight into the checklist's indexed form where
//! they can be, with no `Decision` of strings in between (the core's
//! `decision::direct`): dicts through `read.rs`'s deserializer, under the
//! GIL, as they are taken; JSON text without the GIL. Whatever that reader
//! does not take (any problem, or a form it was not written for) goes the
//! long way, which words the error: so errors are the long way's, and the
//! tests check that both ways give the same evaluations (`evaluation_json`).

use ennakko::Checklist as CoreChecklist;
use ennakko::decision::direct::BoundDecision;
use ennakko::eval::evaluation::{Evaluation, Numbers, Role, role_name};
use ennakko::{Format, Limits, api};
use pyo3::exceptions::{PyKeyError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rayon::prelude::*;

use crate::{Bounds, Failure, Input, Problem, guarded, measure, problem_to_exception, raise, read, with_decision};

/// A decision taken from Python for evaluation: a dict already read
/// straight into the checklist's indexed form (boxed, as it is large), or
/// an input for the ordinary readers.
pub(crate) enum Taken {
    Bound(Box<BoundDecision>),
    Other(Input),
}

/// Takes a decision from Python (under the GIL), as `take` does, but reads
/// a dict straight into the checklist's indexed form where it can. The dict
/// is measured first (size and depth, shared lists counted where they
/// appear) exactly as for the long way; one that does not fit, or that the
/// direct reader gives up on, is taken the ordinary way, which words the
/// problem.
pub(crate) fn take(obj: &Bound<'_, PyAny>, format: Option<Format>, checklist: &CoreChecklist) -> PyResult<Taken> {
    if obj.cast::<PyDict>().is_ok() {
        let bounds = Bounds::decision(checklist.limits());
        if measure(obj, bounds).is_ok()
            && let Some(bound) = checklist.bind_from(read::deserializer(obj, bounds))
        {
            return Ok(Taken::Bound(Box::new(bound)));
        }
    }
    Ok(Taken::Other(crate::take(obj, format, checklist.limits())?))
}

/// Takes every decision of an iterable (under the GIL), as [`take`].
pub(crate) fn take_all(
    decisions: &Bound<'_, PyAny>,
    format: Option<Format>,
    checklist: &CoreChecklist,
) -> PyResult<Vec<Taken>> {
    let mut taken = Vec::with_capacity(decisions.len().unwrap_or(0));
    for item in decisions.try_iter()? {
        taken.push(take(&item?, format, checklist)?);
    }
    Ok(taken)
}

/// Reads and evaluates one decision (no GIL needed). Text goes through the
/// core's `evaluate_str` (straight into the indexed form for JSON), with the
/// same errors, placed in the text and naming its file, as scoring gives.
pub(crate) fn evaluate(checklist: &CoreChecklist, taken: Taken) -> Result<Evaluation, Problem> {
    let text = |text: String, format: Option<Format>, file: Option<&str>| {
        let format = format.unwrap_or_else(|| Format::sniff(&text));
        let named = |e: ennakko::Error| {
            Failure::from(match file {
                Some(file) => e.in_file(file),
                None => e,
            })
        };
        guarded(|| checklist.evaluate_str(&text, format).map_err(named))
    };
    let limit = checklist.limits().max_decision_bytes;
    match taken {
        Taken::Bound(bound) => Ok(guarded(|| Ok(bound.evaluate()?))?),
        Taken::Other(Input::Text(t, format)) => Ok(text(t, format, None)?),
        Taken::Other(Input::Bytes(bytes, format)) => {
            let t = api::decision_text(bytes, limit, None).map_err(Failure::from)?;
            Ok(text(t, format, None)?)
        }
        Taken::Other(Input::File(path, format)) => {
            // Only a regular file (not `/dev/zero`, not a FIFO), at most one byte over the limit.
            let bytes =
                ennakko::checklist::load::read_bounded(&path, limit).map_err(|e| Problem::Io(e, path.clone()))?;
            let name = path.display().to_string();
            let t = api::decision_text(bytes, limit, Some(&name)).map_err(Failure::from)?;
            let format = format.unwrap_or_else(|| Format::from_path(&name));
            Ok(text(t, Some(format), Some(&name))?)
        }
        Taken::Other(input) => with_decision(checklist, input, |decision| checklist.evaluate(decision)),
    }
}

/// Evaluates many decisions in parallel (no GIL needed), in input order.
pub(crate) fn evaluate_all(checklist: &CoreChecklist, taken: Vec<Taken>) -> Vec<Result<Evaluation, Problem>> {
    taken.into_par_iter().map(|one| evaluate(checklist, one)).collect()
}

/// For tests: a Python object evaluated with `checklist` the direct way
/// (read straight into the indexed form) or the long way (a `Decision`
/// first), as JSON text of the evaluation. The direct way raises
/// `ValueError` where it gives up, the long way the decision's failure.
/// Wherever the direct way reads, both must agree.
#[pyfunction]
pub(crate) fn evaluation_json(
    py: Python<'_>,
    checklist: PyRef<'_, crate::PyChecklist>,
    obj: &Bound<'_, PyAny>,
    direct: bool,
) -> PyResult<String> {
    let checklist = &checklist.inner;
    let limits: &Limits = checklist.limits();
    let bounds = Bounds::decision(limits);
    measure(obj, bounds).map_err(|unfit| raise(py, unfit.into_failure(bounds)))?;
    let evaluation = if direct {
        let bound = checklist
            .bind_from(read::deserializer(obj, bounds))
            .ok_or_else(|| PyValueError::new_err("read the long way"))?;
        bound.evaluate().map_err(|e| raise(py, Failure::from(e)))?
    } else {
        let input = crate::take(obj, None, limits)?;
        evaluate(checklist, Taken::Other(input)).map_err(|p| PyErr::from_value(problem_to_exception(py, p)))?
    };
    serde_json::to_string(&evaluation.to_json(checklist.model())).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The ids of the rules of one role that fired, in checklist order.
fn rule_ids<'c>(checklist: &'c CoreChecklist, evaluation: &Evaluation, role: Role) -> Vec<&'c str> {
    evaluation.rules(role).map(|r| checklist.model().rules[r].id.as_str()).collect()
}

/// A compact evaluation (native `ennakko.Evaluation`).
#[pyclass(frozen, module = "ennakko._ennakko", name = "Evaluation")]
pub(crate) struct PyEvaluation {
    inner: Evaluation,
    checklist: CoreChecklist,
}

impl PyEvaluation {
    pub(crate) fn new(inner: Evaluation, checklist: &CoreChecklist) -> PyEvaluation {
        PyEvaluation { inner, checklist: checklist.clone() }
    }

    fn alternative(&self, id: Option<&str>) -> PyResult<&Numbers> {
        let found = match id {
            Some(id) => self.inner.alternatives.iter().find(|a| a.id == id),
            None => self.inner.proposal(),
        };
        found.ok_or_else(|| match id {
            Some(id) => PyKeyError::new_err(format!("the decision has no alternative `{id}`")),
            None => PyKeyError::new_err("the decision has no proposal: name an alternative"),
        })
    }
}

#[pymethods]
impl PyEvaluation {
    /// The decision's id.
    #[getter]
    fn decision(&self) -> &str {
        &self.inner.decision
    }

    /// "none", "light" or "full".
    #[getter]
    fn verdict(&self) -> &'static str {
        self.inner.verdict.name()
    }

    /// Ids of the verdict rules that fired for the decision or a proposal.
    #[getter]
    fn reasons(&self) -> Vec<&str> {
        rule_ids(&self.checklist, &self.inner, Role::Reason)
    }

    /// Ids of the other rules that fired for the decision or a proposal.
    #[getter]
    fn findings(&self) -> Vec<&str> {
        rule_ids(&self.checklist, &self.inner, Role::Finding)
    }

    /// Ids of the rules that fired for the zero option or an alternative
    /// set aside (they never set the verdict).
    #[getter]
    fn comparison(&self) -> Vec<&str> {
        rule_ids(&self.checklist, &self.inner, Role::Comparison)
    }

    /// Every rule that fired: (rule id, alternative id or None, role).
    #[getter]
    fn fired(&self) -> Vec<(&str, Option<&str>, &'static str)> {
        let alternatives = &self.inner.alternatives;
        self.inner
            .fired
            .iter()
            .map(|f| {
                let alternative = f.alternative.and_then(|a| alternatives.get(a)).map(|a| a.id.as_str());
                (self.checklist.model().rules[f.rule].id.as_str(), alternative, role_name(f.role))
            })
            .collect()
    }

    /// The alternatives' ids, in the decision's order.
    #[getter]
    fn alternatives(&self) -> Vec<&str> {
        self.inner.alternatives.iter().map(|a| a.id.as_str()).collect()
    }

    /// The numbers of one alternative (by default the first proposal) as a
    /// dict: total, completeness, equity_gap, and groups, domains,
    /// perspectives and scores by id (None where nothing was assessed).
    #[pyo3(signature = (alternative=None))]
    fn numbers<'py>(&self, py: Python<'py>, alternative: Option<&str>) -> PyResult<Bound<'py, PyDict>> {
        let numbers = self.alternative(alternative)?;
        let model = self.checklist.model();
        let by_id = |ids: Vec<&str>, values: &[Option<f64>]| -> PyResult<Bound<'py, PyDict>> {
            let dict = PyDict::new(py);
            for (id, value) in ids.into_iter().zip(values) {
                dict.set_item(id, value)?;
            }
            Ok(dict)
        };
        let out = PyDict::new(py);
        out.set_item("id", &numbers.id)?;
        out.set_item("kind", numbers.kind.name())?;
        out.set_item("total", numbers.total)?;
        out.set_item("completeness", numbers.completeness)?;
        out.set_item("equity_gap", numbers.equity_gap)?;
        out.set_item("groups", by_id(model.groups.iter().map(|g| g.id.as_str()).collect(), &numbers.groups)?)?;
        out.set_item("domains", by_id(model.domains.iter().map(|d| d.id.as_str()).collect(), &numbers.domains)?)?;
        let perspectives = model.perspectives.iter().map(|p| p.id.as_str()).collect();
        out.set_item("perspectives", by_id(perspectives, &numbers.perspectives)?)?;
        out.set_item("scores", by_id(model.scores.iter().map(|s| s.id.as_str()).collect(), &numbers.scores)?)?;
        Ok(out)
    }

    /// One group's score in one alternative (by default the first
    /// proposal); None where the group was not assessed.
    #[pyo3(signature = (id, alternative=None))]
    fn group(&self, id: &str, alternative: Option<&str>) -> PyResult<Option<f64>> {
        let numbers = self.alternative(alternative)?;
        let g =
            self.checklist.model().group_index(id).ok_or_else(|| PyKeyError::new_err(format!("no group `{id}`")))?;
        Ok(numbers.groups[g])
    }

    /// The evaluation as plain data (dicts and lists), ids for indices.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::to_py(py, &self.inner.to_json(self.checklist.model()))
    }

    fn __repr__(&self) -> String {
        format!(
            "<ennakko.Evaluation {:?}: {}, {} rules fired>",
            self.inner.decision,
            self.inner.verdict.name(),
            self.inner.fired.len()
        )
    }
}

/// Columns of evaluations, one row per decision, filled chunk by chunk.
pub(crate) struct Columns<'py> {
    py: Python<'py>,
    /// (name, list), in the order the columns are shown.
    lists: Vec<(String, Bound<'py, PyList>)>,
}

/// Columns that come before the numbers, in order.
const FIXED: [&str; 11] = [
    "index",
    "decision",
    "verdict",
    "reasons",
    "findings",
    "comparison",
    "error",
    "proposal",
    "total",
    "completeness",
    "equity_gap",
];

impl<'py> Columns<'py> {
    /// Empty columns for a checklist: the fixed ones, then `group.<id>`
    /// for each group (the first proposal's scores).
    pub(crate) fn new(py: Python<'py>, checklist: &CoreChecklist) -> Columns<'py> {
        let groups = checklist.model().groups.iter().map(|g| format!("group.{}", g.id));
        let lists = FIXED.iter().map(|n| n.to_string()).chain(groups).map(|n| (n, PyList::empty(py))).collect();
        Columns { py, lists }
    }

    /// Appends one row: an evaluation, or the exception of a decision that
    /// could not be evaluated (its other fields None).
    pub(crate) fn push(
        &self,
        index: usize,
        checklist: &CoreChecklist,
        result: Result<Evaluation, Problem>,
    ) -> PyResult<()> {
        let py = self.py;
        let values: Vec<Bound<'py, PyAny>> = match result {
            Ok(evaluation) => {
                let proposal = evaluation.proposal();
                let mut row = vec![
                    index.into_pyobject(py)?.into_any(),
                    evaluation.decision.as_str().into_pyobject(py)?.into_any(),
                    evaluation.verdict.name().into_pyobject(py)?.into_any(),
                    rule_ids(checklist, &evaluation, Role::Reason).into_pyobject(py)?,
                    rule_ids(checklist, &evaluation, Role::Finding).into_pyobject(py)?,
                    rule_ids(checklist, &evaluation, Role::Comparison).into_pyobject(py)?,
                    py.None().into_bound(py),
                    proposal.map(|p| p.id.as_str()).into_pyobject(py)?,
                    proposal.and_then(|p| p.total).into_pyobject(py)?,
                    proposal.map(|p| p.completeness).into_pyobject(py)?,
                    proposal.and_then(|p| p.equity_gap).into_pyobject(py)?,
                ];
                for g in 0..checklist.model().groups.len() {
                    row.push(proposal.and_then(|p| p.groups[g]).into_pyobject(py)?);
                }
                row
            }
            Err(problem) => {
                let error = problem_to_exception(py, problem);
                error.setattr("index", index)?;
                let mut row = vec![index.into_pyobject(py)?.into_any()];
                row.extend((1..self.lists.len()).map(|_| py.None().into_bound(py)));
                row[6] = error;
                row
            }
        };
        for ((_, list), value) in self.lists.iter().zip(values) {
            list.append(value)?;
        }
        Ok(())
    }

    /// The columns as a dict from name to list.
    pub(crate) fn into_dict(self) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(self.py);
        for (name, list) in self.lists {
            dict.set_item(name, list)?;
        }
        Ok(dict)
    }
}

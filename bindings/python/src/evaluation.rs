//! The compact result in Python: `Checklist.evaluate` gives an
//! `Evaluation` (the verdict, the rules that fired, the numbers), and
//! `Checklist.evaluate_many` gives columns, one list per field, ready for
//! pandas or polars with no per-decision objects on the way.

use ennakko::Checklist as CoreChecklist;
use ennakko::eval::evaluation::{Evaluation, Numbers, Role, role_name};
use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rayon::prelude::*;

use crate::{Input, Problem, problem_to_exception, with_decision};

/// Reads and evaluates one decision (no GIL needed).
pub(crate) fn evaluate(checklist: &CoreChecklist, input: Input) -> Result<Evaluation, Problem> {
    with_decision(checklist, input, |decision| checklist.evaluate(decision))
}

/// Evaluates many decisions in parallel (no GIL needed), in input order.
pub(crate) fn evaluate_all(checklist: &CoreChecklist, inputs: Vec<Input>) -> Vec<Result<Evaluation, Problem>> {
    inputs.into_par_iter().map(|input| evaluate(checklist, input)).collect()
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

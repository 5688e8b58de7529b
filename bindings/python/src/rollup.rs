//! `ennakko.rollup`: a period's decisions rolled up (see docs/rollup.md),
//! read and scored in parallel without the GIL. The result crosses as
//! JSON; the Python wrapper (`ennakko/rollup.py`) gives it methods.

use ennakko::api;
use ennakko::rollup::{Period, Rollup};
use ennakko::{Diagnostic, ErrorKind, t};
use pyo3::prelude::*;
use rayon::prelude::*;

use crate::{Failure, Input, Kind, Problem, PyChecklist, guarded, parse_format, raise, read_decision, take_all};

/// Rolls up `decisions` (the inputs `Checklist.score` takes) over the
/// period; returns the roll-up as JSON. A bad period raises a
/// `DecisionError` with code `U0001` or `U0002`; a decision that cannot be
/// read or scored is listed in the roll-up's `skipped`, never dropped.
#[pyfunction]
#[pyo3(signature = (checklist, decisions, start=None, end=None, as_of=None, format=None))]
pub(crate) fn rollup_json(
    py: Python<'_>,
    checklist: &Bound<'_, PyChecklist>,
    decisions: &Bound<'_, PyAny>,
    start: Option<&str>,
    end: Option<&str>,
    as_of: Option<&str>,
    format: Option<&str>,
) -> PyResult<String> {
    let period =
        Period::new(start, end, as_of).map_err(|d| raise(py, Failure::new(Kind::Core(ErrorKind::Decision), *d)))?;
    let checklist = &checklist.get().inner;
    let inputs = take_all(decisions, parse_format(format)?, checklist.limits())?;
    let rolled = py.detach(|| {
        guarded(|| {
            let parts: Vec<Rollup> = inputs
                .into_par_iter()
                .enumerate()
                .fold(
                    || Rollup::new(checklist, period),
                    |mut rollup, (i, input)| {
                        add(&mut rollup, checklist, i, input);
                        rollup
                    },
                )
                .collect();
            let mut whole = Rollup::new(checklist, period);
            for part in parts {
                // Every part has this period and checklist, so this never fails.
                whole.merge(part).map_err(|d| Failure::new(Kind::Internal, *d))?;
            }
            serde_json::to_string(&whole.finish())
                .map_err(|e| Failure::new(Kind::Internal, Diagnostic::error("X0001", t!("{}", e))))
        })
    });
    rolled.map_err(|f| raise(py, f))
}

/// Reads one input and adds it; a decision that cannot be read is listed.
fn add(rollup: &mut Rollup, checklist: &ennakko::Checklist, i: usize, input: Input) {
    let source = input.file_name().unwrap_or_else(|| format!("decisions[{i}]"));
    match read_decision(input, checklist.limits()) {
        Ok(decision) => api::add_decision(rollup, checklist, &checklist.model().id, &source, &decision),
        Err(Problem::Failure(f)) => rollup.skip_errors(&source, f.diagnostics),
        Err(Problem::Io(e, _)) => rollup.skip_errors(&source, vec![api::unreadable(e)]),
    }
}

/// Renders a roll-up given as JSON: `md`, `html`, `csv` (one row per
/// decision) or `csv-impacts` (one per group and domain), in `lang`; the
/// core reads the names (`A0001`, a `ValueError`, for others).
#[pyfunction]
pub(crate) fn rollup_render(py: Python<'_>, rollup: &str, kind: &str, lang: &str) -> PyResult<String> {
    let rendered = || -> Result<String, ennakko::Error> {
        let format: api::RollupFormat = kind.parse()?;
        let lang: api::Lang = lang.parse()?;
        Ok(api::render_rollup(&api::read_rollup(rollup, "rollup", api::MAX_ROLLUP_BYTES)?, format, lang))
    };
    rendered().map_err(|e| raise(py, e.into()))
}

/// Merges saved roll-ups (JSON texts; `names` for messages) of disjoint
/// parts of one period into the roll-up of the whole, as JSON. Not a
/// roll-up is `U0006`, parts of other periods or checklists `U0003`
/// (`DecisionError`).
#[pyfunction]
pub(crate) fn rollup_merge(py: Python<'_>, parts: Vec<String>, names: Vec<String>) -> PyResult<String> {
    let merged = py.detach(|| {
        let read = parts.iter().zip(names.iter().map(String::as_str).chain(std::iter::repeat("rollup")));
        let parts = read.map(|(text, name)| api::read_rollup(text, name, api::MAX_ROLLUP_BYTES));
        api::merge_rollups(parts.collect::<Result<_, _>>()?)
            .map(|whole| api::render_rollup(&whole, api::RollupFormat::Json, api::Lang::En))
    });
    merged.map_err(|e| raise(py, e.into()))
}

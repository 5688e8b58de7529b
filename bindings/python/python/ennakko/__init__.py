"""ennakko: ex-ante impact assessment (EVA) of public decisions.

Compile a checklist once, score decisions against it, and read the reports
as typed objects, JSON, Markdown, HTML or DataFrames::

    import ennakko
    checklist = ennakko.Checklist.standard("eva")
    report = checklist.score(pathlib.Path("decision.yaml"))
    report.verdict.level            # "none", "light" or "full"
    print(report.to_markdown(lang="sv"))

    ev = checklist.evaluate(decision)           # verdict, fired rules, numbers; no report
    columns = checklist.evaluate_many(decisions)   # dict of lists, for pandas/polars
    reports = checklist.score_many(decisions)   # parallel, without the GIL
    for report in checklist.iter_score(decisions):   # streaming, bounded memory
        ...
    df = reports.to_pandas()                    # long format, one row per result

    filled = ennakko.template.fill(Path("päätös.docx"))   # results written into a copy
    year = ennakko.rollup(paths, start="2026-01-01", end="2026-12-31")   # EVA of a year

Errors are :class:`EnnakkoError` subclasses carrying the engine's
diagnostics (code, message, file, line, column, JSON path, help).
"""

from __future__ import annotations

from typing import Any, Literal

from . import _ennakko, plot, template
from ._checklist import (
    Checklist,
    DecisionInput,
    Evaluation,
    checklist_for,
    default_limits,
    iter_score,
    score,
    score_many,
    standard_names,
)
from ._errors import (
    ChecklistError,
    DecisionError,
    EnnakkoError,
    EvaluationError,
    InternalError,
    Lang,
    TemplateError,
)
from ._frame import COLUMNS, rows, to_dataframe
from ._report import (
    AlternativeReport,
    AnswerReport,
    Cell,
    ChecklistInfo,
    Completeness,
    DecisionInfo,
    Entry,
    Equity,
    FactReport,
    Finding,
    MissingAnswer,
    NamedScore,
    Note,
    OptionTerm,
    Report,
    Reports,
    ScaleTerm,
    ScoreRange,
    Term,
    TraceItem,
    Verdict,
    Vocabulary,
)
from ._rollup import Rollup, merge_rollups, rollup

__version__: str = _ennakko.__version__

__all__ = [
    "COLUMNS",
    "AlternativeReport",
    "AnswerReport",
    "Cell",
    "Checklist",
    "ChecklistError",
    "ChecklistInfo",
    "Completeness",
    "DecisionError",
    "DecisionInfo",
    "DecisionInput",
    "EnnakkoError",
    "Entry",
    "Equity",
    "Evaluation",
    "EvaluationError",
    "FactReport",
    "Finding",
    "InternalError",
    "Lang",
    "MissingAnswer",
    "NamedScore",
    "Note",
    "OptionTerm",
    "Report",
    "Reports",
    "Rollup",
    "ScaleTerm",
    "ScoreRange",
    "TemplateError",
    "Term",
    "TraceItem",
    "Verdict",
    "Vocabulary",
    "__version__",
    "checklist_for",
    "default_limits",
    "iter_score",
    "merge_rollups",
    "plot",
    "render_diagnostics",
    "rollup",
    "rows",
    "schema",
    "score",
    "score_many",
    "standard_names",
    "template",
    "to_dataframe",
]


def schema(
    kind: Literal["decision", "report", "description", "diagnostic", "template-check"],
) -> dict[str, Any]:
    """The JSON Schema of a decision document, a report, a checklist
    description, a diagnostic or a template check, as a dict."""
    return _ennakko.schema(kind)


def render_diagnostics(diagnostics: list[dict[str, Any]], lang: Lang | None = None) -> str:
    """Draws diagnostic dicts as text, the way the ``ennakko`` command prints
    them, with the words around them (``virhe``, ``ohje``, the count) in
    `lang` (default English). The dicts' own texts are drawn as they are:
    an exception's :meth:`EnnakkoError.in_language` gives them in another
    language."""
    return _ennakko.render_diagnostics(diagnostics, lang)

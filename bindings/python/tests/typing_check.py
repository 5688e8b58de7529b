"""Typical use of ennakko, checked by mypy --strict (not run by pytest)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ennakko
from ennakko import plot

checklist: ennakko.Checklist = ennakko.Checklist.standard("eva", limits={"max_eval_steps": 10**6})
report: ennakko.Report = checklist.score(Path("decision.yaml"))
level: str = report.verdict.level
first: ennakko.AlternativeReport = report.alternatives[0]
value: float = first.total.value
groups: list[str] = [e.id for e in first.groups]
markdown: str = report.to_markdown(lang="sv")
page: str = report.to_html()
data: dict[str, object] = report.to_dict()
comparison: list[ennakko.Finding] = report.comparison
verdict_level: str | None = comparison[0].level if comparison else None
organisation: str | None = report.decision.organisation
bilingual: bool | None = report.decision.bilingual
title_sv: str = report.decision.title_in("sv")
answers: list[ennakko.AnswerReport] = first.answers
others_mean: float | None = first.equity.others_mean
harmed: list[str] = first.equity.harmed
note: str | None = first.cells[0].note if first.cells else None
options: list[ennakko.OptionTerm] = report.vocabulary.options
reports: ennakko.Reports = checklist.score_many([{"id": "x"}, "id: y", b"{}"], errors="skip")
errors: list[Exception] = reports.errors
columns: dict[str, list[Any]] = reports.rows()
matrix: plot.ImpactMatrix = plot.impact_matrix(reports, statistic="negative")
hits: list[tuple[str, str, int]] = plot.group_hits(reports)
described: dict[str, object] = checklist.describe()
limits: dict[str, int] = ennakko.default_limits()
evaluation: ennakko.Evaluation = checklist.evaluate({"id": "x"})
verdict_word: str = evaluation.verdict
fired: list[tuple[str, str | None, str]] = evaluation.fired
numbers: dict[str, Any] = evaluation.numbers()
group_score: float | None = evaluation.group("children", "close")
evaluated: dict[str, list[Any]] = checklist.evaluate_many(["id: y"], errors="skip")
for chunk_columns in checklist.iter_evaluate(["id: y"], chunk_size=1):
    chunk_verdicts: list[Any] = chunk_columns["verdict"]

try:
    ennakko.Checklist.from_source("group { }")
except ennakko.ChecklistError as e:
    code: str | None = e.code
    line: int | None = e.line
    diagnostics: list[dict[str, object]] = e.diagnostics

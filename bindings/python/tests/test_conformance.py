"""Runs every case of tests/conformance/ through Python, unchanged.

The same semantics as crates/ennakko/tests/conformance.rs: a case is a
folder with checklist.eva, optionally decision.yaml (or decision.json) and
limits.json; the expected outcome is diagnostics.json (the checklist's errors
or warnings), report.json or decision-errors.json. Output compares as JSON
in which every path into the (canonical) case folder is made relative to it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import ennakko

from conftest import CONFORMANCE


def case_dirs() -> list[Path]:
    return sorted(p.parent.resolve() for p in CONFORMANCE.rglob("checklist.eva"))


CASES = case_dirs()


def relative(data: Any, case: Path) -> Any:
    """`data` with every path into the case folder made relative to it."""
    prefix = f"{case}/"
    if isinstance(data, str):
        return data.replace(prefix, "")
    if isinstance(data, list):
        return [relative(x, case) for x in data]
    if isinstance(data, dict):
        return {k: relative(v, case) for k, v in data.items()}
    return data


def expected(case: Path, name: str) -> Any:
    path = case / name
    assert path.exists(), f"{case}: expected {name} (the outcome was {name})"
    return json.loads(path.read_text(encoding="utf-8"))


def forbid(case: Path, *names: str) -> None:
    for name in names:
        assert not (case / name).exists(), f"{case}: expected the outcome {name}"


def find_decision(case: Path) -> tuple[Path, str] | None:
    """decision.yaml, else decision.json, as the Rust harness picks."""
    for name, fmt in (("decision.yaml", "yaml"), ("decision.json", "json")):
        if (case / name).exists():
            return case / name, fmt
    return None


def test_there_are_cases() -> None:
    assert len(CASES) > 10


@pytest.mark.parametrize(
    "case", CASES, ids=[c.relative_to(CONFORMANCE.resolve()).as_posix() for c in CASES]
)
def test_case(case: Path) -> None:
    limits: dict[str, int] | None = None
    if (case / "limits.json").exists():
        limits = json.loads((case / "limits.json").read_text(encoding="utf-8"))
    try:
        checklist = ennakko.Checklist.from_file(case / "checklist.eva", limits=limits)
    except ennakko.ChecklistError as e:
        forbid(case, "report.json", "decision-errors.json")
        assert relative(e.diagnostics, case) == expected(case, "diagnostics.json")
        return
    if checklist.warnings or (case / "diagnostics.json").exists():
        assert relative(checklist.warnings, case) == expected(case, "diagnostics.json")

    decision = find_decision(case)
    if decision is None:
        return
    path, fmt = decision
    text = path.read_text(encoding="utf-8")
    try:
        report = checklist.score(text, format=fmt)  # type: ignore[arg-type]
    except (ennakko.DecisionError, ennakko.EvaluationError) as e:
        forbid(case, "report.json")
        assert relative(e.diagnostics, case) == expected(case, "decision-errors.json")
        return
    forbid(case, "decision-errors.json")
    assert relative(report.to_dict(), case) == expected(case, "report.json")
    # The JSON text says the same as the dict, and a Path gives the same report.
    assert json.loads(report.to_json(indent=2)) == report.to_dict()
    assert checklist.score(path) == report

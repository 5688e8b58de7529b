"""Shared fixtures: paths into the repository and small checklists."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

import ennakko

REPO = Path(__file__).resolve().parents[3]
CONFORMANCE = REPO / "tests" / "conformance"
EXAMPLES = REPO / "examples"

# A small checklist for fast tests: two groups (one vulnerable), two domains,
# a screening question, a required impact question, a score and rules
# (the template fuzz target uses it too).
SMALL = (REPO / "tests" / "checklists" / "small.eva").read_text(encoding="utf-8")


def small_decision(i: int, *, cost: int = 50_000) -> dict[str, object]:
    """A small decision for SMALL; `i` varies its content."""
    direction = (i % 5) - 2
    cells: list[dict[str, object]] = [
        {
            "question": "journeys",
            "group": "children",
            "direction": direction,
            "magnitude": "moderate",
        }
    ]
    if i % 3 == 0:
        cells.append({"group": "adults", "domain": "health", "direction": "mixed"})
    if i % 7 == 0:
        cells[0]["mitigation"] = "Free transport."
    return {
        "id": f"d{i}",
        "title": f"Decision {i}",
        "facts": {"cost_eur": cost + i},
        "alternatives": [
            {"id": "zero", "kind": "zero", "answers": {"changes_network": "no"}},
            {
                "id": "plan",
                "kind": "proposal",
                "answers": {"changes_network": "yes" if i % 2 else "no"},
                "impacts": cells if i % 2 else [],
            },
        ],
    }


@pytest.fixture(scope="session")
def small() -> ennakko.Checklist:
    return ennakko.Checklist.from_source(SMALL, "small.eva")


@pytest.fixture(scope="session")
def eva() -> ennakko.Checklist:
    return ennakko.Checklist.standard("eva")


def example_decisions() -> list[Path]:
    return sorted(EXAMPLES.glob("*/decision.yaml"))

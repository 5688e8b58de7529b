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
# a screening question, a required impact question, a score and rules.
SMALL = """
checklist small {
  title fi "Pieni" sv "Liten" en "Small"
  version "1.0"
}
perspective residents { label fi "Asukkaat" sv "Invånare" en "Residents" }
domain mobility { label fi "Liikkuminen" sv "Mobilitet" en "Mobility" perspective residents }
domain health { label fi "Terveys" sv "Hälsa" en "Health" perspective residents }
group children {
  label fi "Lapset" sv "Barn" en "Children"
  age 0..17
  vulnerable
}
group adults { label fi "Aikuiset" sv "Vuxna" en "Adults" }
fact cost_eur: number { label fi "Kustannus" sv "Kostnad" en "Cost" unit "EUR" }
question changes_network: screening {
  text fi "Muuttuuko verkko?" sv "Ändras nätet?" en "Does the network change?"
  required
}
question journeys: impact {
  text fi "Koulumatkat?" sv "Skolvägar?" en "School journeys?"
  domain mobility
  groups children
  when changes_network == yes
  required
}
score burden {
  label fi "Kuorma" sv "Börda" en "Burden"
  value sum g in groups where g.vulnerable: min(impact(g), 0)
}
rule children_hit: required {
  each proposal
  when impact(children) < 0 and not mitigated(children)
  message fi "Lapsiin kohdistuu haittaa." sv "Barn drabbas." en "Children are harmed."
}
rule big: verdict full {
  when fact.cost_eur >= 100_000
  message fi "Iso." sv "Stor." en "Big."
}
rule network: verdict light {
  when any proposal: changes_network == yes
  message fi "Verkko muuttuu." sv "Nätet ändras." en "The network changes."
}
"""


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

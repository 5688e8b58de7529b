"""ennakko.rollup: the example year through Python gives what the CLI and
the committed files give, errors are coded, nothing is dropped."""

from __future__ import annotations

import json

import pytest

import ennakko

from conftest import EXAMPLES

YEAR = EXAMPLES / "municipality-year"
PERIOD = {"start": "2026-01-01", "end": "2026-12-31", "as_of": "2027-01-31"}


def paths() -> list[object]:
    return sorted((YEAR / "decisions").glob("*.json"))


def test_the_example_year_renders_as_committed(monkeypatch: pytest.MonkeyPatch) -> None:
    # The committed files name decisions as the CLI does from the example folder.
    monkeypatch.chdir(YEAR)
    from pathlib import Path

    r = ennakko.rollup(sorted(Path("decisions").glob("*.json")), **PERIOD)
    assert r.coverage["screened"] == 43
    assert r.follow_up_summary["overdue"] > 0
    for lang in ("fi", "sv", "en"):
        assert r.to_markdown(lang) == (YEAR / f"rollup.{lang}.md").read_text(encoding="utf-8")
        assert r.to_html(lang) == (YEAR / f"rollup.{lang}.html").read_text(encoding="utf-8")


def test_dicts_texts_and_paths_roll_up_alike() -> None:
    files = paths()
    texts = [p.read_text(encoding="utf-8") for p in files]
    dicts = [json.loads(t) for t in texts]
    a, b = ennakko.rollup(texts, **PERIOD), ennakko.rollup(dicts, **PERIOD)
    assert a.to_dict() == b.to_dict()
    assert a.to_dict()["coverage"] == ennakko.rollup(files, **PERIOD).to_dict()["coverage"]
    table = a.decisions_table()
    assert len(table["id"]) == 43 and len(table["net"]) == 43
    assert a.to_csv("impacts").startswith("group,domain,vulnerable")


def test_bad_records_are_listed_and_bad_periods_raise() -> None:
    decision = json.loads((YEAR / "decisions" / "decision-KH-2026-014.json").read_text("utf-8"))
    decision["decided"]["body"] = "parliament"
    r = ennakko.rollup([decision, "not: [a decision"], **PERIOD)
    codes = [d["code"] for s in r.skipped for d in s["diagnostics"]]
    assert codes[0] == "D0104" and r.coverage["skipped_errors"] == 2
    assert r.skipped[0]["source"] == "decisions[0]"
    with pytest.raises(ennakko.DecisionError) as e:
        ennakko.rollup([], start="2026-12-31", end="2026-01-01")
    assert e.value.diagnostics[0]["code"] == "U0002"
    with pytest.raises(ValueError):
        ennakko.rollup([], **PERIOD).to_markdown("de")  # type: ignore[arg-type]

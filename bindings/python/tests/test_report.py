"""Report: typed attributes, outputs, pickling, and agreement with the schema."""

from __future__ import annotations

import dataclasses
import json
import pickle
from typing import Any

import pytest

import ennakko

from conftest import small_decision


@pytest.fixture(scope="module")
def report(small: ennakko.Checklist) -> ennakko.Report:
    d: dict[str, Any] = small_decision(11, cost=200_000)
    d["language"] = "sv"
    return small.score(d)


def test_typed_attributes_match_the_dict(report: ennakko.Report) -> None:
    data = report.to_dict()
    assert report.checklist.id == data["checklist"]["id"] == "small"
    assert report.checklist.version == "1.0"
    assert report.decision.id == report.decision_id == "d11"
    assert report.decision.language == report.language == "sv"
    assert report.verdict.level == report.verdict_level == data["verdict"]["level"] == "full"
    assert [f.rule for f in report.verdict.reasons] == [
        r.get("rule") for r in data["verdict"]["reasons"]
    ]
    assert len(report.alternatives) == 2
    zero, plan = report.alternatives
    assert zero.is_zero and not plan.is_zero
    assert report.zero == zero
    assert report.proposals == [plan]
    assert report.alternative("plan") == plan
    with pytest.raises(KeyError):
        report.alternative("nope")
    assert plan.total.value == data["alternatives"][1]["total"]["value"]
    assert plan.group("children") == plan.groups[0].score
    assert plan.group("nobody") is None
    assert plan.domain("mobility") is not None
    assert plan.perspective("residents") is not None
    assert plan.score("burden") == plan.scores[0].value
    assert plan.score("nope") is None
    cell = plan.cells[0]
    assert (cell.group, cell.domain, cell.perspective) == ("children", "mobility", "residents")
    assert cell.question == "journeys"
    assert cell.direction == (11 % 5) - 2
    assert isinstance(plan.completeness.ratio, float)
    assert plan.equity.vulnerable_groups == ["children"]
    assert [f.rule for f in report.findings] == [f.get("rule") for f in data["findings"]]
    assert report.findings[0].text("en") == report.findings[0].message["en"]
    assert report.notes == [ennakko.Note.from_dict(n) for n in data["notes"]]
    v = report.vocabulary
    assert [g.id for g in v.groups] == ["children", "adults"]
    assert v.groups[0].tag == "vulnerable"
    assert v.label("children", "fi") == "Lapset"
    assert v.label("unknown-id") == "unknown-id"
    assert {s.id for s in v.scales} >= {"magnitude", "likelihood"}


def test_verdict_reasons_text(report: ennakko.Report) -> None:
    reason = report.verdict.reasons[0]
    assert reason.severity == "verdict"
    assert reason.text("fi") == "Iso."
    assert reason.text("de") == "Big."  # falls back to English


def test_json(report: ennakko.Report) -> None:
    compact = report.to_json()
    assert "\n" not in compact
    assert json.loads(compact) == report.to_dict()
    pretty = report.to_json(indent=2)
    assert pretty.startswith('{\n  "checklist"')
    assert json.loads(pretty) == report.to_dict()
    assert report.to_json() == report.to_json()  # deterministic


def test_round_trips(report: ennakko.Report) -> None:
    assert ennakko.Report.from_json(report.to_json()) == report
    assert ennakko.Report.from_json(report.to_json().encode()) == report
    assert ennakko.Report.from_dict(report.to_dict()) == report
    assert pickle.loads(pickle.dumps(report)) == report
    with pytest.raises(ValueError):
        ennakko.Report.from_json("{}")
    with pytest.raises(ValueError):
        ennakko.Report.from_dict({"checklist": 1})


def test_equality_and_hash(small: ennakko.Checklist, report: ennakko.Report) -> None:
    assert report != small.score(small_decision(22))
    assert report != "report"
    with pytest.raises(TypeError):
        hash(report)


def test_markdown_and_html(report: ennakko.Report) -> None:
    sv = report.to_markdown()  # the decision's language
    assert sv == report.to_markdown(lang="sv")
    assert "Bedömning" in sv
    fi = report.to_markdown(lang="fi")
    assert fi != sv
    en = report.to_markdown(lang="en")
    assert "Children" in en
    page = report.to_html(lang="en")
    assert page.startswith("<!DOCTYPE html>")
    assert 'lang="en"' in page
    assert report.to_html().startswith("<!DOCTYPE html>")


def test_default_language_is_finnish(small: ennakko.Checklist) -> None:
    r = small.score(small_decision(1))
    assert r.language is None
    assert r.to_markdown() == r.to_markdown(lang="fi")


def test_repr_html_is_a_scoped_fragment(report: ennakko.Report) -> None:
    fragment = report._repr_html_()
    assert fragment.startswith('<div class="ennakko-report">')
    assert "<body" not in fragment and "<html" not in fragment
    assert "@media" not in fragment
    assert "\nbody{" not in fragment and "\n*{" not in fragment
    assert ".ennakko-report table" in fragment
    assert report._repr_markdown_() == report.to_markdown()


def test_fragment_falls_back_to_a_frame() -> None:
    from ennakko._report import _fragment

    assert _fragment("<p>x</p>").startswith("<iframe srcdoc=")


def test_explain(report: ennakko.Report) -> None:
    text = report.explain("children", lang="en")
    assert "children" in text.lower() or "Children" in text
    with pytest.raises(KeyError):
        report.explain("no-such-thing")


def test_repr(report: ennakko.Report) -> None:
    expected = "<ennakko.Report decision='d11' verdict='full' alternatives=2 findings="
    assert repr(report).startswith(expected)


def test_constructor_is_private() -> None:
    with pytest.raises(TypeError):
        ennakko.Report({})  # type: ignore[arg-type]


def _schema_properties(schema: dict[str, Any], name: str) -> set[str]:
    defs = schema.get("$defs", schema.get("definitions", {}))
    node = schema if name == "Report" else defs[name]
    return set(node["properties"])


@pytest.mark.parametrize(
    "cls, name",
    [
        (ennakko.ChecklistInfo, "ChecklistInfo"),
        (ennakko.DecisionInfo, "DecisionInfo"),
        (ennakko.Verdict, "Verdict"),
        (ennakko.Finding, "Finding"),
        (ennakko.TraceItem, "TraceItem"),
        (ennakko.AlternativeReport, "AlternativeReport"),
        (ennakko.ScoreRange, "ScoreRange"),
        (ennakko.Entry, "Entry"),
        (ennakko.Cell, "CellReport"),
        (ennakko.NamedScore, "NamedScore"),
        (ennakko.Equity, "Equity"),
        (ennakko.Completeness, "Completeness"),
        (ennakko.MissingAnswer, "MissingAnswer"),
        (ennakko.Note, "Note"),
        (ennakko.Vocabulary, "Vocabulary"),
        (ennakko.ScaleTerm, "ScaleTerm"),
        (ennakko.Term, "Term"),
    ],
)
def test_typed_classes_match_the_report_schema(cls: Any, name: str) -> None:
    """When the core's report gains or loses a field, this says which class to update."""
    fields = {f.name for f in dataclasses.fields(cls)}
    assert fields == _schema_properties(ennakko.schema("report"), name)


def test_report_class_covers_the_top_level() -> None:
    top = _schema_properties(ennakko.schema("report"), "Report")
    for name in top:
        assert isinstance(getattr(ennakko.Report, name), property), name

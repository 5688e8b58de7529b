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


TYPED_CLASSES: list[tuple[Any, str]] = [
    (ennakko.ChecklistInfo, "ChecklistInfo"),
    (ennakko.DecisionInfo, "DecisionInfo"),
    (ennakko.Verdict, "Verdict"),
    (ennakko.Finding, "Finding"),
    (ennakko.TraceItem, "TraceItem"),
    (ennakko.AlternativeReport, "AlternativeReport"),
    (ennakko.AnswerReport, "AnswerReport"),
    (ennakko.ScoreRange, "ScoreRange"),
    (ennakko.Entry, "Entry"),
    (ennakko.Cell, "CellReport"),
    (ennakko.NamedScore, "NamedScore"),
    (ennakko.Equity, "Equity"),
    (ennakko.Completeness, "Completeness"),
    (ennakko.MissingAnswer, "MissingAnswer"),
    (ennakko.FactReport, "FactReport"),
    (ennakko.Note, "Note"),
    (ennakko.Vocabulary, "Vocabulary"),
    (ennakko.OptionTerm, "OptionTerm"),
    (ennakko.ScaleTerm, "ScaleTerm"),
    (ennakko.ScoreLevelsTerm, "ScoreLevelsTerm"),
    (ennakko.Term, "Term"),
]


@pytest.mark.parametrize("cls, name", TYPED_CLASSES)
def test_typed_classes_match_the_report_schema(cls: Any, name: str) -> None:
    """When the core's report gains or loses a field, this says which class to update."""
    fields = {f.name for f in dataclasses.fields(cls)}
    assert fields == _schema_properties(ennakko.schema("report"), name)


def test_every_object_of_the_report_schema_has_a_class() -> None:
    """A new object type in the report (a new `$defs` entry with properties)
    needs a typed class here, and a place in TYPED_CLASSES."""
    schema = ennakko.schema("report")
    defs = schema.get("$defs", schema.get("definitions", {}))
    objects = {name for name, node in defs.items() if "properties" in node}
    assert objects == {name for _, name in TYPED_CLASSES}


def test_new_report_fields_are_read(small: ennakko.Checklist) -> None:
    d: dict[str, Any] = small_decision(7)
    d["title"] = {"fi": "Päätös", "sv": "Beslut"}
    d["organisation"] = "county"
    d["bilingual"] = True
    plan = d["alternatives"][1]
    plan["title"] = {"fi": "Ehdotus", "sv": "Förslag"}
    plan["description"] = "Longer routes."
    cell = plan["impacts"][0]
    cell["note"] = "Longer trips."
    cell["evidence_source"] = "Survey"
    report = small.score(d)
    data = report.to_dict()
    decision = report.decision
    assert decision.title == "Päätös" and decision.titles == {"fi": "Päätös", "sv": "Beslut"}
    assert decision.title_in("sv") == "Beslut" and decision.title_in("en") == "Päätös"
    assert decision.organisation == "county" and decision.bilingual is True
    alt = report.alternative("plan")
    assert alt.title_in("sv") == "Förslag"
    assert alt.description == alt.description_in("sv") == "Longer routes."
    assert [a.question for a in alt.answers] == [
        a["question"] for a in data["alternatives"][1]["answers"]
    ]
    answer = alt.answer("changes_network")
    assert answer is not None and answer.value == "yes" and answer.applies
    assert alt.answer("nope") is None
    c = alt.cells[0]
    assert (c.note, c.mitigation, c.evidence_source) == (
        "Longer trips.",
        "Free transport.",
        "Survey",
    )
    equity = alt.equity
    assert equity.others_mean == data["alternatives"][1]["equity"]["others_mean"]
    assert equity.other_groups == data["alternatives"][1]["equity"]["other_groups"]
    assert equity.harmed == data["alternatives"][1]["equity"]["harmed"]
    assert equity.helped == data["alternatives"][1]["equity"]["helped"]
    assert report.comparison == [ennakko.Finding.from_dict(f) for f in data.get("comparison", [])]
    assert report.notes == [ennakko.Note.from_dict(n) for n in data["notes"]]
    levels = [f.level for f in report.verdict.reasons]
    assert levels == [r.get("level") for r in data["verdict"]["reasons"]]
    v = report.vocabulary
    assert v.options == [ennakko.OptionTerm.from_dict(o) for o in data["vocabulary"]["options"]]
    assert v.rules == [ennakko.Term.from_dict(r) for r in data["vocabulary"]["rules"]]
    if v.options:
        o = v.options[0]
        assert v.option_label(o.owner, o.id, "en") == o.text("en")
    assert v.option_label("nope", "nope") == "nope"


def test_report_class_covers_the_top_level() -> None:
    top = _schema_properties(ennakko.schema("report"), "Report")
    for name in top:
        assert isinstance(getattr(ennakko.Report, name), property), name


def test_explain_a_rule_that_did_not_fire() -> None:
    eva = ennakko.Checklist.standard("eva")
    decision = {
        "id": "x",
        "title": "T",
        "facts": {"cost_eur": 68000},
        "alternatives": [{"id": "p", "kind": "proposal", "answers": {"large_procurement": "no"}}],
    }
    text = eva.explain(decision, "full_large_investment", lang="en")
    assert text is not None
    assert "Did not apply" in text
    assert "68,000" in text
    assert eva.explain(decision, "no-such-id") is None
    with pytest.raises(ennakko.DecisionError):
        eva.explain({"id": "x"}, "full_large_investment")

"""Checklist.score: every kind of input, and the errors."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

import ennakko

from conftest import SMALL, example_decisions, small_decision

YAML = """
id: y1
title: From YAML
facts: {cost_eur: 150000}
alternatives:
  - id: zero
    kind: zero
    answers: {changes_network: "no"}
  - id: plan
    kind: proposal
    answers: {changes_network: "yes"}
    impacts:
      - question: journeys
        group: children
        direction: -1
"""


def as_dict() -> dict[str, Any]:
    d: dict[str, Any] = small_decision(1)
    return d


def test_dict_str_bytes_path_agree(small: ennakko.Checklist, tmp_path: Path) -> None:
    d = as_dict()
    text = json.dumps(d)
    by_dict = small.score(d)
    assert small.score(text) == by_dict
    assert small.score(text.encode()) == by_dict
    assert small.score(bytearray(text.encode())) == by_dict
    assert small.score(" \n" + text, format="json") == by_dict
    assert small.score(text, format="yaml") == by_dict  # JSON is YAML too
    path = tmp_path / "d.json"
    path.write_text(text, encoding="utf-8")
    assert small.score(path) == by_dict
    yaml_path = tmp_path / "d.yaml"
    yaml_path.write_text(YAML, encoding="utf-8")
    assert small.score(yaml_path) == small.score(YAML)


def test_yaml_text(small: ennakko.Checklist) -> None:
    report = small.score(YAML)
    assert report.decision_id == "y1"
    assert report.verdict_level == "full"
    assert report.verdict.level == "full"


def test_tuples_and_subclasses_are_data(small: ennakko.Checklist) -> None:
    from collections import OrderedDict

    d = as_dict()
    d["alternatives"] = tuple(d["alternatives"])
    assert small.score(OrderedDict(d)) == small.score(as_dict())


def test_numpy_like_numbers(small: ennakko.Checklist) -> None:
    class Int:
        def __index__(self) -> int:
            return 120_000

    d = as_dict()
    d["facts"] = {"cost_eur": Int()}
    assert small.score(d).verdict_level == "full"


def test_wrong_type_of_input(small: ennakko.Checklist) -> None:
    for bad in (42, None, [as_dict()], object()):
        with pytest.raises(TypeError, match="a decision must be"):
            small.score(bad)  # type: ignore[arg-type]


def test_bad_format(small: ennakko.Checklist) -> None:
    with pytest.raises(ValueError):
        small.score("{}", format="xml")  # type: ignore[arg-type]


def test_decision_error_has_path(small: ennakko.Checklist) -> None:
    d = as_dict()
    d["alternatives"][1]["impacts"][0]["group"] = "chidren"
    with pytest.raises(ennakko.DecisionError) as info:
        small.score(d)
    e = info.value
    assert e.code == "D0103"
    assert e.path == "$.alternatives[1].impacts[0].group"
    assert e.help == "did you mean `children`?"
    assert e.file is None
    assert "--> at $.alternatives[1].impacts[0].group" in e.rendered


def test_syntax_error_has_line(small: ennakko.Checklist) -> None:
    with pytest.raises(ennakko.DecisionError) as info:
        small.score('{"id": "x",\n "title": }')
    assert info.value.code == "D0001"
    assert info.value.line == 2


def test_path_errors_name_the_file(small: ennakko.Checklist, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: x\ntitle: t\nalternatives: [{id: a, kind: nonsense}]\n", encoding="utf-8")
    with pytest.raises(ennakko.DecisionError) as info:
        small.score(path)
    assert info.value.file == str(path)
    assert info.value.code == "D0104" or info.value.code.startswith("D")  # type: ignore[union-attr]


def test_missing_file(small: ennakko.Checklist, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as info:
        small.score(tmp_path / "none.yaml")
    assert info.value.filename == str(tmp_path / "none.yaml")


def test_str_is_never_a_file_name(small: ennakko.Checklist) -> None:
    with pytest.raises(ennakko.DecisionError):
        small.score("examples/village-school/decision.yaml")


def test_decision_errors_pickle(small: ennakko.Checklist) -> None:
    with pytest.raises(ennakko.DecisionError) as info:
        small.score({"id": "x"})
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is ennakko.DecisionError
    assert again.diagnostics == info.value.diagnostics
    assert again.code == info.value.code


@pytest.mark.parametrize("path", example_decisions(), ids=lambda p: p.parent.name)
def test_examples_score(path: Path) -> None:
    """Every example scores with the checklist it names (as `ennakko score` does)."""
    report = ennakko.score(path)
    assert report.decision_id
    assert report.verdict.level in ("none", "light", "full")
    assert report.to_markdown(lang="sv")
    checklist = ennakko.checklist_for(path)
    assert report.checklist.id == checklist.describe()["id"]
    assert report == checklist.score(path.read_text(encoding="utf-8"))


def test_checklist_for(eva: ennakko.Checklist, tmp_path: Path) -> None:
    assert ennakko.checklist_for({"id": "x"}).name == "eva"
    assert ennakko.checklist_for("id: x\nchecklist: eva\n").name == "eva"
    assert ennakko.checklist_for(b"not: [valid").name == "eva"  # scoring reports it
    assert ennakko.checklist_for({"checklist": "eva"}) is ennakko.checklist_for({})  # cached
    (tmp_path / "local.eva").write_text(SMALL, encoding="utf-8")
    decision = small_decision(1)
    decision["checklist"] = "./local.eva"
    path = tmp_path / "d.json"
    path.write_text(json.dumps(decision), encoding="utf-8")
    assert ennakko.checklist_for(path).name == str(tmp_path / "local.eva")
    decision["checklist"] = "no-such-standard"
    with pytest.raises(ennakko.ChecklistError):
        ennakko.checklist_for(decision)
    # A decision that does not parse names no checklist: scoring reports it.
    assert ennakko.checklist_for({"checklist": "no-such-standard"}).name == "eva"


def test_module_score(small: ennakko.Checklist, tmp_path: Path) -> None:
    d = small_decision(1)
    assert ennakko.score(d, checklist=small) == small.score(d)
    (tmp_path / "small.eva").write_text(SMALL, encoding="utf-8")
    d["checklist"] = "./small.eva"
    path = tmp_path / "d.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    assert ennakko.score(path).to_dict()["alternatives"] == small.score(d).to_dict()["alternatives"]
    with pytest.raises(TypeError):
        ennakko.score(d, checklist=42)  # type: ignore[arg-type]


def test_module_score_many(small: ennakko.Checklist, tmp_path: Path) -> None:
    (tmp_path / "small.eva").write_text(SMALL, encoding="utf-8")
    paths = []
    for i in range(6):
        d = small_decision(i)
        d["checklist"] = "./small.eva" if i % 2 else "missing-standard"
        if i == 3:
            d["title"] = 5
        path = tmp_path / f"d{i}.json"
        path.write_text(json.dumps(d), encoding="utf-8")
        paths.append(path)
    reports = ennakko.score_many(paths, errors="skip")
    assert [r.decision_id for r in reports] == ["d1", "d5"]
    assert [getattr(e, "index", None) for e in reports.errors] == [0, 2, 3, 4]
    assert isinstance(reports.errors[0], ennakko.ChecklistError)
    assert isinstance(reports.errors[2], ennakko.DecisionError)
    with pytest.raises(ennakko.ChecklistError) as info:
        ennakko.score_many(paths)
    assert info.value.index == 0
    same = ennakko.score_many([small_decision(1)], checklist=small)
    assert same == [small.score(small_decision(1))]
    with pytest.raises(ValueError):
        ennakko.score_many([], errors="ignore")  # type: ignore[arg-type]


def test_threads_share_a_checklist(small: ennakko.Checklist) -> None:
    from concurrent.futures import ThreadPoolExecutor

    decisions = [small_decision(i) for i in range(200)]
    expected = [small.score(d) for d in decisions]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(small.score, decisions))
    assert got == expected

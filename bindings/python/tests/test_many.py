"""score_many: same results as score, in order, with errors and progress."""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import pytest

import ennakko

from conftest import small_decision

N = 100_000


def test_100k_decisions_equal_one_by_one(small: ennakko.Checklist) -> None:
    """score_many over 100,000 generated decisions gives exactly what score
    gives one by one. (Speed is measured in bench/, not asserted here.)"""
    decisions = [small_decision(i) for i in range(N)]
    start = time.perf_counter()
    many = small.score_many(decisions)
    parallel = time.perf_counter() - start
    assert len(many) == N
    assert not many.errors
    start = time.perf_counter()
    for i, d in enumerate(decisions):
        one = small.score(d)
        if one != many[i]:
            pytest.fail(f"decision {i}: score_many differs from score")
    serial = time.perf_counter() - start
    print(f"\n100k: score_many {parallel:.2f}s, score loop {serial:.2f}s")
    assert [r.decision_id for r in many[:3]] == ["d0", "d1", "d2"]


def test_text_inputs_and_generators(small: ennakko.Checklist) -> None:
    texts = [json.dumps(small_decision(i)) for i in range(500)]
    by_text = small.score_many(texts)
    by_gen = small.score_many(small_decision(i) for i in range(500))
    by_bytes = small.score_many([t.encode() for t in texts], chunk_size=7)
    assert by_text == by_gen == by_bytes
    assert isinstance(by_gen, ennakko.Reports)


def test_empty(small: ennakko.Checklist) -> None:
    assert small.score_many([]) == []
    assert small.score_many(iter(())).errors == []


def bad_batch() -> list[Any]:
    decisions: list[Any] = [small_decision(i) for i in range(10)]
    decisions[3] = {"id": "x"}
    decisions[7] = "{not json"
    return decisions


def test_errors_raise_with_index(small: ennakko.Checklist) -> None:
    with pytest.raises(ennakko.DecisionError) as info:
        small.score_many(bad_batch())
    assert info.value.index == 3
    with pytest.raises(ennakko.DecisionError) as info:
        small.score_many(bad_batch(), chunk_size=2)
    assert info.value.index == 3


def test_errors_skip(small: ennakko.Checklist) -> None:
    reports = small.score_many(bad_batch(), errors="skip", chunk_size=4)
    assert len(reports) == 8
    assert [getattr(e, "index", None) for e in reports.errors] == [3, 7]
    assert all(isinstance(e, ennakko.DecisionError) for e in reports.errors)
    assert "errors=2" in repr(reports)


def test_missing_files_are_errors_too(small: ennakko.Checklist, tmp_path: Any) -> None:
    reports = small.score_many([small_decision(1), tmp_path / "gone.json"], errors="skip")
    assert len(reports) == 1
    (error,) = reports.errors
    assert isinstance(error, FileNotFoundError)
    assert getattr(error, "index", None) == 1


def test_argument_checks(small: ennakko.Checklist) -> None:
    with pytest.raises(ValueError):
        small.score_many([], errors="ignore")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        small.score_many([], chunk_size=0)
    with pytest.raises(TypeError):
        small.score_many(json.dumps(small_decision(1)))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        small.score_many(small_decision(1))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="a decision must be"):
        small.score_many([small_decision(1), 5])  # type: ignore[list-item]


def test_progress(small: ennakko.Checklist, capsys: pytest.CaptureFixture[str]) -> None:
    decisions = [small_decision(i) for i in range(50)]
    if "tqdm" in sys.modules or _has("tqdm"):
        reports = small.score_many(decisions, progress=True, chunk_size=10)
        assert "50/50" in capsys.readouterr().err
    else:
        with pytest.warns(UserWarning, match="tqdm"):
            reports = small.score_many(decisions, progress=True)
    assert reports == small.score_many(decisions)


def test_progress_without_tqdm(small: ennakko.Checklist, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    with pytest.warns(UserWarning, match="tqdm"):
        reports = small.score_many([small_decision(1)], progress=True)
    assert len(reports) == 1


def test_verdict_counts(small: ennakko.Checklist) -> None:
    reports = small.score_many([small_decision(i, cost=10) for i in range(10)])
    counts = reports.verdicts()
    assert sum(counts.values()) == 10
    assert counts["light"] == 5  # odd decisions change the network


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None

"""The compact result (`Checklist.evaluate`, `evaluate_many`) and the fast
way dicts are read: both must say exactly what the long way says."""

from __future__ import annotations

import json
import math
import random
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_hostile import mutate

import ennakko
from ennakko import _ennakko

from conftest import CONFORMANCE, REPO, small_decision


def corpus_decisions() -> list[Any]:
    """Every decision document of the test corpora and the examples, as
    Python objects (what an analyst's json.load or yaml.safe_load gives)."""
    paths = [
        *sorted(CONFORMANCE.rglob("decision*.json")),
        *sorted(CONFORMANCE.rglob("decision*.yaml")),
        *sorted((REPO / "tests" / "hostile").rglob("*.yaml")),
        *sorted((REPO / "examples").glob("*/decision.yaml")),
    ]
    out = []
    for path in paths:
        try:
            out.append(yaml.safe_load(path.read_text(encoding="utf-8")))
        except (yaml.YAMLError, UnicodeDecodeError, RecursionError):
            continue
    return [d for d in out if isinstance(d, dict)]


def read(
    obj: Any, long_way: bool, max_depth: int = 32, max_size: int = 16 << 20
) -> str | Exception:
    try:
        return _ennakko.decision_json(obj, long_way, max_depth, max_size)
    except (ValueError, ennakko.EnnakkoError) as e:
        return e


def odd_variants(d: dict[str, Any]) -> list[Any]:
    """Shapes the fast way must refuse, or read exactly as the long way."""
    alts = d.get("alternatives")
    return [
        {**d, "facts": {"x": float("nan")}},
        {**d, "facts": {"x": 2**70}},
        {**d, "facts": {"x": (1, 2)}},
        {**d, "facts": {1: "x"}},
        {**d, "meta": {"a": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[0]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}},
        {**d, "meta": None},
        {**d, "id": True},
        {**d, "id": 7},
        {**d, "bilingual": 1},
        {**d, "alternatives": tuple(alts) if isinstance(alts, list) else alts},
        OrderedDict(d),
        {**d, "title": {"fi": "a", "sv": "b"}},
        {**d, "facts": {"cost": -3}},
        {**d, "facts": {"cost": 1.5e308}},
        {**d, "kind": b"bytes"},
        {**d, "alternatives": Backwards(alts) if isinstance(alts, list) else alts},
    ]


class Backwards(list):  # type: ignore[type-arg]
    """A list that iterates otherwise than its items are stored."""

    def __iter__(self) -> Any:
        return reversed(list(super().__iter__()))


def test_fast_and_long_way_read_alike() -> None:
    decisions = corpus_decisions()
    assert len(decisions) > 50
    rng = random.Random(20261205)
    cases: list[Any] = []
    for d in decisions:
        cases.append(d)
        cases.extend(odd_variants(d))
        cases.extend(mutate(rng, d) for _ in range(5))
    fast_reads = 0
    for case in cases:
        for depth, size in ((32, 1 << 20), (6, 1 << 20), (5, 1 << 20), (32, 200), (32, 2000)):
            fast, slow = read(case, False, depth, size), read(case, True, depth, size)
            if isinstance(fast, str):
                fast_reads += 1
                assert fast == slow, case
    assert fast_reads > len(decisions)
    # Where the document holds only plain JSON types, the fast way gives up
    # only where the long way fails too.
    # (The corpus holds YAML alias bombs: only what the long way reads is
    # small enough to write out.)
    for d in decisions:
        if isinstance(read(d, True, 32, 1 << 20), str):
            plain = json.loads(json.dumps(d))
            assert isinstance(read(plain, False), str), plain


def evaluation(checklist: ennakko.Checklist, obj: Any, direct: bool) -> str | Exception:
    try:
        return _ennakko.evaluation_json(checklist._native, obj, direct)
    except (ValueError, ennakko.EnnakkoError) as e:
        return e


def test_direct_and_long_way_evaluate_alike(eva: ennakko.Checklist) -> None:
    """Dicts read straight into the checklist's indexed form (ids to
    indices as they are read) evaluate exactly as through a `Decision`;
    where the direct way gives up, `evaluate` says what the long way says."""
    rng = random.Random(20261205)
    cases: list[Any] = []
    for d in corpus_decisions():
        cases.append(d)
        cases.extend(odd_variants(d))
        cases.extend(mutate(rng, d) for _ in range(5))
    direct_reads = 0
    # Only dicts are read the direct way (text goes through the core).
    for case in (c for c in cases if isinstance(c, dict)):
        direct, long = evaluation(eva, case, True), evaluation(eva, case, False)
        if isinstance(direct, str):
            direct_reads += 1
            assert direct == long, case
        try:
            got: str | Exception = json.dumps(eva.evaluate(case).to_dict())
        except ennakko.EnnakkoError as e:
            got = e
        if isinstance(long, str):
            assert isinstance(got, str) and json.loads(got) == json.loads(long), case
        else:
            assert type(got) is type(long) and str(got) == str(long), case
    assert direct_reads > 40


def test_shared_lists_count_where_they_appear(small: ennakko.Checklist) -> None:
    # 2**25 values written out (the limit is 16 MiB), a few kB in memory.
    shared: Any = ["x"]
    for _ in range(25):
        shared = [shared, shared]
    d = {**small_decision(1), "meta": shared}
    assert isinstance(read(d, False), ennakko.DecisionError)
    for evaluate in (small.score, small.evaluate):
        with pytest.raises(ennakko.DecisionError) as info:
            evaluate(d)
        assert info.value.code == "D0002"
    columns = small.evaluate_many([d, small_decision(2)], errors="skip")
    assert columns["error"][0].code == "D0002" and columns["error"][1] is None
    report = small.score(small_decision(1)).to_dict()
    with pytest.raises(ValueError, match="larger"):
        ennakko.Report.from_dict({**report, "alternatives": [shared]})


def test_self_reference_is_refused_by_both_ways() -> None:
    d: dict[str, Any] = {"id": "x", "title": "t", "alternatives": []}
    d["meta"] = d
    for long_way in (False, True):
        refused = read(d, long_way)
        assert isinstance(refused, ennakko.DecisionError) and refused.code == "D0003"


def test_evaluation_agrees_with_the_report(eva: ennakko.Checklist) -> None:
    compared = 0
    for d in corpus_decisions():
        try:
            report = eva.score(d)
        except ennakko.EnnakkoError as e:
            with pytest.raises(type(e)):
                eva.evaluate(d)
            continue
        ev = eva.evaluate(d)
        compared += 1
        assert ev.decision == report.decision.id
        assert ev.verdict == report.verdict.level
        assert sorted(ev.reasons) == sorted(f.rule for f in report.verdict.reasons if f.rule)
        assert sorted(ev.findings) == sorted(f.rule for f in report.findings if f.rule)
        assert sorted(ev.comparison) == sorted(f.rule for f in report.comparison if f.rule)
        assert ev.alternatives == [a.id for a in report.alternatives]
        for alt in report.alternatives:
            numbers = ev.numbers(alt.id)
            for entry in alt.groups:
                assert math.isclose(numbers["groups"][entry.id], entry.score.value, abs_tol=1e-6)
            assert math.isclose(numbers["completeness"], alt.completeness.ratio, abs_tol=1e-6)
    assert compared > 20


def test_evaluation_parts(eva: ennakko.Checklist) -> None:
    ev = eva.evaluate(Path(REPO / "examples" / "village-school" / "decision.yaml"))
    assert ev.verdict == "full"
    assert "full_large_investment" in ev.reasons
    assert all(role in ("reason", "finding", "comparison") for _, _, role in ev.fired)
    assert ev.group("children") == ev.numbers()["groups"]["children"]
    assert ev.numbers()["kind"] == "proposal"
    with pytest.raises(KeyError):
        ev.numbers("nope")
    with pytest.raises(KeyError):
        ev.group("nope")
    assert "full" in repr(ev)
    data = ev.to_dict()
    assert data["verdict"] == ev.verdict and data["findings"] == ev.findings
    assert data["alternatives"][1]["groups"] == ev.numbers("close")["groups"]


def test_evaluate_many_columns(small: ennakko.Checklist) -> None:
    decisions: list[Any] = [small_decision(i) for i in range(50)]
    decisions[7] = {"id": "broken"}
    with pytest.raises(ennakko.DecisionError) as info:
        small.evaluate_many(decisions)
    assert info.value.index == 7  # type: ignore[attr-defined]
    columns = small.evaluate_many(decisions, errors="skip", chunk_size=8)
    assert all(len(values) == 50 for values in columns.values())
    assert columns["index"] == list(range(50))
    assert isinstance(columns["error"][7], ennakko.DecisionError)
    assert columns["verdict"][7] is None
    for i, d in enumerate(decisions):
        if i == 7:
            continue
        ev = small.evaluate(d)
        assert columns["verdict"][i] == ev.verdict
        assert columns["findings"][i] == ev.findings
        assert columns["group.children"][i] == ev.group("children")
    texts = [json.dumps(d) for d in decisions if d.get("id") != "broken"]
    from_text = small.evaluate_many(iter(texts), chunk_size=5)
    assert from_text["verdict"] == [v for v in columns["verdict"] if v is not None]
    empty = small.evaluate_many([])
    assert set(empty) == set(columns) and all(v == [] for v in empty.values())
    with pytest.raises(TypeError):
        small.evaluate_many({"id": "x"})  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        next(small.iter_evaluate(decisions, errors="ignore"))  # type: ignore[arg-type]


def test_iter_evaluate_streams_chunks(small: ennakko.Checklist) -> None:
    made = 0

    def decisions() -> Any:
        nonlocal made
        for i in range(25):
            made += 1
            yield small_decision(i)

    stream = small.iter_evaluate(decisions(), chunk_size=10)
    first = next(stream)
    # Only the first chunk has been read from the generator.
    assert made == 10 and first["index"] == list(range(10))
    rest = list(stream)
    assert [len(part["index"]) for part in rest] == [10, 5]
    assert rest[-1]["index"] == list(range(20, 25))
    whole = small.evaluate_many(small_decision(i) for i in range(25))
    assert first["verdict"] + rest[0]["verdict"] + rest[1]["verdict"] == whole["verdict"]
    with pytest.raises(ValueError):
        small.evaluate_many(decisions, errors="ignore")  # type: ignore[arg-type]

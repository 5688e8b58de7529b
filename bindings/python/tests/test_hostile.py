"""Hostile input gets exceptions, never a crash or a PanicException.

pyo3's PanicException derives from BaseException, so `pytest.raises(Exception)`
would not catch one: every test here fails if a panic crosses the boundary.
"""

from __future__ import annotations

import datetime
import json
import math
import random
from typing import Any

import pytest

import ennakko

from conftest import REPO, SMALL, small_decision

EXPECTED = (ennakko.DecisionError, ennakko.EvaluationError)


def score_or_error(checklist: ennakko.Checklist, decision: Any) -> None:
    try:
        checklist.score(decision)
    except TypeError:
        # Only for objects that are no document at all.
        assert not isinstance(decision, (dict, str, bytes))
    except EXPECTED as e:
        assert e.diagnostics and e.code and e.rendered
        assert not isinstance(e, ennakko.InternalError)


def test_garbage_text(small: ennakko.Checklist) -> None:
    rng = random.Random(4)
    alphabet = "{}[]:,-\"'\\ \n\t#&*!|>%@`abc019.eE+\u00e4\u20ac\x00"
    for _ in range(1500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 80)))
        score_or_error(small, text)
        score_or_error(small, text.encode("utf-8", "surrogatepass"))


def test_random_bytes(small: ennakko.Checklist) -> None:
    rng = random.Random(5)
    for _ in range(500):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 64)))
        score_or_error(small, data)
    with pytest.raises(ennakko.DecisionError) as info:
        small.score(b"\xff\xfe id: x")
    assert info.value.code == "D0001"


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        "{" * 100_000,
        '{"a":' * 50_000 + "1" + "}" * 50_000,
        "a:\n" + "".join("  " * i + "b:\n" for i in range(1, 300)),
        "- " * 10_000 + "x",
        "&a [*a, *a, *a]",
        "a: &a [1,2]\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n",
        "!!binary AAAA",
        "---\n---\n---",
        "\ufeff",
        "",
        "null",
        "[]",
        '"just a string"',
        "id: [1, {2: 3}]",
    ],
)
def test_hostile_documents(small: ennakko.Checklist, text: str) -> None:
    score_or_error(small, text)
    score_or_error(small, text.encode())


def test_deep_dict_is_refused_without_recursion(small: ennakko.Checklist) -> None:
    deep: dict[str, Any] = {}
    node = deep
    for _ in range(200_000):
        node["a"] = {}
        node = node["a"]
    with pytest.raises(ennakko.DecisionError) as info:
        small.score(deep)
    assert info.value.code == "D0003"
    deep_list: list[Any] = []
    item = deep_list
    for _ in range(200_000):
        item.append([])
        item = item[0]
    d = small_decision(1)
    d["meta"] = deep_list
    with pytest.raises(ennakko.DecisionError) as info:
        small.score(d)
    assert info.value.code == "D0003"


def test_self_reference(small: ennakko.Checklist) -> None:
    d: dict[str, Any] = small_decision(1)
    d["meta"] = d
    with pytest.raises(ennakko.DecisionError) as info:
        small.score(d)
    assert info.value.code == "D0003"
    items: list[Any] = []
    items.append(items)
    d["meta"] = items
    with pytest.raises(ennakko.DecisionError):
        small.score(d)


@pytest.mark.parametrize(
    "value, path",
    [
        ({1: "x"}, "$.meta"),
        ({"when": datetime.date(2026, 1, 1)}, "$.meta.when"),
        ([1, {"s": {1, 2}}], "$.meta[1].s"),
        (object(), "$.meta"),
        (b"bytes", "$.meta"),
    ],
)
def test_values_json_cannot_hold(small: ennakko.Checklist, value: Any, path: str) -> None:
    d: dict[str, Any] = small_decision(1)
    d["meta"] = value
    with pytest.raises(ennakko.DecisionError) as info:
        small.score(d)
    assert info.value.code == "D0101"
    assert info.value.path == path


@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf])
def test_numbers_json_cannot_hold(small: ennakko.Checklist, number: float) -> None:
    d: dict[str, Any] = small_decision(1)
    d["facts"] = {"cost_eur": number}
    with pytest.raises(ennakko.DecisionError) as info:
        small.score(d)
    assert info.value.code == "D0104"
    assert info.value.path == "$.facts.cost_eur"


def test_depth_is_measured_as_for_text(small: ennakko.Checklist) -> None:
    """A dict is refused exactly when the same document as JSON text is."""
    limit = ennakko.default_limits()["max_decision_depth"]
    accepted = []
    for extra in (limit - 2, limit - 1, limit):
        d: dict[str, Any] = small_decision(1)
        nested: Any = 1
        for _ in range(extra):
            nested = [nested]
        d["meta"] = nested
        try:
            small.score(json.dumps(d))
            text_ok = True
        except ennakko.DecisionError as e:
            assert e.code == "D0003"
            text_ok = False
        try:
            small.score(d)
            dict_ok = True
        except ennakko.DecisionError as e:
            assert e.code == "D0003"
            dict_ok = False
        assert dict_ok == text_ok, extra
        accepted.append(dict_ok)
    assert accepted[0] and not accepted[-1]  # the boundary lies in between


def test_big_numbers(small: ennakko.Checklist) -> None:
    d: dict[str, Any] = small_decision(1)
    d["facts"] = {"cost_eur": 10**30}
    score_or_error(small, d)
    d["facts"] = {"cost_eur": 10**400}
    with pytest.raises(ennakko.DecisionError):
        small.score(d)
    d["facts"] = {"cost_eur": -(2**63) - 1}
    score_or_error(small, d)


def test_huge_document(small: ennakko.Checklist) -> None:
    text = json.dumps({"id": "x", "title": "t" * (17 << 20), "alternatives": []})
    with pytest.raises(ennakko.DecisionError) as info:
        small.score(text)
    assert info.value.code == "D0002"


def test_too_many_cells(small: ennakko.Checklist) -> None:
    d: dict[str, Any] = small_decision(1)
    d["alternatives"][1]["impacts"] = [
        {"group": "children", "domain": "mobility", "direction": 1}
    ] * 10_001
    with pytest.raises(ennakko.DecisionError) as info:
        small.score(d)
    assert info.value.code in ("D0004", "D0106")


def mutate(rng: random.Random, value: Any, depth: int = 0) -> Any:
    """A random change somewhere in a decision."""
    choices: list[Any] = [None, True, -1, 2**40, 0.5, "", "x", "yes", [], {}, {"a": 1}, [1, "a"]]
    if isinstance(value, dict) and value and rng.random() < 0.7:
        key = rng.choice(list(value))
        value = dict(value)
        if rng.random() < 0.1:
            del value[key]
        else:
            value[key] = mutate(rng, value[key], depth + 1)
        return value
    if isinstance(value, list) and value and rng.random() < 0.7:
        value = list(value)
        i = rng.randrange(len(value))
        value[i] = mutate(rng, value[i], depth + 1)
        return value
    return rng.choice(choices)


def test_mutated_decisions(small: ennakko.Checklist, eva: ennakko.Checklist) -> None:
    rng = random.Random(6)
    for i in range(3000):
        d = mutate(rng, small_decision(i))
        score_or_error(small, d)
        if i % 10 == 0:
            score_or_error(eva, d)
    batch = [mutate(rng, small_decision(i)) for i in range(1000)]
    batch = [d if isinstance(d, dict) else {"v": d} for d in batch]
    reports = small.score_many(batch, errors="skip")
    assert len(reports) + len(reports.errors) == len(batch)
    assert all(isinstance(e, EXPECTED) for e in reports.errors)


@pytest.mark.parametrize(
    "source",
    [
        "(" * 100_000,
        "checklist x { }\nrule r: info { when " + "not " * 50_000 + 'true message en "x" }',
        "rule r: info { when " + "any proposal: " * 10_000 + "true }",
        "rule r: info { when true " + "and true " * 5_000 + "}",
        "group x {" * 10_000,
        '"' * 10_000,
        "\x00\x00\x00",
        "\ufeff",
        "",
        "#",
        'checklist x { title en "' + "a" * 100_000,
        'import "./" import "/etc/passwd" import "../x.eva" import "eva"',
    ],
)
def test_hostile_sources(source: str) -> None:
    try:
        ennakko.Checklist.from_source(source, "hostile.eva")
    except ennakko.ChecklistError as e:
        assert e.diagnostics
        assert not isinstance(e, ennakko.InternalError)


def test_garbage_sources() -> None:
    rng = random.Random(7)
    words = SMALL.replace("{", " { ").replace("}", " } ").split()
    for _ in range(300):
        source = " ".join(rng.choice(words) for _ in range(rng.randrange(1, 60)))
        try:
            ennakko.Checklist.from_source(source)
        except ennakko.ChecklistError as e:
            assert e.diagnostics


def test_truncated_sources() -> None:
    for cut in range(0, len(SMALL), 7):
        try:
            ennakko.Checklist.from_source(SMALL[:cut])
        except ennakko.ChecklistError as e:
            assert e.diagnostics


def test_odd_render_languages(small: ennakko.Checklist) -> None:
    report = small.score(small_decision(1))
    assert report.to_markdown(lang="")  # not given: the report's own language
    # A language that is not fi, sv or en is refused (A0001), never rendered
    # silently in another one; the message stays short whatever was given.
    for lang in ["de", "<script>", "\x00", "fi" * 1000]:
        for render in (report.to_markdown, report.to_html):
            with pytest.raises(ValueError, match="A0001") as info:
                render(lang=lang)
            assert len(str(info.value)) < 400


def test_odd_render_diagnostics() -> None:
    with pytest.raises((TypeError, ValueError)):
        ennakko.render_diagnostics([{"code": 1}])
    with pytest.raises((TypeError, ValueError)):
        ennakko.render_diagnostics("nope")  # type: ignore[arg-type]
    assert ennakko.render_diagnostics([]) == ""


# ---- the shared hostile corpus (tests/hostile/, see its README) -----------------------------

HOSTILE = REPO / "tests" / "hostile"
MANIFEST = json.loads((HOSTILE / "manifest.json").read_text(encoding="utf-8"))


def case_id(case: dict[str, Any]) -> str:
    return str(case.get("file") or case.get("name"))


def outcome(run: Any) -> ennakko.EnnakkoError | None:
    """Runs `run`; returns the error it raised, None if it succeeded. A
    panic (PanicException is a BaseException) or an InternalError fails."""
    try:
        run()
    except ennakko.InternalError:
        raise
    except ennakko.EnnakkoError as e:
        assert e.diagnostics and e.rendered
        return e
    return None


def expect(case: dict[str, Any], error: ennakko.EnnakkoError | None, wanted: str) -> None:
    """The first diagnostic has the case's code, line, column and path."""
    if wanted == "ok":
        assert error is None, error.rendered if error else ""
        return
    assert error is not None, f"{case_id(case)}: expected {wanted}, but it succeeded"
    assert error.code == wanted, error.rendered
    for key in ("line", "column", "path"):
        if key in case:
            assert getattr(error, key) == case[key], f"{key}: {error.rendered}"


def generated_text(case: dict[str, Any]) -> str:
    return str(case["prefix"] + case["repeat"] * case["count"] + case["suffix"])


@pytest.mark.parametrize("case", MANIFEST["checklists"], ids=case_id)
def test_hostile_corpus_checklists(case: dict[str, Any]) -> None:
    path = HOSTILE / case["file"]
    if case["expect"] == "unreadable":
        with pytest.raises(UnicodeDecodeError):
            ennakko.Checklist.from_file(path)
        text = path.read_bytes().decode("utf-8", "replace")
        outcome(lambda: ennakko.Checklist.from_source(text, case["file"]))
        return
    expect(case, outcome(lambda: ennakko.Checklist.from_file(path)), case["expect"])
    # Without files (source text only), imports of files resolve to nothing.
    text = path.read_text(encoding="utf-8")
    wanted = case.get("without_files", case["expect"])
    expect(case, outcome(lambda: ennakko.Checklist.from_source(text, case["file"])), wanted)


@pytest.mark.parametrize("case", MANIFEST["decisions"], ids=case_id)
def test_hostile_corpus_decisions(case: dict[str, Any]) -> None:
    path = HOSTILE / case["file"]
    checklist = ennakko.Checklist.standard(case["checklist"])
    error = outcome(lambda: checklist.score(path))
    if case["expect"] == "unreadable":
        assert error is not None and error.code == "D0001"
        return
    expect(case, error, case["expect"])
    # As text (str and bytes) the same, without the file name.
    fmt = "json" if path.suffix == ".json" else "yaml"
    data = path.read_bytes()
    expect(case, outcome(lambda: checklist.score(data, format=fmt)), case["expect"])
    if "cli_expect" in case:
        # Scoring with the checklist the decision names, as the CLI does.
        expect(case, outcome(lambda: ennakko.score(path)), case["cli_expect"])
    if "as_text_expect" in case:
        # Given as text, bytes or a dict the decision has no folder: it may
        # name only standard checklists, and no file is read.
        wanted = case["as_text_expect"]
        expect(case, outcome(lambda: ennakko.score(data, format=fmt)), wanted)
        expect(case, outcome(lambda: ennakko.score(data.decode("utf-8"), format=fmt)), wanted)
        expect(case, outcome(lambda: ennakko.checklist_for(data, format=fmt)), wanted)
        reports = ennakko.score_many([data], format=fmt, errors="skip")
        assert [e.code for e in reports.errors] == [wanted]


@pytest.mark.parametrize("case", MANIFEST["generated"], ids=case_id)
def test_hostile_corpus_generated(case: dict[str, Any]) -> None:
    text = generated_text(case)
    name = case["name"]
    if name.endswith(".eva"):
        error = outcome(lambda: ennakko.Checklist.from_source(text, name))
    else:
        checklist = ennakko.Checklist.standard(case["checklist"])
        fmt = "json" if name.endswith(".json") else "yaml"
        error = outcome(lambda: checklist.score(text, format=fmt))
    expect(case, error, case["expect"])


@pytest.mark.parametrize("case", MANIFEST.get("templates", []), ids=case_id)
def test_hostile_corpus_templates(case: dict[str, Any]) -> None:
    """Template documents: the error that stops reading, else the first
    problem (errors first); never more than 100 problems."""
    from ennakko import template

    if "file" in case:
        data = (HOSTILE / case["file"]).read_bytes()
    else:
        data = generated_text(case).encode("utf-8")
    checklist = ennakko.Checklist.standard(case["checklist"])
    error = None
    checked = None
    try:
        checked = template.check(data, checklist=checklist, format=case["format"])
    except ennakko.InternalError:
        raise
    except ennakko.EnnakkoError as e:
        error = e
    if error is not None:
        expect(case, error, case["expect"])
        return
    assert checked is not None
    assert len(checked.problems) <= 100
    errors = [p for p in checked.problems if p["severity"] == "error"]
    if case["expect"] == "ok":
        assert not errors, errors[:3]
    else:
        assert errors and errors[0]["code"] == case["expect"], errors[:3]


def test_a_million_decisions_stream_in_bounded_memory(small: ennakko.Checklist) -> None:
    """score_many over a million small decisions aborted the interpreter (a
    Rust allocation failure is no MemoryError); iter_score streams them one
    chunk at a time from any iterable."""
    import itertools
    import tracemalloc

    one = json.dumps(small_decision(1))
    n = 0
    tracemalloc.start()
    for report in small.iter_score(itertools.repeat(one, 20_000), chunk_size=512):
        assert isinstance(report, ennakko.Report)
        n += 1
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert n == 20_000
    assert peak < 100 << 20, peak
    # Errors in place, with their index.
    mixed = iter([one, "{", one])
    results = list(small.iter_score(mixed, errors="yield"))
    assert isinstance(results[1], ennakko.DecisionError) and results[1].index == 1
    with pytest.raises(ennakko.DecisionError):
        list(small.iter_score(iter([one, "{"])))
    # The module-level variant, grouping each chunk by the checklist named.
    assert sum(1 for _ in ennakko.iter_score(iter([one] * 10), checklist=small)) == 10


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs FIFOs")
def test_files_are_read_only_if_regular_and_within_the_limit(
    tmp_path: Any, small: ennakko.Checklist
) -> None:
    """As in the CLI: /dev/zero grew until allocation failed, a FIFO blocked
    forever. Only regular files are read, at most one byte over the limit."""
    import os
    from pathlib import Path

    from ennakko import template

    fifo = tmp_path / "pipe.eva"
    os.mkfifo(fifo)
    for run in (
        lambda: ennakko.Checklist.from_file(fifo),
        lambda: small.score(fifo),
        lambda: small.score(Path("/dev/zero")),
        lambda: template.check(Path("/dev/zero"), checklist=small, format="md"),
        lambda: ennakko.Checklist.from_file("/dev/zero"),
    ):
        with pytest.raises(OSError):
            run()
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a" * ((16 << 20) + 10))
    with pytest.raises(ennakko.DecisionError) as info:
        small.score(big)
    assert info.value.code == "D0002"

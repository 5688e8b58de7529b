"""ennakko.rollup: the example year through Python gives what the CLI and
the committed files give, errors are coded, nothing is dropped."""

from __future__ import annotations

import importlib.util
import json
import pathlib

import pytest

import ennakko

from conftest import CONFORMANCE, EXAMPLES

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


def test_saved_rollups_merge_into_the_whole(tmp_path: pathlib.Path) -> None:
    files = paths()
    whole = ennakko.rollup(files, **PERIOD)
    parts = [ennakko.rollup(files[i::3], **PERIOD) for i in range(3)]
    saved = tmp_path / "part0.json"
    saved.write_text(parts[0].to_json(), encoding="utf-8")
    merged = ennakko.merge_rollups([parts[2], saved, parts[1].to_json()])
    assert merged.to_json() == whole.to_json()
    assert merged.to_html("sv") == whole.to_html("sv")
    other = ennakko.rollup(files, start="2026-01-01", end="2026-06-30", as_of="2027-01-31")
    with pytest.raises(ennakko.DecisionError) as e:
        ennakko.merge_rollups([parts[0], other])
    assert e.value.diagnostics[0]["code"] == "U0003"
    (tmp_path / "bad.json").write_text('{"coverage": 1}', encoding="utf-8")
    with pytest.raises(ennakko.DecisionError) as e:
        ennakko.merge_rollups([tmp_path / "bad.json"])
    assert e.value.diagnostics[0]["code"] == "U0006"
    assert e.value.diagnostics[0]["file"].endswith("bad.json")


def test_a_dask_job_gives_the_single_machine_rollup() -> None:
    pytest.importorskip("dask.bag")
    spec = importlib.util.spec_from_file_location("dask_rollup", YEAR / "dask_rollup.py")
    assert spec is not None and spec.loader is not None
    job = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(job)
    files = paths()
    whole = ennakko.rollup(files, **PERIOD).to_json()
    for partitions in (1, 3, 7, 44):
        merged = job.rollup_with_dask(files, partitions=partitions, **PERIOD)
        assert merged.to_json() == whole, partitions
    assert job.rollup_with_dask(files, partitions=4, scheduler="sync", **PERIOD).to_json() == whole


def test_parquet_tables_for_analysts(tmp_path: pathlib.Path) -> None:
    polars = pytest.importorskip("polars")
    r = ennakko.rollup(paths(), **PERIOD)
    r.to_parquet(tmp_path / "decisions.parquet")
    r.to_parquet(tmp_path / "impacts.parquet", table="impacts")
    decisions = polars.read_parquet(tmp_path / "decisions.parquet")
    net = sum(d["net_milli"] for d in r.to_dict()["decisions"]) / 1000
    assert decisions.height == 43 and decisions["net"].sum() == net
    impacts = polars.read_parquet(tmp_path / "impacts.parquet")
    assert impacts.height == sum(len(d) for d in r.to_dict()["cells"].values())
    with pytest.raises(ValueError):
        r.to_parquet(tmp_path / "x.parquet", table="groups")  # type: ignore[arg-type]


ROLLUP_CASES = sorted(p for p in (CONFORMANCE / "rollup").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", ROLLUP_CASES, ids=lambda p: p.name)
def test_conformance_cases(case: pathlib.Path) -> None:
    """tests/conformance/rollup: bad metadata is coded, every skip is listed."""
    spec = json.loads((case / "case.json").read_text(encoding="utf-8"))
    files = sorted((case / "decisions").iterdir())
    r = ennakko.rollup(files, start=spec["from"], end=spec["to"], as_of=spec["as_of"])
    expect = spec["expect"]
    for count in ("screened", "outside_period", "skipped_errors"):
        assert r.coverage[count] == expect[count], count
    found = {
        pathlib.Path(s["source"]).name: [[d["code"], d["path"]] for d in s["diagnostics"]]
        for s in r.skipped
    }
    assert found == expect["skipped"]

"""Long-format rows and DataFrames."""

from __future__ import annotations

import sys
from typing import Any

import pytest

import ennakko

from conftest import small_decision


@pytest.fixture(scope="module")
def reports(small: ennakko.Checklist) -> ennakko.Reports:
    return small.score_many([small_decision(i) for i in range(12)])


def test_columns(reports: ennakko.Reports) -> None:
    cols = reports.rows()
    assert list(cols) == ennakko.COLUMNS
    lengths = {len(v) for v in cols.values()}
    assert len(lengths) == 1
    assert set(cols["kind"]) == {"total", "perspective", "domain", "group", "cell", "score"}
    assert cols == ennakko.rows(reports)
    assert sorted(set(cols["report"])) == list(range(len(reports)))
    first = cols["report"].index(1)
    assert cols["decision"][first] == reports[1].decision_id


def rows_of(cols: dict[str, list[Any]]) -> list[dict[str, Any]]:
    return [dict(zip(cols, values, strict=True)) for values in zip(*cols.values(), strict=True)]


def test_rows_content(small: ennakko.Checklist) -> None:
    report = small.score(small_decision(3))  # plan: children -1 moderate, adults mixed
    rows = rows_of(report.rows())
    plan = [r for r in rows if r["alternative"] == "plan"]
    assert all(r["decision"] == "d3" and r["verdict"] == report.verdict_level for r in rows)
    total = next(r for r in plan if r["kind"] == "total")
    assert total["value"] == report.alternative("plan").total.value
    assert total["id"] == "total" and total["alternative_kind"] == "proposal"
    cells = [r for r in plan if r["kind"] == "cell"]
    assert [(c["group"], c["domain"]) for c in cells] == [
        ("children", "mobility"),
        ("adults", "health"),
    ]
    children, adults = cells
    assert children["id"] == "children/mobility"
    assert children["direction"] == (3 % 5) - 2
    assert children["question"] == "journeys"
    assert children["vulnerable"] is True and adults["vulnerable"] is False
    assert children["magnitude"] == "moderate" and children["likelihood"] is None
    assert children["mitigated"] is False
    assert adults["direction"] is None  # mixed
    assert adults["low"] < adults["value"] < adults["high"]
    domain = next(r for r in plan if r["kind"] == "domain" and r["id"] == "mobility")
    assert domain["perspective"] == "residents" and domain["domain"] == "mobility"
    group = next(r for r in plan if r["kind"] == "group" and r["id"] == "children")
    assert group["group"] == "children" and group["vulnerable"] is True
    score = next(r for r in plan if r["kind"] == "score")
    assert score["id"] == "burden" and score["value"] == report.alternative("plan").score("burden")
    plan_alt = report.alternative("plan")
    assert all(r["completeness"] == plan_alt.completeness.ratio for r in plan)
    assert all(r["equity_gap"] == plan_alt.equity.gap for r in plan)


def test_rows_carry_the_officials_words(small: ennakko.Checklist) -> None:
    d: dict[str, Any] = small_decision(7)  # plan: children, mitigated
    cell = d["alternatives"][1]["impacts"][0]
    cell["note"] = "Longer trips."
    cell["evidence_source"] = "Travel survey 2025"
    rows = rows_of(small.score(d).rows())
    children = next(r for r in rows if r["kind"] == "cell" and r["alternative"] == "plan")
    assert children["note"] == "Longer trips."
    assert children["mitigation"] == "Free transport."
    assert children["evidence_source"] == "Travel survey 2025"
    assert children["mitigated"] is True
    total = next(r for r in rows if r["kind"] == "total")
    assert total["note"] is None and total["mitigation"] is None


def test_rows_reject_other_objects() -> None:
    with pytest.raises(TypeError):
        ennakko.rows([{"not": "a report"}])  # type: ignore[list-item]


def test_bad_backend(reports: ennakko.Reports) -> None:
    with pytest.raises(ValueError):
        ennakko.to_dataframe(reports, backend="spark")  # type: ignore[arg-type]


def test_pandas(reports: ennakko.Reports) -> None:
    pd = pytest.importorskip("pandas")
    df = reports.to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ennakko.COLUMNS
    assert len(df) == len(reports.rows()["kind"])
    assert df["value"].dtype == "float64"
    assert df["report"].dtype == "int64"
    hit = df[(df.kind == "cell") & (df.value < 0)].groupby("group").decision.nunique()
    assert hit["children"] > 0
    assert len(ennakko.to_dataframe(reports)) == len(df)
    assert len(reports[0].to_pandas()) == len(reports[0].rows()["kind"])


def test_polars(reports: ennakko.Reports) -> None:
    pl = pytest.importorskip("polars")
    df = reports.to_polars()
    assert isinstance(df, pl.DataFrame)
    assert df.columns == ennakko.COLUMNS
    assert df.schema["value"] == pl.Float64
    assert df.schema["vulnerable"] == pl.Boolean
    assert df.schema["note"] == pl.Utf8
    assert df.schema["report"] == pl.Int64
    assert df.height == len(reports.rows()["kind"])
    assert reports[0].to_polars().height == len(reports[0].rows()["kind"])


def test_missing_backends_say_what_to_install(
    reports: ennakko.Reports, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        reports.to_pandas()
    with pytest.raises(ImportError, match="pip install polars"):
        reports.to_polars()

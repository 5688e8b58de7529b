"""Plot helpers: the data without matplotlib, the pictures with it."""

from __future__ import annotations

import sys

import pytest

import ennakko
from ennakko import plot

from conftest import small_decision


@pytest.fixture(scope="module")
def reports(small: ennakko.Checklist) -> ennakko.Reports:
    return small.score_many([small_decision(i) for i in range(30)])


def test_matrix_of_one_report(small: ennakko.Checklist) -> None:
    report = small.score(small_decision(3))
    m = plot.impact_matrix(report, lang="en")
    assert m.groups == ["children", "adults"]
    assert m.domains == ["mobility", "health"]
    assert m.group_labels == ["Children", "Adults"]
    cell = report.alternative("plan").cells[0]
    assert m.values[0][0] == cell.value
    assert m.values[0][1] is None


def test_matrix_of_many(reports: ennakko.Reports) -> None:
    mean = plot.impact_matrix(reports)
    count = plot.impact_matrix(reports, statistic="count")
    negative = plot.impact_matrix(reports, statistic="negative")
    total = plot.impact_matrix(reports, statistic="sum")
    assert count.values[0][0] == 15  # odd decisions have cells
    assert negative.values[0][0] == 6
    assert total.values[0][0] == pytest.approx(mean.values[0][0] * 15)  # type: ignore[operator]
    assert mean.group_labels[0] == "Lapset"
    assert plot.impact_matrix(reports, alternative="zero").groups == []
    with pytest.raises(ValueError):
        plot.impact_matrix(reports, statistic="median")  # type: ignore[arg-type]


def test_group_hits(reports: ennakko.Reports) -> None:
    hits = plot.group_hits(reports, lang="en")
    assert hits == [("children", "Children", 6)]


def test_pictures(reports: ennakko.Reports, small: ennakko.Checklist) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    ax = plot.heatmap(reports, statistic="negative")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Lapset", "Vuxna"][:1] + [
        t.get_text() for t in ax.get_yticklabels()
    ][1:]
    ax = plot.heatmap(small.score(small_decision(3)), lang="sv")
    assert ax.get_yticklabels()[0].get_text() == "Barn"
    empty = plot.heatmap(small.score(small_decision(0)))
    assert not empty.axison
    bars = plot.hits(reports, lang="en")
    assert [t.get_text() for t in bars.get_yticklabels()] == ["Children"]
    plt.close("all")


def test_without_matplotlib(reports: ennakko.Reports, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match="pip install matplotlib"):
        plot.heatmap(reports)
    with pytest.raises(ImportError, match="pip install matplotlib"):
        plot.hits(reports)

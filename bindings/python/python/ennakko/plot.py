"""Pictures of reports: the group x domain impact heatmap, and which groups
are hit most often. Needs matplotlib (``pip install matplotlib``); the data
behind each picture (:func:`impact_matrix`, :func:`group_hits`) does not.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal, NamedTuple

from ._frame import rows
from ._report import Report, Vocabulary

__all__ = ["ImpactMatrix", "group_hits", "heatmap", "hits", "impact_matrix"]

Statistic = Literal["mean", "sum", "count", "negative"]


class ImpactMatrix(NamedTuple):
    """Group x domain values: ``values[i][j]`` is for ``groups[i]`` and
    ``domains[j]`` (None where no cell was assessed)."""

    groups: list[str]
    domains: list[str]
    values: list[list[float | None]]
    group_labels: list[str]
    domain_labels: list[str]
    statistic: str


def _as_list(reports: Report | Iterable[Report]) -> list[Report]:
    return [reports] if isinstance(reports, Report) else list(reports)


def _default_alternative(report: Report) -> str | None:
    alternatives = report.alternatives
    for kind in ("proposal", "other", "zero"):
        for a in alternatives:
            if a.kind == kind:
                return a.id
    return None


def _lang(reports: list[Report], lang: str | None) -> str:
    """The language of the first report (the core's rule), Finnish for none."""
    return reports[0]._lang(lang) if reports else (lang or "fi")


def _vocabularies(reports: list[Report]) -> list[Vocabulary]:
    """One vocabulary per checklist among the reports, in order of appearance."""
    seen: dict[tuple[str, str], Vocabulary] = {}
    for r in reports:
        info = r._part("checklist")
        key = (info["id"], info["version"])
        if key not in seen:
            seen[key] = r.vocabulary
    return list(seen.values())


def _order_and_labels(
    reports: list[Report], lang: str, kind: Literal["groups", "domains"]
) -> tuple[list[str], dict[str, str]]:
    """Ids in checklist order (the first checklist's first) and their labels."""
    order: list[str] = []
    labels: dict[str, str] = {}
    for vocabulary in _vocabularies(reports):
        for term in getattr(vocabulary, kind):
            if term.id not in labels:
                order.append(term.id)
                labels[term.id] = term.text(lang)
    return order, labels


def impact_matrix(
    reports: Report | Iterable[Report],
    *,
    alternative: str | None = None,
    statistic: Statistic = "mean",
    lang: str | None = None,
) -> ImpactMatrix:
    """The group x domain matrix of impact cells.

    For one report: the cells of `alternative` (default: its first proposal).
    For many: the cells of every alternative with that id, or, by default, of
    every proposal. `statistic` aggregates the cells of one group and domain:
    "mean" or "sum" of their scores, "count" of cells, or "negative": how many
    cells have a negative score. Rows and columns follow the checklist's order
    and include only groups and domains with cells; labels are in `lang`
    (default: the first decision's language, else Finnish).
    """
    if statistic not in ("mean", "sum", "count", "negative"):
        raise ValueError(f"statistic must be mean, sum, count or negative, not {statistic!r}")
    items = _as_list(reports)
    if alternative is None and len(items) == 1:
        alternative = _default_alternative(items[0])
    columns = rows(items)
    acc: dict[tuple[str, str], list[float]] = {}
    for i, kind in enumerate(columns["kind"]):
        if kind != "cell":
            continue
        if alternative is not None:
            if columns["alternative"][i] != alternative:
                continue
        elif columns["alternative_kind"][i] != "proposal":
            continue
        key = (columns["group"][i], columns["domain"][i])
        acc.setdefault(key, []).append(float(columns["value"][i]))

    language = _lang(items, lang)
    group_order, group_labels = _order_and_labels(items, language, "groups")
    domain_order, domain_labels = _order_and_labels(items, language, "domains")
    labels = {**domain_labels, **group_labels}
    present_groups = {g for g, _ in acc}
    present_domains = {d for _, d in acc}
    groups = [g for g in group_order if g in present_groups]
    groups += sorted(present_groups - set(groups))
    domains = [d for d in domain_order if d in present_domains]
    domains += sorted(present_domains - set(domains))

    def aggregate(values: list[float] | None) -> float | None:
        if not values:
            return None
        if statistic == "mean":
            return sum(values) / len(values)
        if statistic == "sum":
            return float(sum(values))
        if statistic == "count":
            return float(len(values))
        return float(sum(1 for v in values if v < 0))

    values = [[aggregate(acc.get((g, d))) for d in domains] for g in groups]
    return ImpactMatrix(
        groups,
        domains,
        values,
        [labels.get(g, g) for g in groups],
        [labels.get(d, d) for d in domains],
        statistic,
    )


def group_hits(
    reports: Report | Iterable[Report], *, lang: str | None = None
) -> list[tuple[str, str, int]]:
    """How many decisions have a negative impact cell for each group in some
    proposal, most often hit first: ``[(group id, label, decisions), ...]``."""
    items = _as_list(reports)
    columns = rows(items)
    pairs = {
        (columns["report"][i], columns["group"][i])
        for i, kind in enumerate(columns["kind"])
        if kind == "cell"
        and columns["alternative_kind"][i] == "proposal"
        and columns["value"][i] < 0
    }
    hit: dict[str, int] = {}
    for _, group in pairs:
        hit[group] = hit.get(group, 0) + 1
    order, labels = _order_and_labels(items, _lang(items, lang), "groups")
    result = [(g, labels.get(g, g), n) for g, n in hit.items()]
    result.sort(key=lambda x: (-x[2], order.index(x[0]) if x[0] in order else len(order)))
    return result


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:
        raise ImportError("ennakko.plot needs matplotlib: pip install matplotlib") from e
    return plt


def heatmap(
    reports: Report | Iterable[Report],
    *,
    alternative: str | None = None,
    statistic: Statistic = "mean",
    lang: str | None = None,
    ax: Any = None,
    annotate: bool = True,
) -> Any:
    """Draws the group x domain heatmap of one report or of many aggregated
    (see :func:`impact_matrix` for the arguments) and returns the matplotlib
    Axes. Scores use a red-to-green scale centred on zero; counts use reds."""
    plt = _pyplot()
    m = impact_matrix(reports, alternative=alternative, statistic=statistic, lang=lang)
    if ax is None:
        width = max(4.0, 1.0 + 0.9 * len(m.domains))
        height = max(2.5, 1.0 + 0.45 * len(m.groups))
        _, ax = plt.subplots(figsize=(width, height))
    if not m.groups:
        ax.text(0.5, 0.5, "no impact cells", ha="center", va="center")
        ax.set_axis_off()
        return ax
    nan = float("nan")
    grid = [[nan if v is None else v for v in row] for row in m.values]
    finite = [abs(v) for row in m.values for v in row if v is not None]
    top = max(finite) if finite else 1.0
    if statistic in ("count", "negative"):
        image = ax.imshow(grid, cmap="Reds", vmin=0, vmax=max(top, 1.0), aspect="auto")
    else:
        image = ax.imshow(
            grid, cmap="RdYlGn", vmin=-max(top, 1e-9), vmax=max(top, 1e-9), aspect="auto"
        )
    ax.set_xticks(range(len(m.domains)))
    ax.set_xticklabels(m.domain_labels, rotation=45, ha="right")
    ax.set_yticks(range(len(m.groups)))
    ax.set_yticklabels(m.group_labels)
    if annotate and len(m.groups) * len(m.domains) <= 400:
        for i, row in enumerate(m.values):
            for j, v in enumerate(row):
                if v is not None:
                    ax.text(j, i, f"{v:.3g}", ha="center", va="center", fontsize=8)
    ax.figure.colorbar(image, ax=ax, label=statistic)
    return ax


def hits(
    reports: Report | Iterable[Report],
    *,
    lang: str | None = None,
    ax: Any = None,
    top: int | None = None,
) -> Any:
    """Draws a bar chart of how many decisions hit each group negatively
    (see :func:`group_hits`), most often hit on top; returns the Axes."""
    plt = _pyplot()
    data = group_hits(reports, lang=lang)[:top]
    if ax is None:
        _, ax = plt.subplots(figsize=(7, max(2.0, 0.4 * len(data) + 1)))
    labels = [label for _, label, _ in data][::-1]
    counts = [n for _, _, n in data][::-1]
    ax.barh(labels, counts, color="#a40e26")
    ax.set_xlabel("decisions with a negative impact")
    ax.xaxis.get_major_locator().set_params(integer=True)
    return ax

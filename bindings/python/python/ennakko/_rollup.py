"""A period's decisions rolled up into the EVA section of a welfare report
(see ``docs/rollup.md``)::

    import ennakko
    r = ennakko.rollup(Path("decisions").glob("*.json"), start="2026-01-01", end="2026-12-31",
                       as_of="2027-01-31")
    r.coverage["full_required"], r.follow_up_summary["overdue"]
    Path("eva.html").write_text(r.to_html(lang="fi"))
    pandas.DataFrame(r.decisions_table())      # one row per decision
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from . import _ennakko
from ._checklist import Checklist, DecisionInput

Lang = Literal["fi", "sv", "en"]


class Rollup:
    """The roll-up as data (``to_dict()``, the JSON of ``ennakko rollup``),
    rendered (``to_markdown``, ``to_html``, ``to_csv``) and as tables."""

    __slots__ = ("_data", "_json")

    def __init__(self, text: str) -> None:
        import json

        self._json = text
        self._data: dict[str, Any] = json.loads(text)

    def to_dict(self) -> dict[str, Any]:
        """The roll-up as plain data (see ``ennakko schema rollup``)."""
        return self._data

    @property
    def coverage(self) -> dict[str, Any]:
        """Decisions screened, verdicts by sector and body, full assessments required and made."""
        coverage: dict[str, Any] = self._data["coverage"]
        return coverage

    @property
    def follow_up_summary(self) -> dict[str, int]:
        """Follow-ups done, open, overdue, cancelled; realised against estimated."""
        summary: dict[str, int] = self._data["follow_up_summary"]
        return summary

    @property
    def skipped(self) -> list[dict[str, Any]]:
        """Decisions left out, each with its source and diagnostics."""
        skipped: list[dict[str, Any]] = self._data["skipped"]
        return skipped

    def to_markdown(self, lang: Lang = "fi") -> str:
        """The EVA section of the welfare report as Markdown."""
        return _ennakko.rollup_render(self._json, "md", _lang(lang))

    def to_html(self, lang: Lang = "fi") -> str:
        """The EVA section as one self-contained HTML page with SVG charts."""
        return _ennakko.rollup_render(self._json, "html", _lang(lang))

    def to_csv(self, table: Literal["decisions", "impacts"] = "decisions") -> str:
        """CSV for analysts: one row per decision, or per group and domain."""
        kind = {"decisions": "csv", "impacts": "csv-impacts"}.get(table)
        if kind is None:
            raise ValueError(f"unknown table {table!r}: use 'decisions' or 'impacts'")
        return _ennakko.rollup_render(self._json, kind, "en")

    def decisions_table(self) -> dict[str, list[Any]]:
        """One row per decision as columns (a dict of lists), ready for
        ``pandas.DataFrame`` or ``polars.DataFrame``; ``net`` in score points."""
        rows = self._data["decisions"]
        names = ["source", "id", "date", "quarter", "body", "sector", "verdict", "assessment",
                 "zero_option", "adopted", "cells", "negative_cells"]  # fmt: skip
        columns: dict[str, list[Any]] = {name: [row.get(name) for row in rows] for name in names}
        columns["open_required"] = [len(row["open_required"]) for row in rows]
        columns["net"] = [row["net_milli"] / 1000 for row in rows]
        columns["vulnerable_harmed"] = [len(row["vulnerable_harmed"]) for row in rows]
        return columns


def _lang(lang: str) -> str:
    if lang not in ("fi", "sv", "en"):
        raise ValueError(f"unknown language {lang!r}: use 'fi', 'sv' or 'en'")
    return lang


def rollup(
    decisions: Iterable[DecisionInput],
    *,
    checklist: Checklist | str = "eva",
    start: str | None = None,
    end: str | None = None,
    as_of: str | None = None,
) -> Rollup:
    """Rolls up decisions (paths, texts, bytes or dicts, as ``Checklist.score``
    takes) dated from ``start`` to ``end`` (``YYYY-MM-DD``); follow-ups are
    judged on ``as_of`` (default ``end``). Scored in parallel without the
    GIL. A bad date raises :class:`ennakko.DecisionError` (``U0001``,
    ``U0002``); decisions that cannot be read or scored, or fall outside the
    period, are listed in ``skipped``, never dropped."""
    compiled = Checklist.standard(checklist) if isinstance(checklist, str) else checklist
    items = list(decisions)
    return Rollup(_ennakko.rollup_json(compiled._native, items, start, end, as_of))

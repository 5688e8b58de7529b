"""A period's decisions rolled up into the EVA section of a welfare report
(see ``docs/rollup.md``)::

    import ennakko
    r = ennakko.rollup(Path("decisions").glob("*.json"), start="2026-01-01", end="2026-12-31",
                       as_of="2027-01-31")
    r.coverage["full_required"], r.follow_up_summary["overdue"]
    Path("eva.html").write_text(r.to_html(lang="fi"))
    pandas.DataFrame(r.decisions_table())      # one row per decision
    r.to_parquet("decisions.parquet")          # for analysts (needs polars)

Roll-ups of disjoint parts of an archive (rolled up on other machines, or
by other Dask workers) merge exactly: ``merge_rollups([a, b, c])`` takes
``Rollup`` objects, their JSON (``to_json()``) or files of it (what
``ennakko rollup --format json`` prints). See
``examples/municipality-year/dask_rollup.py`` for the same as a Dask job.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal, Union

from . import _ennakko
from ._checklist import Checklist, DecisionInput
from ._errors import Lang, _language, _speaking


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

    def to_json(self) -> str:
        """The roll-up as JSON, to save and merge later (:func:`merge_rollups`,
        ``ennakko rollup --merge``)."""
        return self._json

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
        return _ennakko.rollup_render(self._json, "md", lang)

    def to_html(self, lang: Lang = "fi") -> str:
        """The EVA section as one self-contained HTML page with SVG charts."""
        return _ennakko.rollup_render(self._json, "html", lang)

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

    def to_parquet(
        self, path: str | os.PathLike[str], table: Literal["decisions", "impacts"] = "decisions"
    ) -> None:
        """Writes one table as Parquet for analysts (needs ``polars``):
        ``decisions`` as :meth:`decisions_table`, ``impacts`` as
        ``to_csv("impacts")`` (one row per group and domain)."""
        try:
            import polars
        except ImportError as e:
            raise ImportError("to_parquet needs polars: pip install 'ennakko[polars]'") from e
        if table == "decisions":
            frame = polars.DataFrame(self.decisions_table())
        elif table == "impacts":
            import io

            frame = polars.read_csv(io.StringIO(self.to_csv("impacts")))
        else:
            raise ValueError(f"unknown table {table!r}: use 'decisions' or 'impacts'")
        frame.write_parquet(Path(path))


RollupPart = Union[Rollup, str, "os.PathLike[str]"]
"""What :func:`merge_rollups` takes: a roll-up, its JSON, or a file of it."""


def merge_rollups(parts: Iterable[RollupPart], *, lang: Lang | None = None) -> Rollup:
    """Merges roll-ups of disjoint parts of one period (rolled up with the
    same checklist, ``start``, ``end`` and ``as_of``) into the roll-up of
    the whole, exactly: the same as rolling up all the decisions at once.
    A part is a :class:`Rollup`, its JSON text, or a path to a file of it.
    Raises :class:`ennakko.DecisionError`: ``U0006`` for what is not a
    saved roll-up, ``U0003`` for parts of other periods or checklists, told
    in `lang` (``"fi"``, ``"sv"`` or ``"en"``, default English)."""
    told = _language(lang)
    texts: list[str] = []
    names: list[str] = []
    for i, part in enumerate(parts):
        if isinstance(part, Rollup):
            texts.append(part.to_json())
            names.append(f"parts[{i}]")
        elif isinstance(part, str):
            texts.append(part)
            names.append(f"parts[{i}]")
        else:
            # Read at most one byte over the limit: the engine names the size.
            with open(part, "rb") as file:
                data = file.read(_ennakko.MAX_ROLLUP_BYTES + 1)
            texts.append(data.decode("utf-8", errors="replace"))
            names.append(str(Path(part)))
    with _speaking(told):
        return Rollup(_ennakko.rollup_merge(texts, names))


def rollup(
    decisions: Iterable[DecisionInput],
    *,
    checklist: Checklist | str = _ennakko.DEFAULT_CHECKLIST,
    start: str | None = None,
    end: str | None = None,
    as_of: str | None = None,
    lang: Lang | None = None,
) -> Rollup:
    """Rolls up decisions (paths, texts, bytes or dicts, as ``Checklist.score``
    takes) dated from ``start`` to ``end`` (``YYYY-MM-DD``); follow-ups are
    judged on ``as_of`` (default ``end``). Scored in parallel without the
    GIL. A bad date raises :class:`ennakko.DecisionError` (``U0001``,
    ``U0002``); decisions that cannot be read or scored, or fall outside the
    period, are listed in ``skipped``, never dropped. Errors raised are told
    in `lang` (``"fi"``, ``"sv"`` or ``"en"``, default English)."""
    with _speaking(lang):
        compiled = Checklist.standard(checklist) if isinstance(checklist, str) else checklist
        items = list(decisions)
        return Rollup(_ennakko.rollup_json(compiled._native, items, start, end, as_of))

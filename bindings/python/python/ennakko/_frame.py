"""Long-format rows of many reports, as columns or as a DataFrame."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from . import _ennakko
from ._report import Report

__all__ = ["COLUMNS", "rows", "to_dataframe"]

COLUMNS: list[str] = list(_ennakko.COLUMNS)
"""The columns of the long format, in order."""

# What each column holds, as the core says (text, number, flag, index).
_TEXT = {n for n, k in _ennakko.COLUMN_KINDS.items() if k == "text"}
_FLAGS = {n for n, k in _ennakko.COLUMN_KINDS.items() if k == "flag"}
_INTEGERS = {n for n, k in _ennakko.COLUMN_KINDS.items() if k == "index"}


def rows(reports: Iterable[Report]) -> dict[str, list[Any]]:
    """Long-format rows of `reports`, as a dict of equal-length column lists.

    One row per alternative and result: ``report`` is the report's position
    in `reports`; ``kind`` is "total", "perspective",
    "domain", "group", "cell" or "score", and ``id`` names the result (the
    group, domain or perspective id, the score id, "group/domain" for a cell).
    Every row repeats the decision (``decision``, ``decision_kind``,
    ``checklist``, ``verdict``) and the alternative (``alternative``,
    ``alternative_kind``, ``completeness``, ``equity_gap``). Numbers are
    ``value``, ``low``, ``high``; cells add ``direction`` (None when mixed or
    unknown), ``mitigated``, ``question``, their scale levels and the
    official's words on them (``note``, ``mitigation``, ``evidence_source``).
    See :data:`COLUMNS`.
    """
    natives = []
    for r in reports:
        if not isinstance(r, Report):
            raise TypeError(f"expected ennakko.Report, got {type(r).__name__}")
        natives.append(r._native)
    return _ennakko.rows(natives)


def to_dataframe(reports: Iterable[Report], backend: Literal["pandas", "polars"] = "pandas") -> Any:
    """Long-format rows of `reports` as a pandas or polars DataFrame.

    Ready for ``groupby``: for example, how often each group is hit::

        df = ennakko.to_dataframe(reports)
        cells = df[(df.kind == "cell") & (df.alternative_kind == "proposal")]
        cells[cells.value < 0].groupby("group").decision.nunique()

    pandas and polars are optional: install the one you use.
    """
    columns = rows(reports)
    if backend == "pandas":
        try:
            import pandas as pd
        except ImportError as e:
            raise ImportError(
                "to_dataframe(backend='pandas') needs pandas: pip install pandas"
            ) from e
        frame = pd.DataFrame(columns, columns=COLUMNS)
        for name in COLUMNS:
            if name not in _TEXT and name not in _FLAGS:
                frame[name] = frame[name].astype("int64" if name in _INTEGERS else "float64")
        return frame
    if backend == "polars":
        try:
            import polars as pl
        except ImportError as e:
            raise ImportError(
                "to_dataframe(backend='polars') needs polars: pip install polars"
            ) from e

        def dtype(name: str) -> Any:
            if name in _TEXT:
                return pl.Utf8
            if name in _FLAGS:
                return pl.Boolean
            return pl.Int64 if name in _INTEGERS else pl.Float64

        schema = {name: dtype(name) for name in COLUMNS}
        return pl.DataFrame(columns, schema=schema)
    raise ValueError(f"backend must be 'pandas' or 'polars', not {backend!r}")

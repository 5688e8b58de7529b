"""Compiled checklists: compile once, score any number of decisions."""

from __future__ import annotations

import copy
import os
import warnings
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal, Union, cast

from . import _ennakko
from ._ennakko import Evaluation as Evaluation
from ._errors import EnnakkoError, Lang, _language, _speaking, _translated
from ._report import Report, Reports

__all__ = [
    "Checklist",
    "DecisionInput",
    "checklist_for",
    "default_limits",
    "iter_score",
    "score",
    "score_many",
    "standard_names",
]

DecisionInput = Union[dict[str, Any], str, bytes, bytearray, "os.PathLike[str]"]
"""What :meth:`Checklist.score` accepts: a dict, JSON or YAML text (str or
bytes), or a path to a ``.json``/``.yaml`` file."""

Format = Literal["json", "yaml"]


def standard_names() -> list[str]:
    """Names of the standard checklists embedded in the library (e.g. ``["eva"]``)."""
    return _ennakko.standard_names()


def default_limits() -> dict[str, int]:
    """The default resource limits, as a dict (see ``limits=`` of the constructors)."""
    return _ennakko.default_limits()


def _limits(limits: Mapping[str, int] | None) -> dict[str, int] | None:
    """Checks limit overrides: non-negative integers (names: the core)."""
    return _checked_limits(limits)


def _checked_limits(limits: Mapping[str, int] | None) -> dict[str, int] | None:
    """Checks overrides of limits: non-negative integers. Whether a name is a
    limit the core decides, with a suggestion for a misspelt one."""
    if limits is None:
        return None
    if not isinstance(limits, Mapping):
        raise TypeError(f"limits must be a dict, not {type(limits).__name__}")
    # Unknown names are the core's to judge (with a suggestion); the types
    # are Python's: a bool is an int there, and not a limit.
    out: dict[str, int] = {}
    for key, value in limits.items():
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"limit {key!r} must be an int, not {type(value).__name__}")
        if value < 0:
            raise ValueError(f"limit {key!r} must not be negative")
        out[key] = value
    return out


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    if isinstance(items, (list, tuple)):
        for start in range(0, len(items), size):
            yield list(items[start : start + size])
        return
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _NoProgress:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(total: int | None) -> Any:
    try:
        from tqdm.auto import tqdm
    except ImportError:
        warnings.warn(
            "progress=True needs tqdm (pip install tqdm); scoring without a progress bar",
            stacklevel=3,
        )
        return _NoProgress()
    return tqdm(total=total, unit="decision")


class Checklist:
    """A compiled checklist: immutable, thread-safe, picklable, and reusable
    for any number of decisions.

    Make one with :meth:`standard`, :meth:`from_file` or :meth:`from_source`;
    score with :meth:`score` (one decision) or :meth:`score_many` (many, in
    parallel on every core).

    Problems (exceptions and :attr:`warnings`) are told in the `lang` the
    checklist was made with (``"fi"``, ``"sv"`` or ``"en"``, default
    English); each method's own `lang` overrides it for that call.
    """

    __slots__ = ("_lang", "_native")

    _native: _ennakko.Checklist
    _lang: str

    def __init__(self, native: _ennakko.Checklist, lang: Lang | None = None) -> None:
        """Wraps a native checklist; use the class methods to make one."""
        if not isinstance(native, _ennakko.Checklist):
            raise TypeError(
                "use Checklist.standard(), Checklist.from_file() or Checklist.from_source()"
            )
        self._native = native
        self._lang = _language(lang)

    def _told(self, lang: Lang | None) -> str:
        """The language a call's problems are told in: its own, else the checklist's."""
        return self._lang if lang is None else lang

    # ---- making one ---------------------------------------------------------------------

    @classmethod
    def standard(
        cls,
        name: str = _ennakko.DEFAULT_CHECKLIST,
        *,
        limits: Mapping[str, int] | None = None,
        lang: Lang | None = None,
    ) -> Checklist:
        """A standard checklist embedded in the library, by name (see
        :meth:`standard_names`). Raises :class:`ChecklistError` (E0601) for an
        unknown name, with a suggestion, in `lang` (see :class:`Checklist`)."""
        with _speaking(lang):
            return cls(_ennakko.Checklist.standard(name, _limits(limits)), lang)

    @staticmethod
    def standard_names() -> list[str]:
        """Names of the standard checklists embedded in the library."""
        return standard_names()

    @classmethod
    def from_source(
        cls,
        text: str,
        name: str = "<source>",
        *,
        limits: Mapping[str, int] | None = None,
        files: Mapping[str, str] | None = None,
        lang: Lang | None = None,
    ) -> Checklist:
        """Compiles checklist source text. `name` appears in diagnostics.

        Imports may name standard checklists (``import "eva"``) and, when
        `files` maps file names to sources, those files
        (``import "./groups.eva"`` with ``files={"groups.eva": "..."}``).
        Raises :class:`ChecklistError` with every problem found, told in
        `lang` (``"fi"``, ``"sv"`` or ``"en"``, default English), which stays
        the checklist's language for problems (see :class:`Checklist`).
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        file_map = None if files is None else {str(k): str(v) for k, v in files.items()}
        with _speaking(lang):
            return cls(_ennakko.Checklist.from_source(text, name, _limits(limits), file_map), lang)

    @classmethod
    def from_file(
        cls,
        path: str | os.PathLike[str],
        *,
        limits: Mapping[str, int] | None = None,
        lang: Lang | None = None,
    ) -> Checklist:
        """Compiles a checklist file (``*.eva``). Its imports may name standard
        checklists or files under the file's folder (no absolute paths, no
        ``..`` out of it). Raises OSError if the file cannot be read and
        :class:`ChecklistError` if it does not compile, told in `lang` (see
        :class:`Checklist`)."""
        path = Path(path)
        # Only a regular file, at most one byte over the limit (a FIFO or
        # /dev/zero is an OSError); a longer text gets the size error E0002.
        limit = (_limits(limits) or {}).get(
            "max_source_bytes", default_limits()["max_source_bytes"]
        )
        data = _ennakko.read_file(str(path), limit)
        text = data.decode("utf-8", "replace") if len(data) > limit else data.decode("utf-8")
        root = path.parent
        with _speaking(lang):
            native = _ennakko.Checklist.from_file_text(text, str(path), str(root), _limits(limits))
            return cls(native, lang)

    # ---- what it is -----------------------------------------------------------------------

    @property
    def name(self) -> str:
        """The standard name, or the name or path the checklist was compiled from."""
        return self._native.name

    @property
    def warnings(self) -> list[dict[str, Any]]:
        """Warnings found while compiling, as diagnostic dicts, in the
        checklist's language (see :class:`Checklist`)."""
        return self._native.warnings(self._lang)

    @property
    def limits(self) -> dict[str, int]:
        """The resource limits this checklist compiles and scores with."""
        return self._native.limits()

    def describe(self) -> dict[str, Any]:
        """What the checklist asks and knows about, as a dict: id, version,
        title, languages, perspectives, domains, groups, facts, questions,
        scales, scores and rules (see ``ennakko.schema("description")``)."""
        return self._native.describe()

    # ---- scoring -------------------------------------------------------------------------------

    def score(
        self, decision: DecisionInput, *, format: Format | None = None, lang: Lang | None = None
    ) -> Report:
        """Scores one decision.

        `decision` is a dict, JSON or YAML text (str or bytes; JSON when it
        starts with ``{`` or ``[``, else YAML, unless `format` says), or a path
        (:class:`pathlib.Path`; format from the suffix, and diagnostics name
        the file). A str is always document text, never a file name.

        Raises :class:`DecisionError` when the decision is malformed or does not
        fit the checklist, :class:`EvaluationError` when scoring exceeds
        ``max_eval_steps``, OSError when a path cannot be read, TypeError for
        any other kind of object. Problems are told in `lang` (``"fi"``,
        ``"sv"``, ``"en"``; default: the checklist's, see :class:`Checklist`).
        """
        with _speaking(self._told(lang)):
            return Report(self._native.score(decision, format))

    def evaluate(
        self, decision: DecisionInput, *, format: Format | None = None, lang: Lang | None = None
    ) -> Evaluation:
        """Scores one decision into the compact result: the verdict, the
        rules that fired and the numbers, with no report built (several
        times cheaper than :meth:`score`, which says the same and more).

        `decision` is read as in :meth:`score`; errors are raised as there
        (in `lang`)::

            ev = checklist.evaluate(decision)
            ev.verdict                  # "none", "light" or "full"
            ev.reasons, ev.findings     # ids of the rules that fired
            ev.numbers()["groups"]      # the first proposal's group scores
        """
        with _speaking(self._told(lang)):
            return self._native.evaluate(decision, format)

    def evaluate_many(
        self,
        decisions: Iterable[DecisionInput],
        *,
        errors: Literal["raise", "skip"] = "raise",
        format: Format | None = None,
        chunk_size: int = 4096,
        lang: Lang | None = None,
    ) -> dict[str, list[Any]]:
        """Evaluates many decisions in parallel, without the GIL, into
        columns: a dict from column name to list, one row per decision in
        input order, ready for ``pandas.DataFrame(columns)`` or
        ``polars.DataFrame(columns)``.

        Columns: ``index``, ``decision`` (id), ``verdict``, ``reasons``,
        ``findings``, ``comparison`` (lists of rule ids), ``error``; then the
        first proposal's numbers: ``proposal`` (its id), ``total``,
        ``completeness``, ``equity_gap`` and ``group.<id>`` for every group
        (None where a group was not assessed). A decision with several
        proposals has every proposal's numbers in :meth:`evaluate`.

        With ``errors="raise"`` (default) the first failing decision raises
        its exception, with ``.index`` set; with ``errors="skip"`` its row
        stays, with the exception in ``error`` and None elsewhere. A
        generator is read `chunk_size` decisions at a time. Exceptions are
        told in `lang` (default: the checklist's).
        """
        columns: dict[str, list[Any]] = {}
        for part in self.iter_evaluate(
            decisions, errors=errors, format=format, chunk_size=chunk_size, lang=lang
        ):
            for name, values in part.items():
                columns.setdefault(name, []).extend(values)
        return columns or self._native.evaluate_columns([], format, 0)

    def iter_evaluate(
        self,
        decisions: Iterable[DecisionInput],
        *,
        errors: Literal["raise", "skip"] = "raise",
        format: Format | None = None,
        chunk_size: int = 4096,
        lang: Lang | None = None,
    ) -> Iterator[dict[str, list[Any]]]:
        """Evaluates decisions as they come, `chunk_size` at a time in
        parallel, yielding the columns of each chunk (as
        :meth:`evaluate_many` gives them, ``index`` counting across chunks):
        memory stays bounded by one chunk however many decisions there are,
        so a batch larger than memory can be written out chunk by chunk::

            for columns in checklist.iter_evaluate(decisions, chunk_size=10_000):
                pandas.DataFrame(columns).to_parquet(...)
        """
        if errors not in ("raise", "skip"):
            raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")
        told = _language(self._told(lang))
        offset = 0
        for chunk in self._chunks_of(decisions, chunk_size, "iter_evaluate", "evaluate"):
            part: dict[str, list[Any]] = self._native.evaluate_columns(chunk, format, offset)
            if told != "en":
                part["error"] = [e if e is None else _translated(e, told) for e in part["error"]]
            if errors == "raise":
                failed = next((e for e in part["error"] if e is not None), None)
                if failed is not None:
                    raise failed
            offset += len(chunk)
            yield part

    def explain(
        self, decision: DecisionInput, id: str, *, lang: str = "fi", format: Format | None = None
    ) -> str | None:
        """Explains one result of a decision in words: a finding or verdict
        reason, a score, a group, domain or perspective; and for a rule that
        did not fire, each part of its condition, whether it held and the
        values it read. None when nothing has that id.

        `decision` is read as in :meth:`score`; errors are raised as there,
        told in `lang` as the explanation is.
        """
        with _speaking(lang):
            result: str | None = self._native.explain(decision, id, lang, format)
        return result

    def score_many(
        self,
        decisions: Iterable[DecisionInput],
        *,
        progress: bool = False,
        errors: Literal["raise", "skip"] = "raise",
        format: Format | None = None,
        chunk_size: int = 4096,
        lang: Lang | None = None,
    ) -> Reports:
        """Scores many decisions in parallel on every core, without the GIL.

        `decisions` is any iterable of what :meth:`score` accepts (a generator
        is read `chunk_size` at a time, so memory stays bounded). Returns
        :class:`Reports`, in input order, equal to calling :meth:`score` one by
        one.

        With ``errors="raise"`` (default) the first failing decision raises
        its exception, with ``.index`` set to its position. With
        ``errors="skip"`` failed decisions are left out and their exceptions
        collected in ``reports.errors``, each with ``.index``. Exceptions
        are told in `lang` (default: the checklist's).

        ``progress=True`` shows a tqdm progress bar (if tqdm is installed).
        Set ``RAYON_NUM_THREADS`` before the first call to limit the threads.
        """
        if errors not in ("raise", "skip"):
            raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")
        told = _language(self._told(lang))
        total = len(decisions) if hasattr(decisions, "__len__") else None  # type: ignore[arg-type]
        bar = _progress_bar(total) if progress else _NoProgress()
        out = Reports()
        try:
            for result in self._iter(decisions, format, chunk_size, bar, told):
                if isinstance(result, Report):
                    out.append(result)
                elif errors == "raise":
                    raise result
                else:
                    out.errors.append(result)
        finally:
            bar.close()
        return out

    def iter_score(
        self,
        decisions: Iterable[DecisionInput],
        *,
        errors: Literal["raise", "yield"] = "raise",
        format: Format | None = None,
        chunk_size: int = 1024,
        lang: Lang | None = None,
    ) -> Iterator[Report | EnnakkoError]:
        """Scores decisions as they come, `chunk_size` at a time in parallel,
        yielding each :class:`Report` in input order: memory stays bounded by
        one chunk however many decisions there are (a million small ones are
        fine; :meth:`score_many` keeps every report).

        With ``errors="raise"`` (default) a failing decision raises its
        exception (``.index`` set to its position) when its turn comes; with
        ``errors="yield"`` the exception is yielded in its place. Exceptions
        are told in `lang` (default: the checklist's).
        """
        if errors not in ("raise", "yield"):
            raise ValueError(f"errors must be 'raise' or 'yield', not {errors!r}")
        told = _language(self._told(lang))
        for result in self._iter(decisions, format, chunk_size, _NoProgress(), told):
            if isinstance(result, Report) or errors == "yield":
                yield result
            else:
                raise result

    def _iter(
        self,
        decisions: Iterable[DecisionInput],
        format: Format | None,
        chunk_size: int,
        bar: Any,
        told: str,
    ) -> Iterator[Report | EnnakkoError]:
        """Reports and exceptions (with ``.index``, told in the language
        `told`), one chunk at a time."""
        offset = 0
        for chunk in self._chunks_of(decisions, chunk_size, "score_many", "score"):
            results = self._native.score_batch(chunk, format)
            for i, result in enumerate(results):
                if isinstance(result, _ennakko.Report):
                    yield Report(result)
                else:
                    failed = cast(EnnakkoError, result)
                    if told != "en":
                        failed = _translated(failed, told)
                    failed.index = offset + i
                    yield failed
            offset += len(chunk)
            bar.update(len(chunk))

    @staticmethod
    def _chunks_of(
        decisions: Iterable[DecisionInput], chunk_size: int, many: str, one: str
    ) -> Iterator[list[DecisionInput]]:
        """The decisions `chunk_size` at a time, after checking the arguments
        of a batch method (`many`; `one` scores a single decision)."""
        if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
            raise ValueError("chunk_size must be a positive int")
        if isinstance(decisions, (str, bytes, bytearray, Mapping)) or hasattr(
            decisions, "__fspath__"
        ):
            raise TypeError(f"{many} takes an iterable of decisions; use {one}() for one")
        return _chunks(decisions, chunk_size)

    # ---- Python protocols ------------------------------------------------------------------------

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self._native.state(), self._lang))

    def __repr__(self) -> str:
        kind = "standard" if self._native.is_standard else "source"
        return f"<ennakko.Checklist {self.name!r} ({kind})>"


def _restore(state: tuple[Any, ...], lang: Lang | None = None) -> Checklist:
    """Unpickles a checklist: compiles it again from its source and imports."""
    return Checklist(_ennakko.Checklist.from_state(state), lang)


# ---- scoring with the checklist a decision names ------------------------------------------

_STANDARD: dict[str, Checklist] = {}


def _load(spec: str, document: Path | None, *, named: bool = True) -> Checklist:
    """A checklist by spec: a standard name, or a `.eva` file. A file `named`
    by a document must be in the folder of that `document` (a decision or
    template read from a path) or below (the CLI's rule); a document that is
    no file (text, bytes, a dict: an upload) has no folder and may name only
    standard checklists (ChecklistError E0601 otherwise, and no file is
    read). A spec the caller gives directly (``named=False``) may be any
    path."""
    if _ennakko.names_a_file(spec):
        if not named:
            return Checklist.from_file(spec)
        folder = None if document is None else str(document)
        name, text = _ennakko.named_checklist_file(spec, folder)
        return Checklist(
            _ennakko.Checklist.from_file_text(text, name, str(Path(name).parent), None)
        )
    if spec not in _STANDARD:
        _STANDARD[spec] = Checklist.standard(spec)
    return _STANDARD[spec]


def _spec_of(decision: DecisionInput, format: Format | None) -> tuple[str, Path | None]:
    """The checklist a decision names, and the decision's file if it is one."""
    spec = _ennakko.checklist_spec(None, _ennakko.named_checklist(decision, format))
    document = Path(decision) if isinstance(decision, os.PathLike) else None
    return spec, document


def checklist_for(
    decision: DecisionInput, *, format: Format | None = None, lang: Lang | None = None
) -> Checklist:
    """The checklist a decision names in its ``checklist`` field, else the
    standard ``eva``. The field holds a standard name (``"children"``) or a
    ``.eva`` file in the decision's folder or below, when the decision is a
    path (as for the ``ennakko`` command, no other file: ChecklistError E0601).
    A decision given as text, bytes or a dict has no folder: it may name only
    standard checklists (a file name is ChecklistError E0601, never read).
    Standard checklists are compiled once per process. Problems are told in
    `lang` (``"fi"``, ``"sv"`` or ``"en"``, default English)."""
    with _speaking(lang):
        return _load(*_spec_of(decision, format))


def _resolve(checklist: Checklist | str) -> Checklist:
    if isinstance(checklist, Checklist):
        return checklist
    if isinstance(checklist, str):
        return _load(checklist, None, named=False)
    raise TypeError(f"checklist must be a Checklist or a name, not {type(checklist).__name__}")


def score(
    decision: DecisionInput,
    *,
    checklist: Checklist | str | None = None,
    format: Format | None = None,
    lang: Lang | None = None,
) -> Report:
    """Scores a decision as the ``ennakko score`` command does: with
    `checklist` (a :class:`Checklist`, a standard name or a ``.eva`` path) if
    given, else the one the decision names (see :func:`checklist_for`).
    Problems are told in `lang` (``"fi"``, ``"sv"`` or ``"en"``, default
    English), as ``ennakko score --lang`` tells them."""
    with _speaking(lang) as told:
        chosen = (
            checklist_for(decision, format=format) if checklist is None else _resolve(checklist)
        )
        return chosen.score(decision, format=format, lang=cast(Lang, told))


def score_many(
    decisions: Iterable[DecisionInput],
    *,
    checklist: Checklist | str | None = None,
    progress: bool = False,
    errors: Literal["raise", "skip"] = "raise",
    format: Format | None = None,
    chunk_size: int = 4096,
    lang: Lang | None = None,
) -> Reports:
    """Scores many decisions, each with `checklist` if given, else with the
    checklist it names (see :func:`checklist_for`): decisions are grouped by
    checklist and each group is scored with :meth:`Checklist.score_many`.
    Results and errors are in input order, as for :meth:`Checklist.score_many`,
    errors told in `lang` (default English).
    """
    told = cast(Lang, _language(lang))
    if checklist is not None:
        options: dict[str, Any] = {"progress": progress, "format": format, "chunk_size": chunk_size}
        with _speaking(told):
            chosen = _resolve(checklist)
        return chosen.score_many(decisions, errors=errors, lang=told, **options)
    if errors not in ("raise", "skip"):
        raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")
    out = Reports()
    results = iter_score(decisions, format=format, errors="yield", chunk_size=chunk_size, lang=told)
    for result in results:
        if isinstance(result, Report):
            out.append(result)
        elif errors == "raise":
            raise result
        else:
            out.errors.append(result)
    return out


def iter_score(
    decisions: Iterable[DecisionInput],
    *,
    checklist: Checklist | str | None = None,
    format: Format | None = None,
    errors: Literal["raise", "yield"] = "raise",
    chunk_size: int = 1024,
    lang: Lang | None = None,
) -> Iterator[Report | EnnakkoError | OSError]:
    """Scores decisions as they come, as :func:`score_many` does, yielding
    each report in input order; memory stays bounded by one chunk. Without
    `checklist`, the decisions of each chunk are grouped by the checklist
    they name. ``errors`` as for :meth:`Checklist.iter_score`; errors told in
    `lang` (default English)."""
    if errors not in ("raise", "yield"):
        raise ValueError(f"errors must be 'raise' or 'yield', not {errors!r}")
    told = cast(Lang, _language(lang))
    if checklist is not None:
        with _speaking(told):
            chosen = _resolve(checklist)
        yield from chosen.iter_score(
            decisions, errors=errors, format=format, chunk_size=chunk_size, lang=told
        )
        return
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError("chunk_size must be a positive int")
    if isinstance(decisions, (str, bytes, bytearray, Mapping)) or hasattr(decisions, "__fspath__"):
        raise TypeError("score_many takes an iterable of decisions; use score() for one")
    offset = 0
    for items in _chunks(decisions, chunk_size):
        groups: dict[tuple[str, Path | None], list[int]] = {}
        for i, decision in enumerate(items):
            groups.setdefault(_spec_of(decision, format), []).append(i)
        done: dict[int, Report | Exception] = {}
        for (spec, document), indices in groups.items():
            try:
                chosen = _load(spec, document)
            except (EnnakkoError, OSError) as e:
                told_e = _translated(e, told)
                for i in indices:
                    done[i] = copy.copy(told_e)
                continue
            group = chosen.score_many(
                [items[i] for i in indices], errors="skip", format=format, lang=told
            )
            failed = {getattr(e, "index", -1): e for e in group.errors}
            reports = iter(group)
            for position, i in enumerate(indices):
                done[i] = failed[position] if position in failed else next(reports)
        for i in range(len(items)):
            result = done[i]
            if not isinstance(result, Report):
                result.index = offset + i  # type: ignore[attr-defined]
                if errors == "raise":
                    raise result
            yield result  # type: ignore[misc]
        offset += len(items)

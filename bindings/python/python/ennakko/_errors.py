"""Exceptions raised by ennakko.

Every exception carries the engine's structured diagnostics: a list of dicts
with a stable ``code`` (see docs/errors.md), ``severity``, ``message``,
``help`` and, where it applies, ``file``/``line``/``column`` (checklists) or a
JSON ``path`` (decisions). The attributes of the exception repeat the fields
of the first error, so ``except ennakko.DecisionError as e: e.path`` works.

Messages, hints and notes are in English unless the call that raised was
given ``lang="fi"`` or ``lang="sv"``; :meth:`EnnakkoError.in_language` tells
an exception's problems in another language afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal, TypeVar

from . import _ennakko

__all__ = [
    "ChecklistError",
    "DecisionError",
    "EnnakkoError",
    "EvaluationError",
    "InternalError",
    "TemplateError",
]


class EnnakkoError(Exception):
    """Base class of every error ennakko raises for bad input.

    Attributes:
        diagnostics: every problem found, as dicts (errors first).
        rendered: the diagnostics drawn as text, the way the CLI prints them.
        code: code of the first error, e.g. ``"E0101"``.
        message: message of the first error.
        help: how to fix the first error, if known.
        file: file of the first error (checklists; decisions read from a path).
        line: 1-based line of the first error, if known.
        column: 1-based column (in characters) of the first error, if known.
        path: JSON path of the first error in the decision, e.g.
            ``"$.alternatives[1].impacts[0].group"``.
        index: for ``Checklist.score_many``, the position of the decision
            that failed; otherwise ``None``.
    """

    diagnostics: list[dict[str, Any]]
    rendered: str
    index: int | None
    #: The error's kind, the same name the JavaScript package's
    #: ``EnnakkoError.kind`` carries (``compile``, ``decision``,
    #: ``evaluation``, ``template``, ``internal``).
    kind: str = "internal"

    def __init__(self, rendered: str, diagnostics: list[dict[str, Any]]) -> None:
        super().__init__(rendered.rstrip("\n"))
        self.rendered = rendered
        self.diagnostics = list(diagnostics)
        self.index = None

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.rendered, self.diagnostics), {"index": self.index})

    def in_language(self: _E, lang: Lang) -> _E:
        """The same exception (same class, same ``index``) with the message,
        hint and notes of every diagnostic, and ``rendered``, in `lang`:
        ``"fi"``, ``"sv"`` or ``"en"``. Texts taken from the documents (ids,
        values, file names) stay as they are::

            try:
                checklist.score(decision)
            except ennakko.DecisionError as e:
                print(e.in_language("sv").rendered)

        Raises ``ValueError`` (code A0001) for any other language. An
        exception that was pickled or copied keeps the language it was in.
        """
        return _translated(self, lang)

    @property
    def first(self) -> dict[str, Any]:
        """The first error (or, failing that, the first diagnostic)."""
        for d in self.diagnostics:
            if d.get("severity") == "error":
                return d
        return self.diagnostics[0] if self.diagnostics else {}

    @property
    def code(self) -> str | None:
        """Code of the first error, e.g. ``"D0103"``."""
        return self.first.get("code")

    @property
    def message(self) -> str | None:
        """Message of the first error."""
        return self.first.get("message")

    @property
    def help(self) -> str | None:
        """How to fix the first error."""
        return self.first.get("help")

    @property
    def file(self) -> str | None:
        """File of the first error."""
        return self.first.get("file")

    @property
    def line(self) -> int | None:
        """1-based line of the first error."""
        return self.first.get("line")

    @property
    def column(self) -> int | None:
        """1-based column of the first error, counted in characters."""
        return self.first.get("column")

    @property
    def path(self) -> str | None:
        """JSON path of the first error in a decision document."""
        return self.first.get("path")

    @property
    def codes(self) -> list[str]:
        """Codes of all diagnostics, in order."""
        return [str(d.get("code")) for d in self.diagnostics]


Lang = Literal["fi", "sv", "en"]
"""A language problems are told in: Finnish, Swedish or English."""

_E = TypeVar("_E", bound=BaseException)


def _translated(err: _E, lang: str) -> _E:
    """`err` with its problems told in `lang` (checked by the engine). An
    exception the engine raised carries its diagnostics, with the texts to
    tell them again from, as ``_diagnostics``; one without them (pickled,
    copied, or not the engine's) is returned as it is."""
    code = _ennakko.diagnostics_language(lang)
    native = getattr(err, "_diagnostics", None)
    if native is None:
        return err
    rendered, diagnostics = native.in_language(code)
    if isinstance(err, EnnakkoError):
        told: BaseException = type(err)(rendered, diagnostics)
        told.index = err.index  # type: ignore[attr-defined]
    else:  # an argument error (A codes): a ValueError with the text
        told = type(err)(rendered)
    told._diagnostics = native  # type: ignore[attr-defined]
    return told  # type: ignore[return-value]


def _language(lang: str | None) -> str:
    """The language code problems are told in (None: English); ValueError
    (A0001) for a language the engine does not speak."""
    return _ennakko.diagnostics_language(lang)


@contextmanager
def _speaking(lang: str | None) -> Iterator[str]:
    """Checks `lang` (before the work), then re-raises any problem raised
    inside told in it, with the original traceback."""
    code = _language(lang)
    try:
        yield code
    except (EnnakkoError, ValueError) as err:
        if code == "en" or getattr(err, "_diagnostics", None) is None:
            raise
        raise _translated(err, code).with_traceback(err.__traceback__) from None


class ChecklistError(EnnakkoError):
    """A checklist failed to compile (codes ``E....``)."""

    kind = "compile"


class DecisionError(EnnakkoError):
    """A decision document is malformed or does not fit the checklist (``D....``)."""

    kind = "decision"


class EvaluationError(EnnakkoError):
    """Scoring ran out of its step budget, ``max_eval_steps`` (``R0001``)."""

    kind = "evaluation"


class TemplateError(EnnakkoError):
    """A decision document template cannot be read, or cannot be filled
    because of errors in it (codes ``T....``, and ``D....`` for values that
    do not fit the checklist); see :mod:`ennakko.template`."""

    kind = "template"


class InternalError(EnnakkoError):
    """A bug in ennakko was caught at the boundary (``X0001``); please report it."""

    kind = "internal"

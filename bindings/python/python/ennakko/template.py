"""Decision document templates with the EVA checks inside: Word ``.docx``
(content controls tagged ``eva:...``), Markdown (YAML front matter) and HTML
(``data-eva`` fields), as described in ``docs/templates.md``.

The same three steps as the ``ennakko template`` command, on bytes in
memory (so a web service can process an uploaded document)::

    from ennakko import template

    blank = template.init("eva", format="docx", lang="fi")   # bytes
    Path("päätös.docx").write_bytes(blank)
    # ... the official fills in the fields in Word ...
    data = Path("päätös.docx").read_bytes()
    checked = template.check(data)          # what is unanswered or wrong
    for problem in checked.problems:
        print(problem["code"], problem["message"])
    filled = template.fill(data)            # bytes: the results written in

A document is ``bytes`` (or ``bytearray``/``memoryview``), a ``str`` of
Markdown or HTML text, or a path (:class:`pathlib.Path`). The checklist is
the one given, else the one the template names (a standard name, or a
``.eva`` file next to a document given as a path), else ``eva``.

Unreadable documents and templates that cannot be filled raise
:class:`ennakko.TemplateError` with the diagnostics (codes ``T....``).
Documents from strangers are read within limits (size, zip entries,
decompressed part size, number of fields; see :func:`default_limits`),
which ``limits=`` lowers or raises.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Union

from . import _ennakko
from ._checklist import (
    Checklist,
    DecisionInput,
    _checked_limits,
    _load,
    _resolve,
    checklist_for,
)
from ._errors import Lang, _speaking
from ._report import Report

__all__ = [
    "Document",
    "TemplateCheck",
    "TemplateFormat",
    "check",
    "checklist_name",
    "default_limits",
    "fill",
    "init",
    "sniff",
]

TemplateFormat = Literal["docx", "md", "html"]
"""The three template formats."""

Document = Union[bytes, bytearray, memoryview, str, "os.PathLike[str]"]
"""What the functions accept as a template document."""


@dataclass(frozen=True)
class TemplateCheck:
    """What :func:`check` found in a template.

    Attributes:
        format: the document's format.
        checklist: the checklist the template names, if it names one.
        fields: the ``eva:`` fields found, in document order (none for
            Markdown, whose values are in the front matter).
        outputs: the result placeholders found (``results``, ``verdict``...).
        decision: the decision the template holds, as a dict, if it could
            be read.
        report: the assessment, if the decision could be scored.
        problems: everything unanswered, inconsistent or wrong, as
            diagnostic dicts: errors first, then warnings, each in document
            order. ``path`` names the field (``eva:answer.plan.affects_children``)
            or the JSON path in the front matter; ``line`` and ``column``
            point into Markdown and HTML text.
    """

    format: TemplateFormat
    checklist: str | None
    fields: list[str]
    outputs: list[str]
    decision: dict[str, Any] | None
    report: Report | None
    problems: list[dict[str, Any]] = field(default_factory=list)
    # What the core concluded (positions of the missing answers in
    # `problems`, and completeness): decided once, for every front end.
    _missing_at: tuple[int, ...] = ()
    _complete: bool = False
    # The language the problems are told in, for `rendered`.
    _lang: str = "en"

    @property
    def errors(self) -> list[dict[str, Any]]:
        """The problems that stop :func:`fill`."""
        return [p for p in self.problems if p.get("severity") == "error"]

    @property
    def missing(self) -> list[dict[str, Any]]:
        """Required answers and impact cells not given (``T0201``, ``T0202``)."""
        return [self.problems[i] for i in self._missing_at]

    @property
    def is_complete(self) -> bool:
        """No errors, every required answer given, and the decision scored."""
        return self._complete

    @property
    def rendered(self) -> str:
        """The problems drawn as text, the way ``ennakko template check`` prints them."""
        return _ennakko.render_diagnostics(self.problems, self._lang)


# ---- reading the arguments ---------------------------------------------------------------


@dataclass(frozen=True)
class _Opened:
    """A document's bytes, the format asked for, and where it came from.
    Which format it is (the one asked for, else the file's suffix, else
    its content) the core decides."""

    data: bytes
    format: str | None
    path: Path | None


def _open(
    document: Document, format: str | None, limits: Mapping[str, int] | None = None
) -> _Opened:
    """Reads a document argument."""
    path: Path | None = None
    if isinstance(document, str):
        data = document.encode("utf-8")
    elif isinstance(document, (bytes, bytearray, memoryview)):
        data = bytes(document)
    elif isinstance(document, os.PathLike):
        path = Path(document)
        # Only a regular file, at most one byte over the limit (T0002 then).
        limit = dict(limits or {}).get("max_bytes", _ennakko.template_default_limits()["max_bytes"])
        data = _ennakko.read_file(str(path), limit)
    else:
        raise TypeError(
            "a template must be bytes, a str of Markdown or HTML, or a path "
            f"(pathlib.Path), not {type(document).__name__}"
        )
    return _Opened(data, format, path)


def _checklist_for(
    opened: _Opened, checklist: Checklist | str | None, limits: dict[str, int] | None
) -> Checklist:
    """The checklist given, else the one the template names, else ``eva``."""
    if checklist is not None:
        return _resolve(checklist)
    named = _ennakko.template_checklist_name(opened.data, opened.format, _name(opened), limits)
    # A document given as bytes may come from anyone (an upload): it never
    # makes the process read a file of its choosing (ChecklistError E0601).
    return _load(_ennakko.checklist_spec(None, named), opened.path)


def _name(opened: _Opened) -> str | None:
    return None if opened.path is None else str(opened.path)


# ---- the three steps ---------------------------------------------------------------------


def init(
    checklist: Checklist | str | None = None,
    *,
    format: TemplateFormat = "docx",
    lang: Lang = "fi",
    decision: DecisionInput | Mapping[str, Any] | None = None,
    checklist_name: str | None = None,
) -> bytes:
    """A blank template: every fact and question of `checklist` as a field,
    for a zero option and a proposal, in `lang`, with a place for the results.
    The checklist is a :class:`Checklist`, a standard name or a ``.eva``
    path; by default the one `decision` names, else ``eva``.

    `decision` (a dict, JSON/YAML text or a path) prefills the template with
    its values and alternatives. `checklist_name` is how the template names
    its checklist (default: the decision's ``checklist``, else the
    checklist's id), e.g. a ``.eva`` file's path relative to where the
    template will be stored. Problems are raised told in `lang` too.
    """
    with _speaking(lang):
        if checklist is not None:
            chosen = _resolve(checklist)
        elif decision is not None:
            chosen = checklist_for(decision)  # type: ignore[arg-type]
        else:
            chosen = _load(_ennakko.DEFAULT_CHECKLIST, None)
        return chosen._native.template_init(format, lang, decision, checklist_name)


def check(
    document: Document,
    *,
    checklist: Checklist | str | None = None,
    format: TemplateFormat | None = None,
    limits: Mapping[str, int] | None = None,
    lang: Lang | None = None,
) -> TemplateCheck:
    """Reads a filled template, scores its decision, and lists what is
    unanswered, inconsistent or wrong (see :class:`TemplateCheck`), told in
    `lang` (``"fi"``, ``"sv"`` or ``"en"``, default English).

    Raises :class:`ennakko.TemplateError` when the document cannot be read
    at all (not a zip, no front matter, too large...).
    """
    with _speaking(lang) as told:
        checked = _template_limits(limits)
        opened = _open(document, format, checked)
        chosen = _checklist_for(opened, checklist, checked)
        found, native_report = chosen._native.template_check(
            opened.data, opened.format, _name(opened), checked, told
        )
    return TemplateCheck(
        format=found["format"],
        checklist=found["checklist"],
        fields=found["fields"],
        outputs=found["outputs"],
        decision=found["decision"],
        report=None if native_report is None else Report(native_report),
        problems=found["problems"],
        _missing_at=tuple(found["missing"]),
        _complete=found["complete"],
        _lang=told,
    )


def fill(
    document: Document,
    *,
    checklist: Checklist | str | None = None,
    format: TemplateFormat | None = None,
    lang: Lang | None = None,
    limits: Mapping[str, int] | None = None,
) -> bytes:
    """Scores the template's decision and returns a copy of the document with
    the results (verdict, impact tables, findings, what is missing) written
    into its result places, in `lang` (default: the decision's ``language``,
    else Finnish). Every other part of the document is kept as it was;
    filling a filled document again gives the same bytes.

    Raises :class:`ennakko.TemplateError` with every error when the template
    cannot be read or has errors; unanswered questions are not errors. The
    errors are told in `lang` when it is given, else in English.
    """
    with _speaking(lang):
        checked = _template_limits(limits)
        opened = _open(document, format, checked)
        chosen = _checklist_for(opened, checklist, checked)
        return chosen._native.template_fill(
            opened.data, opened.format, lang, _name(opened), checked
        )


def checklist_name(
    document: Document,
    *,
    format: TemplateFormat | None = None,
    limits: Mapping[str, int] | None = None,
    lang: Lang | None = None,
) -> str | None:
    """The checklist a template names (its ``checklist`` field), if any;
    problems told in `lang` (default English)."""
    with _speaking(lang):
        checked = _template_limits(limits)
        opened = _open(document, format, checked)
        return _ennakko.template_checklist_name(opened.data, opened.format, _name(opened), checked)


def default_limits() -> dict[str, int]:
    """The limits documents are read within: ``max_bytes`` (T0002),
    ``max_zip_entries``, ``max_part_bytes`` and ``max_fields`` (T0004)."""
    return _ennakko.template_default_limits()


def _template_limits(limits: Mapping[str, int] | None) -> dict[str, int] | None:
    return _checked_limits(limits)


def sniff(data: bytes) -> TemplateFormat | None:
    """The format a document's bytes look like: a zip is ``docx``, text
    starting with ``---`` is ``md``, an ``<html`` document is ``html``."""
    return _ennakko.template_sniff(bytes(data))  # type: ignore[return-value]

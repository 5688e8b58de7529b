"""The report of one scored decision, and lists of them.

A :class:`Report` holds the engine's result natively; its typed attributes
(``report.verdict.level``, ``report.alternatives[1].groups``...) are built on
first use, so scoring many decisions costs nothing until you look.
"""

from __future__ import annotations

import html as _html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from . import _ennakko

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "AlternativeReport",
    "AnswerReport",
    "Cell",
    "ChecklistInfo",
    "Completeness",
    "DecisionInfo",
    "Entry",
    "Equity",
    "FactReport",
    "Finding",
    "MissingAnswer",
    "NamedScore",
    "Note",
    "OptionTerm",
    "Report",
    "Reports",
    "ScaleTerm",
    "ScoreLevelsTerm",
    "ScoreRange",
    "Term",
    "TraceItem",
    "Verdict",
    "Vocabulary",
]

Text = dict[str, str]
"""A text per language code: ``{"fi": "Lapset", "sv": "Barn", "en": "Children"}``."""

VerdictLevel = Literal["none", "light", "full"]

Organisation = Literal["municipality", "county"]
"""Who decides: a municipality or a wellbeing services county."""

GroupCategory = Literal["population", "everyone", "staff", "organisations"]
"""What kind of group: a population group, the whole population, staff or organisations."""


def _pick(text: Text, lang: str) -> str:
    """A text in `lang`, falling back to English, then to any language."""
    return text.get(lang) or text.get("en") or next(iter(text.values()), "")


@dataclass(frozen=True)
class ChecklistInfo:
    """Which checklist produced a report."""

    id: str
    version: str
    title: Text
    imports: list[str]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ChecklistInfo:
        """Builds it from its dict form."""
        return cls(d["id"], d["version"], dict(d["title"]), list(d.get("imports", [])))


@dataclass(frozen=True)
class DecisionInfo:
    """The decision a report is about."""

    id: str
    title: str
    """The title in the decision's own language."""
    kind: str | None = None
    language: str | None = None
    titles: Text = field(default_factory=dict)
    """The title per language, when the decision gives it in several."""
    organisation: Organisation | None = None
    """Who decides, if the decision says: "municipality" or "county"."""
    bilingual: bool | None = None
    """Whether the deciding organisation is bilingual, if the decision says."""
    majority_language: str | None = None
    """The organisation's majority language ("fi" or "sv"), if the decision says."""
    vulnerable_groups: list[str] = field(default_factory=list)
    """The groups that count as vulnerable in this decision (with a majority
    language given, the national-language minority is vulnerable)."""

    def title_in(self, lang: str) -> str:
        """The title in one language, if given in it, else :attr:`title`."""
        return self.titles.get(lang) or self.title

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DecisionInfo:
        """Builds it from its dict form."""
        return cls(
            d["id"],
            d["title"],
            d.get("kind"),
            d.get("language"),
            dict(d.get("titles", {})),
            d.get("organisation"),
            d.get("bilingual"),
            d.get("majority_language"),
            list(d.get("vulnerable_groups", [])),
        )


@dataclass(frozen=True)
class TraceItem:
    """One value read while computing a result."""

    source: str
    """answer, fact, decision, alternative, impact, score, applies, answered,
    mitigated, completeness or equity_gap."""
    id: str
    value: Any
    alternative: str | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TraceItem:
        """Builds it from its dict form."""
        return cls(d["source"], d["id"], d.get("value"), d.get("alternative"))


@dataclass(frozen=True)
class Finding:
    """A rule that fired."""

    severity: str
    """info, warning, required or verdict."""
    message: Text
    trace: list[TraceItem]
    rule: str | None = None
    alternative: str | None = None
    level: VerdictLevel | None = None
    """For verdict rules: the level the rule calls for."""

    def text(self, lang: str = "fi") -> str:
        """The message in one language (falling back to English)."""
        return _pick(self.message, lang)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        """Builds it from its dict form."""
        return cls(
            d["severity"],
            dict(d["message"]),
            [TraceItem.from_dict(t) for t in d.get("trace", [])],
            d.get("rule"),
            d.get("alternative"),
            d.get("level"),
        )


@dataclass(frozen=True)
class Verdict:
    """Whether an impact assessment is needed, and why."""

    level: VerdictLevel
    reasons: list[Finding]
    criteria_not_met: list[str]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Verdict:
        """Builds it from its dict form."""
        return cls(
            d["level"],
            [Finding.from_dict(f) for f in d.get("reasons", [])],
            list(d.get("criteria_not_met", [])),
        )


@dataclass(frozen=True)
class ScoreRange:
    """A score, its uncertainty range, and the cells it adds up."""

    value: float
    low: float
    high: float
    cells: list[int]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ScoreRange:
        """Builds it from its dict form."""
        return cls(d["value"], d["low"], d["high"], list(d.get("cells", [])))


@dataclass(frozen=True)
class Entry:
    """The score of one group, domain or perspective."""

    id: str
    score: ScoreRange

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entry:
        """Builds it from its dict form."""
        return cls(d["id"], ScoreRange.from_dict(d["score"]))


@dataclass(frozen=True)
class Cell:
    """One impact cell (group x domain) and how its score was computed."""

    index: int
    group: str
    domain: str
    perspective: str
    direction: int | str
    """-2..2, or "mixed" or "unknown"."""
    levels: dict[str, str]
    mitigated: bool
    value: float
    low: float
    high: float
    question: str | None = None
    note: str | None = None
    """The official's note on the impact."""
    mitigation: str | None = None
    """The mitigation proposed."""
    evidence_source: str | None = None
    """Where the evidence comes from (a study, statistics, a hearing)."""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Cell:
        """Builds it from its dict form."""
        return cls(
            d["index"],
            d["group"],
            d["domain"],
            d["perspective"],
            d["direction"],
            dict(d.get("levels", {})),
            d["mitigated"],
            d["value"],
            d["low"],
            d["high"],
            d.get("question"),
            d.get("note"),
            d.get("mitigation"),
            d.get("evidence_source"),
        )


@dataclass(frozen=True)
class NamedScore:
    """A named score of the checklist; ``value`` is None when inputs are missing.
    ``level`` is the id of the checklist's level the value falls into (its
    label is in the vocabulary's ``score_levels``), None without levels."""

    id: str
    value: float | None
    trace: list[TraceItem]
    level: str | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> NamedScore:
        """Builds it from its dict form (the label is in the report's vocabulary)."""
        trace = [TraceItem.from_dict(t) for t in d.get("trace", [])]
        return cls(d["id"], d.get("value"), trace, d.get("level"))


@dataclass(frozen=True)
class AnswerReport:
    """An answer as given, for quoting (also one to a question that does not apply)."""

    question: str
    value: Any
    applies: bool
    """Whether the question applies to this alternative."""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AnswerReport:
        """Builds it from its dict form."""
        return cls(d["question"], d.get("value"), d["applies"])


@dataclass(frozen=True)
class Equity:
    """Do vulnerable population groups fare worse than the other population groups?

    The whole population, staff and organisations take no part in the comparison.
    """

    vulnerable_mean: float | None
    """Mean profile score (strongest negative plus strongest positive impact)
    of the vulnerable population groups assessed."""
    others_mean: float | None
    """Mean profile score of the other population groups assessed."""
    gap: float | None
    """vulnerable_mean - others_mean: below zero, vulnerable groups come off worse."""
    change_from_zero: float | None
    """This gap minus the zero option's."""
    vulnerable_groups: list[str]
    """The vulnerable groups counted."""
    other_groups: list[str] = field(default_factory=list)
    """The other population groups counted."""
    harmed: list[str] = field(default_factory=list)
    """Vulnerable groups with at least one negative impact."""
    helped: list[str] = field(default_factory=list)
    """Vulnerable groups with at least one positive impact."""
    statement: str = "not_assessed"
    """What the report says: not_assessed, mixed, harmed_more, harmed_alike,
    harmed_less, harmed, helped_more, helped_alike, helped_less, helped or
    unaffected ("harmed_more" only when a vulnerable group is harmed,
    "helped_more" only when one is helped and none harmed)."""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Equity:
        """Builds it from its dict form."""
        return cls(
            d.get("vulnerable_mean"),
            d.get("others_mean"),
            d.get("gap"),
            d.get("change_from_zero"),
            list(d.get("vulnerable_groups", [])),
            list(d.get("other_groups", [])),
            list(d.get("harmed", [])),
            list(d.get("helped", [])),
            d.get("statement", "not_assessed"),
        )


@dataclass(frozen=True)
class MissingAnswer:
    """A required question left unanswered (for impact questions: which groups)."""

    question: str
    groups: list[str] = field(default_factory=list)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> MissingAnswer:
        """Builds it from its dict form."""
        return cls(d["question"], list(d.get("groups", [])))


@dataclass(frozen=True)
class Completeness:
    """Which questions apply to an alternative, which are answered, what is missing."""

    applicable: list[str]
    not_applicable: list[str]
    required: int
    answered: int
    ratio: float
    missing: list[MissingAnswer]
    groups_not_assessed: list[str]
    cells_without_evidence: list[int]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Completeness:
        """Builds it from its dict form."""
        return cls(
            list(d.get("applicable", [])),
            list(d.get("not_applicable", [])),
            d["required"],
            d["answered"],
            d["ratio"],
            [MissingAnswer.from_dict(m) for m in d.get("missing", [])],
            list(d.get("groups_not_assessed", [])),
            list(d.get("cells_without_evidence", [])),
        )


@dataclass(frozen=True)
class AlternativeReport:
    """The assessment of one alternative (the zero option or a proposal)."""

    id: str
    kind: str
    """zero, proposal or other."""
    total: ScoreRange
    groups: list[Entry]
    domains: list[Entry]
    perspectives: list[Entry]
    cells: list[Cell]
    scores: list[NamedScore]
    equity: Equity
    completeness: Completeness
    title: str | None = None
    """The title in the decision's own language."""
    titles: Text = field(default_factory=dict)
    """The title per language, when given in several."""
    description: str | None = None
    """The official's description, in the decision's own language."""
    descriptions: Text = field(default_factory=dict)
    """The description per language, when given in several."""
    answers: list[AnswerReport] = field(default_factory=list)
    """The answers given, in question order (also those to questions that do not apply)."""

    @property
    def is_zero(self) -> bool:
        """Whether this is the zero option."""
        return self.kind == "zero"

    def group(self, id: str) -> ScoreRange | None:
        """The score of one group, or None when it has no cells."""
        return next((e.score for e in self.groups if e.id == id), None)

    def domain(self, id: str) -> ScoreRange | None:
        """The score of one domain, or None when it has no cells."""
        return next((e.score for e in self.domains if e.id == id), None)

    def perspective(self, id: str) -> ScoreRange | None:
        """The score of one perspective, or None when it has no cells."""
        return next((e.score for e in self.perspectives if e.id == id), None)

    def score(self, id: str) -> float | None:
        """The value of a named score (None when missing or unknown)."""
        return next((s.value for s in self.scores if s.id == id), None)

    def title_in(self, lang: str) -> str | None:
        """The title in one language, if given in it, else :attr:`title`."""
        return self.titles.get(lang) or self.title

    def description_in(self, lang: str) -> str | None:
        """The description in one language, if given in it, else :attr:`description`."""
        return self.descriptions.get(lang) or self.description

    def answer(self, question: str) -> AnswerReport | None:
        """The answer given to a question, or None when not answered."""
        return next((a for a in self.answers if a.question == question), None)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AlternativeReport:
        """Builds it from its dict form."""
        return cls(
            d["id"],
            d["kind"],
            ScoreRange.from_dict(d["total"]),
            [Entry.from_dict(e) for e in d.get("groups", [])],
            [Entry.from_dict(e) for e in d.get("domains", [])],
            [Entry.from_dict(e) for e in d.get("perspectives", [])],
            [Cell.from_dict(c) for c in d.get("cells", [])],
            [NamedScore.from_dict(s) for s in d.get("scores", [])],
            Equity.from_dict(d["equity"]),
            Completeness.from_dict(d["completeness"]),
            d.get("title"),
            dict(d.get("titles", {})),
            d.get("description"),
            dict(d.get("descriptions", {})),
            [AnswerReport.from_dict(a) for a in d.get("answers", [])],
        )


@dataclass(frozen=True)
class FactReport:
    """A fact as the decision gives it (its label is in the vocabulary)."""

    fact: str
    """Fact id."""
    value: Any
    """The value as given."""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FactReport:
        """Builds it from its dict form."""
        return cls(d["fact"], d.get("value"))


@dataclass(frozen=True)
class Note:
    """Something worth knowing that is not a finding (e.g. an unused answer)."""

    code: str
    path: str
    message: str
    """The note, in English."""
    question: str | None = None
    """The question it is about, if any."""
    alternative: str | None = None
    """The alternative it is about, if any."""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Note:
        """Builds it from its dict form."""
        return cls(d["code"], d["path"], d["message"], d.get("question"), d.get("alternative"))


@dataclass(frozen=True)
class Term:
    """An id and its label; ``tag`` is "vulnerable" for vulnerable groups, the
    perspective for domains, the kind for questions, the unit for facts and the
    weight for scale levels."""

    id: str
    label: Text
    tag: str | None = None
    category: GroupCategory | None = None
    """For groups: "everyone", "staff" or "organisations" (None for population groups)."""

    def text(self, lang: str = "fi") -> str:
        """The label in one language (falling back to English)."""
        return _pick(self.label, lang)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Term:
        """Builds it from its dict form."""
        return cls(d["id"], dict(d["label"]), d.get("tag"), d.get("category"))


@dataclass(frozen=True)
class OptionTerm:
    """An option of a choice question or fact, and its label."""

    owner: str
    """The question or fact id."""
    id: str
    label: Text

    def text(self, lang: str = "fi") -> str:
        """The label in one language (falling back to English)."""
        return _pick(self.label, lang)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> OptionTerm:
        """Builds it from its dict form."""
        return cls(d["owner"], d["id"], dict(d["label"]))


@dataclass(frozen=True)
class ScaleTerm:
    """An assessment scale and its levels, lowest first."""

    id: str
    label: Text
    levels: list[Term]
    multiplies: bool
    default: str | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ScaleTerm:
        """Builds it from its dict form."""
        levels = [Term.from_dict(t) for t in d.get("levels", [])]
        return cls(d["id"], dict(d["label"]), levels, d["multiplies"], d.get("default"))


@dataclass(frozen=True)
class ScoreLevelsTerm:
    """A score's own levels, lowest first; each level's ``tag`` is the value
    it starts from (None for the lowest)."""

    score: str
    levels: list[Term]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ScoreLevelsTerm:
        """Builds it from its dict form."""
        return cls(d["score"], [Term.from_dict(t) for t in d.get("levels", [])])


@dataclass(frozen=True)
class Vocabulary:
    """Labels of everything a report names, so that it renders on its own."""

    groups: list[Term]
    domains: list[Term]
    perspectives: list[Term]
    questions: list[Term]
    facts: list[Term]
    scores: list[Term]
    scales: list[ScaleTerm]
    options: list[OptionTerm] = field(default_factory=list)
    """Options of choice questions and facts."""
    rules: list[Term] = field(default_factory=list)
    """Rules, labelled with their messages (for criteria not met)."""
    score_levels: list[ScoreLevelsTerm] = field(default_factory=list)
    """The levels of the scores that have them."""

    def label(self, id: str, lang: str = "fi") -> str:
        """The label of a group, domain, perspective, question, fact, score or
        rule (or the id)."""
        terms_lists = (
            self.groups,
            self.domains,
            self.perspectives,
            self.questions,
            self.facts,
            self.scores,
            self.rules,
        )
        for terms in terms_lists:
            for t in terms:
                if t.id == id:
                    return t.text(lang)
        return id

    def option_label(self, owner: str, id: str, lang: str = "fi") -> str:
        """The label of option `id` of question or fact `owner` (or the id)."""
        for o in self.options:
            if o.owner == owner and o.id == id:
                return o.text(lang)
        return id

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Vocabulary:
        """Builds it from its dict form."""

        def terms(key: str) -> list[Term]:
            return [Term.from_dict(t) for t in d.get(key, [])]

        scales = [ScaleTerm.from_dict(s) for s in d.get("scales", [])]
        return cls(
            terms("groups"),
            terms("domains"),
            terms("perspectives"),
            terms("questions"),
            terms("facts"),
            terms("scores"),
            scales,
            [OptionTerm.from_dict(o) for o in d.get("options", [])],
            terms("rules"),
            [ScoreLevelsTerm.from_dict(s) for s in d.get("score_levels", [])],
        )


_REPORT_CSS_SCOPE = "ennakko-report"


def _scope_css(css: str) -> str:
    """Scopes the report page's stylesheet to ``.ennakko-report`` so that it
    styles the report inside a notebook without restyling the notebook."""
    out: list[str] = []
    pos = 0
    while True:
        start = css.find("{", pos)
        if start < 0:
            break
        depth, end = 1, start + 1
        while end < len(css) and depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        selectors, body = css[pos:start].strip(), css[start + 1 : end - 1]
        pos = end
        if selectors.startswith("@"):  # print rules: not for notebooks
            continue
        scoped = []
        for sel in selectors.split(","):
            sel = sel.strip()
            head, _, rest = sel.partition(" ")
            if head in (":root", "html", "body", "main"):
                scoped.append(f".{_REPORT_CSS_SCOPE} {rest}".strip())
            else:
                scoped.append(f".{_REPORT_CSS_SCOPE} {sel}")
        out.append(",".join(scoped) + "{" + body + "}")
    return "\n".join(out)


def _fragment(page: str) -> str:
    """The report page as an HTML fragment for a notebook cell."""
    style_start, style_end = page.find("<style>"), page.find("</style>")
    main_start, main_end = page.find("<main>"), page.rfind("</main>")
    if min(style_start, style_end, main_start, main_end) < 0:
        # Not the page layout this code knows: isolate it in a frame instead.
        escaped = _html.escape(page, quote=True)
        return f'<iframe srcdoc="{escaped}" style="width:100%;height:40rem;border:0"></iframe>'
    css = _scope_css(page[style_start + len("<style>") : style_end])
    body = page[main_start + len("<main>") : main_end]
    return f'<div class="{_REPORT_CSS_SCOPE}"><style>{css}</style>{body}</div>'


class Report:
    """The assessment of one decision against one checklist.

    Typed views of the parts: :attr:`checklist`, :attr:`decision`,
    :attr:`facts`, :attr:`verdict`, :attr:`alternatives`, :attr:`findings`,
    :attr:`comparison`, :attr:`notes`, :attr:`vocabulary`. Output: :meth:`to_dict`, :meth:`to_json`,
    :meth:`to_markdown`, :meth:`to_html`; in Jupyter the report shows as its
    impact matrix. Reports compare equal when their content is equal, and
    pickle (as JSON).
    """

    __slots__ = ("_cache", "_native")

    _native: _ennakko.Report
    _cache: dict[str, Any]

    def __init__(self, native: _ennakko.Report) -> None:
        """Wraps a native report; use :meth:`Checklist.score` to make one."""
        if not isinstance(native, _ennakko.Report):
            raise TypeError("Report() wraps a native report; use Checklist.score(...)")
        self._native = native
        self._cache = {}

    @classmethod
    def from_json(cls, text: str | bytes) -> Report:
        """Reads a report from its JSON form (as written by :meth:`to_json`)."""
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        return cls(_ennakko.Report.from_json(text))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """Reads a report from its dict form (as written by :meth:`to_dict`)."""
        return cls(_ennakko.Report.from_dict(data))

    def _part(self, name: str) -> Any:
        if name not in self._cache:
            self._cache[name] = self._native.part(name)
        return self._cache[name]

    def _typed(self, name: str, build: Any) -> Any:
        key = "typed:" + name
        if key not in self._cache:
            self._cache[key] = build(self._part(name))
        return self._cache[key]

    @property
    def decision_id(self) -> str:
        """The decision's id (fast: builds no typed view)."""
        return self._native.decision_id

    @property
    def verdict_level(self) -> VerdictLevel:
        """The verdict level, "none", "light" or "full" (fast: builds no typed view)."""
        level: VerdictLevel = self._native.verdict_level  # type: ignore[assignment]
        return level

    @property
    def language(self) -> str | None:
        """The decision's preferred report language, if it names one."""
        return self._native.language

    @property
    def checklist(self) -> ChecklistInfo:
        """Which checklist produced the report."""
        result: ChecklistInfo = self._typed("checklist", ChecklistInfo.from_dict)
        return result

    @property
    def decision(self) -> DecisionInfo:
        """Which decision the report is about."""
        result: DecisionInfo = self._typed("decision", DecisionInfo.from_dict)
        return result

    @property
    def facts(self) -> list[FactReport]:
        """The facts the decision gives, in the checklist's order."""
        result: list[FactReport] = self._typed(
            "facts", lambda xs: [FactReport.from_dict(x) for x in xs]
        )
        return result

    @property
    def verdict(self) -> Verdict:
        """Whether an impact assessment is needed (none, light, full), and why."""
        result: Verdict = self._typed("verdict", Verdict.from_dict)
        return result

    @property
    def alternatives(self) -> list[AlternativeReport]:
        """One assessment per alternative, in the decision's order."""
        result: list[AlternativeReport] = self._typed(
            "alternatives", lambda xs: [AlternativeReport.from_dict(x) for x in xs]
        )
        return result

    @property
    def findings(self) -> list[Finding]:
        """Findings of the checklist's rules about the decision and its
        proposals, in rule order."""
        result: list[Finding] = self._typed(
            "findings", lambda xs: [Finding.from_dict(x) for x in xs]
        )
        return result

    @property
    def comparison(self) -> list[Finding]:
        """Findings and verdict rules that fired for the zero option or for an
        alternative not proposed: comparison information, which never sets
        the verdict."""
        result: list[Finding] = self._typed(
            "comparison", lambda xs: [Finding.from_dict(x) for x in xs]
        )
        return result

    @property
    def notes(self) -> list[Note]:
        """Notes about the input (e.g. answers to questions that do not apply)."""
        result: list[Note] = self._typed("notes", lambda xs: [Note.from_dict(x) for x in xs])
        return result

    @property
    def vocabulary(self) -> Vocabulary:
        """Labels of the groups, domains, perspectives, questions, facts and scales."""
        result: Vocabulary = self._typed("vocabulary", Vocabulary.from_dict)
        return result

    @property
    def zero(self) -> AlternativeReport | None:
        """The zero option, if the decision has one."""
        return next((a for a in self.alternatives if a.kind == "zero"), None)

    @property
    def proposals(self) -> list[AlternativeReport]:
        """The alternatives of kind "proposal"."""
        return [a for a in self.alternatives if a.kind == "proposal"]

    def alternative(self, id: str) -> AlternativeReport:
        """The assessment of the alternative with this id (KeyError if none)."""
        for a in self.alternatives:
            if a.id == id:
                return a
        raise KeyError(id)

    def to_dict(self) -> dict[str, Any]:
        """The whole report as plain data (the JSON form as dicts and lists)."""
        data: dict[str, Any] = self._native.to_dict()
        return data

    def to_json(self, indent: int | None = None) -> str:
        """The report as JSON: compact, or indented by `indent` spaces.

        ``to_json(indent=2)`` is byte for byte what ``ennakko score`` prints.
        """
        return self._native.to_json(indent)

    def _lang(self, lang: str | None) -> str:
        """The language to show the report in: the core decides (`lang`,
        else the decision's language, else the checklist's)."""
        return self._native.shown_language(lang)

    def to_markdown(self, lang: str | None = None) -> str:
        """The report as Markdown in "fi", "sv" or "en" (default: the
        decision's language, else Finnish)."""
        return self._native.markdown(self._lang(lang))

    def to_html(self, lang: str | None = None) -> str:
        """The report as a self-contained HTML page (inline CSS, no scripts)
        in "fi", "sv" or "en" (default: the decision's language, else Finnish)."""
        return self._native.html(self._lang(lang))

    def explain(self, id: str, lang: str | None = None) -> str:
        """How one result was reached, in plain language: `id` names a rule,
        score, group, domain or perspective. KeyError for an unknown id."""
        text = self._native.explain(id, self._lang(lang))
        if text is None:
            raise KeyError(id)
        return text

    def rows(self) -> dict[str, list[Any]]:
        """Long-format rows of this report, as columns (see :func:`ennakko.to_dataframe`)."""
        return _ennakko.rows([self._native])

    def to_pandas(self) -> Any:
        """Long-format rows as a pandas DataFrame (needs pandas)."""
        from ._frame import to_dataframe

        return to_dataframe([self], backend="pandas")

    def to_polars(self) -> Any:
        """Long-format rows as a polars DataFrame (needs polars)."""
        from ._frame import to_dataframe

        return to_dataframe([self], backend="polars")

    def _repr_html_(self) -> str:
        """The report as HTML in a Jupyter notebook."""
        return _fragment(self.to_html())

    def _repr_markdown_(self) -> str:
        """The report as Markdown where HTML is not shown."""
        return self.to_markdown()

    def __repr__(self) -> str:
        alternatives, findings = self._native.counts()
        return (
            f"<ennakko.Report decision={self.decision_id!r} verdict={self.verdict_level!r} "
            f"alternatives={alternatives} findings={findings}>"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Report):
            return NotImplemented
        return bool(self._native == other._native)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (Report.from_json, (self.to_json(),))


class Reports(list[Report]):
    """A list of reports from :meth:`Checklist.score_many`, with DataFrame output.

    ``errors`` holds the exceptions of decisions that failed when scoring with
    ``errors="skip"``; each has ``index``, the decision's position in the input.
    """

    errors: list[Exception]

    def __init__(self, reports: Iterable[Report] = (), errors: Iterable[Exception] = ()) -> None:
        """A list of reports, and the errors of the decisions that failed."""
        super().__init__(reports)
        self.errors = list(errors)

    def rows(self) -> dict[str, list[Any]]:
        """Long-format rows of every report, as columns (a dict of equal-length lists)."""
        from ._frame import rows

        return rows(self)

    def to_dataframe(self, backend: Literal["pandas", "polars"] = "pandas") -> Any:
        """Long-format rows as a DataFrame (see :func:`ennakko.to_dataframe`)."""
        from ._frame import to_dataframe

        return to_dataframe(self, backend=backend)

    def to_pandas(self) -> Any:
        """Long-format rows as a pandas DataFrame (needs pandas)."""
        return self.to_dataframe("pandas")

    def to_polars(self) -> Any:
        """Long-format rows as a polars DataFrame (needs polars)."""
        return self.to_dataframe("polars")

    def verdicts(self) -> dict[str, int]:
        """How many reports have each verdict level."""
        counts = {"none": 0, "light": 0, "full": 0}
        for r in self:
            counts[r.verdict_level] = counts.get(r.verdict_level, 0) + 1
        return counts

    def __repr__(self) -> str:
        failed = f" errors={len(self.errors)}" if self.errors else ""
        return f"<ennakko.Reports {len(self)} reports{failed}>"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Reports, (list(self), self.errors))

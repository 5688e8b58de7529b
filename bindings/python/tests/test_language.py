"""Problems in the caller's language (issue 18): ``lang=`` on the calls that
raise, and ``EnnakkoError.in_language`` afterwards. Texts taken from the
documents (ids, values, paths) stay as they were written."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

import ennakko
from ennakko import template

MISSPELT: dict[str, Any] = {
    "id": "a",
    "title": "T",
    "alternatives": [{"id": "p", "kind": "proposall"}],
}
SOURCE = 'checklist c { title en "C" version "1" languages en }\ngroup kids { labl en "Kids" }'


def test_compile_errors_in_the_language_asked() -> None:
    with pytest.raises(ennakko.ChecklistError) as en:
        ennakko.Checklist.from_source(SOURCE)
    with pytest.raises(ennakko.ChecklistError) as fi:
        ennakko.Checklist.from_source(SOURCE, lang="fi")
    assert en.value.help == "did you mean `label`?"
    assert fi.value.help == "tarkoititko `label`?"
    assert (fi.value.code, fi.value.line, fi.value.column) == (en.value.code, 2, 14)
    assert fi.value.rendered.startswith("virhe[E0104]")
    assert "= ohje: tarkoititko `label`?" in fi.value.rendered
    with pytest.raises(ennakko.ChecklistError) as sv:
        ennakko.Checklist.standard("evaa", lang="sv")
    assert sv.value.help == "menade du `eva`?"
    assert str(sv.value).startswith("fel[E0601]")


def test_a_checklists_language_is_the_default_of_its_calls() -> None:
    sv = ennakko.Checklist.standard("eva", lang="sv")
    with pytest.raises(ennakko.DecisionError) as e:
        sv.score(MISSPELT)
    assert e.value.code == "D0104"
    assert e.value.message == "`proposall` är inte tillåtet här"
    assert e.value.help == "menade du `proposal`?"
    assert e.value.path == "$.alternatives[0].kind"
    with pytest.raises(ennakko.DecisionError) as fi:
        sv.evaluate(MISSPELT, lang="fi")
    assert fi.value.message == "`proposall` ei ole sallittu tässä"
    with pytest.raises(ennakko.DecisionError) as en:
        sv.score(MISSPELT, lang="en")
    assert en.value.help == "did you mean `proposal`?"
    # Pickled, the checklist keeps its language.
    with pytest.raises(ennakko.DecisionError) as again:
        pickle.loads(pickle.dumps(sv)).score(MISSPELT)
    assert again.value.message == e.value.message


def test_in_language_after_the_fact() -> None:
    with pytest.raises(ennakko.DecisionError) as caught:
        ennakko.score(MISSPELT, checklist="eva")
    en = caught.value
    en.index = 7
    fi = en.in_language("fi")
    assert type(fi) is ennakko.DecisionError
    assert fi.index == 7
    assert fi.message == "`proposall` ei ole sallittu tässä"
    assert fi.rendered.startswith("virhe[D0104]: `proposall` ei ole sallittu tässä")
    assert [d["path"] for d in fi.diagnostics] == [d["path"] for d in en.diagnostics]
    # Back again: the same as it was.
    assert fi.in_language("en").diagnostics == en.diagnostics
    assert fi.in_language("en").rendered == en.rendered
    # Pickled, an exception keeps the language it was in.
    unpickled = pickle.loads(pickle.dumps(fi))
    assert unpickled.in_language("sv").message == fi.message


def test_batches_tell_every_exception_in_the_language() -> None:
    eva = ennakko.Checklist.standard("eva")
    decisions: list[Any] = [{"id": "a"}, MISSPELT]
    reports = eva.score_many(decisions, errors="skip", lang="sv")
    assert [e.index for e in reports.errors] == [0, 1]
    assert reports.errors[0].message == "fältet `title` saknas"
    assert reports.errors[1].help == "menade du `proposal`?"
    yielded = list(ennakko.iter_score(decisions, errors="yield", lang="fi"))
    assert isinstance(yielded[0], ennakko.DecisionError)
    assert yielded[0].message == "kenttä `title` puuttuu"
    columns = eva.evaluate_many(decisions, errors="skip", lang="fi")
    assert columns["error"][1].message == "`proposall` ei ole sallittu tässä"
    with pytest.raises(ennakko.DecisionError) as first:
        eva.score_many(decisions, lang="fi")
    assert (first.value.index, first.value.message) == (0, "kenttä `title` puuttuu")


def test_module_functions_rollup_and_templates() -> None:
    with pytest.raises(ennakko.ChecklistError) as unknown:
        named = {"id": "a", "title": "T", "checklist": "evaa", "alternatives": []}
        ennakko.score(named, lang="fi")
    assert unknown.value.help == "tarkoititko `eva`?"
    with pytest.raises(ennakko.DecisionError) as period:
        ennakko.rollup([], start="2025-13-01", lang="sv")
    with pytest.raises(ennakko.DecisionError) as period_en:
        ennakko.rollup([], start="2025-13-01")
    assert period.value.code == period_en.value.code
    assert period.value.message != period_en.value.message
    blank = template.init("eva", format="md", lang="fi")
    checked = template.check(blank, lang="fi")
    empty_id = next(p for p in checked.problems if p["code"] == "T0205")
    assert empty_id["message"] == "päätöksen kenttä id on tyhjä"
    assert checked.rendered.startswith("varoitus[")
    # A question's text in a hint is the checklist's text in that language.
    questions = ennakko.Checklist.standard("eva").describe()["questions"]
    for problem in (p for p in checked.problems if p["code"] == "T0201"):
        question = next(q for q in questions if problem["path"].endswith("." + q["id"]))
        assert problem["help"] == "vastaa: " + question["text"]["fi"]
    english = template.check(blank)
    assert next(p for p in english.problems if p["code"] == "T0205")["message"] == (
        "the decision's id is empty"
    )


def test_argument_errors_are_told_too() -> None:
    with pytest.raises(ValueError, match="tuntematon raja"):
        ennakko.Checklist.standard("eva", limits={"max_eval_step": 5}, lang="fi")


def test_an_unknown_language_is_a_value_error_with_a_suggestion() -> None:
    with pytest.raises(ValueError, match=r"A0001.*unknown language \"fin\"") as e:
        ennakko.Checklist.standard("eva", lang="fin")  # type: ignore[arg-type]
    assert "did you mean `fi`?" in str(e.value)
    eva = ennakko.Checklist.standard("eva")
    with pytest.raises(ValueError, match="A0001"):
        eva.score({}, lang="de")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="A0001"):
        ennakko.EnnakkoError("x", []).in_language("de")  # type: ignore[arg-type]


def test_render_diagnostics_words_in_the_language() -> None:
    with pytest.raises(ennakko.DecisionError) as e:
        ennakko.Checklist.standard("eva", lang="sv").score(MISSPELT)
    text = ennakko.render_diagnostics(e.value.diagnostics, "sv")
    assert text == e.value.rendered

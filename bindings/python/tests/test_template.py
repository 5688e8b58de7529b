"""Decision document templates through the Python module: the committed
examples, init/check/fill in every format and language, the checklist a
template names, errors with codes, and damaged documents."""

from __future__ import annotations

import io
import random
import shutil
import zipfile
from pathlib import Path

import pytest

import ennakko
from ennakko import template

from conftest import EXAMPLES

TEMPLATES = EXAMPLES / "templates"

# The committed examples: name, format, language of the results.
COMMITTED = [
    ("village-school", "docx", "fi"),
    ("library-hours", "md", "fi"),
    ("health-centre-merger", "html", "sv"),
]


def parts(docx: bytes) -> dict[str, bytes]:
    """A .docx's parts by name (zip bytes may differ between zlib builds)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {name: z.read(name) for name in z.namelist()}


def same_document(a: bytes, b: bytes, format: str) -> bool:
    return parts(a) == parts(b) if format == "docx" else a == b


# ---- the committed examples ------------------------------------------------------------------


@pytest.mark.parametrize(("name", "format", "lang"), COMMITTED)
def test_committed_examples_fill_to_the_committed_result(name: str, format: str, lang: str) -> None:
    blank = TEMPLATES / f"{name}.{format}"
    expected = (TEMPLATES / f"{name}.filled.{format}").read_bytes()
    from_path = template.fill(blank, lang=lang)  # type: ignore[arg-type]
    from_bytes = template.fill(blank.read_bytes(), lang=lang)  # type: ignore[arg-type]
    assert same_document(from_path, expected, format)
    assert from_bytes == from_path
    # Filling a filled document replaces the results: the same document again.
    assert template.fill(from_path, lang=lang) == from_path  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "format", "lang"), COMMITTED)
def test_committed_examples_check(name: str, format: str, lang: str) -> None:
    checked = template.check(TEMPLATES / f"{name}.filled.{format}")
    assert checked.format == format
    assert checked.report is not None and checked.decision is not None
    assert checked.errors == []
    assert "results" in checked.outputs
    assert checked.report.decision.id == checked.decision["id"]
    # Word and HTML answers come from fields; Markdown ones from the front matter.
    assert (checked.fields == []) == (format == "md")
    assert checked.report == ennakko.score(checked.decision, checklist=checked.checklist or "eva")


# ---- init, check, fill -----------------------------------------------------------------------


@pytest.mark.parametrize("format", ["docx", "md", "html"])
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_a_blank_template_is_checked_and_filled(format: str, lang: str) -> None:
    blank = template.init("eva", format=format, lang=lang)  # type: ignore[arg-type]
    assert isinstance(blank, bytes)
    assert template.sniff(blank) == format
    assert template.checklist_name(blank) == "eva"
    checked = template.check(blank)
    assert checked.format == format and checked.checklist == "eva"
    assert not checked.is_complete
    assert {p["code"] for p in checked.missing} == {"T0201"}
    assert checked.errors == []
    assert "T0201" in checked.rendered
    filled = template.fill(blank, lang=lang)  # type: ignore[arg-type]
    assert filled != blank
    assert template.check(filled).outputs == checked.outputs
    assert template.fill(filled, lang=lang) == filled  # type: ignore[arg-type]


def test_init_prefills_from_a_decision_and_names_its_checklist() -> None:
    decision = EXAMPLES / "library-hours" / "decision.yaml"
    md = template.init(decision=decision, format="md", lang="en")
    checked = template.check(md)
    assert checked.decision is not None
    assert checked.report == ennakko.score(decision)
    children = template.init("children", format="html", lang="sv", checklist_name="children")
    assert template.checklist_name(children) == "children"
    assert template.check(children).checklist == "children"


def test_markdown_text_can_be_given_as_str() -> None:
    text = template.init(format="md", lang="en").decode("utf-8")
    assert template.check(text).format == "md"
    assert template.fill(text) == template.fill(text.encode("utf-8"))


def test_the_checklist_given_wins_and_a_different_one_is_a_warning() -> None:
    blank = template.init("eva", format="md", lang="en")
    checked = template.check(blank, checklist=ennakko.Checklist.standard("children"))
    assert "T0103" in [p["code"] for p in checked.problems]


def test_a_checklist_file_named_by_a_template_is_read_beside_it(tmp_path: Path) -> None:
    source = (EXAMPLES.parent / "checklists").glob("*.eva")
    checklist_file = next(iter(sorted(source)), None)
    if checklist_file is None:
        pytest.skip("no checklist files in checklists/")
    shutil.copy(checklist_file, tmp_path / "mine.eva")
    mine = ennakko.Checklist.from_file(tmp_path / "mine.eva")
    blank = template.init(mine, format="md", lang="en", checklist_name="mine.eva")
    (tmp_path / "draft.md").write_bytes(blank)
    assert template.check(tmp_path / "draft.md").report is not None
    # Bytes have no folder: the file cannot be found, and is never looked for.
    with pytest.raises(ennakko.ChecklistError) as info:
        template.check(blank)
    assert info.value.code == "E0601" and "mine.eva" in info.value.rendered
    assert template.check(blank, checklist=mine).report is not None


@pytest.mark.parametrize("named", ["/etc/passwd", "../outside.eva", "sub/../../outside.eva"])
def test_a_template_cannot_name_a_file_outside_its_folder(tmp_path: Path, named: str) -> None:
    blank = template.init("eva", format="md", lang="en", checklist_name=named)
    (tmp_path / "draft.md").write_bytes(blank)
    with pytest.raises(ennakko.ChecklistError) as info:
        template.check(tmp_path / "draft.md")
    assert info.value.code == "E0601"
    assert "root:" not in info.value.rendered


# ---- errors -----------------------------------------------------------------------------------


def test_unreadable_documents_raise_template_errors() -> None:
    cases = [
        (b"---\nid: \xff\n---\n", "md", "T0001"),
        (b"PK\x03\x04 not really a zip", "docx", "T0003"),
    ]
    for data, format, code in cases:
        with pytest.raises(ennakko.TemplateError) as info:
            template.check(data, format=format)  # type: ignore[arg-type]
        assert info.value.code == code, info.value.rendered
        assert info.value.help
        assert isinstance(info.value, ennakko.EnnakkoError)
    # A document that can be read but holds no decision: a problem for check,
    # an error for fill.
    no_decision = b"just text, no front matter"
    assert [p["code"] for p in template.check(no_decision, format="md").errors] == ["T0101"]
    with pytest.raises(ennakko.TemplateError) as info:
        template.fill(no_decision, format="md")
    assert info.value.code == "T0101"


def test_fill_refuses_a_template_with_errors_and_names_the_line() -> None:
    text = template.init(format="md", lang="en").decode("utf-8")
    broken = text.replace("cost_eur: null", "cost_eur: lots", 1)
    checked = template.check(broken)
    assert checked.errors and not checked.is_complete
    with pytest.raises(ennakko.TemplateError) as info:
        template.fill(broken)
    assert info.value.line is not None
    assert [d["code"] for d in info.value.diagnostics] == [p["code"] for p in checked.errors]


def test_unknown_field_in_html_is_t0104(tmp_path: Path) -> None:
    html = template.init(format="html", lang="en").decode("utf-8")
    broken = html.replace('data-eva="fact.', 'data-eva="fakt.', 1)
    path = tmp_path / "draft.html"
    path.write_text(broken, encoding="utf-8")
    codes = [p["code"] for p in template.check(path).errors]
    assert "T0104" in codes
    problem = next(p for p in template.check(path).errors if p["code"] == "T0104")
    assert problem["file"] == str(path) and problem["line"]


def test_wrong_arguments() -> None:
    blank = template.init(format="md")
    with pytest.raises(ValueError, match="format"):
        template.init(format="odt")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="lang"):
        template.init(lang="de")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="lang"):
        template.fill(blank, lang="xx")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        template.check(12345)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        template.check(blank, checklist=3.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="format"):
        template.check(b"\x00\x01 no idea")
    with pytest.raises(ennakko.ChecklistError) as info:
        template.check(blank, checklist="evaa")
    assert info.value.code == "E0601"
    with pytest.raises(FileNotFoundError):
        template.check(Path("/nonexistent/draft.docx"))


# ---- damaged documents -------------------------------------------------------------------------


def test_damaged_documents_never_crash() -> None:
    rng = random.Random(7)
    docx = (TEMPLATES / "village-school.filled.docx").read_bytes()
    md = (TEMPLATES / "library-hours.filled.md").read_bytes()
    inputs: list[tuple[bytes, str]] = [(b"", "docx"), (b"", "md"), (b"", "html")]
    for _ in range(150):
        cut = rng.randrange(len(docx))
        inputs.append((docx[:cut], "docx"))
        flipped = bytearray(docx)
        for _ in range(8):
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        inputs.append((bytes(flipped), "docx"))
        noisy = bytearray(md)
        for _ in range(8):
            noisy[rng.randrange(len(noisy))] = rng.randrange(256)
        inputs.append((bytes(noisy), "md"))
        inputs.append((bytes(rng.randrange(256) for _ in range(rng.randrange(64))), "html"))
    for data, format in inputs:
        for step in (template.check, template.fill):
            try:
                step(data, format=format, checklist="eva")  # type: ignore[operator]
            except ennakko.TemplateError as e:
                assert e.code and e.diagnostics and not isinstance(e, ennakko.InternalError)


def test_a_docx_without_a_document_part_is_t0005() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(ennakko.TemplateError) as info:
        template.check(out.getvalue(), format="docx")
    assert info.value.code == "T0005"


def test_limits_for_documents_from_strangers() -> None:
    limits = template.default_limits()
    assert set(limits) == {"max_bytes", "max_zip_entries", "max_part_bytes", "max_fields"}
    docx = (TEMPLATES / "village-school.docx").read_bytes()
    with pytest.raises(ennakko.TemplateError) as info:
        template.check(docx, limits={"max_bytes": 1000})
    assert info.value.code == "T0002"
    with pytest.raises(ennakko.TemplateError) as info:
        template.fill(docx, limits={"max_fields": 3})
    assert info.value.code == "T0004"
    with pytest.raises(ennakko.TemplateError):
        template.checklist_name(docx, limits={"max_zip_entries": 2})
    # Within the limits, the same result as without them.
    roomy = {"max_bytes": len(docx) * 2}  # room for the results too
    assert template.fill(docx, limits=roomy) == template.fill(docx)
    with pytest.raises(ValueError, match="max_bytes"):
        template.check(docx, limits={"max_byte": 10})
    with pytest.raises(TypeError):
        template.check(docx, limits={"max_bytes": "10"})  # type: ignore[dict-item]


def _proposal_answers(text: str, answers: dict[str, str]) -> str:
    """A Markdown form with answers of the proposal set in its front matter."""
    head, proposal = text.split("  - id: proposal\n", 1)
    for question, value in answers.items():
        proposal = proposal.replace(f"{question}: null", f"{question}: {value}", 1)
    return head + "  - id: proposal\n" + proposal


def test_a_markdown_form_asks_what_applies_and_keeps_every_answer() -> None:
    blank = template.init("eva", format="md", lang="sv").decode()
    assert blank.startswith("---\n# eva:form\n")
    assert "(school_journeys) ===" not in blank  # not asked before screening
    answered = _proposal_answers(
        blank, {"affects_children": "yes", "changes_service_network": "yes"}
    )
    filled = template.fill(answered).decode()
    assert "(school_journeys) ===" in filled.split("  - id: proposal\n", 1)[1]
    assert "\u26a0 Svar saknas" in filled  # notes beside the fields, in Swedish
    assert template.fill(filled).decode() == filled
    # The children stop being affected after a row was written: it is kept, visibly.
    row = (
        "      - question: school_journeys\n        group: children\n        domain: mobility\n"
        "        direction: -1\n        mitigation: Skolskjuts\n"
    )
    at = filled.index("(school_journeys) ===")
    at = filled.index("\n", at) + 1
    with_row = filled[:at] + row + filled[at:]
    head, proposal = with_row.split("  - id: proposal\n", 1)
    with_row = (
        head + "  - id: proposal\n" + proposal.replace("    impacts: []\n", "    impacts:\n", 1)
    )
    changed = with_row.replace("affects_children: yes", "affects_children: no")
    after = template.fill(changed).decode()
    stale = after.index("=== Svar på frågor som inte längre gäller beslutet ===")
    assert "Skolskjuts" in after[stale:]
    assert "T0203" in {p["code"] for p in template.check(after).problems}
    assert template.fill(after).decode() == after


def test_an_html_form_adds_rows_for_what_applies() -> None:
    blank = template.init("eva", format="html", lang="en").decode()
    assert "data-eva-form" in blank and "row.proposal.school_journeys." not in blank
    tag = 'data-eva="answer.proposal.affects_children"'
    at = blank.index(tag)
    end = blank.index("</select>", at)
    answered = (
        blank[:at] + blank[at:end].replace('value="yes">', 'value="yes" selected>', 1) + blank[end:]
    )
    filled = template.fill(answered).decode()
    assert 'data-eva="row.proposal.children_learning_wellbeing.group"' in filled
    assert "data-eva-row" in filled and "\u26a0 Answer missing" in filled
    assert template.fill(filled).decode() == filled

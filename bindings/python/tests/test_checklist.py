"""Checklist: constructors, limits, description, errors, pickling."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import ennakko

from conftest import SMALL, small_decision


def test_standard_names() -> None:
    names = ennakko.standard_names()
    assert "eva" in names
    assert ennakko.Checklist.standard_names() == names


def test_standard(eva: ennakko.Checklist) -> None:
    assert eva.name == "eva"
    assert repr(eva) == "<ennakko.Checklist 'eva' (standard)>"
    assert eva.warnings == []
    assert eva.describe()["id"] == "eva"


@pytest.mark.parametrize("name", ennakko.standard_names())
def test_every_standard_checklist_compiles(name: str) -> None:
    checklist = ennakko.Checklist.standard(name)
    assert checklist.warnings == []
    assert checklist.describe()["groups"]


def test_unknown_standard_name_suggests() -> None:
    with pytest.raises(ennakko.ChecklistError) as info:
        ennakko.Checklist.standard("evaa")
    e = info.value
    assert e.code == "E0601"
    assert e.help == "did you mean `eva`?"
    assert isinstance(e, ennakko.EnnakkoError)


def test_from_source(small: ennakko.Checklist) -> None:
    assert small.name == "small.eva"
    assert repr(small) == "<ennakko.Checklist 'small.eva' (source)>"
    d = small.describe()
    assert d["id"] == "small"
    assert [g["id"] for g in d["groups"]] == ["children", "adults"]
    assert {q["id"] for q in d["questions"]} == {"changes_network", "journeys"}


def test_from_source_default_name() -> None:
    checklist = ennakko.Checklist.from_source(SMALL)
    assert checklist.name == "<source>"


def test_from_source_rejects_non_str() -> None:
    with pytest.raises(TypeError):
        ennakko.Checklist.from_source(b"checklist x {}")  # type: ignore[arg-type]


def test_compile_errors_carry_every_diagnostic() -> None:
    source = """checklist c { title en "C" version "1" languages en }
group kids { labl en "Kids" }
question q: screning { text en "Q?" }
"""
    with pytest.raises(ennakko.ChecklistError) as info:
        ennakko.Checklist.from_source(source, "my.eva")
    e = info.value
    assert len(e.diagnostics) >= 2
    assert e.codes[:2] == ["E0104", "E0108"] or set(e.codes) >= {"E0104", "E0108"}
    first = e.diagnostics[0]
    assert e.code == first["code"]
    assert e.message == first["message"]
    assert e.file == "my.eva"
    assert (e.line, e.column) == (first["line"], first["column"])
    assert e.help == first.get("help")
    assert e.path is None
    assert e.rendered.startswith(f"error[{e.code}]")
    assert "--> my.eva:" in e.rendered
    assert str(e) == e.rendered.rstrip("\n")
    assert e.index is None


def test_syntax_error_position() -> None:
    with pytest.raises(ennakko.ChecklistError) as info:
        ennakko.Checklist.from_source("group { }", "x.eva")
    assert info.value.code == "E0001"
    assert info.value.line == 1


def test_from_source_with_files() -> None:
    main = 'import "./groups.eva"\nchecklist m { title en "M" version "1" languages en }\n'
    groups = 'group kids { label en "Kids" }\n'
    checklist = ennakko.Checklist.from_source(main, "main.eva", files={"groups.eva": groups})
    assert [g["id"] for g in checklist.describe()["groups"]] == ["kids"]
    with pytest.raises(ennakko.ChecklistError) as info:
        ennakko.Checklist.from_source(main, "main.eva")
    assert info.value.code == "E0601"


def test_files_import_relative_to_the_importing_file() -> None:
    # As on disk: lib/groups.eva's `./base.eva` is lib/base.eva.
    main = 'import "./lib/groups.eva"\nchecklist m { title en "M" version "1" languages en }\n'
    files = {
        "./lib/groups.eva": 'import "./base.eva"\ngroup kids { label en "Kids" parent everyone }\n',
        "lib/base.eva": 'group everyone { label en "Everyone" }\n',
    }
    checklist = ennakko.Checklist.from_source(main, "main.eva", files=files)
    assert [g["id"] for g in checklist.describe()["groups"]] == ["everyone", "kids"]
    with pytest.raises(ValueError, match="leaves the root folder"):
        ennakko.Checklist.from_source(main, "main.eva", files={"../up.eva": ""})


def write_project(root: Path) -> Path:
    (root / "lib").mkdir()
    (root / "lib" / "groups.eva").write_text('group kids { label en "Kids" }\n', encoding="utf-8")
    main = root / "main.eva"
    main.write_text(
        'import "./lib/groups.eva"\nchecklist m { title en "M" version "1" languages en }\n',
        encoding="utf-8",
    )
    return main


def test_from_file_with_imports(tmp_path: Path) -> None:
    main = write_project(tmp_path)
    checklist = ennakko.Checklist.from_file(main)
    assert checklist.name == str(main)
    assert [g["id"] for g in checklist.describe()["groups"]] == ["kids"]
    assert ennakko.Checklist.from_file(str(main)).describe() == checklist.describe()


def test_from_file_refuses_escapes(tmp_path: Path) -> None:
    (tmp_path / "secret.eva").write_text('group s { label en "S" }\n', encoding="utf-8")
    (tmp_path / "inner").mkdir()
    main = tmp_path / "inner" / "main.eva"
    main.write_text(
        'import "../secret.eva"\nchecklist m { title en "M" version "1" languages en }\n',
        encoding="utf-8",
    )
    with pytest.raises(ennakko.ChecklistError) as info:
        ennakko.Checklist.from_file(main)
    assert info.value.code == "E0601"


def test_from_file_missing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        ennakko.Checklist.from_file(tmp_path / "nope.eva")


def test_from_file_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.eva"
    path.write_text("group { }", encoding="utf-8")
    with pytest.raises(ennakko.ChecklistError) as info:
        ennakko.Checklist.from_file(path)
    assert info.value.file == str(path)


def test_default_limits() -> None:
    limits = ennakko.default_limits()
    assert limits["max_nesting"] == 64
    assert set(limits) >= {"max_eval_steps", "max_decision_bytes", "max_decision_depth"}


def test_limits_apply() -> None:
    checklist = ennakko.Checklist.from_source(SMALL, limits={"max_eval_steps": 5})
    assert checklist.limits["max_eval_steps"] == 5
    assert checklist.limits["max_nesting"] == ennakko.default_limits()["max_nesting"]
    with pytest.raises(ennakko.EvaluationError) as info:
        checklist.score(small_decision(1))
    assert info.value.code == "R0001"


def test_limits_for_standard_checklists() -> None:
    checklist = ennakko.Checklist.standard("eva", limits={"max_decision_bytes": 10})
    with pytest.raises(ennakko.DecisionError) as info:
        checklist.score("id: x\ntitle: y\nalternatives: []")
    assert info.value.code == "D0002"


def test_limits_on_sources() -> None:
    with pytest.raises(ennakko.ChecklistError) as info:
        ennakko.Checklist.from_source(SMALL, limits={"max_source_bytes": 10})
    assert info.value.code == "E0002"


def test_error_kinds_are_the_javascript_kinds(eva: ennakko.Checklist) -> None:
    """Each exception names its kind as the WebAssembly package's errors do."""
    with pytest.raises(ennakko.ChecklistError) as compile_error:
        ennakko.Checklist.from_source("checklist")
    assert compile_error.value.kind == "compile"
    with pytest.raises(ennakko.DecisionError) as decision_error:
        eva.score({"id": "1"})
    assert decision_error.value.kind == "decision"
    tight = ennakko.Checklist.standard("eva", limits={"max_eval_steps": 1})
    with pytest.raises(ennakko.EvaluationError) as evaluation_error:
        tight.score({"id": "1", "title": "T", "alternatives": [{"id": "p", "kind": "proposal"}]})
    assert evaluation_error.value.kind == "evaluation"
    with pytest.raises(ValueError, match="unknown language"):
        ennakko.template.init(lang="se")  # type: ignore[arg-type]


def test_bad_limits() -> None:
    with pytest.raises(ValueError, match="did you mean `max_eval_steps`"):
        ennakko.Checklist.from_source(SMALL, limits={"max_eval_step": 5})
    with pytest.raises(ValueError, match="negative"):
        ennakko.Checklist.from_source(SMALL, limits={"max_eval_steps": -1})
    with pytest.raises(TypeError):
        ennakko.Checklist.from_source(SMALL, limits={"max_eval_steps": True})
    with pytest.raises(TypeError):
        ennakko.Checklist.from_source(SMALL, limits={"max_eval_steps": "5"})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        ennakko.Checklist.from_source(SMALL, limits=[1, 2])  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        ennakko.Checklist.from_source(SMALL, limits={"max_eval_steps": 2**70})


def test_warnings_are_dicts() -> None:
    # An unused... checklist that compiles with warnings, if the language has any.
    checklist = ennakko.Checklist.from_source(SMALL)
    assert isinstance(checklist.warnings, list)


def test_constructor_is_private() -> None:
    with pytest.raises(TypeError):
        ennakko.Checklist(object())  # type: ignore[arg-type]


def test_pickle_standard(eva: ennakko.Checklist) -> None:
    again = pickle.loads(pickle.dumps(eva))
    assert again.name == "eva"
    assert len(pickle.dumps(eva)) < 1000  # the name and limits, not the source
    decision = {
        "id": "x",
        "title": "t",
        "alternatives": [
            {"id": "zero", "kind": "zero"},
            {
                "id": "p",
                "kind": "proposal",
                "impacts": [{"group": "children", "domain": "mobility", "direction": -1}],
            },
        ],
    }
    assert again.score(decision) == eva.score(decision)


def test_pickle_source_keeps_limits(small: ennakko.Checklist) -> None:
    limited = ennakko.Checklist.from_source(SMALL, "s.eva", limits={"max_eval_steps": 5})
    again = pickle.loads(pickle.dumps(limited))
    assert again.limits == limited.limits
    assert again.name == "s.eva"
    copy = pickle.loads(pickle.dumps(small))
    assert copy.score(small_decision(3)) == small.score(small_decision(3))


def test_pickle_file_with_imports_needs_no_files(tmp_path: Path) -> None:
    main = write_project(tmp_path)
    checklist = ennakko.Checklist.from_file(main)
    data = pickle.dumps(checklist)
    for f in sorted(tmp_path.rglob("*.eva")):
        f.unlink()
    again = pickle.loads(data)
    assert again.describe() == checklist.describe()
    assert again.name == checklist.name


def test_pickle_with_files_argument() -> None:
    main = 'import "./groups.eva"\nchecklist m { title en "M" version "1" languages en }\n'
    checklist = ennakko.Checklist.from_source(
        main, "main.eva", files={"groups.eva": 'group kids { label en "Kids" }\n'}
    )
    again = pickle.loads(pickle.dumps(checklist))
    assert again.describe() == checklist.describe()


def test_bad_pickle_state() -> None:
    from ennakko import _ennakko

    with pytest.raises((ValueError, TypeError, IndexError)):
        _ennakko.Checklist.from_state(("nonsense", "x", "{}"))
    with pytest.raises((ValueError, TypeError, IndexError)):
        _ennakko.Checklist.from_state(("standard", "eva", "not json"))
    with pytest.raises((ValueError, TypeError, IndexError)):
        _ennakko.Checklist.from_state(())

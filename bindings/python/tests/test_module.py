"""The module surface: schemas, docstrings, type stubs."""

from __future__ import annotations

import inspect
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ennakko
from ennakko import plot

PACKAGE = Path(ennakko.__file__).parent
BINDING = Path(__file__).resolve().parents[1]


def test_version() -> None:
    assert ennakko.__version__.count(".") == 2


@pytest.mark.parametrize(
    "kind", ["decision", "report", "description", "diagnostic", "template-check"]
)
def test_schema(kind: str) -> None:
    schema = ennakko.schema(kind)  # type: ignore[arg-type]
    assert schema["title"]
    assert "properties" in schema or "$defs" in schema


def test_unknown_schema() -> None:
    with pytest.raises(ValueError):
        ennakko.schema("nope")  # type: ignore[arg-type]


def test_render_diagnostics() -> None:
    with pytest.raises(ennakko.ChecklistError) as info:
        ennakko.Checklist.from_source("group { }", "x.eva")
    assert ennakko.render_diagnostics(info.value.diagnostics) == info.value.rendered


def test_exception_hierarchy() -> None:
    for cls in (
        ennakko.ChecklistError,
        ennakko.DecisionError,
        ennakko.EvaluationError,
        ennakko.InternalError,
    ):
        assert issubclass(cls, ennakko.EnnakkoError)
    assert issubclass(ennakko.EnnakkoError, Exception)
    e = ennakko.DecisionError("rendered", [])
    assert e.code is None and e.first == {} and e.codes == []


def public_objects() -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = [("ennakko", ennakko), ("ennakko.plot", plot)]
    for module, names in ((ennakko, ennakko.__all__), (plot, plot.__all__)):
        for name in names:
            obj = getattr(module, name)
            if name.startswith("__") or not (inspect.isclass(obj) or inspect.isfunction(obj)):
                continue
            out.append((f"{module.__name__}.{name}", obj))
            if inspect.isclass(obj):
                for attr, member in vars(obj).items():
                    if attr.startswith("_") or (
                        not callable(member)
                        and not isinstance(member, (property, classmethod, staticmethod))
                    ):
                        continue
                    out.append((f"{module.__name__}.{name}.{attr}", member))
    return out


@pytest.mark.parametrize(
    "name, obj", public_objects(), ids=lambda x: x if isinstance(x, str) else ""
)
def test_everything_public_has_a_docstring(name: str, obj: object) -> None:
    if isinstance(obj, (classmethod, staticmethod)):
        obj = obj.__func__
    doc = getattr(obj, "__doc__", None)
    assert doc and doc.strip(), f"{name} has no docstring"


def test_typed_package() -> None:
    assert (PACKAGE / "py.typed").exists()
    assert (PACKAGE / "_ennakko.pyi").exists()


def test_mypy_accepts_package_and_usage() -> None:
    """The stubs and the package type-check (strict), and so does typical use."""
    pytest.importorskip("mypy")
    if shutil.which("mypy") is None and not (Path(sys.executable).parent / "mypy").exists():
        pytest.skip("mypy not installed")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"],
        cwd=BINDING,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr

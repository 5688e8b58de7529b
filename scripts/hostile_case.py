#!/usr/bin/env python3
"""One case of the shared hostile corpus through the Python module, alone in
its process, so that scripts/hostile-budget.py can measure its wall time and
peak memory without another case's memory hiding it.

Usage: hostile_case.py SECTION INDEX     a case of tests/hostile/manifest.json
       hostile_case.py baseline FILE     a trivial decision, scored with `eva`

It makes the calls bindings/python/tests/test_hostile.py makes for that case
(the corpus tests), so the budget measures the work the tests prove correct.
Exit 0: every call gave a result or a coded ennakko error. Exit 3: a call
raised anything else (InternalError, PanicException, another exception); a
crash of the interpreter ends the process by a signal. Which code each case
must give is checked by the tests, not here.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ennakko

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "hostile"
CRASHED = 3


def clean(run: Callable[[], Any]) -> None:
    """Runs one call; a coded ennakko error is a clean outcome (what the
    tests accept), an InternalError is not (it means the engine failed)."""
    try:
        run()
    except ennakko.InternalError:
        raise
    except ennakko.EnnakkoError:
        pass


def generated_text(case: dict[str, Any]) -> str:
    """The text of a generated case, built in this process as the test
    builds it: its size is part of what a host holds."""
    return str(case["prefix"] + case["repeat"] * case["count"] + case["suffix"])


def decision_format(name: str) -> str:
    return "json" if name.endswith(".json") else "yaml"


def checklists(case: dict[str, Any]) -> None:
    """From the file (imports resolved from its folder), then from its text
    alone; bytes that are not UTF-8 are refused by from_file and reach
    from_source only as replacement characters."""
    path = HOSTILE / case["file"]
    if case["expect"] == "unreadable":
        try:
            ennakko.Checklist.from_file(path)
        except UnicodeDecodeError:
            pass
        text = path.read_bytes().decode("utf-8", "replace")
        clean(lambda: ennakko.Checklist.from_source(text, case["file"]))
        return
    clean(lambda: ennakko.Checklist.from_file(path))
    text = path.read_text(encoding="utf-8")
    clean(lambda: ennakko.Checklist.from_source(text, case["file"]))


def decisions(case: dict[str, Any]) -> None:
    """Scored from the file, then as bytes; where the manifest says so, with
    the checklist the decision names, from the file and as text."""
    path = HOSTILE / case["file"]
    checklist = ennakko.Checklist.standard(case["checklist"])
    clean(lambda: checklist.score(path))
    if case["expect"] == "unreadable":
        return
    fmt = decision_format(path.name)
    data = path.read_bytes()
    clean(lambda: checklist.score(data, format=fmt))
    if "cli_expect" in case:
        clean(lambda: ennakko.score(path))
    if "as_text_expect" in case:
        clean(lambda: ennakko.score(data, format=fmt))
        clean(lambda: ennakko.score(data.decode("utf-8"), format=fmt))
        clean(lambda: ennakko.checklist_for(data, format=fmt))
        ennakko.score_many([data], format=fmt, errors="skip")


def generated(case: dict[str, Any]) -> None:
    """A checklist (`.eva`) compiled from its text, else a decision scored."""
    text = generated_text(case)
    name = case["name"]
    if name.endswith(".eva"):
        clean(lambda: ennakko.Checklist.from_source(text, name))
        return
    checklist = ennakko.Checklist.standard(case["checklist"])
    clean(lambda: checklist.score(text, format=decision_format(name)))


def templates(case: dict[str, Any]) -> None:
    """`template.check` of the document's bytes with the named checklist."""
    from ennakko import template

    if "file" in case:
        data = (HOSTILE / case["file"]).read_bytes()
    else:
        data = generated_text(case).encode("utf-8")
    checklist = ennakko.Checklist.standard(case["checklist"])
    clean(lambda: template.check(data, checklist=checklist, format=case["format"]))


def baseline(file: str) -> None:
    """What every case pays anyway: the interpreter, the import, compiling
    `eva` and scoring a trivial decision."""
    ennakko.Checklist.standard("eva").score(Path(file))


SECTIONS: dict[str, Callable[[dict[str, Any]], None]] = {
    "checklists": checklists,
    "decisions": decisions,
    "generated": generated,
    "templates": templates,
}


def main(args: list[str]) -> int:
    if len(args) != 2 or (args[0] not in SECTIONS and args[0] != "baseline"):
        print(__doc__, file=sys.stderr)
        return 2
    if args[0] == "baseline":
        baseline(args[1])
        return 0
    manifest = json.loads((HOSTILE / "manifest.json").read_text(encoding="utf-8"))
    SECTIONS[args[0]](manifest[args[0]][int(args[1])])
    return 0


if __name__ == "__main__":
    try:
        status = main(sys.argv[1:])
    except BaseException as e:  # PanicException is a BaseException
        print(f"crashed: {type(e).__name__}: {str(e)[:500]}", file=sys.stderr)
        status = CRASHED
    sys.exit(status)

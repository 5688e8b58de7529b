#!/usr/bin/env python3
"""Time and peak memory of every case of the shared hostile corpus
(tests/hostile/manifest.json) through the release CLI, one process each.

Usage: scripts/hostile-budget.py ENNAKKO_BINARY [--max-seconds S] [--max-mib M]

Each case runs as `ennakko check` (checklists), `ennakko score --checklist C`
(decisions) or `ennakko template check --checklist C` (templates); its wall
time is measured here, its peak resident memory by GNU time (/usr/bin/time). Prints one line per case
and fails (exit 1) if any case takes longer or more memory than the budget
(default 1 s, 200 MiB: the promise of docs/security.md). The exit codes and
error codes themselves are checked by the test suites, not here.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "hostile"


def command(binary: str, kind: str, path: Path, case: dict) -> list[str]:
    if kind == "checklists" or (kind == "generated" and path.suffix == ".eva"):
        return [binary, "check", str(path)]
    checklist = case.get("checklist", "eva")
    if kind == "templates":
        return [binary, "template", "check", "--checklist", checklist, str(path)]
    return [binary, "score", "--checklist", checklist, "--compact", str(path)]


def measure(cmd: list[str], report: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one process, measured by GNU
    time (a small process that forks the command: Python's own vfork would
    lend the command Python's memory high-water mark)."""
    start = time.perf_counter()
    subprocess.run(
        ["/usr/bin/time", "-f", "%M", "-o", str(report), *cmd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=CORPUS,
        check=False,
    )
    seconds = time.perf_counter() - start
    kib = float(report.read_text().strip().splitlines()[-1])
    return seconds, kib / 1024


def main() -> int:
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    binary = str(Path(args[0]).resolve())
    max_seconds = (
        float(args[args.index("--max-seconds") + 1]) if "--max-seconds" in args else 1.0
    )
    max_mib = float(args[args.index("--max-mib") + 1]) if "--max-mib" in args else 200.0
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    over = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("checklists", "decisions", "generated", "templates"):
            for case in manifest.get(kind, []):
                if "file" in case:
                    path = CORPUS / case["file"]
                else:
                    path = Path(tmp) / case["name"]
                    text = (
                        case.get("prefix", "")
                        + case.get("repeat", "") * case.get("count", 0)
                        + case.get("suffix", "")
                    )
                    path.write_bytes(text.encode("utf-8", "surrogatepass"))
                seconds, mib = measure(
                    command(binary, kind, path, case), Path(tmp) / "time.txt"
                )
                name = case.get("file") or case["name"]
                flag = (
                    "" if seconds <= max_seconds and mib <= max_mib else "  OVER BUDGET"
                )
                print(f"{seconds:7.3f} s {mib:7.1f} MiB  {kind}/{name}{flag}")
                if flag:
                    over.append(name)
    if over:
        print(
            f"{len(over)} case(s) over {max_seconds} s or {max_mib} MiB: {', '.join(over)}",
            file=sys.stderr,
        )
        return 1
    print(f"every hostile case within {max_seconds} s and {max_mib} MiB")
    return 0


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.exit(main())

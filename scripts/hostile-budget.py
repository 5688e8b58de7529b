#!/usr/bin/env python3
"""Time and peak memory of every case of the shared hostile corpus
(tests/hostile/manifest.json), one process per case per front end.

Usage: scripts/hostile-budget.py [ENNAKKO_BINARY] [--front cli,python,wasm]
           [--max-seconds S] [--max-mib M] [--max-wall W] [--python PY] [--node NODE]

Front ends (`--front`, default `cli`; ENNAKKO_BINARY is needed for `cli`):
- cli: the release CLI: `ennakko check` (checklists), `ennakko score
  --checklist C` (decisions) or `ennakko template check --checklist C`
  (templates);
- python: scripts/hostile_case.py under the interpreter PY (default: the one
  running this script), which imports ennakko and makes the calls of the
  Python corpus tests;
- wasm: scripts/hostile_case.mjs under NODE (default `node`), which loads
  bindings/wasm/pkg (build it with scripts/build-wasm.sh) and makes the calls
  of the wasm corpus tests.

Wall time is measured here, peak resident memory and CPU time (user +
system) by GNU time (/usr/bin/time), for the whole process: interpreter and
module included. The time budget is on the case's own CPU time: the
process's CPU time minus the baseline's (starting Node and compiling the
module cost 0.25 s of CPU before any input). CPU time, unlike wall time,
does not grow when other work shares the machine, so the check does not
fail on a busy CI runner; a process that waits instead of working (a hang)
is caught by a wall-clock ceiling (`--max-wall`, default 10 s). The memory
budget is on the whole process.
Each front end first runs a baseline (a trivial decision scored with `eva`)
so that a reader sees what the process costs before any hostile input.
Prints one line per case per front end, then the slowest and largest case
and the baseline of each, and fails (exit 1) if any case takes longer or
more memory than the budget (default 1 s, 200 MiB: the promise of
docs/security.md) or crashes (a CLI exit code other than 0, 1 or 2; a runner
exit code other than 0; a signal). Which code each case gives is checked by
the test suites, not here.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "hostile"
SECTIONS = ("checklists", "decisions", "generated", "templates")
FRONTS = ("cli", "python", "wasm")
# The exit codes of a clean outcome: the CLI's 0 (ok), 1 (diagnostics) and
# 2 (unreadable); a runner's 0 (every call gave a result or a coded error).
CLEAN_EXIT = {"cli": {0, 1, 2}, "python": {0}, "wasm": {0}}
# A trivial valid decision: what the process costs before any hostile input.
BASELINE_DECISION = {
    "id": "baseline",
    "title": "Baseline",
    "alternatives": [{"id": "zero", "kind": "zero"}, {"id": "proposal", "kind": "proposal"}],
}


@dataclass
class Case:
    """One corpus case: its section, its index there (the runners read the
    manifest themselves), its entry, and its file (written for a generated
    case, since the CLI reads files)."""

    section: str
    index: int
    entry: dict
    path: Path

    @property
    def label(self) -> str:
        """The file (its path names its section), else the section and name."""
        return self.entry.get("file") or f"{self.section}/{self.entry['name']}"


@dataclass
class Measured:
    front: str
    label: str
    seconds: float
    mib: float
    status: int
    cpu: float  # user + system seconds: wall time far above it means a busy machine

    def line(self, note: str) -> str:
        return (
            f"{self.front:6} {self.seconds:7.3f} s {self.mib:7.1f} MiB"
            f" (cpu {self.cpu:5.2f} s)  {self.label}{note}"
        )


def cases(manifest: dict, tmp: Path) -> list[Case]:
    """Every case of the manifest, generated texts written to `tmp`."""
    found = []
    for section in SECTIONS:
        for index, entry in enumerate(manifest.get(section, [])):
            if "file" in entry:
                path = CORPUS / entry["file"]
            else:
                path = tmp / entry["name"]
                text = (
                    entry.get("prefix", "")
                    + entry.get("repeat", "") * entry.get("count", 0)
                    + entry.get("suffix", "")
                )
                path.write_bytes(text.encode("utf-8", "surrogatepass"))
            found.append(Case(section, index, entry, path))
    return found


def cli_command(binary: str, case: Case) -> list[str]:
    if case.section == "checklists" or case.path.suffix == ".eva":
        return [binary, "check", str(case.path)]
    checklist = case.entry.get("checklist", "eva")
    if case.section == "templates":
        return [binary, "template", "check", "--checklist", checklist, str(case.path)]
    return [binary, "score", "--checklist", checklist, "--compact", str(case.path)]


def runner_command(front: str, args: argparse.Namespace, what: list[str]) -> list[str]:
    """The Python or Node runner, given a section and index or `baseline FILE`."""
    if front == "python":
        return [args.python, str(ROOT / "scripts" / "hostile_case.py"), *what]
    return [args.node, str(ROOT / "scripts" / "hostile_case.mjs"), *what]


def command(front: str, args: argparse.Namespace, case: Case) -> list[str]:
    if front == "cli":
        return cli_command(args.binary, case)
    return runner_command(front, args, [case.section, str(case.index)])


def baseline_command(front: str, args: argparse.Namespace, decision: Path) -> list[str]:
    if front == "cli":
        return [args.binary, "score", "--checklist", "eva", "--compact", str(decision)]
    return runner_command(front, args, ["baseline", str(decision)])


def measure(cmd: list[str], report: Path) -> tuple[float, float, int, float]:
    """Wall seconds, peak resident MiB, exit status and CPU seconds of one
    process; memory and CPU measured by GNU time (a small process that forks
    the command: Python's own vfork would lend the command Python's memory
    high-water mark)."""
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M %U %S", "-o", str(report), *cmd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=CORPUS,
        check=False,
    )
    seconds = time.perf_counter() - start
    kib, user, system = report.read_text().strip().splitlines()[-1].split()
    return seconds, float(kib) / 1024, done.returncode, float(user) + float(system)


def verdict(front: str, m: Measured, base: Measured, args: argparse.Namespace) -> str:
    """What is wrong with one measurement, or "" if nothing."""
    if m.status not in CLEAN_EXIT[front]:
        return f"  CRASHED (exit {m.status})"
    if m.cpu - base.cpu > args.max_seconds or m.mib > args.max_mib:
        return "  OVER BUDGET"
    if m.seconds > args.max_wall:
        return f"  HUNG (over {args.max_wall} s of wall time)"
    return ""


def run_front(front: str, args: argparse.Namespace, found: list[Case], tmp: Path) -> list[str]:
    """Measures the baseline and every case through one front end, prints a
    line for each and a summary; returns the labels of the failed cases."""
    report = tmp / "time.txt"
    decision = tmp / "baseline.json"
    decision.write_text(json.dumps(BASELINE_DECISION), encoding="utf-8")
    base = Measured(
        front,
        "(baseline: a trivial decision)",
        *measure(baseline_command(front, args, decision), report),
    )
    print(base.line(""))
    if base.status not in CLEAN_EXIT[front]:
        print(f"{front}: the baseline failed (exit {base.status}); is it built?", file=sys.stderr)
        return [f"{front} baseline"]
    results = []
    failed = []
    for case in found:
        m = Measured(front, case.label, *measure(command(front, args, case), report))
        flag = verdict(front, m, base, args)
        print(m.line(flag))
        results.append(m)
        if flag:
            failed.append(f"{front} {m.label}{flag}")
    summarize(front, results, base)
    return failed


def summarize(front: str, results: list[Measured], base: Measured) -> None:
    slowest = max(results, key=lambda m: m.cpu)
    largest = max(results, key=lambda m: m.mib)
    print(
        f"{front}: {len(results)} cases; slowest {slowest.cpu - base.cpu:.3f} s of CPU over the "
        f"baseline, {slowest.seconds:.3f} s wall ({slowest.label}), "
        f"largest {largest.mib:.1f} MiB ({largest.label}); "
        f"baseline {base.seconds:.3f} s wall, {base.cpu:.2f} s CPU, {base.mib:.1f} MiB"
    )


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("binary", nargs="?", help="the release ennakko CLI (for --front cli)")
    parser.add_argument("--front", default="cli", help="comma-separated: cli,python,wasm")
    parser.add_argument("--max-seconds", type=float, default=1.0)
    parser.add_argument("--max-mib", type=float, default=200.0)
    parser.add_argument("--max-wall", type=float, default=10.0, help="wall seconds: a hang")
    parser.add_argument("--python", default=sys.executable, help="interpreter with ennakko")
    parser.add_argument("--node", default="node")
    args = parser.parse_args(argv)
    args.fronts = [f for f in args.front.split(",") if f]
    unknown = [f for f in args.fronts if f not in FRONTS]
    if unknown or not args.fronts:
        parser.error(f"unknown front end(s) {unknown}; choose from {', '.join(FRONTS)}")
    if "cli" in args.fronts:
        if not args.binary:
            parser.error("--front cli needs ENNAKKO_BINARY")
        args.binary = str(Path(args.binary).resolve())
    # A path is made absolute, since the processes run in the corpus folder,
    # but not resolved: a virtualenv's python is a symbolic link that must
    # stay one. A bare name is looked up on PATH as it is.
    if os.sep in args.python:
        args.python = os.path.abspath(args.python)
    return args


def main(argv: list[str]) -> int:
    args = parse(argv)
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        found = cases(manifest, Path(tmp))
        for front in args.fronts:
            failed += run_front(front, args, found, Path(tmp))
    if failed:
        print(
            f"{len(failed)} case(s) over {args.max_seconds} s of CPU or {args.max_mib} MiB, "
            f"hung or crashed: {'; '.join(failed)}",
            file=sys.stderr,
        )
        return 1
    fronts = ", ".join(args.fronts)
    print(f"every hostile case within {args.max_seconds} s and {args.max_mib} MiB ({fronts})")
    return 0


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.exit(main(sys.argv[1:]))

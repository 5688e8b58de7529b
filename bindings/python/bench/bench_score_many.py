"""Speed of Checklist.score_many against a loop of Checklist.score.

Each measurement runs in a fresh process, so the thread count
(RAYON_NUM_THREADS) can differ between runs. Prints decisions per second and
the speed-up over the loop:

    python bindings/python/bench/bench_score_many.py [--decisions N] [--input yaml|json|dict]

The decisions are the repository's example decisions (standard checklist
`eva`), repeated: as YAML text (as read from files), as JSON text, or as dicts.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]

CHILD = r"""
import json, sys, time
from pathlib import Path
import ennakko

n, repeat, mode, kind, examples = sys.argv[1:6]
n, repeat = int(n), int(repeat)
checklist = ennakko.Checklist.standard("eva")
docs = []
for path in sorted(Path(examples).glob("*/decision.yaml")):
    try:
        report = checklist.score(path)
    except ennakko.EnnakkoError:
        continue
    text = path.read_text(encoding="utf-8")
    if kind == "yaml":
        docs.append(text)
    else:
        # The examples are YAML; the standard library reads only JSON.
        import importlib.util
        if importlib.util.find_spec("yaml") is None:
            sys.exit("--input json/dict needs PyYAML to convert the YAML examples")
        import yaml
        data = yaml.safe_load(text)
        plain = json.dumps(data, default=str)
        docs.append(plain if kind == "json" else json.loads(plain))
if not docs:
    sys.exit("no example decision scores")
decisions = [docs[i % len(docs)] for i in range(n)]
best = float("inf")
for _ in range(repeat):
    start = time.perf_counter()
    if mode == "loop":
        out = [checklist.score(d) for d in decisions]
    else:
        out = checklist.score_many(decisions)
    best = min(best, time.perf_counter() - start)
    assert len(out) == n
print(json.dumps({"per_second": n / best, "examples": len(docs)}))
"""


def measure(n: int, repeat: int, mode: str, kind: str, threads: int | None) -> dict[str, float]:
    env = dict(os.environ)
    if threads is not None:
        env["RAYON_NUM_THREADS"] = str(threads)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(n), str(repeat), mode, kind, str(REPO / "examples")],
        capture_output=True,
        text=True,
        env=env,
    )
    if out.returncode != 0:
        sys.exit(out.stderr.strip())
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--decisions", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--input", choices=["yaml", "json", "dict"], default="yaml")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    loop = measure(args.decisions, args.repeat, "loop", args.input, None)
    print(
        f"{args.decisions} decisions ({int(loop['examples'])} examples repeated, {args.input}), "
        f"best of {args.repeat}, {cores} cores"
    )
    print(f"  loop of score()            {loop['per_second']:9.0f} decisions/s  1.00x")
    for threads in sorted({1, 2, cores}):
        if threads > cores:
            continue
        many = measure(args.decisions, args.repeat, "many", args.input, threads)
        ratio = many["per_second"] / loop["per_second"]
        print(
            f"  score_many, {threads} thread(s)    "
            f"{many['per_second']:9.0f} decisions/s  {ratio:.2f}x"
        )


if __name__ == "__main__":
    main()

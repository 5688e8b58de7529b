"""The roll-up of an archive too large for one machine, as a Dask job.

Each partition of the decision files is rolled up where it lies
(``ennakko.rollup``, all the worker's cores, without the GIL); the partial
roll-ups travel as JSON and are merged in a tree (``ennakko.merge_rollups``).
Sums are integers (thousandths of a score point) and lists are ordered when
merged, so the result equals, byte for byte, the roll-up made on one
machine: ``bindings/python/tests/test_rollup.py`` checks it for several
partitionings of this folder.

    python dask_rollup.py decisions --from 2026-01-01 --to 2026-12-31 \\
        --as-of 2027-01-31 --partitions 4 > rollup.json
    ennakko rollup --merge rollup.json --format html --lang fi > eva.html

On a cluster, connect a ``distributed.Client`` first and pass
``scheduler=None`` (Dask then uses the client); the file paths must be
readable by the workers. Without Dask, the same can be done with a shell
loop: ``ennakko rollup part1/ ... > p1.json`` on each machine, then
``ennakko rollup --merge p1.json p2.json ...``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import ennakko


def rollup_with_dask(
    paths: Sequence[str | os.PathLike[str]],
    *,
    start: str | None = None,
    end: str | None = None,
    as_of: str | None = None,
    checklist: str = "eva",
    partitions: int = 8,
    scheduler: str | None = "threads",
) -> ennakko.Rollup:
    """Rolls up ``paths`` in ``partitions`` parts with Dask and merges them."""
    import dask.bag

    def roll_part(part: Iterable[Path]) -> str:
        year = ennakko.rollup(list(part), checklist=checklist, start=start, end=end, as_of=as_of)
        return year.to_json()

    def merge(parts: Iterable[str]) -> str:
        return ennakko.merge_rollups(list(parts)).to_json()

    # Paths, not texts: ennakko.rollup reads a str as a decision's own text.
    bag = dask.bag.from_sequence(
        [Path(p) for p in paths], npartitions=max(1, min(partitions, len(paths)))
    )
    merged: str = bag.reduction(roll_part, merge, split_every=8).compute(scheduler=scheduler)
    return ennakko.merge_rollups([merged])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of decision files (.json, .yaml, .yml)")
    parser.add_argument("--from", dest="start")
    parser.add_argument("--to", dest="end")
    parser.add_argument("--as-of")
    parser.add_argument("--checklist", default="eva")
    parser.add_argument("--partitions", type=int, default=8)
    args = parser.parse_args(argv)
    paths = sorted(
        p for p in args.folder.rglob("*") if p.suffix in (".json", ".yaml", ".yml") and p.is_file()
    )
    year = rollup_with_dask(
        paths,
        start=args.start,
        end=args.end,
        as_of=args.as_of,
        checklist=args.checklist,
        partitions=args.partitions,
    )
    sys.stdout.write(year.to_json())
    errors = [d for s in year.skipped for d in s["diagnostics"] if d["severity"] == "error"]
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

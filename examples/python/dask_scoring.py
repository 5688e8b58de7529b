"""Scoring a large, partitioned set of decisions with Dask on a local cluster.

Each partition generates its own decisions (standing in for a folder or a
table of real ones), scores them with ``Checklist.score_many`` (all cores of
the worker, without the GIL) and returns small aggregates: how many decisions
hit each group, and the verdicts. The checklist travels to the workers by
pickling (it pickles as its name or source, and compiles again there).

    pip install ennakko "dask[distributed]"
    python examples/python/dask_scoring.py --decisions 200000 --partitions 16

``--check`` also scores everything in this process and compares. Without
``distributed`` the example uses Dask's local process pool instead.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from typing import Any

import dask.bag as db

import ennakko
from ennakko import plot


def generate(
    partition: int, size: int, groups: list[str], domains: list[str]
) -> list[dict[str, Any]]:
    """`size` decisions for one partition, the same every time for the same partition."""
    rng = random.Random(partition)
    decisions = []
    for i in range(size):
        cells = [
            {
                "group": group,
                "domain": domain,
                "direction": rng.choice([-2, -1, -1, 0, 1, 2, "mixed"]),
                "magnitude": rng.choice(["minimal", "moderate", "severe"]),
                "likelihood": rng.choice(["possible", "likely", "certain"]),
            }
            for group, domain in rng.sample(
                [(g, d) for g in groups for d in domains], k=rng.randint(0, 8)
            )
        ]
        decisions.append(
            {
                "id": f"p{partition}-{i}",
                "title": f"Generated decision {i} of partition {partition}",
                "alternatives": [
                    {"id": "zero", "kind": "zero"},
                    {"id": "proposal", "kind": "proposal", "impacts": cells},
                ],
            }
        )
    return decisions


def summarize(reports: ennakko.Reports) -> list[tuple[str, int]]:
    """(key, count) pairs: "group:<id>" per decision that hits the group, "verdict:<level>"."""
    out: Counter[str] = Counter()
    for report in reports:
        out[f"verdict:{report.verdict_level}"] += 1
    for group, _label, decisions in plot.group_hits(reports):
        out[f"group:{group}"] += decisions
    return sorted(out.items())


def score_partition(
    partitions: list[int],
    checklist: ennakko.Checklist,
    size: int,
    vocabulary: tuple[list[str], list[str]],
) -> list[tuple[str, int]]:
    """Runs on a worker: generate, score in parallel, aggregate."""
    decisions = [d for p in partitions for d in generate(p, size, *vocabulary)]
    return summarize(checklist.score_many(decisions))


def main(argv: list[str] | None = None) -> dict[str, int]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--decisions", type=int, default=100_000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--check", action="store_true", help="compare with scoring in this process")
    args = parser.parse_args(argv)

    checklist = ennakko.Checklist.standard("eva")
    described = checklist.describe()
    vocabulary = (
        [g["id"] for g in described["groups"]],
        [d["id"] for d in described["domains"]],
    )
    size = max(1, args.decisions // args.partitions)
    bag = db.from_sequence(range(args.partitions), npartitions=args.partitions)
    counts = bag.map_partitions(score_partition, checklist, size, vocabulary).foldby(
        lambda kv: kv[0], lambda total, kv: total + kv[1], 0, lambda a, b: a + b, 0
    )

    start = time.perf_counter()
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        result = dict(counts.compute(scheduler="processes", num_workers=args.workers))
    else:
        with (
            LocalCluster(
                n_workers=args.workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            ) as cluster,
            Client(cluster),
        ):
            result = dict(counts.compute())
    elapsed = time.perf_counter() - start

    scored = sum(v for k, v in result.items() if k.startswith("verdict:"))
    print(f"scored {scored} decisions in {args.partitions} partitions in {elapsed:.1f} s")
    for key, value in sorted(result.items(), key=lambda kv: -kv[1]):
        print(f"  {value:8}  {key}")

    if args.check:
        local: Counter[str] = Counter()
        for p in range(args.partitions):
            local.update(dict(score_partition([p], checklist, size, vocabulary)))
        assert dict(local) == result, "the cluster and this process disagree"
        print("check: the cluster's counts equal scoring in this process")
    return result


if __name__ == "__main__":
    main()

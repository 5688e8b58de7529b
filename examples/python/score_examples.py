# %% [markdown]
# # Scoring the example decisions with Python
#
# Loads every `examples/*/decision.yaml`, scores them with the standard `eva`
# checklist, shows the verdicts and the results as a table, and plots which
# population groups are hit most often. Runs as a script
# (`python examples/python/score_examples.py [OUT_DIR]`) or cell by cell in
# Jupyter / VS Code. pandas and matplotlib are optional: without them the
# table and the pictures are skipped.

# %%
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import ennakko
from ennakko import plot

try:
    EXAMPLES = Path(__file__).resolve().parents[1]
except NameError:  # in a notebook
    EXAMPLES = Path.cwd().parent
# Pictures go to the folder given on the command line, else a temporary one.
if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
    OUT = Path(sys.argv[1])
else:
    OUT = Path(tempfile.gettempdir()) / "ennakko-example-plots"

# %% Score every example decision, each with the checklist it names (`eva` by
# default), in parallel; one bad file does not stop the rest
paths = sorted(EXAMPLES.glob("*/decision.yaml"))
reports = ennakko.score_many(paths, errors="skip")
for error in reports.errors:
    print(f"skipped {paths[getattr(error, 'index', 0)].parent.name}:\n{error}\n")

# %% The verdicts
print(f"{len(reports)} of {len(paths)} decisions scored")
for report in reports:
    proposal = report.proposals[0] if report.proposals else report.alternatives[-1]
    print(
        f"  {report.verdict.level:5}  {report.checklist.id:12} total {proposal.total.value:+6.2f}  "
        f"completeness {proposal.completeness.ratio:4.0%}  {report.decision.title[:50]}"
    )
print("verdicts:", reports.verdicts())

# %% Which groups are hit most often (a negative impact in some proposal)
print("\nGroups with a negative impact, by number of decisions:")
for group, label, decisions in plot.group_hits(reports, lang="en"):
    print(f"  {decisions:3}  {label} ({group})")

# %% The same as a DataFrame, ready for groupby (needs pandas)
try:
    import pandas  # noqa: F401
except ImportError:
    print("\npandas is not installed: skipping the DataFrame (pip install pandas)")
else:
    df = reports.to_pandas()
    groups = df[(df.kind == "group") & (df.alternative_kind == "proposal")]
    print("\nGroup scores over all proposals:")
    print(groups.groupby("group").value.agg(["count", "mean", "min"]).sort_values("mean"))

# %% Pictures (needs matplotlib)
try:
    import matplotlib

    if "ipykernel" not in sys.modules:
        matplotlib.use("Agg")  # a script writes files instead of opening windows
    import matplotlib.pyplot as plt
except ImportError:
    print("\nmatplotlib is not installed: skipping the pictures (pip install matplotlib)")
else:
    OUT.mkdir(parents=True, exist_ok=True)
    ax = plot.hits(reports, lang="en")
    ax.set_title("Negative impacts by group")
    ax.figure.tight_layout()
    ax.figure.savefig(OUT / "group-hits.png", dpi=120)
    ax = plot.heatmap(reports, statistic="negative", lang="en")
    ax.set_title("Negative impact cells over all proposals")
    ax.figure.tight_layout()
    ax.figure.savefig(OUT / "impact-heatmap.png", dpi=120)
    print(f"\nwrote {OUT / 'group-hits.png'} and {OUT / 'impact-heatmap.png'}")
    plt.close("all")

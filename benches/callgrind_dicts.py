"""Instruction counts of evaluating dicts through the Python module, for
callgrind (repeatable on a busy machine, where timings are not).

    maturin develop --release    # in bindings/python, into a venv
    valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.dicts \
        python benches/callgrind_dicts.py [N]
    callgrind_annotate --inclusive=yes /tmp/cg.dicts | \
        grep -E '_ennakko::(measure|read::decision|evaluation::take) |decision::bind |read::Object'

Each of N dense decisions (default 100) is evaluated once the direct way
(`Checklist.evaluate`: `measure`, then read straight into the bound form)
and once the long way (the test hook `evaluation_json(..., False)`: a
`Decision` first, then `bind`), so one run counts both.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "peers"))
import bench
import ennakko
from ennakko import _ennakko

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
workload = bench.WORKLOADS["dense"]
decisions = workload.generate(n)
checklist = ennakko.Checklist.from_source(workload.eva(), name=workload.eva_name)
for d in decisions:
    checklist.evaluate(d)
    _ennakko.evaluation_json(checklist._native, d, False)

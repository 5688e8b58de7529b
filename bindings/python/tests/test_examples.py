"""The Python examples in examples/python run (the Dask one when Dask is installed)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, example_decisions

EXAMPLES = REPO / "examples" / "python"


def run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MPLBACKEND="Agg")
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        cwd=REPO,
    )


def test_score_examples(tmp_path: Path) -> None:
    result = run("score_examples.py", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert f"of {len(example_decisions())} decisions scored" in result.stdout
    assert "verdicts:" in result.stdout
    if importlib.util.find_spec("matplotlib") is not None:
        assert (tmp_path / "group-hits.png").stat().st_size > 1000
        assert (tmp_path / "impact-heatmap.png").stat().st_size > 1000
    else:
        assert "skipping the pictures" in result.stdout


def test_dask_example() -> None:
    pytest.importorskip("dask.bag")
    result = run("dask_scoring.py", "--decisions", "4000", "--partitions", "4", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "scored 4000 decisions in 4 partitions" in result.stdout
    assert "check: the cluster's counts equal scoring in this process" in result.stdout

"""Long runs stay flat: the training plots keep a bounded history, and a short soak passes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from gui.training.plots import Series
from tools.soak import SoakResult

ROOT = Path(__file__).resolve().parents[2]


def test_a_series_keeps_at_most_its_limit_and_averages_older_points():
    s = Series(limit=100)
    for start in range(0, 10_000, 37):
        xs = np.arange(start, start + 37, dtype=float)
        s.extend(xs, xs * 2)
    x, y = s.data()
    assert 50 <= len(x) <= 100
    assert np.all(np.diff(x) > 0) and np.allclose(y, 2 * x)  # averaging keeps the points on the line
    assert x[0] < 100 and x[-1] > 9_900  # still spans the whole run


def test_soak_result_growth_is_measured_after_warmup():
    r = SoakResult(samples=[(0.0, 100), (5.0, 200), (10.0, 210), (20.0, 205)], warmup=5.0)
    assert r.baseline == 200 and r.peak == 210 and abs(r.growth - 0.05) < 1e-9


def test_a_short_soak_through_the_training_panel(tmp_path):
    # its own process: the soak runs (and quits) the application's event loop
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LAYERWIRE_APP_DATA": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "tools.soak", "--minutes", "0.2", "--samples", "2000", "--report", "5",
         "--max-growth", "50", "--json", "--csv", str(tmp_path / "rss.csv")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads(result.stdout.splitlines()[-1])
    assert summary["error"] is None and summary["batches"] > 0
    assert (tmp_path / "rss.csv").read_text().startswith("seconds,rss_bytes\n")

"""Long runs stay flat: the training plots keep a bounded history, and a short soak passes."""

import numpy as np

from gui.soak import SoakResult, main
from gui.training.plots import Series


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


def test_a_short_soak_through_the_training_panel(capsys):
    code = main(["--minutes", "0.2", "--samples", "2000", "--report", "5", "--max-growth", "50"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "growth_percent" in out and "error: None" in out

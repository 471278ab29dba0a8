"""``python main.py bench``: training throughput of mnist_model on the kernels, beside PyTorch/JAX.

Trains the example mnist_model (784 -> 64 relu -> 64 relu -> 10, SGD lr 0.01, sparse
categorical cross-entropy from logits) on random samples and prints samples per second
per batch size: the median of the timed epochs, after one warm-up epoch that compiles
and allocates. Our epochs include seeded shuffling (a gather per batch) and the
accuracy metric; PyTorch eager runs a plain loop over index slices, JAX a jitted epoch
in ``lax.scan`` — each in this process if importable, else in ``--compare-python``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

import numpy as np

from graph_core.examples import build
from graph_core.settings import TrainingSettings
from kernels import config
from kernels.datasets import Dataset

_COMPARE = r"""
import json, sys, time
import numpy as np
n, sizes, epochs = int(sys.argv[1]), [int(s) for s in sys.argv[2].split(",")], int(sys.argv[3])
rng = np.random.default_rng(0)
x = rng.random((n, 784), dtype=np.float32)
y = rng.integers(0, 10, n)
out = {}

def median_rate(epoch, samples):
    epoch()
    times = []
    for _ in range(epochs):
        t = time.perf_counter()
        epoch()
        times.append(time.perf_counter() - t)
    return samples / sorted(times)[len(times) // 2]

try:
    import torch
except ImportError:
    torch = None
if torch is not None:
    torch.manual_seed(0)
    X, Y = torch.from_numpy(x), torch.from_numpy(y)
    rates = {}
    for bs in sizes:
        model = torch.nn.Sequential(torch.nn.Linear(784, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64),
                                    torch.nn.ReLU(), torch.nn.Linear(64, 10))
        opt = torch.optim.SGD(model.parameters(), lr=0.01)
        loss_fn = torch.nn.CrossEntropyLoss()
        def epoch():
            for i in range(0, n, bs):
                opt.zero_grad()
                loss_fn(model(X[i:i + bs]), Y[i:i + bs]).backward()
                opt.step()
        rates[bs] = median_rate(epoch, n)
    out["torch"] = {"version": torch.__version__, "threads": torch.get_num_threads(), "rates": rates}

try:
    import jax
    import jax.numpy as jnp
except ImportError:
    jax = None
if jax is not None:
    def init(key):
        params = []
        for fan_in, fan_out in ((784, 64), (64, 64), (64, 10)):
            key, sub = jax.random.split(key)
            limit = (6 / (fan_in + fan_out)) ** 0.5
            params.append((jax.random.uniform(sub, (fan_in, fan_out), minval=-limit, maxval=limit),
                           jnp.zeros(fan_out)))
        return params
    def loss_fn(params, xb, yb):
        h = xb
        for i, (w, b) in enumerate(params):
            h = h @ w + b
            if i < 2:
                h = jax.nn.relu(h)
        logp = jax.nn.log_softmax(h)
        return -jnp.mean(jnp.take_along_axis(logp, yb[:, None], axis=1))
    @jax.jit
    def train_epoch(params, xs, ys):
        def step(p, batch):
            g = jax.grad(loss_fn)(p, *batch)
            return jax.tree_util.tree_map(lambda a, b: a - 0.01 * b, p, g), None
        return jax.lax.scan(step, params, (xs, ys))[0]
    rates = {}
    for bs in sizes:
        steps = n // bs
        xs = jnp.asarray(x[: steps * bs].reshape(steps, bs, 784))
        ys = jnp.asarray(y[: steps * bs].reshape(steps, bs))
        state = {"p": init(jax.random.PRNGKey(0))}
        def epoch():
            state["p"] = jax.block_until_ready(train_epoch(state["p"], xs, ys))
        rates[bs] = median_rate(epoch, steps * bs)
    out["jax"] = {"version": jax.__version__, "rates": rates}
print(json.dumps(out))
"""


def _ours(x: np.ndarray, y: np.ndarray, batch: int, epochs: int) -> tuple[float, float]:
    """(samples/s, seconds of the warm-up epoch) of our trainer at one batch size."""
    from kernels.training import Trainer

    project = build("mnist_model", seed=0)
    graph = project.graph
    settings = TrainingSettings(optimizer="sgd", learning_rate=0.01, loss="sparse_categorical_crossentropy",
                                from_logits=True, batch_size=batch, epochs=1, seed=0)  # fmt: skip
    trainer = Trainer(graph, settings, Dataset({"input_layer": x}, {"dense_2": y}))
    start = time.perf_counter()
    trainer.fit()
    warm = time.perf_counter() - start
    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        trainer.fit()
        times.append(time.perf_counter() - start)
    return len(x) / sorted(times)[len(times) // 2], warm


def _compare(samples: int, sizes: list[int], epochs: int, python: str | None) -> dict:
    args = [str(samples), ",".join(map(str, sizes)), str(epochs)]
    try:
        import torch  # noqa: F401

        here = True
    except ImportError:
        here = False
    if python is None and not here:
        return {}
    cmd = [python or sys.executable, "-c", _COMPARE, *args]
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"comparison not run: {exc}", file=sys.stderr)
        return {}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"comparison failed: {last}", file=sys.stderr)
        return {}
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_bench(samples: int, sizes: list[int], epochs: int, python: str | None, compare: bool = True,
              as_json: bool = False) -> int:  # fmt: skip
    """Print the figures; returns the exit code."""
    import numba

    config.limit_blas_threads()
    rng = np.random.default_rng(0)
    x = rng.random((samples, 784), dtype=np.float32)
    y = rng.integers(0, 10, samples)
    data_mb = (x.nbytes + y.nbytes) / 2**20
    ours: dict[int, float] = {}
    warm: dict[int, float] = {}
    threads = f"{config.num_threads()} threads ({numba.config.THREADING_LAYER} layer)"
    head = f"mnist_model 784-64-64-10, SGD lr 0.01, sparse CE from logits, {samples} random samples, {threads}"
    if not as_json:
        print(head, flush=True)
    for bs in sizes:
        ours[bs], warm[bs] = _ours(x, y, bs, epochs)
        if not as_json:
            print(
                f"  batch {bs}: {ours[bs]:,.0f} samples/s (first epoch, with compiling: {warm[bs]:.2f} s)", flush=True
            )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    other = _compare(samples, sizes, epochs, python) if compare else {}
    result = {
        "samples": samples,
        "layerwire": {str(bs): ours[bs] for bs in sizes},
        "peak_memory_mb": peak_mb,
        "data_mb": data_mb,
    }
    for name in ("torch", "jax"):
        if name in other:
            rates = {int(k): v for k, v in other[name]["rates"].items()}
            result[name] = {str(k): v for k, v in rates.items()}
            result[f"ratio_vs_{name}"] = {str(bs): ours[bs] / rates[bs] for bs in sizes if bs in rates}
    if as_json:
        print(json.dumps(result))
        return 0
    print()
    cols = [name for name in ("torch", "jax") if name in other]
    print(f"{'batch':>6} {'layerwire':>12}" + "".join(f" {c:>12} {'ratio':>7}" for c in cols))
    for bs in sizes:
        line = f"{bs:>6} {ours[bs]:>12,.0f}"
        for c in cols:
            theirs = float(result[c][str(bs)])
            line += f" {theirs:>12,.0f} {ours[bs] / theirs:>6.2f}x"
        print(line)
    if not cols:
        print("(PyTorch not importable here; pass --compare-python PATH to a Python that has it)")
    else:
        print("versions: " + ", ".join(f"{c} {other[c]['version']}" for c in cols))
    print(f"peak memory {peak_mb:.0f} MB (data {data_mb:.0f} MB, so {peak_mb - data_mb:.0f} MB beyond it)")
    return 0

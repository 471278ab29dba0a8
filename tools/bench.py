"""``python main.py bench``: training throughput of mnist_model on the kernels, beside PyTorch/JAX.

Trains the example mnist_model (784 -> 64 relu -> 64 relu -> 10, sparse categorical
cross-entropy from logits) on random samples with SGD (lr 0.01) and with Adam (lr 0.001)
and prints samples per second per batch size: the median of the timed epochs, after one
warm-up epoch that compiles and allocates, and more until the thread count is chosen and
confirmed by the chooser's first re-check.
Our trainer runs the compiled training step (:mod:`kernels.compiled`) that runs of more
than a few seconds use. Our epochs include seeded shuffling (a gather per batch) and the
accuracy metric;
PyTorch eager runs a plain loop over index slices, JAX a jitted epoch in ``lax.scan``.
Then the time to predict one sample (ours: copy it into the bound batch-1 buffers and
run the inference plan; PyTorch under ``inference_mode``; JAX a jitted forward pass),
and peak memory, with what numpy and numba alone take. Each peer runs in its own process
(this Python if it imports the peer, else ``--compare-python``), so the memory it reports
is its own.
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
from kernels import config, cpu, simd
from kernels.datasets import Dataset

#: Peak resident MB of the process running it. VmHWM, not ru_maxrss: Linux carries ru_maxrss
#: across exec, so a child would report at least its parent's peak.
_PEAK = r"""
def peak_mb():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""


_COMPARE = (
    _PEAK
    + r"""
import json, sys, time
import numpy as np
peer, n, sizes, epochs = sys.argv[1], int(sys.argv[2]), [int(s) for s in sys.argv[3].split(",")], int(sys.argv[4])
rng = np.random.default_rng(0)
x = rng.random((n, 784), dtype=np.float32)
y = rng.integers(0, 10, n)
x1 = x[:1].copy()

def median_rate(epoch, samples):
    epoch()
    times = []
    for _ in range(epochs):
        t = time.perf_counter()
        epoch()
        times.append(time.perf_counter() - t)
    return samples / sorted(times)[len(times) // 2]

def median_us(call, reps=2000):
    for _ in range(50):
        call()
    times = []
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(reps):
            call()
        times.append((time.perf_counter() - t) / reps * 1e6)
    return sorted(times)[2]

out = {}
if peer == "torch":
    import torch
    torch.manual_seed(0)
    X, Y = torch.from_numpy(x), torch.from_numpy(y)
    def make():
        return torch.nn.Sequential(torch.nn.Linear(784, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64),
                                   torch.nn.ReLU(), torch.nn.Linear(64, 10))
    for name in ("sgd", "adam"):
        rates = {}
        for bs in sizes:
            model = make()
            opt = (torch.optim.SGD(model.parameters(), lr=0.01) if name == "sgd"
                   else torch.optim.Adam(model.parameters(), lr=0.001, eps=1e-7))
            loss_fn = torch.nn.CrossEntropyLoss()
            def epoch():
                for i in range(0, n, bs):
                    opt.zero_grad()
                    loss_fn(model(X[i:i + bs]), Y[i:i + bs]).backward()
                    opt.step()
            rates[bs] = median_rate(epoch, n)
        out[name] = rates
    model = make().eval()
    X1 = torch.from_numpy(x1)
    def one():
        with torch.inference_mode():
            return model(X1).numpy()
    out["latency_us"] = median_us(one)
    out["version"], out["threads"] = torch.__version__, torch.get_num_threads()
else:
    import jax
    import jax.numpy as jnp
    def init(key):
        params = []
        for fan_in, fan_out in ((784, 64), (64, 64), (64, 10)):
            key, sub = jax.random.split(key)
            limit = (6 / (fan_in + fan_out)) ** 0.5
            params.append((jax.random.uniform(sub, (fan_in, fan_out), minval=-limit, maxval=limit),
                           jnp.zeros(fan_out)))
        return params
    def forward(params, xb):
        h = xb
        for i, (w, b) in enumerate(params):
            h = h @ w + b
            if i < 2:
                h = jax.nn.relu(h)
        return h
    def loss_fn(params, xb, yb):
        logp = jax.nn.log_softmax(forward(params, xb))
        return -jnp.mean(jnp.take_along_axis(logp, yb[:, None], axis=1))
    tmap = jax.tree_util.tree_map
    @jax.jit
    def sgd_epoch(state, xs, ys):
        def step(p, batch):
            g = jax.grad(loss_fn)(p, *batch)
            return tmap(lambda a, b: a - 0.01 * b, p, g), None
        return jax.lax.scan(step, state, (xs, ys))[0]
    @jax.jit
    def adam_epoch(state, xs, ys):
        def step(st, batch):
            p, m, v, t = st
            g = jax.grad(loss_fn)(p, *batch)
            t = t + 1
            m = tmap(lambda a, b: a + (b - a) * 0.1, m, g)
            v = tmap(lambda a, b: a + (b * b - a) * 0.001, v, g)
            alpha = 0.001 * jnp.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
            p = tmap(lambda w, a, b: w - alpha * a / (jnp.sqrt(b) + 1e-7), p, m, v)
            return (p, m, v, t), None
        return jax.lax.scan(step, state, (xs, ys))[0]
    for name, train_epoch in (("sgd", sgd_epoch), ("adam", adam_epoch)):
        rates = {}
        for bs in sizes:
            steps = n // bs
            xs = jnp.asarray(x[: steps * bs].reshape(steps, bs, 784))
            ys = jnp.asarray(y[: steps * bs].reshape(steps, bs))
            p = init(jax.random.PRNGKey(0))
            zeros = tmap(jnp.zeros_like, p)
            box = {"s": p if name == "sgd" else (p, zeros, zeros, jnp.float32(0))}
            def epoch():
                box["s"] = jax.block_until_ready(train_epoch(box["s"], xs, ys))
            rates[bs] = median_rate(epoch, steps * bs)
        out[name] = rates
    params = init(jax.random.PRNGKey(0))
    fwd = jax.jit(forward)
    def one():
        return np.asarray(fwd(params, x1))
    out["latency_us"] = median_us(one)
    out["version"] = jax.__version__
out["peak_mb"] = peak_mb()
print(json.dumps(out))
"""
)

#: What the table compares: (key, title).
OPTIMIZERS = (("sgd", "SGD lr 0.01"), ("adam", "Adam lr 0.001"))
PEERS = ("torch", "jax")


def _ours(x: np.ndarray, y: np.ndarray, optimizer: str, batch: int, epochs: int) -> tuple[float, float, int]:
    """(samples/s, seconds of the warm-up epoch, threads chosen) of our trainer at one batch size."""
    from kernels.training import Trainer
    from tools.bench_conv import compiled_steps

    graph = build("mnist_model", seed=0).graph
    lr = 0.01 if optimizer == "sgd" else 0.001
    settings = TrainingSettings(optimizer=optimizer, learning_rate=lr, loss="sparse_categorical_crossentropy",
                                from_logits=True, batch_size=batch, epochs=1, seed=0)  # fmt: skip
    # A long run's steady state: the compiled step a run of more than a few seconds switches to.
    trainer = Trainer(graph, settings, Dataset({"input_layer": x}, {"dense_2": y}), compile_steps=compiled_steps())
    start = time.perf_counter()
    trainer.fit()
    warm = time.perf_counter() - start
    for _ in range(200):  # warm up until the thread count is chosen and checked once more (about a second)
        chooser = trainer.threads
        if chooser is None or (chooser.settled and (chooser.decisions >= 2 or len(chooser.options) == 1)):
            break
        trainer.fit()
    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        trainer.fit()
        times.append(time.perf_counter() - start)
    chosen = trainer.threads.current if trainer.threads is not None else config.num_threads()
    return len(x) / sorted(times)[len(times) // 2], warm, chosen


def _latency_us(x1: np.ndarray, reps: int = 2000) -> float:
    """Median microseconds to predict one sample: copy it in, run the inference plan's forward pass."""
    from kernels.executor import Executor, weights_of
    from kernels.plan import compile_plan

    graph = build("mnist_model", seed=0).graph
    plan = compile_plan(graph)
    ex = Executor(plan, weights_of(graph, plan))
    bound = ex.bind(1)
    (inp,) = bound.inputs.values()
    (out,) = bound.outputs.values()

    def one() -> np.ndarray:
        inp[...] = x1
        ex.forward(bound)
        return out

    for _ in range(50):
        one()
    times = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(reps):
            one()
        times.append((time.perf_counter() - start) / reps * 1e6)
    return sorted(times)[2]


def _memory_mb() -> tuple[float, float | None]:
    """(peak resident MB, anonymous resident MB now or None off Linux).

    The resident set counts the pages of shared libraries (numba's LLVM, OpenBLAS) as
    well; the anonymous part is the memory this process allocated itself.
    """
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("RssAnon:"):
                    return peak, int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak, None


_BASELINE = _PEAK + (
    "import numpy, numba\n"
    "from numba.core.registry import cpu_target\n"
    "cpu_target.target_context.refresh()  # what numba loads before running its first function\n"
    "print(peak_mb())"
)


def _runtime_mb() -> float | None:
    """Peak resident MB of a Python that only imports numpy and numba and readies numba's compiler."""
    try:
        done = subprocess.run([sys.executable, "-c", _BASELINE], capture_output=True, text=True, timeout=300)
        return float(done.stdout.strip().splitlines()[-1])
    except (OSError, subprocess.TimeoutExpired, ValueError, IndexError):
        return None


def _peer(peer: str, samples: int, sizes: list[int], epochs: int, python: str | None) -> dict | None:
    """The figures of one peer, measured in its own process (so its memory is its own), or None."""
    try:
        __import__(peer)
        here = True
    except ImportError:
        here = False
    if python is None and not here:
        return None
    cmd = [python or sys.executable, "-c", _COMPARE, peer, str(samples), ",".join(map(str, sizes)), str(epochs)]
    env = {k: v for k, v in os.environ.items() if k not in cpu.applied}  # the peers run as they would
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"{peer} comparison not run: {exc}", file=sys.stderr)
        return None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        if "ModuleNotFoundError" not in last:
            print(f"{peer} comparison failed: {last}", file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_bench(
    samples: int,
    sizes: list[int],
    epochs: int,
    python: str | None,
    compare: bool = True,
    as_json: bool = False,
    models: list[str] | None = None,
    conv_sizes: list[int] | None = None,
) -> int:
    """Print the figures (mnist_model's, then the convolution models'); returns the exit code."""
    from tools.bench_conv import run_conv_bench

    models = models or ["mnist_model"]
    say = (lambda *a: None) if as_json else (lambda *a: print(*a, flush=True))
    result: dict = {}
    if "mnist_model" in models:
        result = _run_mnist(samples, sizes, epochs, python, compare, as_json)
    conv = [m for m in models if m != "mnist_model"]
    if conv:
        say()
        result["conv"] = run_conv_bench(conv, conv_sizes or [32, 128], epochs, python, compare, say)
    if as_json:
        print(json.dumps(result))
    return 0


def _run_mnist(samples: int, sizes: list[int], epochs: int, python: str | None, compare: bool,
               as_json: bool) -> dict:  # fmt: skip
    """mnist_model's figures, printed unless ``as_json``; returns them."""
    import numba

    rng = np.random.default_rng(0)
    x = rng.random((samples, 784), dtype=np.float32)
    y = rng.integers(0, 10, samples)
    data_mb = (x.nbytes + y.nbytes) / 2**20
    count = config.max_threads()
    threads = f"up to {count} thread{'s' if count > 1 else ''} ({numba.config.THREADING_LAYER} layer, "
    threads += f"products on {simd.instruction_set()})"
    say = (lambda *a: None) if as_json else (lambda *a: print(*a, flush=True))
    say(f"mnist_model 784-64-64-10, sparse CE from logits, {samples} random samples, {threads}")
    ours: dict[str, dict[int, float]] = {}
    for key, title in OPTIMIZERS:
        ours[key] = {}
        for bs in sizes:
            ours[key][bs], warm, chosen = _ours(x, y, key, bs, epochs)
            say(f"  {title}, batch {bs}: {ours[key][bs]:,.0f} samples/s on {chosen} thread{'s' * (chosen > 1)} "
                f"(first epoch, with compiling: {warm:.2f} s)")  # fmt: skip
    latency = _latency_us(x[:1].copy())
    say(f"  predict one sample: {latency:.1f} µs")
    peak_mb, anon_mb = _memory_mb()
    runtime_mb = _runtime_mb()
    peers = {p: r for p in PEERS if compare and (r := _peer(p, samples, sizes, epochs, python)) is not None}
    result: dict = {
        "samples": samples,
        "layerwire": {str(bs): ours["sgd"][bs] for bs in sizes},
        "layerwire_adam": {str(bs): ours["adam"][bs] for bs in sizes},
        "latency_us": latency,
        "peak_memory_mb": peak_mb,
        "anonymous_memory_mb": anon_mb,
        "data_mb": data_mb,
        "runtime_mb": runtime_mb,
    }
    for name, other in peers.items():
        result[name] = {k: {str(bs): other[k][str(bs)] for bs in sizes} for k, _ in OPTIMIZERS}
        result[name].update(latency_us=other["latency_us"], peak_memory_mb=other["peak_mb"], version=other["version"])
        result[f"ratio_vs_{name}"] = {str(bs): ours["sgd"][bs] / other["sgd"][str(bs)] for bs in sizes}
    if as_json:
        return result
    say()
    say(f"{'samples/s':<14} {'batch':>6} {'layerwire':>11}" + "".join(f" {p:>11} {'ratio':>6}" for p in peers))
    for key, title in OPTIMIZERS:
        for bs in sizes:
            line = f"{title.split()[0]:<14} {bs:>6} {ours[key][bs]:>11,.0f}"
            for other in peers.values():
                theirs = other[key][str(bs)]
                line += f" {theirs:>11,.0f} {ours[key][bs] / theirs:>5.2f}x"
            say(line)
    line = f"{'1-sample µs':<14} {1:>6} {latency:>11.1f}"
    for other in peers.values():
        line += f" {other['latency_us']:>11.1f} {other['latency_us'] / latency:>5.2f}x"
    say(line + ("   (ratio: their time / ours)" if peers else ""))
    if peers:
        say("versions: " + ", ".join(f"{p} {o['version']}" for p, o in peers.items()))
        say("peak memory (resident): " + ", ".join(f"{p} {o['peak_mb']:.0f} MB" for p, o in peers.items()))
    else:
        say("(PyTorch/JAX not importable here; pass --compare-python PATH to a Python that has them)")
    anon = ""
    if anon_mb is not None:
        anon = f"; allocated by the process itself {anon_mb:.0f} MB, {anon_mb - data_mb:.0f} MB beyond the data"
    say(f"layerwire peak memory (resident) {peak_mb:.0f} MB with {data_mb:.0f} MB of data{anon}")
    if runtime_mb is not None:
        say(f"  of which numpy + numba, loaded and ready to run a kernel, take {runtime_mb:.0f} MB in a process of "
            f"their own: {peak_mb - data_mb - runtime_mb:.0f} MB beyond data and runtime")  # fmt: skip
    return result

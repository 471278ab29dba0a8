"""The convolution and text models of ``python main.py bench``: Keras's simple MNIST convnet, the guide's toy
ResNet, and a text classifier (token ids of length 100 -> Embedding(10000, 64) -> LSTM(128) -> Dense(4)).

Each model trains with SGD (lr 0.01, sparse categorical cross-entropy) on random data at
each batch size, in a process of its own, beside PyTorch eager doing the same in another
(when importable here or in ``--compare-python``), so each reports its own peak memory.
Figures are samples per second (the median of the timed epochs, after warm-up epochs
that compile and choose the thread count), the time to predict one image, and how much
of the machine's float32 limit the training reaches: the model's FLOPs per training
sample (a forward pass, the kernels' gradients and the inputs' gradients, none for the
first layer's input) times samples per second, over the rate of a large float32 matrix
product on every core, measured in the same run.

PyTorch runs the same layers in its own idiom: NCHW tensors, ``nn.Conv2d``, ``nn.LSTM``
(batch first, its oneDNN kernels), a loss on logits; our models are the examples
``mnist_convnet`` (softmax output, the loss fused with it) and ``toy_resnet``, and
:func:`text_model`.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from collections.abc import Callable

import numpy as np

from graph_core.examples import build
from graph_core.graph import Graph
from kernels import cpu

#: bench name -> (example, or "" for :func:`text_model`; random samples per epoch)
MODELS = {"convnet": ("mnist_convnet", 4096), "toy_resnet": ("toy_resnet", 768), "text_lstm": ("", 1024)}
#: The text model's sequence length, vocabulary and classes.
TEXT = {"steps": 100, "vocabulary": 10_000, "classes": 4}


def compiled_steps() -> bool:
    """Whether the bench trains with the compiled step (its steady state; ``LAYERWIRE_COMPILE_STEPS=0`` measures
    the kernel-by-kernel loop instead, and spares the compile in a quick run)."""
    return os.environ.get("LAYERWIRE_COMPILE_STEPS", "1") != "0"


def text_model() -> Graph:
    """Token ids of length 100 -> Embedding(10000, 64) -> LSTM(128) -> Dense(4) (logits)."""
    from graph_core.builder import ModelBuilder
    from graph_core.model import ensure_weights

    b = ModelBuilder("text_lstm")
    ids = b.add("InputLayer", shape=(TEXT["steps"],), dtype="int32", name="ids")
    x = b.add("Embedding", ids, input_dim=TEXT["vocabulary"], output_dim=64)
    x = b.add("LSTM", x, units=128)
    b.add("Dense", x, units=TEXT["classes"], name="classes")
    graph = b.done()
    ensure_weights(graph, seed=0)
    return graph


def bench_graph(name: str) -> Graph:
    example = MODELS[name][0]
    return build(example, seed=0).graph if example else text_model()


def random_data(name: str, shape: tuple, samples: int) -> tuple[np.ndarray, np.ndarray]:
    """Random inputs of ``shape`` (per sample) and class labels; token ids for the text model."""
    rng = np.random.default_rng(0)
    if name == "text_lstm":
        return (rng.integers(0, TEXT["vocabulary"], (samples, *shape)).astype(np.int32),
                rng.integers(0, TEXT["classes"], samples))  # fmt: skip
    return rng.random((samples, *shape), dtype=np.float32), rng.integers(0, 10, samples)


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

_TORCH = (
    _PEAK
    + r"""
import json, sys, time
import numpy as np
import torch
from torch import nn
name, n, sizes, epochs = sys.argv[1], int(sys.argv[2]), [int(s) for s in sys.argv[3].split(",")], int(sys.argv[4])
torch.manual_seed(0)

class ToyResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1, self.c2 = nn.Conv2d(3, 32, 3), nn.Conv2d(32, 64, 3)
        self.pool = nn.MaxPool2d(3)
        self.blocks = nn.ModuleList(nn.Conv2d(64, 64, 3, padding=1) for _ in range(4))
        self.c7 = nn.Conv2d(64, 64, 3)
        self.d1, self.drop, self.d2 = nn.Linear(64, 256), nn.Dropout(0.5), nn.Linear(256, 10)

    def forward(self, x):
        r = torch.relu
        x = self.pool(r(self.c2(r(self.c1(x)))))
        for i in (0, 2):
            x = x + r(self.blocks[i + 1](r(self.blocks[i](x))))
        x = r(self.c7(x)).mean(dim=(2, 3))
        return self.d2(self.drop(r(self.d1(x))))

class TextLSTM(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed, self.lstm, self.out = nn.Embedding(10000, 64), nn.LSTM(64, 128, batch_first=True), nn.Linear(128, 4)

    def forward(self, x):
        return self.out(self.lstm(self.embed(x))[0][:, -1])

def make():
    if name == "text_lstm":
        return TextLSTM()
    if name == "convnet":
        return nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(),
                             nn.MaxPool2d(2), nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10))
    return ToyResNet()

rng = np.random.default_rng(0)
if name == "text_lstm":
    X = torch.from_numpy(rng.integers(0, 10000, (n, 100)))
    Y = torch.from_numpy(rng.integers(0, 4, n))
else:
    shape = (1, 28, 28) if name == "convnet" else (3, 32, 32)
    X = torch.from_numpy(rng.random((n, *shape), dtype=np.float32))
    Y = torch.from_numpy(rng.integers(0, 10, n))
out = {"sgd": {}}
for bs in sizes:
    model = make()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = nn.CrossEntropyLoss()
    def epoch():
        for i in range(0, n, bs):
            opt.zero_grad()
            loss_fn(model(X[i:i + bs]), Y[i:i + bs]).backward()
            opt.step()
    epoch()
    times = []
    for _ in range(epochs):
        t = time.perf_counter()
        epoch()
        times.append(time.perf_counter() - t)
    out["sgd"][str(bs)] = n / sorted(times)[len(times) // 2]
model = make().eval()
x1 = X[:1].clone()
def one():
    with torch.inference_mode():
        return model(x1).numpy()
for _ in range(20):
    one()
runs = []
for _ in range(5):
    t = time.perf_counter()
    for _ in range(200):
        one()
    runs.append((time.perf_counter() - t) / 200 * 1e6)
out["latency_us"] = sorted(runs)[2]
out["version"], out["threads"] = torch.__version__, torch.get_num_threads()
out["peak_mb"] = peak_mb()
print(json.dumps(out))
"""
)

_OURS = (
    _PEAK
    + r"""
import json, sys
from tools.bench_conv import measure_ours
result = measure_ours(sys.argv[1], int(sys.argv[2]), [int(s) for s in sys.argv[3].split(",")], int(sys.argv[4]))
result["peak_mb"] = peak_mb()
print(json.dumps(result))
"""
)


def training_flops(graph: Graph) -> float:
    """Multiply-adds x 2 of one training sample: each Dense, convolution and recurrent layer's forward pass
    (a recurrent layer's kernel and recurrent kernel at every time step), its kernels' gradients, and its input's
    gradient unless it reads the model's input."""
    analysis = graph.analysis()
    total = 0.0
    for node in analysis.order:
        layer = graph.layer_of(node)
        specs = analysis.weight_specs.get(layer.name) or ()
        kernels = [s for s in specs if s.name.endswith("kernel")]
        if not kernels:
            continue
        out = analysis.shapes[node]
        positions = math.prod(d for d in out[1:-1] if d is not None)  # output positions (1 for a vector)
        if any(s.name == "recurrent_kernel" for s in specs):
            positions = analysis.shapes[graph.sources_of(node)[0]][1]  # every time step
        forward = sum(2.0 * s.size * positions for s in kernels)  # per output position: each kernel weight once
        src = graph.sources_of(node)
        reads_input = all(graph.layer_of(s).spec.max_inputs == 0 for s in src)
        total += forward * (2.0 if reads_input else 3.0)
    return total


#: The machine's float32 limit: a 2048² matrix product on every core, in GFLOP/s, in a process where nothing
#: of ours has set BLAS up (``kernels.cpu`` holds this one's BLAS to one thread).
_LIMIT = """
import json, math, time
import numpy as np
n = 2048
rng = np.random.default_rng(0)
a, b = rng.random((n, n), dtype=np.float32), rng.random((n, n), dtype=np.float32)
c = np.empty((n, n), np.float32)
np.dot(a, b, out=c)
best = math.inf
for _ in range(20):
    start = time.perf_counter()
    np.dot(a, b, out=c)
    best = min(best, time.perf_counter() - start)
print(json.dumps({"gflops": 2 * n**3 / best / 1e9}))
"""


def measure_ours(name: str, samples: int, sizes: list[int], epochs: int) -> dict:
    """Samples/s per batch size, the first epoch's seconds and the one-image latency of one of :data:`MODELS`."""
    from graph_core.model import input_names, output_names
    from graph_core.settings import TrainingSettings
    from kernels import config
    from kernels.datasets import Dataset
    from kernels.executor import Executor, weights_of
    from kernels.plan import compile_plan, data_sizes
    from kernels.training import Trainer

    graph = bench_graph(name)
    analysis = graph.analysis()
    shape = analysis.shapes[analysis.inputs[0]][1:]
    x, y = random_data(name, shape, samples)
    data = Dataset({input_names(graph)[0]: x}, {output_names(graph)[0]: y})
    rates, warm, threads = {}, {}, {}
    for bs in sizes:
        settings = TrainingSettings(optimizer="sgd", learning_rate=0.01, loss="sparse_categorical_crossentropy",
                                    from_logits=name != "convnet", batch_size=bs, epochs=1, seed=0)  # fmt: skip
        trainer = Trainer(graph, settings, data, compile_steps=compiled_steps())
        start = time.perf_counter()
        trainer.fit()
        warm[str(bs)] = time.perf_counter() - start
        for _ in range(50):  # until the thread count is chosen and checked once more
            chooser = trainer.threads
            if chooser is None or (chooser.settled and (chooser.decisions >= 2 or len(chooser.options) == 1)):
                break
            trainer.fit()
        times = []
        for _ in range(epochs):
            start = time.perf_counter()
            trainer.fit()
            times.append(time.perf_counter() - start)
        rates[str(bs)] = samples / sorted(times)[len(times) // 2]
        threads[str(bs)] = trainer.threads.current if trainer.threads is not None else config.num_threads()
    plan = compile_plan(graph, sizes=data_sizes(data.x))
    ex = Executor(plan, weights_of(graph, plan))
    bound = ex.bind(1)
    (inp,) = bound.inputs.values()
    one = x[:1]

    def predict_one() -> None:
        inp[...] = one
        ex.forward(bound)

    for _ in range(20):
        predict_one()
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(200):
            predict_one()
        runs.append((time.perf_counter() - start) / 200 * 1e6)
    return {"sgd": rates, "warm": warm, "threads": threads, "latency_us": sorted(runs)[2]}


def _run(code: str, args: list[str], python: str | None = None, env: dict | None = None) -> dict | None:
    cmd = [python or sys.executable, "-c", code, *args]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"not run: {exc}", file=sys.stderr)
        return None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        if "ModuleNotFoundError" not in last:
            print(f"failed: {last}", file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_conv_bench(models: list[str], sizes: list[int], epochs: int, python: str | None, compare: bool,
                   say: Callable[..., None]) -> dict:  # fmt: skip
    """Measure ``models`` and print a table per model; returns the figures."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ours_env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))
    peer_env = {k: v for k, v in os.environ.items() if k not in cpu.applied}  # PyTorch runs as it would
    # in a process of its own, with BLAS as it chooses for itself (this one's may be held to AVX2)
    measured = _run(_LIMIT, [], env=peer_env)
    limit = measured["gflops"] if measured else math.nan
    say(f"the machine's float32 limit, a 2048² matrix product on every core: {limit:,.0f} GFLOP/s")
    try:
        __import__("torch")
        torch_python = python or sys.executable
    except ImportError:
        torch_python = python
    results: dict = {"limit_gflops": limit}
    for name in models:
        example, samples = MODELS[name]
        graph = bench_graph(name)
        flops = training_flops(graph)
        args = [name, str(samples), ",".join(map(str, sizes)), str(epochs)]
        ours = _run(_OURS, args, env=ours_env)
        if ours is None:
            say(f"{name}: our measurement failed")
            continue
        theirs = _run(_TORCH, args, torch_python, peer_env) if compare and torch_python else None
        results[name] = {"ours": ours, "torch": theirs, "flops": flops}
        say()
        say(
            f"{name} ({example or 'ids of length 100, Embedding(10000, 64), LSTM(128), Dense(4)'}, "
            f"{flops / 1e6:.1f} MFLOP a training sample), SGD, {samples} random samples"
        )
        head = f"{'batch':>6} {'layerwire':>11} {'of limit':>9}"
        if theirs:
            head += f" {'PyTorch':>11} {'ratio':>7}"
        say(head)
        for bs in sizes:
            rate = ours["sgd"][str(bs)]
            line = f"{bs:>6} {rate:>11,.0f} {rate * flops / 1e9 / limit:>8.0%}"
            if theirs:
                line += f" {theirs['sgd'][str(bs)]:>11,.0f} {rate / theirs['sgd'][str(bs)]:>6.2f}x"
            say(line + f"   (threads {ours['threads'][str(bs)]}, first epoch {ours['warm'][str(bs)]:.1f} s)")
        line = f"predict one {'sequence' if name == 'text_lstm' else 'image'}: {ours['latency_us']:.0f} µs"
        if theirs:
            line += f", PyTorch {theirs['latency_us']:.0f} µs ({theirs['latency_us'] / ours['latency_us']:.2f}x faster)"
        say(line)
        memory = f"peak memory (resident): layerwire {ours['peak_mb']:.0f} MB"
        if theirs:
            memory += f", PyTorch {theirs['peak_mb']:.0f} MB ({theirs['version']}, {theirs['threads']} threads)"
        say(memory)
    return results

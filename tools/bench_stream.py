"""A folder of images read whole or streamed: ``python -m tools.bench_stream [--images N] [--size S] [--epochs N]``.

Writes ``--images`` small PNG files (``--size`` pixels a side, RGB, noise around a colour per
class, ten classes) to a temporary folder, then for each way of reading it — whole
(``stream=False``) and streamed (``stream=True``: batches decoded on a thread while one
trains) — loads it for a small convolutional model (Conv2D 8 → max pooling → Dense 10),
and trains ``--epochs`` epochs at batch 32 with a 20 % validation split, without compiled
steps on either side (a streamed run has none).

Printed for each: the seconds to load, to train (validation included) and their sum, the
training samples a second, and for the streamed run the seconds training waited for a
batch to be decoded. Nothing is asserted: the figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np


def write_images(root: Path, count: int, size: int, seed: int = 0) -> None:
    from PIL import Image

    rng = np.random.default_rng(seed)
    colours = rng.integers(0, 256, (10, 3))
    for i in range(count):
        label = i % 10
        folder = root / f"class_{label}"
        folder.mkdir(parents=True, exist_ok=True)
        pixels = np.clip(colours[label] + rng.normal(0, 40, (size, size, 3)), 0, 255).astype(np.uint8)
        Image.fromarray(pixels).save(folder / f"{i:05d}.png")


def model(size: int):  # type: ignore[no-untyped-def]
    from graph_core.builder import ModelBuilder

    b = ModelBuilder("images")
    x = b.input((size, size, 3))
    x = b.add("Conv2D", x, filters=8, kernel_size=(3, 3), activation="relu")
    x = b.add("MaxPooling2D", x)
    x = b.add("Flatten", x)
    b.add("Dense", x, units=10, activation="softmax")
    return b.done(layout=False)


def run(root: Path, size: int, epochs: int, stream: bool, threads: int | None) -> dict[str, float]:
    from graph_core.settings import TrainingSettings
    from kernels.datasets import load_dataset
    from kernels.training import Trainer

    graph = model(size)
    began = time.perf_counter()
    data = load_dataset(str(root), graph, stream=stream)
    loaded = time.perf_counter() - began
    settings = TrainingSettings(optimizer="adam", learning_rate=0.01, epochs=epochs, batch_size=32,
                                validation_split=0.2)  # fmt: skip
    trainer = Trainer(graph, settings, data, threads=threads, compile_steps=False)
    trainer.prepare()
    began = time.perf_counter()
    history = trainer.fit()
    trained = time.perf_counter() - began
    samples = len(trainer.data) * epochs
    return {"load": loaded, "train": trained, "rate": samples / trained, "wait": trainer.decode_wait,
            "accuracy": history.epochs[-1]["val_accuracy"]}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench_stream", description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=3000)
    parser.add_argument("--size", type=int, default=32)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--threads", type=int, default=None, help="compute threads (the dock's runs use 1)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="layerwire-bench-stream-") as folder:
        root = Path(folder) / "images"
        write_images(root, args.images, args.size)
        threads = args.threads or "all"
        print(f"{args.images} PNG images of {args.size}×{args.size} RGB, {args.epochs} epochs at batch 32, "
              f"{threads} compute threads")  # fmt: skip
        run(root, args.size, 1, stream=False, threads=args.threads)  # compiles the kernels: not timed
        for stream in (False, True):
            r = run(root, args.size, args.epochs, stream, args.threads)
            name = "streamed" if stream else "whole   "
            waited = f", waited for decoding {r['wait']:.2f} s" if stream else ""
            print(f"{name}: load {r['load']:.2f} s, train {r['train']:.2f} s, total {r['load'] + r['train']:.2f} s, "
                  f"{r['rate']:,.0f} samples/s{waited} (val_accuracy {r['accuracy']:.2f})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Layerwire's entry point.

    python main.py [MODEL]                 open the editor (with MODEL, a .lwire or .keras file)
    python main.py summary MODEL           print the Keras summary
    python main.py import SRC -o OUT.lwire
    python main.py export MODEL --format keras -o OUT.keras
    python main.py predict MODEL --input X.npy -o Y.npy
    python main.py train MODEL --data DATA [--epochs N] [--batch-size N] [--optimizer NAME]
                   [--lr X] [--momentum X] [--nesterov] [--loss NAME] [--from-logits]
                   [--validation-split F | --validation-data DATA] [--no-shuffle] [--seed N]
                   [--target COL] [--bad-images skip|refuse] [--json] [--progress auto|on|off] [-o OUT]
    python main.py evaluate MODEL --data DATA [--batch-size N] [--loss NAME] [--from-logits] [--json]
                   [--progress auto|on|off]
    python main.py bench [--models mnist_model,convnet,toy_resnet,text_lstm] ...   (a checkout's tools/bench.py)
    python main.py --install-desktop       a menu entry and icon for the editor (Linux)

Installed, the command is ``layerwire``. MODEL is a file or a built-in example's name (``--model NAME``
picks one of a project's models); DATA a built-in data set (spiral, moons, circles, xor, blobs, sine,
digits; brackets and tickets, of token ids), a known one downloaded once (mnist, fashion_mnist, cifar10:
kernels/download.py), a file (.npz, .npy, .csv, MNIST IDX) or a folder of images with one subfolder per class
(kernels/image_folder.py; each damaged image skipped with a warning on stderr, or refused with --bad-images
refuse). Settings not given come from the model file's
training settings, then from Keras's defaults. Usage errors exit 2, other failures 1, each with one line on
stderr and no traceback; output files are written atomically.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from kernels.training import Trainer

EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # Ctrl+C, as shells report it


class UsageError(Exception):
    """A command line that asks for something that cannot be done as asked."""


def _usage(message: str) -> int:
    return _fail(message, EXIT_USAGE)


def _fail(message: str, code: int) -> int:
    print(f"layerwire: error: {message}", file=sys.stderr)
    return code


# --------------------------------------------------------------------------- commands


def cmd_summary(args: argparse.Namespace) -> int:
    from graph_core.summary import summary_text

    project = _load_model(args.model, args.model_name)
    sys.stdout.write(summary_text(project.graph, expand_nested=args.expand_nested))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from graph_core.io import files

    out = _output_path(args.output, {".lwire"})
    project = _load_model(args.source)
    files.save(project, out)
    print(f"wrote {out}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from graph_core.io.interop import EXPORT_SUFFIXES, export_model

    suffixes = EXPORT_SUFFIXES[args.format]
    if Path(args.output).suffix.lower() not in suffixes:
        raise UsageError(f"--format {args.format} writes {' or '.join(suffixes)} files; received {args.output!r}")
    out = _output_path(args.output, None)
    project = _load_model(args.model, args.model_name)
    if args.format == "png":  # rasterized with Qt, offscreen: the one export that needs gui/
        from graph_core.io.diagram import to_svg
        from graph_core.model import require_valid
        from gui.svg_png import save_png

        require_valid(project.graph)
        save_png(to_svg(project.graph, args.expand_nested), out)
    elif args.format == "keras-train":  # reads the project's data set: the kernels' data loaders
        from kernels.train_export import export_training_script

        _fetch_known((project.training or {}).get("data"), "auto")
        for path in export_training_script(project, out):
            print(f"wrote {path}")
        return 0
    else:
        export_model(project, args.format, out, expand_nested=args.expand_nested)
    print(f"wrote {out}")
    return 0


def cmd_predict(args: argparse.Namespace) -> int:
    import numpy as np

    from graph_core.io.data_files import load_arrays, save_outputs
    from graph_core.model import ensure_weights, input_names, output_names, require_valid
    from graph_core.reference import check_inputs

    out = _output_path(args.output, {".npy", ".npz"})
    project = _load_model(args.model, args.model_name)
    graph = project.graph
    require_valid(graph)
    ensure_weights(graph, seed=0)
    inputs = check_inputs(graph, load_arrays(args.input, input_names(graph)))
    if args.reference:
        from graph_core.reference import forward
    else:
        from kernels.executor import predict as forward
    outputs = forward(graph, inputs)
    save_outputs(out, output_names(graph), outputs)
    shapes = ", ".join(f"{k} {np.shape(v)}" for k, v in outputs.items())
    print(f"wrote {out}: {shapes}")
    return 0


def cmd_install_desktop() -> int:
    from gui.desktop import install

    for path in install():
        print(f"wrote {path}")
    return 0


def cmd_editor(args: argparse.Namespace) -> int:
    from gui.app import run_editor

    return run_editor(args.model)


# --------------------------------------------------------------------------- helpers


def _load_model(path: str, model: str | None = None) -> Any:
    """The project in ``path`` (.lwire, .keras, Keras JSON, a built-in example's name), or with ``model`` its model
    of that name over the same layers (a project of that model's graph, whose layers are the file's); warnings go
    to stderr, one a line."""
    from graph_core.io.files import Project
    from graph_core.io.interop import load_any
    from graph_core.views import model_graph

    project = load_any(path)
    if model is not None:
        project = Project(model_graph(project.graph, model), project.training, project.history)
    for warning in project.graph.analysis().warnings:
        print(f"layerwire: warning: {warning.message}", file=sys.stderr)
    return project


def _output_path(path: str, suffixes: set[str] | None) -> Path:
    out = Path(path)
    if suffixes is not None and out.suffix.lower() not in suffixes:
        raise UsageError(f"the output must end in {' or '.join(sorted(suffixes))}; received {path!r}")
    if out.is_dir():
        raise UsageError(f"the output {path!r} is a folder")
    if not out.parent.exists():
        raise UsageError(f"the folder of the output {path!r} does not exist")
    return out


# --------------------------------------------------------------------------- train / evaluate / bench


def _whole_number(least: int, what: str) -> Callable[[str], int]:
    """An argparse type: a whole number of at least ``least`` (``what`` says so in the message)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number; received {text!r}") from None
        if value < least:
            raise argparse.ArgumentTypeError(f"expected {what}; received {text}")
        return value

    return parse


_positive_int = _whole_number(1, "a number >= 1")
_count_or_zero = _whole_number(0, "0 (all) or more")


def _float_in(low: float, high: float, open_low: bool = False) -> Any:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number; received {text!r}") from None
        if not (low < value if open_low else low <= value) or not value < high:
            raise argparse.ArgumentTypeError(f"expected a number {'>' if open_low else '>='} {low:g} and < {high:g}; "
                                             f"received {text}")  # fmt: skip
        return value

    return parse


def _loss_weights(text: str) -> list[float] | dict[str, float]:
    """``1,0.2`` (in output order) or ``priority=1,department=0.2`` (by output name)."""
    parts = [p.strip() for p in text.split(",")]
    named = ["=" in p for p in parts]
    if any(named) and not all(named):
        raise argparse.ArgumentTypeError(f"expected all weights named (a=1,b=0.2) or none (1,0.2); received {text!r}")
    try:
        if all(named):
            pairs = [p.split("=", 1) for p in parts]
            return {name.strip(): float(value) for name, value in pairs}
        return [float(p) for p in parts]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected numbers such as 1,0.2 or a=1,b=0.2; received {text!r}") from None


def add_engine_commands(sub: Any) -> None:
    """Add ``train``, ``evaluate`` and ``bench`` to the sub-parsers."""
    from graph_core.settings import OPTIMIZERS

    p = sub.add_parser("train", help="train the model on a data set and print one line per epoch")
    p.add_argument("model", help="a .lwire or .keras file")
    _data_args(p)
    p.add_argument("--epochs", type=_positive_int, help="epochs to train (default 1)")
    p.add_argument("--optimizer", choices=OPTIMIZERS, type=str.lower, help="default rmsprop, as Keras")
    p.add_argument("--lr", type=_float_in(0.0, float("inf"), open_low=True), help="learning rate")
    p.add_argument("--momentum", type=_float_in(0.0, 1.0), help="momentum of sgd or rmsprop")
    p.add_argument("--nesterov", action="store_true", default=None, help="Nesterov momentum (sgd)")
    p.add_argument("--validation-split", type=_float_in(0.0, 1.0), help="fraction of the data, taken from its end")
    p.add_argument("--validation-data", help="a built-in data set or a file to validate on (instead of a split)")
    p.add_argument("--no-shuffle", action="store_true", help="keep the samples in order")
    p.add_argument("--seed", type=int, help="seed of weights, shuffling and dropout (default 0)")
    p.add_argument("-o", "--output", help="write the trained model: .lwire (with history) or .keras")
    _model_option(p)
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("evaluate", help="print the model's loss and metrics on a data set")
    p.add_argument("model", help="a .lwire or .keras file")
    _data_args(p)
    _model_option(p)
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("bench", help="training throughput of mnist_model, two convolution models and a text model, "
                       "beside PyTorch when available")  # fmt: skip
    p.add_argument(
        "--models",
        default="mnist_model,convnet,toy_resnet,text_lstm",
        help="which: mnist_model, convnet (Keras's simple MNIST convnet), toy_resnet, text_lstm (ids of length 100, "
        "Embedding, LSTM(128), Dense(4)); default all four",
    )
    p.add_argument("--samples", type=_positive_int, default=20_000, help="mnist_model's random samples (default 20000)")
    p.add_argument("--batch-sizes", default="32,128,1024", help="mnist_model's, comma-separated (default 32,128,1024)")
    p.add_argument("--conv-batch-sizes", default="32,128", help="the convolution and text models' (default 32,128)")
    p.add_argument("--epochs", type=_positive_int, default=5, help="timed epochs per batch size (default 5)")
    p.add_argument("--compare-python", help="a Python with torch (and optionally jax) to run the comparison in")
    p.add_argument("--no-compare", action="store_true", help="skip PyTorch/JAX")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    p.set_defaults(func=cmd_bench)


def _data_args(p: argparse.ArgumentParser) -> None:
    from graph_core.settings import LOSSES

    p.add_argument(
        "--data",
        help="a built-in data set name, mnist, fashion_mnist or cifar10 (downloaded once), a data file, or a "
        "folder of images with one subfolder per class (default: the model's setting)",
    )
    p.add_argument("--target", help="target column of a .csv (name) or .npy (index); default the last")
    p.add_argument(
        "--bad-images",
        choices=("skip", "refuse"),
        default="skip",
        help="a damaged image in a folder of images: skip it with a warning (default) or refuse the folder",
    )
    p.add_argument(
        "--samples",
        type=_count_or_zero,
        metavar="N",
        help="use the first N samples of the data, as x_train[:N] (0: all; default: the model's setting)",
    )
    p.add_argument(
        "--targets-from-inputs",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="each output's target is the model's input, as an autoencoder's fit(x, x) (--no-targets-from-inputs: "
        "the data's targets, whatever the model's setting)",
    )
    p.add_argument("--batch-size", type=_positive_int, help="samples per batch (default 32)")
    p.add_argument("--loss", choices=LOSSES, help="Keras loss name (default: inferred from the data)")
    p.add_argument(
        "--loss-weights",
        type=_loss_weights,
        metavar="W",
        help="each output's weight in the total loss: 1,0.2 in output order or priority=1,department=0.2",
    )
    p.add_argument("--from-logits", action="store_true", default=None, help="the outputs are logits")
    p.add_argument("--json", action="store_true", help="print JSON objects instead of text")
    p.add_argument(
        "--progress",
        choices=("auto", "on", "off"),
        default="auto",
        help="progress bars on stderr: a known data set's download, and train's epochs (auto: when it is a terminal)",
    )


# --------------------------------------------------------------------------- train / evaluate


def _settings(project: Any, args: argparse.Namespace, training: bool) -> Any:
    from graph_core.errors import ConfigError
    from graph_core.settings import TrainingSettings

    try:
        base = TrainingSettings.from_dict(project.training)
    except ConfigError as exc:
        raise ConfigError(f"the model's training settings: {exc}") from None
    changes: dict[str, Any] = {
        "loss": args.loss,
        "loss_weights": args.loss_weights,
        "from_logits": args.from_logits,
        "batch_size": args.batch_size,
        "data": args.data,
        "targets_from_inputs": args.targets_from_inputs,
    }
    if args.samples is not None:
        base = dataclasses.replace(base, samples=args.samples or None)
    if args.targets_from_inputs is False:  # --no-targets-from-inputs: the labels again
        base = dataclasses.replace(base, targets_from_inputs=False)
    if training:
        changes.update(optimizer=args.optimizer, learning_rate=args.lr, momentum=args.momentum,
                       nesterov=args.nesterov, epochs=args.epochs, validation_split=args.validation_split,
                       shuffle=False if args.no_shuffle else None, seed=args.seed)  # fmt: skip
    else:
        changes["validation_split"] = 0.0
    if (args.data is not None and args.data != base.data) or args.target is not None:
        base = dataclasses.replace(base, target=None, features=None)  # the columns chosen for the project's data
    return base.replace(**changes)


def _duration(seconds: float) -> str:
    """``2.35 s``, ``84 ms``, ``3.2 ms``: three figures or so, whatever the epoch's length."""
    if seconds >= 1:
        return f"{seconds:.2f} s"
    ms = seconds * 1000
    return f"{ms:.0f} ms" if ms >= 10 else f"{ms:.1f} ms"


class ProgressBar:
    """Keras's progress line within an epoch, redrawn in place on ``stream`` (stderr):
    ``  412/1875 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━  3 s left - loss: 0.3412``."""

    WIDTH = 30

    def __init__(self, batches: int, stream: TextIO) -> None:
        self.batches, self.stream = batches, stream
        self.epoch, self.done, self.loss_sum, self.start = -1, 0, 0.0, time.perf_counter()
        self.shown = 0  # characters on the line now

    def update(self, epoch: int, first: int, losses: Any) -> None:
        if epoch != self.epoch:
            self.epoch, self.done, self.loss_sum, self.start = epoch, 0, 0.0, time.perf_counter()
        self.done = first + len(losses)
        self.loss_sum += float(losses.sum())
        filled = self.WIDTH * self.done // max(self.batches, 1)
        rate = self.done / max(time.perf_counter() - self.start, 1e-9)
        left = (self.batches - self.done) / rate if self.done < self.batches else 0.0
        digits = len(str(self.batches))
        text = (f"{self.done:>{digits}}/{self.batches} {'━' * filled}{'─' * (self.WIDTH - filled)} "
                f"{left:.0f} s left - loss: {self.loss_sum / max(self.done, 1):.4f}")  # fmt: skip
        self.stream.write("\r" + text.ljust(self.shown))
        self.stream.flush()
        self.shown = len(text)

    def clear(self) -> None:
        """Wipe the line, for the epoch's own line to take its place."""
        if self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()
            self.shown = 0


class DownloadBar:
    """A known data set's download on ``stream`` (stderr): a line naming each file and its address, then (when
    ``redraw``) a bar redrawn in place: ``  3.1 MB of 11.0 MB ━━━━━━━━━─────────────────────  28 %``."""

    WIDTH = 30

    def __init__(self, stream: TextIO, redraw: bool) -> None:
        self.stream, self.redraw = stream, redraw
        self.file: str | None = None
        self.shown = 0

    def update(self, progress: Any) -> None:
        """``progress``: a :class:`kernels.download.Progress`."""
        if progress.file != self.file:
            self.end()
            self.file = progress.file
            of = f" ({progress.index + 1} of {progress.count})" if progress.count > 1 else ""
            self.stream.write(f"downloading {progress.file}{of} from {progress.url}\n")
            self.stream.flush()
        if not self.redraw:
            return
        from graph_core.model import readable_bytes

        received, total = progress.received, progress.total
        if total:
            filled = self.WIDTH * received // total
            text = (f"  {readable_bytes(received)} of {readable_bytes(total)} {'━' * filled}"
                    f"{'─' * (self.WIDTH - filled)} {100 * received // total:3d} %")  # fmt: skip
        else:
            text = f"  {readable_bytes(received)}"
        self.stream.write("\r" + text.ljust(self.shown))
        self.stream.flush()
        self.shown = len(text)

    def end(self) -> None:
        """Close the bar's line (the bar stays, complete or where it stopped)."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = 0


def _fetch_known(source: str | None, progress: str) -> None:
    """Download the known data set ``source`` (mnist, fashion_mnist, cifar10) if it is not in the caches yet,
    with a bar on stderr (``progress``: auto, on or off, as ``--progress``). Ctrl+C cancels it: nothing is
    kept and the run ends with one line."""
    from graph_core.errors import DownloadCancelled
    from graph_core.messages import Message
    from kernels import download

    if source not in download.KNOWN or not download.missing(source):
        return
    bar = DownloadBar(sys.stderr, progress == "on" or (progress == "auto" and sys.stderr.isatty()))
    try:
        download.fetch(source, progress=bar.update)
    except KeyboardInterrupt:
        raise DownloadCancelled(
            Message("The download of {file} was cancelled; nothing was kept", file=bar.file or source)
        ) from None
    finally:
        bar.end()


def _format_logs(logs: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.4f}" for k, v in logs.items())


def _prepare_engine(trainer: Trainer) -> None:
    """Compile what this machine lacks for the model, saying so on stderr (only the first run of a model)."""
    count = len(trainer.kernels_to_compile())
    if count:
        print(f"preparing the engine for this machine: compiling {count} kernels, once...", file=sys.stderr, flush=True)
        began = time.perf_counter()
        trainer.prepare()
        print(f"engine ready ({time.perf_counter() - began:.1f} s)", file=sys.stderr, flush=True)


def _load_data(source: str, project: Any, args: argparse.Namespace, seed: int, settings: Any = None) -> Any:
    """The data set ``source`` for the project's model, a .csv's columns as ``--target`` or ``settings`` choose; what
    was left out of it (a folder's damaged images) is said on stderr, one line each."""
    from kernels.datasets import for_training, load_dataset

    target, features = args.target, None
    if settings is not None and source == settings.data and args.target is None:
        target, features = settings.target, settings.features
    data = load_dataset(source, project.graph, target=target, features=features, seed=seed,
                        bad_images=args.bad_images)  # fmt: skip
    for warning in data.warnings:
        print(f"layerwire: warning: {warning}", file=sys.stderr)
    if settings is not None:  # the data trained on: the first samples, the inputs as targets
        data = for_training(data, project.graph, settings.samples, settings.targets_from_inputs)
    if data.stream_note:
        print(f"layerwire: {data.stream_note}", file=sys.stderr)
    return data


def cmd_train(args: argparse.Namespace) -> int:
    from kernels.training import Callbacks, Trainer

    out = None
    if args.output is not None:
        out = Path(args.output)
        if out.suffix.lower() not in (".lwire", ".keras"):
            return _usage(f"the output must end in .lwire or .keras; received {args.output!r}")
        if out.is_dir() or not out.parent.exists():
            return _usage(f"cannot write {args.output!r}: it is a folder or its folder does not exist")
    if args.validation_data is not None and args.validation_split is not None:
        return _usage("give --validation-split or --validation-data, not both")
    from graph_core.io.files import Project
    from graph_core.views import model_graph

    whole = project = _load_model(args.model)
    if args.model_name:  # the model named shares its layers with the project's: training it trains them there
        project = Project(model_graph(whole.graph, args.model_name), whole.training, whole.history)
    settings = _settings(project, args, training=True)
    if settings.data is None:
        return _usage("no data: give --data (a built-in set or a file), or store one in the model's settings")
    _fetch_known(settings.data, args.progress)
    data = _load_data(settings.data, project, args, settings.seed, settings)
    validation = None
    if args.validation_data is not None:  # as Keras: validation data replaces the split (and a test part)
        settings = settings.replace(validation_split=0.0)
        _fetch_known(args.validation_data, args.progress)
        validation = _load_data(args.validation_data, project, args, settings.seed)
        if settings.targets_from_inputs:
            from kernels.datasets import for_training

            validation = for_training(validation, project.graph, targets_from_inputs=True)
    trainer = Trainer(project.graph, settings, data, validation)
    if not args.json:
        print(f"training {project.graph.name} on {data.description}", flush=True)
        losses = ", ".join(f"{s.name}{' (from logits)' if s.from_logits else ''}" for s in trainer.losses)
        print(f"{settings.optimizer}, learning rate {settings.lr:g}, batch size {settings.batch_size}, loss {losses}",
              flush=True)  # fmt: skip

    _prepare_engine(trainer)
    show_bar = not args.json and (args.progress == "on" or (args.progress == "auto" and sys.stderr.isatty()))
    bar = ProgressBar(trainer.batches_per_epoch, sys.stderr) if show_bar else None

    def on_epoch(epoch: int, logs: dict[str, float]) -> None:
        if bar is not None:
            bar.clear()
        if args.json:
            print(json.dumps({"epoch": epoch + 1, **logs}), flush=True)
        else:
            seconds = trainer.last_epoch_seconds
            print(f"epoch {epoch + 1}/{settings.epochs}: {_format_logs(logs)} ({_duration(seconds)})", flush=True)

    history = trainer.fit(Callbacks(on_epoch=on_epoch, on_batches=bar.update if bar else None, batches_interval=0.1))
    for warning in data.found_warnings()[len(data.warnings) :]:  # a streamed folder's damaged images, found as it ran
        print(f"layerwire: warning: {warning}", file=sys.stderr)
    if out is not None:
        trainer.apply_weights()
        project.training = whole.training = settings.to_dict()
        project.history.append(history.record(settings, data.description))
        if out.suffix.lower() == ".lwire":  # the whole project, whichever of its models was trained
            from graph_core.io import files

            files.save(whole, out)
        else:
            from graph_core.io.interop import export_model

            export_model(project, "keras", out)
        if not args.json:
            print(f"wrote {out}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from kernels.training import Trainer

    project = _load_model(args.model, args.model_name)
    settings = _settings(project, args, training=False)
    if settings.data is None:
        return _usage("no data: give --data (a built-in set or a file), or store one in the model's settings")
    _fetch_known(settings.data, args.progress)
    data = _load_data(settings.data, project, args, settings.seed, settings)
    logs = Trainer(project.graph, settings, data).evaluate()  # on the test part of a set that has one
    if args.json:
        print(json.dumps(logs))
    else:
        print(f"{project.graph.name} on {data.description}")
        print(_format_logs(logs))
    return 0


def _sizes(text: str, option: str) -> list[int] | str:
    """Batch sizes from ``"32,128"``, or the usage message."""
    try:
        sizes = [int(s) for s in text.split(",") if s.strip()]
    except ValueError:
        return f"{option} must be whole numbers separated by commas; received {text!r}"
    if not sizes or min(sizes) < 1:
        return f"{option} must be positive; received {text!r}"
    return sizes


def cmd_bench(args: argparse.Namespace) -> int:
    try:  # the benchmark is a tool of the repository (tools/), not part of an installed Layerwire
        from tools.bench import run_bench
        from tools.bench_conv import MODELS
    except ImportError:
        return _usage("the benchmark runs from a checkout of Layerwire (its tools/ folder), not from an install")

    sizes, conv_sizes = _sizes(args.batch_sizes, "--batch-sizes"), _sizes(args.conv_batch_sizes, "--conv-batch-sizes")
    for value in (sizes, conv_sizes):
        if isinstance(value, str):
            return _usage(value)
    models = [m.strip() for m in args.models.split(",") if m.strip()]
    known = ["mnist_model", *MODELS]
    unknown = [m for m in models if m not in known]
    if unknown or not models:
        return _usage(f"--models takes {', '.join(known)}; received {args.models!r}")
    return run_bench(args.samples, sizes, args.epochs, None if args.no_compare else args.compare_python,  # type: ignore[arg-type]
                     compare=not args.no_compare, as_json=args.json, models=models, conv_sizes=conv_sizes)  # fmt: skip


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"layerwire: error: {message} (see {self.prog} --help)\n")


def _model_option(p: argparse.ArgumentParser) -> None:
    """``--model NAME``: one of the models a project defines over its layers (:mod:`graph_core.views`)."""
    p.add_argument(
        "--model",
        dest="model_name",
        metavar="NAME",
        help="one of the models the project defines (default: the main one)",
    )


def build_parser(prog: str = "python main.py") -> argparse.ArgumentParser:
    """The command line; ``prog`` is how it was started (``layerwire`` when installed), for usage and hints."""
    parser = _Parser(
        prog=prog.removeprefix("python "),
        usage="%(prog)s [-h] [MODEL | COMMAND ...]",
        description="Layerwire: build neural networks by wiring layers, as the Keras Functional API does.",
    )
    parser.set_defaults(func=cmd_editor, model=None)
    parser.add_argument(
        "--install-desktop",
        action="store_true",
        help="add Layerwire to this user's desktop menu (a .desktop file and an icon, Linux), then exit",
    )
    sub = parser.add_subparsers(
        title="commands",
        metavar="COMMAND",
        prog=prog,  # each command's usage and error hint: "see layerwire export --help"
        parser_class=_Parser,
        description=f"With no command, the editor opens ({prog} [MODEL]).",
    )

    p = sub.add_parser("summary", help="print the model's summary as Keras prints it")
    p.add_argument("model", help="a .lwire or .keras file")
    p.add_argument(
        "--expand-nested", action="store_true", help="list the layers of nested models too (Keras's expand_nested)"
    )
    _model_option(p)
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("import", help="turn a .keras file or Keras JSON config into a .lwire project")
    p.add_argument("source", help="a .keras file or a Keras JSON config (model.to_json())")
    p.add_argument("-o", "--output", required=True, help="the .lwire file to write")
    p.set_defaults(func=cmd_import)

    from graph_core.io.interop import EXPORT_FORMATS

    p = sub.add_parser("export", help="write the model in another format")
    p.add_argument("model", help="a .lwire or .keras file")
    p.add_argument(
        "--format",
        required=True,
        choices=(*EXPORT_FORMATS, "png", "keras-train"),
        help="the format to write; keras-train: a Keras 3 training script with the data and weights beside it",
    )
    p.add_argument("-o", "--output", required=True, help="the file to write")
    p.add_argument(
        "--expand-nested",
        action="store_true",
        help="png, svg and summary: show the layers of nested models too (Keras's expand_nested)",
    )
    _model_option(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("predict", help="run the model on inputs from a .npy or .npz file")
    p.add_argument("model", help="a .lwire or .keras file")
    p.add_argument("--input", required=True, help=".npy (one input) or .npz keyed by input layer name")
    p.add_argument("-o", "--output", required=True, help=".npy (one output) or .npz keyed by output layer name")
    p.add_argument("--reference", action="store_true", help="use the plain numpy forward pass")
    _model_option(p)
    p.set_defaults(func=cmd_predict)

    add_engine_commands(sub)
    return parser


def _command_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def main(argv: Sequence[str] | None = None, prog: str = "python main.py") -> int:
    from kernels import cpu

    cpu.prepare()  # before anything loads numpy's BLAS
    from graph_core.errors import DownloadCancelled, LayerwireError

    parser = build_parser(prog)
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = _command_names(parser)
    if argv and not argv[0].startswith("-") and argv[0] not in commands:
        # `python main.py model.lwire`: the editor with a file.
        if len(argv) > 1:
            parser.error(f"unrecognized arguments: {' '.join(argv[1:])}")
        args = argparse.Namespace(func=cmd_editor, model=argv[0])
    else:
        args = parser.parse_args(argv)
        if getattr(args, "install_desktop", False):
            args.func = lambda _args: cmd_install_desktop()
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except UsageError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except DownloadCancelled as exc:  # Ctrl+C during a download: said as such, with Ctrl+C's status
        return _fail(str(exc), EXIT_INTERRUPTED)
    except LayerwireError as exc:
        return _fail(str(exc), EXIT_FAILURE)
    except OSError as exc:
        return _fail(f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc), EXIT_FAILURE)
    except MemoryError:
        return _fail("out of memory", EXIT_FAILURE)
    except KeyboardInterrupt:
        return _fail("interrupted", EXIT_INTERRUPTED)
    except Exception as exc:  # a bug: still one line, with the details on request
        if os.environ.get("LAYERWIRE_DEBUG"):
            raise
        return _fail(f"internal error: {type(exc).__name__}: {exc} (set LAYERWIRE_DEBUG=1 for details)", EXIT_FAILURE)


def _utf8_output() -> None:
    """Rich-free summaries use box characters: make sure stdout can carry them."""
    if hasattr(sys.stdout, "reconfigure") and (sys.stdout.encoding or "").lower() not in ("utf-8", "utf8"):
        sys.stdout.reconfigure(encoding="utf-8")
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")


def cli() -> int:
    """The installed ``layerwire`` command: the command line, and with no command the editor."""
    _utf8_output()
    return main(sys.argv[1:], prog="layerwire")


def editor() -> int:
    """The installed ``layerwire-editor``: the editor alone (a GUI script: no console on Windows)."""
    return main(sys.argv[1:2], prog="layerwire-editor")


if __name__ == "__main__":
    _utf8_output()
    sys.exit(main())

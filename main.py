"""Layerwire's entry point.

    python main.py [MODEL]                 open the editor (with MODEL, a .lwire or .keras file)
    python main.py summary MODEL           print the Keras summary
    python main.py import SRC -o OUT.lwire
    python main.py export MODEL --format keras -o OUT.keras
    python main.py predict MODEL --input X.npy -o Y.npy
    python main.py train / evaluate / bench (see --help)
    python main.py --install-desktop       a menu entry and icon for the editor (Linux)

Usage errors exit 2, other failures 1, each with one line on stderr and no traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

EXIT_FAILURE = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """A command line that asks for something that cannot be done as asked."""


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


def _load_model(path: str, model: str | None = None):
    """A ``Project`` from a ``.lwire`` or ``.keras`` file (or Keras JSON config), or its model named ``model``;
    warnings go to stderr."""
    from kernels.commands import load_model

    return load_model(path, model)


def _output_path(path: str, suffixes: set[str] | None) -> Path:
    out = Path(path)
    if suffixes is not None and out.suffix.lower() not in suffixes:
        raise UsageError(f"the output must end in {' or '.join(sorted(suffixes))}; received {path!r}")
    if out.is_dir():
        raise UsageError(f"the output {path!r} is a folder")
    if not out.parent.exists():
        raise UsageError(f"the folder of the output {path!r} does not exist")
    return out


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"layerwire: error: {message} (see {self.prog} --help)\n")


def _model_option(p: argparse.ArgumentParser) -> None:
    from kernels.commands import model_option

    model_option(p)


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

    try:
        from kernels.commands import add_commands
    except ImportError:  # the engine's commands are optional while it is being built
        pass
    else:
        add_commands(sub)
    return parser


def _command_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def main(argv: Sequence[str] | None = None, prog: str = "python main.py") -> int:
    from kernels import cpu

    cpu.prepare()  # before anything loads numpy's BLAS
    from graph_core.errors import LayerwireError

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
    except LayerwireError as exc:
        return _fail(str(exc), EXIT_FAILURE)
    except OSError as exc:
        return _fail(f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc), EXIT_FAILURE)
    except MemoryError:
        return _fail("out of memory", EXIT_FAILURE)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
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

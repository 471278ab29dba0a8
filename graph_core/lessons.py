"""Guided lessons: steps written as data, each checked against the graph as it is.

A lesson is a JSON file in ``resources/lessons`` (the format is described in that
folder's README). Each step has a text in every language and a *check* — a small
pattern the graph must contain, such as "an Input of shape (784,) wired into a Dense of
64 units with relu". :func:`progress` tells which steps the graph satisfies; the editor
ticks them off after every edit. A lesson can also ask for training settings and for a
run that reaches a stated figure (checks of the project: its settings and its history),
for the model to have been saved to a file or opened from one (checks of its
:class:`Files`), and a step can show the code the Keras guide writes for it. Checks read;
they never change anything.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph_core.errors import FileFormatError, LayerwireError
from graph_core.examples import EXAMPLES
from graph_core.graph import Graph
from graph_core.messages import Message
from graph_core.model import param_counts, used_layers
from graph_core.resources import RESOURCES
from graph_core.settings import TrainingSettings

LESSONS_DIR = RESOURCES / "lessons"
LANGUAGES = ("en", "ko")
CHECK_KINDS = ("node", "chain", "merge", "shared", "inputs", "outputs", "valid", "params", "model_name", "model",
               "training", "trained", "file", "all", "any")  # fmt: skip
#: Checks of the project (its training settings, its runs) rather than of the graph.
PROJECT_KINDS = ("training", "trained")
#: What a ``training`` check may ask for: the names of the training settings, as a ``.lwire`` file keeps them.
SETTING_NAMES = frozenset(f.name for f in dataclasses.fields(TrainingSettings))


@dataclass(frozen=True)
class Files:
    """The files of the model being edited, as the editor knows them: those it was saved or exported to since it
    was opened (paths), and the one it was read from (None: a new model, or a copy of an example)."""

    written: tuple[str, ...] = ()
    opened: str | None = None


def _suffix_matches(path: str | None, suffix: str) -> bool:
    return path is not None and path.lower().endswith(suffix.lower())


@dataclass(frozen=True)
class Step:
    text: Mapping[str, str]  # language -> text
    check: Mapping[str, Any]
    hint: Mapping[str, str]
    code: str = ""  # what the Keras guide writes for this step, shown beside it


@dataclass(frozen=True)
class Lesson:
    id: str
    title: Mapping[str, str]
    intro: Mapping[str, str]
    steps: tuple[Step, ...]
    example: str = ""  # the example the lesson opens (the gallery's name); none: it starts on a new model

    def text(self, field: Mapping[str, str], language: str) -> str:
        return field.get(language) or field["en"]


# --------------------------------------------------------------------------- patterns


def _shape(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def node_matches(graph: Graph, node: int, pattern: Mapping[str, Any]) -> bool:
    """Whether ``node``'s layer has the pattern's ``type`` (and ``name``, where it gives one) and every config value
    it names."""
    layer = graph.layer_of(node)
    if "type" in pattern and layer.type != pattern["type"]:
        return False
    if "name" in pattern and layer.name != pattern["name"]:
        return False
    for key, want in pattern.get("config", {}).items():
        if _shape(layer.config.get(key)) != _shape(want):
            return False
    return True


def _matching(graph: Graph, pattern: Mapping[str, Any]) -> list[int]:
    return [n for n in graph.nodes if node_matches(graph, n, pattern)]


def _chain_from(graph: Graph, node: int, patterns: list[Mapping[str, Any]]) -> bool:
    if not patterns:
        return True
    return any(
        node_matches(graph, w.dst, patterns[0]) and _chain_from(graph, w.dst, patterns[1:])
        for w in graph.wires_out(node)
    )


def _same(have: Any, want: Any) -> bool:
    if isinstance(want, float) or isinstance(have, float):
        return isinstance(have, (int, float)) and abs(have - want) <= 1e-9 * max(1.0, abs(want))
    if isinstance(want, list):
        return isinstance(have, (list, tuple)) and len(have) == len(want) and all(map(_same, have, want))
    if isinstance(want, dict):
        return isinstance(have, dict) and have.keys() == want.keys() and all(_same(have[k], want[k]) for k in want)
    if isinstance(want, str) and isinstance(have, str):
        return have.lower() == want.lower()
    return bool(have == want)


def _settings_match(recorded: Any, wanted: Mapping[str, Any]) -> bool:
    """Whether training settings as a project or a run records them have every value ``wanted`` names (a setting
    left at its default, such as ``samples``, compares as ``None``)."""
    try:
        settings = TrainingSettings.from_dict(recorded or {}).to_dict()
    except LayerwireError:
        return False
    return all(_same(settings.get(key), want) for key, want in wanted.items())


def _check_project(project: Any, spec: Mapping[str, Any]) -> bool:
    """A check of the project's training settings (``training``) or its last run (``trained``; with ``settings``,
    its last run made with them, so a step stays done while a later one trains otherwise)."""
    if project is None:
        return False
    if spec["kind"] == "training":
        return _settings_match(project.training, spec["settings"])
    runs = [
        run
        for run in project.history or []
        if run.get("epochs") and ("settings" not in spec or _settings_match(run.get("settings"), spec["settings"]))
    ]
    if not runs:
        return False
    value = runs[-1]["epochs"][-1].get(spec["metric"])
    if not isinstance(value, (int, float)):
        return False
    return ("at_least" not in spec or value >= spec["at_least"]) and ("at_most" not in spec or value <= spec["at_most"])


def check(graph: Graph, spec: Mapping[str, Any], project: Any = None, files: Files | None = None) -> bool:
    """Whether ``graph`` (and, for the training checks, ``project``: a :class:`~graph_core.io.files.Project`;
    for the ``file`` check, ``files``) satisfies one step's check."""
    kind = spec["kind"]
    if kind == "all":
        return all(check(graph, part, project, files) for part in spec["checks"])
    if kind == "any":
        return any(check(graph, part, project, files) for part in spec["checks"])
    if kind in PROJECT_KINDS:
        return _check_project(project, spec)
    if kind == "file":
        files = files or Files()
        if "saved" in spec:
            return any(_suffix_matches(path, spec["saved"]) for path in files.written)
        return _suffix_matches(files.opened, spec["opened"])
    if kind == "node":
        return len(_matching(graph, spec["match"])) >= spec.get("count", 1)
    if kind == "chain":
        first, *rest = spec["match"]
        return any(_chain_from(graph, n, rest) for n in _matching(graph, first))
    if kind == "merge":
        wanted = spec["inputs"]
        for n in _matching(graph, {"type": spec["type"], **({"config": spec["config"]} if "config" in spec else {})}):
            sources = graph.sources_of(n)
            if len(sources) == len(wanted) and _assign(graph, sources, list(wanted)):
                return True
        return False
    if kind == "shared":
        return any(
            len(graph.nodes_of_layer(name)) >= spec.get("calls", 2)
            for name in graph.layers
            if node_matches(graph, graph.nodes_of_layer(name)[0], spec["match"])
        )
    analysis = graph.analysis()
    if kind == "inputs":
        return len(analysis.inputs) == spec["count"]
    if kind == "outputs":
        return len(analysis.outputs) == spec["count"]
    if kind == "valid":
        return analysis.valid and bool(graph.nodes)
    if kind == "params":
        return analysis.valid and param_counts(graph, used_layers(graph)).total == spec["total"]
    if kind == "model_name":
        return graph.name == spec["value"]
    if kind == "model":  # one of the models the graph of layers defines (or the main one), ending at these layers
        if spec["name"] == graph.name:
            values = analysis.output_values if analysis.valid else ()
        else:
            values = graph.models.get(spec["name"], ())
        wanted = list(spec["outputs"])
        return len(values) == len(wanted) and _assign(graph, [n for n, _ in values], wanted)  # in any order
    raise AssertionError(f"unknown check {kind}")  # load() refuses unknown kinds


def _assign(graph: Graph, sources: list[int], patterns: list[Mapping[str, Any]]) -> bool:
    """Whether the sources can be matched one to one with the patterns, in any order."""
    if not sources:
        return not patterns
    head, tail = sources[0], sources[1:]
    return any(
        node_matches(graph, head, p) and _assign(graph, tail, patterns[:i] + patterns[i + 1 :])
        for i, p in enumerate(patterns)
    )


def progress(graph: Graph, lesson: Lesson, project: Any = None, files: Files | None = None) -> list[bool]:
    """For each step, whether the graph (and the project's training settings and runs, the model's files)
    satisfies it now."""
    return [check(graph, step.check, project, files) for step in lesson.steps]


def current_step(done: list[bool]) -> int | None:
    """The first step not yet satisfied, or None when the lesson is complete."""
    return next((i for i, ok in enumerate(done) if not ok), None)


# --------------------------------------------------------------------------- files


def _texts(where: str, value: Any, required: bool = True) -> dict[str, str]:
    if value is None and not required:
        return {}
    if not isinstance(value, dict) or not isinstance(value.get("en"), str):
        raise FileFormatError(
            Message('{where}: expected texts by language with at least "en"; found {value!r}', where=where, value=value)
        )
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise FileFormatError(Message("{where}: every text must be a string", where=where))
    return dict(value)


def _check_spec(where: str, spec: Any) -> dict[str, Any]:
    if not isinstance(spec, dict) or spec.get("kind") not in CHECK_KINDS:
        raise FileFormatError(
            Message("{where}: expected a check with a kind among {kinds}; found {value!r}", where=where,
                    kinds=", ".join(CHECK_KINDS), value=spec)
        )  # fmt: skip
    kind = spec["kind"]
    patterns = []
    if kind in ("node", "shared"):
        patterns = [spec.get("match")]
    elif kind == "chain":
        if not isinstance(spec.get("match"), list) or len(spec["match"]) < 2:
            raise FileFormatError(Message("{where}: a chain needs a list of at least two patterns", where=where))
        patterns = spec["match"]
    elif kind == "merge":
        if not isinstance(spec.get("type"), str) or not isinstance(spec.get("inputs"), list):
            raise FileFormatError(Message("{where}: a merge needs a type and a list of input patterns", where=where))
        patterns = spec["inputs"]
    elif kind in ("inputs", "outputs") and not isinstance(spec.get("count"), int):
        raise FileFormatError(Message("{where}: {kind} needs a count", where=where, kind=kind))
    elif kind == "params" and not isinstance(spec.get("total"), int):
        raise FileFormatError(Message("{where}: params needs a total", where=where))
    elif kind == "model_name" and not isinstance(spec.get("value"), str):
        raise FileFormatError(Message("{where}: model_name needs a value", where=where))
    elif kind == "model":
        if not isinstance(spec.get("name"), str) or not isinstance(spec.get("outputs"), list) or not spec["outputs"]:
            raise FileFormatError(Message("{where}: model needs a name and a list of output patterns", where=where))
        patterns = spec["outputs"]
    elif kind in ("all", "any"):
        if not isinstance(spec.get("checks"), list) or not spec["checks"]:
            raise FileFormatError(Message("{where}: {kind} needs a list of checks", where=where, kind=kind))
        for part in spec["checks"]:
            _check_spec(where, part)
    elif kind == "training" and (not isinstance(spec.get("settings"), dict) or not spec["settings"]):
        raise FileFormatError(Message("{where}: training needs the settings it asks for", where=where))
    elif kind == "trained" and "settings" in spec and (not isinstance(spec["settings"], dict) or not spec["settings"]):
        raise FileFormatError(
            Message("{where}: trained's settings name the settings the run was made with", where=where)
        )
    elif kind in PROJECT_KINDS and "settings" in spec and (unknown := sorted(set(spec["settings"]) - SETTING_NAMES)):
        raise FileFormatError(
            Message("{where}: {kind} asks for {names}, which are not training settings (those are {known})",
                    where=where, kind=kind, names=", ".join(unknown), known=", ".join(sorted(SETTING_NAMES)))
        )  # fmt: skip
    elif kind == "file" and (
        len({"saved", "opened"} & spec.keys()) != 1 or not isinstance(spec.get("saved", spec.get("opened")), str)
    ):
        raise FileFormatError(
            Message('{where}: file needs "saved" or "opened": the end of the file\'s name (".keras", ".lwire")',
                    where=where)
        )  # fmt: skip
    elif kind == "trained" and (
        not isinstance(spec.get("metric"), str)
        or not any(k in spec for k in ("at_least", "at_most"))
        or not all(
            isinstance(spec[k], (int, float)) and not isinstance(spec[k], bool)
            for k in ("at_least", "at_most")
            if k in spec
        )  # fmt: skip
    ):
        raise FileFormatError(
            Message("{where}: trained needs a metric and at_least or at_most (a number)", where=where)
        )
    for p in patterns:
        if not isinstance(p, dict) or not isinstance(p.get("config", {}), dict):
            raise FileFormatError(
                Message(
                    '{where}: a pattern is an object with "type" and "config"; found {value!r}', where=where, value=p
                )
            )
    return spec


def lesson_from_dict(data: Any, lesson_id: str) -> Lesson:
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list) or not data["steps"]:
        raise FileFormatError(
            Message("lesson {lesson}: expected an object with a non-empty list of steps", lesson=lesson_id)
        )
    steps = []
    for i, raw in enumerate(data["steps"]):
        where = Message("lesson {lesson}, step {step}", lesson=lesson_id, step=i + 1)
        if not isinstance(raw, dict):
            raise FileFormatError(Message("{where}: expected an object; found {value!r}", where=where, value=raw))
        code = raw.get("code", "")
        if not isinstance(code, str):
            raise FileFormatError(Message("{where}: code must be a string; found {value!r}", where=where, value=code))
        steps.append(
            Step(
                _texts(where, raw.get("text")),
                _check_spec(where, raw.get("check")),
                _texts(where, raw.get("hint"), False),
                code,
            )
        )
    example = data.get("example", "")
    if not isinstance(example, str) or (example and example not in EXAMPLES):
        raise FileFormatError(
            Message("lesson {lesson}: example must be the name of one of the examples ({names}); found {value!r}",
                    lesson=lesson_id, names=", ".join(EXAMPLES), value=example)
        )  # fmt: skip
    return Lesson(
        lesson_id,
        _texts(Message("lesson {lesson} title", lesson=lesson_id), data.get("title")),
        _texts(Message("lesson {lesson} intro", lesson=lesson_id), data.get("intro")),
        tuple(steps),
        example,
    )


def load(path: str | os.PathLike[str]) -> Lesson:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FileFormatError(
            Message("{name} is not a readable lesson: {error}", name=path.name, error=str(exc))
        ) from None
    return lesson_from_dict(data, path.stem)


def scan(folder: Path | None = None) -> tuple[list[Lesson], list[tuple[str, str]]]:
    """The lessons in ``folder`` in file-name order (name them 01_..., 02_...), and each file that is not a lesson
    with the reason (a broken file a teacher dropped in must not hide the others)."""
    found, broken = [], []
    for path in sorted((folder or LESSONS_DIR).glob("*.json")):
        try:
            found.append(load(path))
        except FileFormatError as exc:
            broken.append((path.name, str(exc)))
    return found, broken


def available(folder: Path | None = None) -> list[Lesson]:
    """Every readable lesson in ``folder``, in file-name order."""
    return scan(folder)[0]

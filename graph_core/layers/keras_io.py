"""What the layer families use to read and write their Keras configs.

A family's ``keras.read`` hook takes its fields from a :class:`KerasFields` (each field
once; what is left over must be harmless), and its ``keras.write`` hook builds the
config Keras 3.15 writes with :func:`base_config`, :func:`initializer_config` and
:func:`nulls`. Reading refuses, with one :class:`~graph_core.errors.FileFormatError`
naming the layer and the field, anything Layerwire would not compute as Keras does.
"""

from __future__ import annotations

from typing import Any

from graph_core import activations
from graph_core.errors import FileFormatError, LayerwireError
from graph_core.layers.base import Config, get
from graph_core.messages import Message, of

Json = Any

DTYPE_POLICY: dict[str, Json] = {
    "module": "keras",
    "class_name": "DTypePolicy",
    "config": {"name": "float32"},
    "registered_name": None,
}

INITIALIZER_CLASSES = {
    "glorot_uniform": "GlorotUniform",
    "glorot_normal": "GlorotNormal",
    "he_normal": "HeNormal",
    "he_uniform": "HeUniform",
    "lecun_normal": "LecunNormal",
    "lecun_uniform": "LecunUniform",
    "zeros": "Zeros",
    "ones": "Ones",
    "uniform": "RandomUniform",  # minval -0.05, maxval 0.05: Keras's default, and the Embedding's
    "orthogonal": "Orthogonal",  # gain 1: a recurrent kernel's
}
_UNIFORM = {"minval": -0.05, "maxval": 0.05}
_INITIALIZER_NAMES = {cls: name for name, cls in INITIALIZER_CLASSES.items()}
# VarianceScaling(scale, mode, distribution) that equal one of ours.
_VARIANCE_SCALING = {
    (1.0, "fan_avg", "uniform"): "glorot_uniform",
    (1.0, "fan_avg", "truncated_normal"): "glorot_normal",
    (2.0, "fan_in", "truncated_normal"): "he_normal",
    (2.0, "fan_in", "uniform"): "he_uniform",
    (1.0, "fan_in", "truncated_normal"): "lecun_normal",
    (1.0, "fan_in", "uniform"): "lecun_uniform",
}


def fail(where: str, expected: str, found: Any) -> FileFormatError:
    """``where: expected ...; found ...`` with the found value shortened to 80 characters."""
    shown = repr(found)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return FileFormatError(
        Message("{where}: expected {expected}; found {found}", where=where, expected=expected, found=shown)
    )


def is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


# =========================================================================== reading


class KerasFields:
    """A layer's Keras config being consumed: each field taken once, leftovers checked at the end."""

    def __init__(self, cls: str, name: str, cfg: dict[str, Json]) -> None:
        self.cls, self.name, self.rest = cls, name, dict(cfg)

    def where(self, key: str) -> str:
        return Message("layer {name!r} ({cls}) {key}", name=self.name, cls=self.cls, key=key)

    def take(self, key: str, default: Json = None) -> Json:
        return self.rest.pop(key, default)

    def require(self, key: str) -> Json:
        if key not in self.rest:
            raise FileFormatError(
                Message("layer {name!r} ({cls}): the config lacks {key!r}", name=self.name, cls=self.cls, key=key)
            )
        return self.rest.pop(key)

    def expect(self, key: str, allowed: tuple[Json, ...], why: str) -> None:
        """A field Layerwire supports only at harmless values (null regularizers...)."""
        value = self.rest.pop(key, allowed[0])
        if not any(value == a and type(value) is type(a) for a in allowed):
            shown = " or ".join(
                "null" if a is None else repr(a).lower() if isinstance(a, bool) else repr(a) for a in allowed
            )
            raise fail(self.where(key), Message("{shown} ({why})", shown=shown, why=why), value)

    def initializer(self, key: str, default: str, only: str | None = None) -> str:
        value = initializer_name(self.rest.pop(key, default), self.where(key))
        if only is not None and value != only:
            raise fail(
                self.where(key),
                Message("{name} (Layerwire's only choice here)", name=INITIALIZER_CLASSES[only]),
                value,
            )
        return value

    def activation(self, key: str = "activation", required: bool = False) -> str:
        value = self.require(key) if required else self.take(key)
        return activation_name(value, self.where(key))

    def no_extras(self, *weights: str) -> None:
        """Null regularizers and constraints for each named weight (``kernel``, ``bias``...)."""
        for weight in weights:
            self.expect(f"{weight}_regularizer", (None,), Message("Layerwire has no regularizers"))
        for weight in weights:
            self.expect(f"{weight}_constraint", (None,), Message("Layerwire has no constraints"))

    def channels_last(self) -> None:
        """Layerwire keeps the channels on the last axis, as Keras does by default."""
        self.expect("data_format", ("channels_last", None), Message("Layerwire keeps channels last"))

    def finish(self) -> None:
        for key, value in self.rest.items():
            if value is None or value is False:
                continue  # an unknown setting left off: harmless
            raise FileFormatError(
                Message("{where}={value!r} is a setting Layerwire does not support", where=self.where(key), value=value)
            )


def initializer_name(value: Json, where: str) -> str:
    """Our name of a Keras initializer given as a name or a serialized object."""
    if isinstance(value, str):
        name = _INITIALIZER_NAMES.get(value, value)
        if name in INITIALIZER_CLASSES:
            return name
        raise fail(where, Message("one of {names}", names=", ".join(INITIALIZER_CLASSES)), value)
    if not isinstance(value, dict) or not isinstance(value.get("class_name"), str):
        raise fail(where, Message("an initializer name or object"), value)
    cls = value["class_name"]
    module = value.get("module")
    if value.get("registered_name") is not None or (
        module is not None and not str(module).startswith(("keras.initializers", "keras.src.initializers"))
    ):
        raise fail(where, Message("a Keras initializer"), value)
    cfg = value.get("config") or {}
    if not isinstance(cfg, dict):
        raise fail(where, Message("an initializer config object"), value)
    cfg = dict(cfg)
    seed = cfg.pop("seed", None)  # only changes initial values, which the file replaces
    if seed is not None and not is_int(seed) and not isinstance(seed, dict):
        raise fail(Message("{where} {field}", where=where, field="seed"), Message("null or a whole number"), seed)
    for axes in ("input_axes", "output_axes"):
        if cfg.pop(axes, None) is not None:
            raise fail(
                Message("{where} {field}", where=where, field=axes),
                Message("null (Layerwire computes fans as Keras does by default)"),
                value,
            )
    if cls == "Orthogonal" and cfg.get("gain", 1.0) == 1.0 and set(cfg) <= {"gain"}:
        return "orthogonal"
    if cls in _INITIALIZER_NAMES and (not cfg or (cls == "RandomUniform" and cfg == _UNIFORM)):
        return _INITIALIZER_NAMES[cls]
    if cls == "Constant" and set(cfg) == {"value"} and cfg["value"] in (0, 1) and not isinstance(cfg["value"], bool):
        return "zeros" if cfg["value"] == 0 else "ones"
    if cls == "VarianceScaling":
        scale, mode = cfg.pop("scale", 1.0), cfg.pop("mode", "fan_in")
        dist = cfg.pop("distribution", "truncated_normal")
        dist = "truncated_normal" if dist == "normal" else dist
        key = (float(scale) if isinstance(scale, (int, float)) else scale, mode, dist)
        if not cfg and key in _VARIANCE_SCALING:
            return _VARIANCE_SCALING[key]
    raise FileFormatError(
        Message("{where}: the initializer {cls} {config!r} is not one Layerwire has; it has {names}", where=where,
                cls=cls, config=value.get("config"), names=", ".join(INITIALIZER_CLASSES.values()))
    )  # fmt: skip


def activation_name(value: Json, where: str) -> str:
    if isinstance(value, dict) and str(value.get("module", "")).startswith(("keras.activations", "keras.src")):
        value = value.get("config")
    if value is None:
        return "linear"
    try:
        return activations.canonical(value)
    except LayerwireError:
        raise fail(where, Message("one of {names}", names=", ".join(activations.NAMES)), value) from None


def dtype_ok(value: Json) -> bool:
    if value in (None, "float32"):
        return True
    return (
        isinstance(value, dict)
        and value.get("class_name") in ("DTypePolicy", "FloatDTypePolicy", "Policy")
        and isinstance(value.get("config"), dict)
        and value["config"].get("name") == "float32"
    )


def listed(value: Json) -> Json:
    """A Keras list value as our tuple (nested lists too); anything else unchanged."""
    if isinstance(value, list):
        return tuple(listed(v) for v in value)
    return value


def read_layer(cls: str, name: str, cfg: dict[str, Json]) -> Config:
    """Our config for a Keras layer config (of a registered type); refuses settings Layerwire cannot honour."""
    layer_type = get(cls)
    f = KerasFields(cls, name, cfg)
    f.take("name")
    if cls != "InputLayer":  # an input's config is a batch shape and a dtype, read by its own hook
        trainable = f.take("trainable", True)
        if trainable is not True:
            raise fail(f.where("trainable"), Message("true (Layerwire trains every layer)"), trainable)
        dtype = f.take("dtype")
        if not dtype_ok(dtype):
            raise fail(f.where("dtype"), Message("the float32 policy (Layerwire computes in float32)"), dtype)
        f.expect("activity_regularizer", (None,), Message("Layerwire has no regularizers"))
    values = layer_type.keras.read(f)
    f.finish()
    try:
        return layer_type.make_config(values)
    except LayerwireError as exc:
        raise FileFormatError(Message("layer {name!r}: {problem}", name=name, problem=of(exc))) from None


# =========================================================================== writing


def initializer_config(name: str) -> dict[str, Json]:
    cls = INITIALIZER_CLASSES[name]
    cfg: dict[str, Json] = {} if name in ("zeros", "ones") else {"seed": None, "input_axes": None, "output_axes": None}
    if name == "uniform":
        cfg = {"seed": None, **_UNIFORM}
    elif name == "orthogonal":
        cfg = {"seed": None, "gain": 1.0}
    return {"module": "keras.initializers", "class_name": cls, "config": cfg, "registered_name": None}


def base_config(name: str) -> dict[str, Json]:
    """The first keys of every layer's config: name, trainable, dtype policy."""
    return {"name": name, "trainable": True, "dtype": dict(DTYPE_POLICY, config={"name": "float32"})}


def nulls(*keys: str) -> dict[str, None]:
    return dict.fromkeys(keys)


def as_lists(value: Json) -> Json:
    """Tuples as JSON lists, nested ones too."""
    if isinstance(value, (list, tuple)):
        return [as_lists(v) for v in value]
    return value

"""Activation functions by their Keras names, with a plain numpy reference of each.

The reference is written for clarity, not speed: it is the oracle the numba kernels
are tested against and the forward pass of ``python main.py predict``'s reference mode.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from graph_core.errors import UnknownLayerError
from graph_core.messages import Message

# Constants as Keras 3 defines them (keras/src/activations/activations.py).
LEAKY_RELU_SLOPE = 0.2
ELU_ALPHA = 1.0
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946

_erf = np.frompyfunc(math.erf, 1, 1)


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _log_softmax(x: np.ndarray) -> np.ndarray:
    shifted = x - x.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


def _softplus(x: np.ndarray) -> np.ndarray:
    return np.logaddexp(0.0, x)


def _gelu(x: np.ndarray) -> np.ndarray:
    # Keras's "gelu" by name is the exact form (approximate=False).
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)).astype(x.dtype))


def _elu(x: np.ndarray, alpha: float = ELU_ALPHA) -> np.ndarray:
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))


_REFERENCE: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "linear": lambda x: x,
    "relu": lambda x: np.maximum(x, 0),
    "relu6": lambda x: np.clip(x, 0, 6),
    "leaky_relu": lambda x: np.where(x > 0, x, LEAKY_RELU_SLOPE * x),
    "elu": _elu,
    "celu": _elu,  # celu with alpha=1 is elu
    "selu": lambda x: SELU_SCALE * _elu(x, SELU_ALPHA),
    "gelu": _gelu,
    "sigmoid": _sigmoid,
    "hard_sigmoid": lambda x: np.clip(x + 3.0, 0, 6) / 6.0,
    "log_sigmoid": lambda x: -_softplus(-x),
    "tanh": np.tanh,
    "hard_tanh": lambda x: np.clip(x, -1, 1),
    "softmax": _softmax,
    "log_softmax": _log_softmax,
    "softplus": _softplus,
    "softsign": lambda x: x / (1.0 + np.abs(x)),
    "silu": lambda x: x * _sigmoid(x),
    "hard_silu": lambda x: x * np.clip(x + 3.0, 0, 6) / 6.0,
    "mish": lambda x: x * np.tanh(_softplus(x)),
    "exponential": np.exp,
}

#: Names Keras accepts for the same function; the file formats store the canonical one.
ALIASES = {"swish": "silu", "hard_swish": "hard_silu", None: "linear", "": "linear"}

#: Every activation name Layerwire accepts, canonical ones first.
NAMES: tuple[str, ...] = tuple(_REFERENCE) + ("swish", "hard_swish")

#: Activations that mix the last axis (so their derivative is not elementwise).
AXIS_WISE = frozenset({"softmax", "log_softmax"})


def canonical(name: object) -> str:
    """Return the canonical Keras name of an activation, or raise ``UnknownLayerError``."""
    if (name is None or isinstance(name, str)) and name in ALIASES:  # a list from a damaged file is unhashable
        return ALIASES[name]
    if isinstance(name, str) and name in _REFERENCE:
        return name
    raise UnknownLayerError(
        Message(
            "Unknown activation; expected one of {names}. Received: activation={name!r}",
            names=", ".join(_REFERENCE),
            name=name,
        )
    )


def apply(name: str, x: np.ndarray) -> np.ndarray:
    """Apply the activation ``name`` to ``x`` (any shape; softmax works on the last axis)."""
    return _REFERENCE[canonical(name)](x).astype(x.dtype, copy=False)

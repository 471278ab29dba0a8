"""Keras's weight initializers by name, seedable, in float32.

Fans follow Keras for a Dense kernel of shape (fan_in, fan_out); a 1-D weight has
fan_in = fan_out = its size. The normal variants are truncated at two standard
deviations, with the standard deviation corrected as Keras does (÷ .87962566103423978).
"""

from __future__ import annotations

import math
import zlib

import numpy as np

_TRUNCATION_STD = 0.87962566103423978


def _fans(shape: tuple[int, ...]) -> tuple[int, int]:
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive = math.prod(shape[:-2])
    return shape[-2] * receptive, shape[-1] * receptive


def _truncated_normal(rng: np.random.Generator, shape: tuple[int, ...], stddev: float) -> np.ndarray:
    out = rng.normal(0.0, stddev, size=shape)
    bad = np.abs(out) > 2 * stddev
    while bad.any():
        out[bad] = rng.normal(0.0, stddev, size=int(bad.sum()))
        bad = np.abs(out) > 2 * stddev
    return out


def initialize(name: str, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """A float32 array of ``shape`` drawn by the Keras initializer ``name``."""
    fan_in, fan_out = _fans(shape)
    if name == "zeros":
        out = np.zeros(shape)
    elif name == "ones":
        out = np.ones(shape)
    elif name == "uniform":  # Keras's RandomUniform() default, an Embedding's
        out = rng.uniform(-0.05, 0.05, size=shape)
    elif name == "orthogonal":  # a recurrent kernel's: rows or columns orthonormal, as Keras's Orthogonal()
        rows, cols = shape[0], int(np.prod(shape[1:]))
        q, r = np.linalg.qr(rng.normal(size=(max(rows, cols), min(rows, cols))))
        q = q * np.sign(np.diag(r))
        out = (q.T if rows < cols else q).reshape(shape)
    elif name == "lstm_bias":  # Keras's unit_forget_bias: zeros, but ones for the forget gate (the second quarter)
        out = np.zeros(shape)
        out[shape[0] // 4 : shape[0] // 2] = 1.0
    elif name in ("glorot_uniform", "he_uniform", "lecun_uniform"):
        scale = {"glorot_uniform": 2.0 / (fan_in + fan_out), "he_uniform": 2.0 / fan_in}.get(name, 1.0 / fan_in)
        limit = math.sqrt(3.0 * scale)
        out = rng.uniform(-limit, limit, size=shape)
    elif name in ("glorot_normal", "he_normal", "lecun_normal"):
        scale = {"glorot_normal": 2.0 / (fan_in + fan_out), "he_normal": 2.0 / fan_in}.get(name, 1.0 / fan_in)
        out = _truncated_normal(rng, shape, math.sqrt(scale) / _TRUNCATION_STD)
    else:
        raise ValueError(f"unknown initializer {name!r}")
    return np.ascontiguousarray(out, dtype=np.float32)


def layer_rng(seed: int, layer_name: str) -> np.random.Generator:
    """A generator for one layer: the same seed and name always give the same weights."""
    return np.random.default_rng([seed & 0xFFFFFFFF, zlib.crc32(layer_name.encode())])

"""One sample for an image model, made from a drawing or an image file.

    spec = model_image(graph)                     # None unless the model reads one image
    x = drawing_to_input(ink, spec)               # ink (h, w) in [0, 1], 1 where drawn
    x = image_to_input(read_image(path), spec)    # a PNG/JPEG/BMP/GIF file
    predict(graph, {spec.name: x[None]})

A model reads an image when it has one input, not of token ids, of shape ``(h, w)``,
``(h, w, 1)``, ``(h, w, 3)`` or ``(h*w,)`` with a square number of pixels (MNIST's
``(784,)``), at least :data:`SMALLEST` pixels a side. Samples are float32 in [0, 1], as
the data sets scale their images (uint8 / 255).

A drawing is prepared as MNIST's digits were: the ink's bounding box is scaled (keeping
its aspect) to fit a box of 20/28 of the side, then placed so that its centre of mass is
at the centre of the field. Grey samples are light ink on black, as MNIST's are.

An image file is converted to grey or RGB by the model's channels and resized to its
input (stretched, as Keras's ``load_img(target_size=...)`` does). A grey file whose border
is lighter than its middle (dark ink on paper) is inverted, so that its ink is light on
black as MNIST's digits are; :attr:`Prepared.inverted` says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from graph_core.errors import DataError
from graph_core.graph import Graph
from graph_core.messages import Message
from graph_core.model import input_names
from graph_core.reference import token_inputs

#: The smallest side (pixels) of an input read as an image (scikit-learn's digits are 8×8).
SMALLEST = 8
#: MNIST fits each digit in a 20×20 box of its 28×28 field.
BOX_SHARE = 20 / 28
#: Pixels at most this dark (of 1) are not ink when a drawing's bounding box is found.
INK = 0.05


@dataclass(frozen=True)
class ImageSpec:
    """The image one input of a model reads: ``height`` × ``width`` with ``channels`` (1 or 3), and the
    ``shape`` of one sample as the model takes it (e.g. ``(28, 28)``, ``(28, 28, 1)``, ``(784,)``)."""

    name: str
    height: int
    width: int
    channels: int
    shape: tuple[int, ...]


def image_spec(name: str, shape: tuple[int | None, ...]) -> ImageSpec | None:
    """The image an input of one sample's ``shape`` reads, or None when it is not an image."""
    if any(d is None for d in shape):
        return None
    dims = tuple(int(d) for d in shape)  # type: ignore[arg-type]
    if len(dims) == 1:
        side = math.isqrt(dims[0])
        if side * side == dims[0] and side >= SMALLEST:
            return ImageSpec(name, side, side, 1, dims)
        return None
    if len(dims) == 2 and min(dims) >= SMALLEST:
        return ImageSpec(name, dims[0], dims[1], 1, dims)
    if len(dims) == 3 and dims[2] in (1, 3) and min(dims[:2]) >= SMALLEST:
        return ImageSpec(name, dims[0], dims[1], dims[2], dims)
    return None


def model_image(graph: Graph) -> ImageSpec | None:
    """The image the (valid) ``graph`` reads, or None: it has several inputs, reads token ids, or its input is
    not the shape of an image."""
    analysis = graph.analysis()
    if not analysis.valid or len(analysis.inputs) != 1 or token_inputs(graph):
        return None
    shape = analysis.shapes[analysis.inputs[0]]
    return image_spec(input_names(graph)[0], tuple(shape[1:]))  # type: ignore[index]


def _resize(image: np.ndarray, height: int, width: int) -> np.ndarray:
    """``image`` (h, w) or (h, w, c) float resized to (height, width[, c]): averaging the pixels each new one
    covers when shrinking (strokes stay smooth), bilinear when growing."""
    from PIL import Image

    if image.shape[:2] == (height, width):
        return image.astype(np.float32)
    shrink = image.shape[0] >= height and image.shape[1] >= width
    method = Image.Resampling.BOX if shrink else Image.Resampling.BILINEAR
    planes = image[..., None] if image.ndim == 2 else image
    out = np.stack(
        [np.asarray(Image.fromarray(np.ascontiguousarray(planes[..., c], np.float32)).resize((width, height), method))
         for c in range(planes.shape[2])], axis=-1)  # fmt: skip
    return out[..., 0] if image.ndim == 2 else out


def _as_sample(image: np.ndarray, spec: ImageSpec) -> np.ndarray:
    return np.clip(image, 0.0, 1.0).astype(np.float32).reshape(spec.shape)


def centre_drawing(ink: np.ndarray, height: int, width: int) -> np.ndarray:
    """``ink`` (h, w) float, 1 where drawn, as MNIST prepared its digits: the ink's bounding box scaled to fit
    :data:`BOX_SHARE` of a ``height`` × ``width`` field (aspect kept), its centre of mass moved to the field's
    centre, the brightest pixel 1. Returns float32 (height, width) in [0, 1]; all zero without ink."""
    ink = np.asarray(ink, np.float64)
    field = np.zeros((height, width), np.float32)
    rows, cols = np.nonzero(ink > INK)
    if not len(rows):
        return field
    crop = ink[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]
    scale = min(BOX_SHARE * height / crop.shape[0], BOX_SHARE * width / crop.shape[1])
    h, w = max(1, round(crop.shape[0] * scale)), max(1, round(crop.shape[1] * scale))
    patch = np.clip(_resize(crop, h, w), 0.0, None)
    if patch.max() > 0:
        patch /= patch.max()
    total = patch.sum()
    cy = float((patch.sum(axis=1) * np.arange(h)).sum() / total)
    cx = float((patch.sum(axis=0) * np.arange(w)).sum() / total)
    top = min(max(round((height - 1) / 2 - cy), 0), height - h)
    left = min(max(round((width - 1) / 2 - cx), 0), width - w)
    field[top : top + h, left : left + w] = patch
    return field


def drawing_to_input(ink: np.ndarray, spec: ImageSpec) -> np.ndarray:
    """A drawing ``ink`` (h, w) in [0, 1] (1 where drawn) as one sample of ``spec.shape`` (float32, [0, 1]),
    centred as MNIST's digits (:func:`centre_drawing`); light ink on black in every channel."""
    grey = centre_drawing(ink, spec.height, spec.width)
    return _as_sample(np.repeat(grey[..., None], spec.channels, axis=2) if spec.channels == 3 else grey, spec)


def read_image(path: str | Path) -> np.ndarray:
    """An image file (PNG, JPEG, BMP, GIF's first frame...) as float32 RGB (h, w, 3) in [0, 1]; transparent
    parts are white. Raises :class:`DataError` saying why a file cannot be read as an image."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.load()
            if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
                rgba = image.convert("RGBA")
                paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
                rgb = Image.alpha_composite(paper, rgba).convert("RGB")
            else:
                rgb = image.convert("RGB")
    except UnidentifiedImageError:
        raise DataError(Message("{path} is not an image Layerwire can read (PNG, JPEG, BMP or GIF)",
                                path=str(path))) from None  # fmt: skip
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise DataError(Message("Cannot read the image {path}: {reason}", path=str(path), reason=str(exc))) from None
    return np.asarray(rgb, np.float32) / 255.0


@dataclass(frozen=True)
class Prepared:
    """An image made into one sample: ``sample`` of the model's input shape; ``inverted`` when a grey image of
    dark ink on a light ground was inverted to light ink on black."""

    sample: np.ndarray
    inverted: bool


def light_ground(grey: np.ndarray) -> bool:
    """Whether the border of ``grey`` (h, w) in [0, 1] is lighter than its middle: dark ink on paper."""
    h, w = grey.shape
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    middle = grey[h // 4 : h - h // 4, w // 4 : w - w // 4]
    return float(np.median(border)) > max(0.5, float(middle.mean()))


def image_to_input(rgb: np.ndarray, spec: ImageSpec) -> Prepared:
    """``rgb`` (h, w, 3) in [0, 1] (:func:`read_image`) as one sample of ``spec``: grey (ITU-R 601 luma, as
    Pillow's "L") for one channel, inverted when it is dark ink on a light ground; resized to the input."""
    rgb = np.asarray(rgb, np.float32)
    if spec.channels == 3:
        return Prepared(_as_sample(_resize(rgb, spec.height, spec.width), spec), False)
    grey = rgb @ np.array([0.299, 0.587, 0.114], np.float32)
    inverted = light_ground(grey)
    if inverted:
        grey = 1.0 - grey
    return Prepared(_as_sample(_resize(grey, spec.height, spec.width), spec), inverted)

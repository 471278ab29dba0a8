"""A drawing or an image file made into one sample of an image model's input (kernels/images.py)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from graph_core.builder import ModelBuilder
from graph_core.errors import DataError
from kernels import images
from kernels.images import ImageSpec, centre_drawing, drawing_to_input, image_spec, image_to_input, read_image


def _model(shape, dtype="float32"):  # type: ignore[no-untyped-def]
    b = ModelBuilder()
    x = b.add("InputLayer", shape=tuple(shape), dtype=dtype)
    if len(shape) > 1:
        x = b.add("Flatten", x)
    b.add("Dense", x, units=10)
    return b.done(layout=False)


@pytest.mark.parametrize(
    ("shape", "expected"),
    [((28, 28), (28, 28, 1)), ((28, 28, 1), (28, 28, 1)), ((784,), (28, 28, 1)), ((64,), (8, 8, 1)),
     ((32, 32, 3), (32, 32, 3)), ((2,), None), ((60,), None), ((4, 4), None), ((28, 28, 2), None),
     ((None, 28), None)],
)  # fmt: skip
def test_which_inputs_are_images(shape, expected):
    spec = image_spec("x", shape)
    assert (None if spec is None else (spec.height, spec.width, spec.channels)) == expected
    if spec is not None:
        assert spec.shape == shape


def test_the_models_image_is_its_one_input_of_pixels():
    assert image_spec("input_layer", (784,)) == images.model_image(_model((784,)))
    assert images.model_image(_model((2,))) is None
    assert images.model_image(_model((64,), dtype="int32")) is None, "token ids are no image"


def test_a_drawing_is_centred_by_its_centre_of_mass_in_mnists_box():
    ink = np.zeros((280, 280))
    ink[20:120, 200:240] = 1.0  # a bar in the top right corner, 100 tall and 40 wide
    field = centre_drawing(ink, 28, 28)
    assert field.shape == (28, 28) and field.dtype == np.float32
    assert field.max() == 1.0 and field.min() == 0.0
    rows, cols = np.nonzero(field > 0)
    assert rows.max() - rows.min() + 1 == 20, "the longer side fills MNIST's 20-pixel box"
    assert cols.max() - cols.min() + 1 == 8, "the aspect is kept"
    mass = field / field.sum()
    cy, cx = (mass.sum(axis=1) * np.arange(28)).sum(), (mass.sum(axis=0) * np.arange(28)).sum()
    assert abs(cy - 13.5) <= 0.5 and abs(cx - 13.5) <= 0.5


def test_no_ink_is_a_black_field():
    assert not centre_drawing(np.zeros((50, 50)), 28, 28).any()


@pytest.mark.parametrize("shape", [(28, 28), (28, 28, 1), (784,), (32, 32, 3)])
def test_a_drawing_takes_the_models_input_shape(shape):
    spec = image_spec("x", shape)
    ink = np.zeros((100, 100))
    ink[30:70, 45:55] = 1.0
    x = drawing_to_input(ink, spec)
    assert x.shape == shape and x.dtype == np.float32 and 0 <= x.min() and x.max() == 1.0
    grey = x.reshape(spec.height, spec.width, spec.channels)
    assert np.array_equal(grey[..., 0], centre_drawing(ink, spec.height, spec.width))
    assert all(np.array_equal(grey[..., 0], grey[..., c]) for c in range(spec.channels))


def test_an_image_file_is_read_as_rgb_in_0_1(tmp_path):
    pixels = np.zeros((10, 12, 3), np.uint8)
    pixels[2:5, 3:9] = (255, 128, 0)
    for suffix in ("png", "bmp", "gif"):
        path = tmp_path / f"a.{suffix}"
        Image.fromarray(pixels).save(path)
        rgb = read_image(path)
        assert rgb.shape == (10, 12, 3) and rgb.dtype == np.float32
        assert rgb[3, 4].tolist() == pytest.approx([1.0, 128 / 255, 0.0], abs=0.01)
        assert rgb[0, 0].tolist() == [0.0, 0.0, 0.0]


def test_transparent_parts_of_an_image_are_white(tmp_path):
    rgba = np.zeros((8, 8, 4), np.uint8)
    rgba[2:6, 2:6] = (0, 0, 0, 255)
    Image.fromarray(rgba).save(tmp_path / "t.png")
    rgb = read_image(tmp_path / "t.png")
    assert rgb[0, 0].tolist() == [1.0, 1.0, 1.0] and rgb[3, 3].tolist() == [0.0, 0.0, 0.0]


def test_a_file_that_is_not_an_image_says_so(tmp_path):
    (tmp_path / "notes.png").write_text("not an image")
    with pytest.raises(DataError, match=r"notes.png is not an image Layerwire can read \(PNG, JPEG, BMP or GIF\)"):
        read_image(tmp_path / "notes.png")
    good = tmp_path / "cut.png"
    Image.fromarray(np.full((40, 40), 200, np.uint8)).save(good)
    (tmp_path / "damaged.png").write_bytes(good.read_bytes()[:60])
    with pytest.raises(DataError, match="Cannot read the image .*damaged.png"):
        read_image(tmp_path / "damaged.png")
    with pytest.raises(DataError, match="Cannot read the image .*absent.png"):
        read_image(tmp_path / "absent.png")


def test_dark_ink_on_paper_is_inverted_for_a_grey_model_and_resized():
    paper = np.ones((56, 56, 3), np.float32)
    paper[10:46, 24:32] = 0.0  # a dark stroke
    spec = ImageSpec("x", 28, 28, 1, (28, 28, 1))
    prepared = image_to_input(paper, spec)
    assert prepared.inverted and prepared.sample.shape == (28, 28, 1)
    grey = prepared.sample[..., 0]
    assert grey[5:23, 12:16].min() == pytest.approx(1.0) and grey[0, 0] == 0.0
    light = image_to_input(1.0 - paper, spec)
    assert not light.inverted and np.allclose(light.sample, prepared.sample)


def test_a_colour_model_gets_the_colours_resized():
    rgb = np.zeros((64, 64, 3), np.float32)
    rgb[:32, :, 0] = 1.0
    rgb[32:, :, 2] = 0.5
    prepared = image_to_input(rgb, ImageSpec("x", 32, 32, 3, (32, 32, 3)))
    assert not prepared.inverted and prepared.sample.shape == (32, 32, 3)
    assert prepared.sample[:16, :, 0].min() == 1.0 and prepared.sample[16:, :, 2].max() == pytest.approx(0.5)
    assert prepared.sample[:16, :, 2].max() == 0.0

"""A folder of images, one subfolder per class, read from real PNG, JPEG, BMP and GIF files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from graph_core.builder import ModelBuilder
from graph_core.errors import DataError
from graph_core.settings import TrainingSettings
from kernels import image_folder
from kernels.datasets import load_dataset
from kernels.training import Trainer

RED, BLUE, GREEN = (220, 30, 30), (30, 30, 220), (30, 200, 30)


def square(color: tuple[int, int, int], size: int = 12, mode: str = "RGB") -> Image.Image:
    """A square of ``color`` on a mid-grey ground, ``size`` pixels a side."""
    image = Image.new("RGB", (size, size), (128, 128, 128))
    image.paste(color, (size // 4, size // 4, 3 * size // 4, 3 * size // 4))
    return image.convert(mode)


def write_folder(root: Path, per_class: int = 4, size: int = 12) -> Path:
    """``root/red`` and ``root/blue``: squares saved in every format in turn (a GIF and a BMP in each class)."""
    suffixes = (".png", ".JPG", ".bmp", ".gif", ".jpeg")
    for name, color in (("red", RED), ("blue", BLUE)):
        (root / name).mkdir(parents=True)
        for i in range(per_class):
            square(color, size + i).save(root / name / f"{name}_{i}{suffixes[i % len(suffixes)]}")
    return root


def image_model(shape: tuple[int, ...], classes: int = 2):  # type: ignore[no-untyped-def]
    b = ModelBuilder("images")
    x = b.input(shape)
    if len(shape) > 1:
        x = b.add("Flatten", x)
    b.add("Dense", x, units=classes, activation="softmax")
    return b.done(layout=False)


def test_classes_in_sorted_order_with_their_images(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "colours")
    (root / "notes.txt").write_text("beside the classes: left out")
    (root / "red" / "readme.md").write_text("not an image: left out")
    listing = image_folder.list_folder(root)
    assert listing.classes == ("blue", "red")
    assert listing.counts == (4, 4)
    assert [p.name for p in listing.files[1]] == ["red_0.png", "red_1.JPG", "red_2.bmp", "red_3.gif"]


def test_rgb_images_resized_scaled_and_labelled(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "colours")
    data = load_dataset(str(root), image_model((8, 8, 3)), seed=1)
    x, y = data.x["input_layer"], data.y["dense"]
    assert x.shape == (8, 8, 8, 3) and x.dtype == np.float32
    assert y.dtype == np.int64 and sorted(y.tolist()) == [0, 0, 0, 0, 1, 1, 1, 1]
    assert data.classes == ("blue", "red") and data.warnings == ()
    assert 0.0 <= x.min() and x.max() <= 1.0
    centre = x[:, 4, 4, :]  # inside the square: its colour, whatever the size it was saved at (JPEG blurs it)
    assert (centre[y == 0, 2] - centre[y == 0, 0] > 0.4).all() and (centre[y == 1, 0] - centre[y == 1, 2] > 0.4).all()
    np.testing.assert_allclose(x[:, 0, 0, :], 128 / 255, atol=0.03)  # the grey ground
    assert "images in 2 classes (blue 4, red 4), read as 8×8 RGB" in data.description
    # shuffled with the seed (both classes in a split's tail), the same on every run
    again = load_dataset(str(root), image_model((8, 8, 3)), seed=1)
    np.testing.assert_array_equal(again.y["dense"], y)
    assert not np.array_equal(load_dataset(str(root), image_model((8, 8, 3)), seed=2).y["dense"], y)


def test_resizing_is_pillows_bilinear(tmp_path: Path) -> None:
    root = tmp_path / "one"
    (root / "a").mkdir(parents=True)
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, (10, 14, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(root / "a" / "noise.png")
    data = load_dataset(str(root), image_model((5, 7, 3), classes=1), seed=0)
    want = np.asarray(Image.fromarray(pixels).resize((7, 5), Image.Resampling.BILINEAR), np.float32) / 255
    np.testing.assert_allclose(data.x["input_layer"][0], want, atol=1e-6)


@pytest.mark.parametrize(("shape", "sample"), [((6, 6, 1), (6, 6, 1)), ((6, 6), (6, 6)), ((36,), (36,))])
def test_grey_by_the_models_channels(tmp_path: Path, shape: tuple[int, ...], sample: tuple[int, ...]) -> None:
    root = write_folder(tmp_path / "colours", per_class=2)
    x = load_dataset(str(root), image_model(shape)).x["input_layer"]
    assert x.shape == (4, *sample)
    grey = np.asarray(square(RED, 6).convert("L"), np.float32) / 255
    labels = load_dataset(str(root), image_model(shape)).y["dense"]
    np.testing.assert_allclose(x[labels == 1][0].reshape(6, 6)[3, 3], grey[3, 3], atol=0.02)


def test_a_damaged_image_is_skipped_with_a_warning_or_refused(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "colours")
    whole = (root / "red" / "red_0.png").read_bytes()
    (root / "red" / "broken.png").write_bytes(whole[: len(whole) // 2])  # truncated
    (root / "blue" / "empty.jpg").write_bytes(b"")
    data = load_dataset(str(root), image_model((8, 8, 3)))
    assert len(data) == 8 and np.bincount(data.y["dense"]).tolist() == [4, 4]
    assert len(data.warnings) == 2
    assert any(str(root / "red" / "broken.png") in w and w.startswith("Skipped ") for w in data.warnings)
    assert any(str(root / "blue" / "empty.jpg") in w for w in data.warnings)
    with pytest.raises(DataError, match=r"blue/empty\.jpg is not a readable image .*let Layerwire skip"):
        load_dataset(str(root), image_model((8, 8, 3)), bad_images="refuse")


def test_what_is_not_a_folder_of_classes_is_refused_with_what_was_expected(tmp_path: Path) -> None:
    model = image_model((8, 8, 3))
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataError, match="is empty; expected one subfolder per class"):
        load_dataset(str(tmp_path / "empty"), model)
    flat = tmp_path / "flat"
    flat.mkdir()
    square(RED).save(flat / "a.png")
    with pytest.raises(DataError, match=r"has no subfolders; .*\(found 1 files, 1 of them images\)"):
        load_dataset(str(flat), model)
    root = write_folder(tmp_path / "colours", per_class=1)
    (root / "green").mkdir()
    (root / "green" / "list.txt").write_text("no images")
    with pytest.raises(DataError, match=r"class folder .*green holds no images; expected PNG, JPEG, BMP or GIF"):
        load_dataset(str(root), model)
    (root / "green" / "list.txt").unlink()
    (root / "green" / "only.gif").write_bytes(b"GIF89a")  # the suffix of an image, but damaged
    with pytest.raises(DataError, match=r"input is an image.*samples of shape \(5,\)"):
        load_dataset(str(root), image_model((5,)))
    damaged = tmp_path / "damaged"
    (damaged / "a").mkdir(parents=True)
    (damaged / "a" / "x.png").write_bytes(b"\x89PNG")
    with pytest.raises(DataError, match=r"damaged: none of its 1 images can be read"):
        load_dataset(str(damaged), model)


def test_a_folder_too_large_for_memory_is_streamed_saying_what_whole_would_take(tmp_path: Path, monkeypatch) -> None:
    root = write_folder(tmp_path / "colours")
    monkeypatch.setenv("LAYERWIRE_MEMORY_LIMIT", "100KB")
    data = load_dataset(str(root), image_model((64, 64, 3)))
    assert data.streamed and data.x["input_layer"].shape == (8, 64, 64, 3)
    assert "8 images of 64×64×3 would need 384.0 KB decoded; Layerwire keeps at most 50.0 KB of images in " \
           "memory here, so it streams the folder in batches" in data.stream_note  # fmt: skip
    assert not load_dataset(str(root), image_model((8, 8, 3))).streamed  # 6 KB: read whole


def test_validation_split_takes_the_shuffled_tail_and_a_model_learns_the_colours(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "colours", per_class=20)
    graph = image_model((8, 8, 3))
    data = load_dataset(str(root), graph, seed=0)
    settings = TrainingSettings(optimizer="adam", learning_rate=0.05, epochs=8, batch_size=8, validation_split=0.25)
    trainer = Trainer(graph, settings, data, compile_steps=False)
    assert len(trainer.data) == 30 and len(trainer.validation) == 10
    np.testing.assert_array_equal(trainer.validation.y["dense"], data.y["dense"][30:])
    assert set(trainer.validation.y["dense"].tolist()) == {0, 1}
    history = trainer.fit()
    assert history.epochs[-1]["accuracy"] >= 0.9 and history.epochs[-1]["val_accuracy"] >= 0.9

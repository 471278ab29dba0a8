"""A folder of images streamed in batches (kernels/streaming.py): the same data, split, shuffle and weights as the
folder read whole, decoded on a thread while training runs; damaged images found on the way."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from graph_core.errors import DataError
from graph_core.settings import TrainingSettings
from kernels.datasets import load_dataset
from kernels.memory import data_bytes
from kernels.streaming import FolderSource, Prefetch, StreamedImages
from kernels.training import Trainer
from tests.kernels.test_image_folder import image_model, write_folder


def test_a_streamed_folder_is_the_folder_read_whole_decoded_when_read(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "colours", per_class=6)
    graph = image_model((8, 8, 3))
    whole = load_dataset(str(root), graph, seed=3, stream=False)
    streamed = load_dataset(str(root), graph, seed=3, stream=True)
    x = streamed.x["input_layer"]
    assert isinstance(x, StreamedImages) and streamed.streamed and not whole.streamed
    assert x.shape == whole.x["input_layer"].shape and len(streamed) == 12 and x.dtype == np.float32
    assert "is streamed in batches" in streamed.stream_note and whole.stream_note == ""
    np.testing.assert_array_equal(streamed.y["dense"], whole.y["dense"])
    np.testing.assert_array_equal(x[:5], whole.x["input_layer"][:5])
    np.testing.assert_array_equal(x[7], whole.x["input_layer"][7])
    np.testing.assert_array_equal(np.asarray(x), whole.x["input_layer"])
    train, val = streamed.split(0.25)  # the same tail, still undecoded
    assert isinstance(val.x["input_layer"], StreamedImages) and len(val) == 3
    np.testing.assert_array_equal(val.x["input_layer"][:], whole.x["input_layer"][9:])
    flat = load_dataset(str(root), image_model((64,)), seed=3, stream=True)  # 8×8 grey, as the model's 64
    assert flat.x["input_layer"].shape == (12, 64) and flat.x["input_layer"][:2].shape == (2, 64)
    # the memory estimate counts a streamed input's batches in flight and the views' few, not the whole folder
    big = StreamedImages(FolderSource(root, [root / "a.png"] * 100_000, (64, 64, 3), "skip"), np.arange(100_000))
    assert data_bytes({"x": big}, {}, 256) < 100_000 * 64 * 64 * 3 * 4 / 10


@pytest.mark.parametrize("shuffle", [False, True])
def test_training_on_a_streamed_folder_gives_the_weights_of_the_folder_read_whole(tmp_path: Path,
                                                                                    shuffle: bool) -> None:  # fmt: skip
    root = write_folder(tmp_path / "colours", per_class=15)
    settings = TrainingSettings(optimizer="adam", learning_rate=0.05, epochs=3, batch_size=8, validation_split=0.2,
                                shuffle=shuffle, seed=5)  # fmt: skip
    results = []
    for stream in (False, True):
        graph = image_model((8, 8, 3))
        data = load_dataset(str(root), graph, seed=5, stream=stream)
        trainer = Trainer(graph, settings, data, compile_steps=False)
        history = trainer.fit()
        results.append((trainer.trained_weights(), history.epochs, trainer.evaluate()))
    (weights, epochs, evaluated), (streamed_weights, streamed_epochs, streamed_evaluated) = results
    for layer, ws in weights.items():
        for name, w in ws.items():
            np.testing.assert_allclose(streamed_weights[layer][name], w, rtol=1e-6, atol=1e-7)
    for logs, streamed_logs in zip(epochs, streamed_epochs, strict=True):
        assert streamed_logs.keys() == logs.keys()
        for key, value in logs.items():
            assert streamed_logs[key] == pytest.approx(value, rel=1e-5, abs=1e-7), key
    assert streamed_evaluated == pytest.approx(evaluated, rel=1e-5)
    assert epochs[-1]["val_accuracy"] >= 0.8


def test_a_damaged_image_is_found_while_streaming_and_skipped_or_refused(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "colours", per_class=6)
    whole = (root / "red" / "red_0.png").read_bytes()
    (root / "red" / "torn.png").write_bytes(whole[: len(whole) // 2])
    graph = image_model((8, 8, 3))
    settings = TrainingSettings(optimizer="adam", learning_rate=0.05, epochs=2, batch_size=4, validation_split=0.0)
    data = load_dataset(str(root), graph, stream=True)
    assert len(data) == 13 and data.found_warnings() == ()  # not read yet
    history = Trainer(graph, settings, data, compile_steps=False).fit()
    assert len(history.epochs) == 2 and np.isfinite(history.epochs[-1]["loss"])
    (warning,) = data.found_warnings()
    assert warning.startswith(f"Skipped {root / 'red' / 'torn.png'}: not a readable image")
    torn = next(i for i, p in enumerate(data.x["input_layer"].source.paths) if p.name == "torn.png")
    assert not data.x["input_layer"][torn].any()  # a view reading it sees a black image
    refusing = load_dataset(str(root), graph, stream=True, bad_images="refuse")
    with pytest.raises(DataError, match=r"red/torn\.png is not a readable image .*let Layerwire skip"):
        Trainer(graph, settings, refusing, compile_steps=False).fit()
    damaged = tmp_path / "damaged"
    for name in ("a", "b"):
        (damaged / name).mkdir(parents=True)
        (damaged / name / "x.png").write_bytes(b"\x89PNG")
    nothing = load_dataset(str(damaged), graph, stream=True)
    with pytest.raises(DataError, match=r"damaged: none of its 2 images can be read"):
        Trainer(graph, settings, nothing, compile_steps=False).fit()


def test_prefetch_decodes_ahead_on_a_thread_and_ends_when_closed(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "colours", per_class=10)
    data = load_dataset(str(root), image_model((8, 8, 3)), stream=True)
    images = data.x["input_layer"]
    batches = [np.arange(i, min(20, i + 3)) for i in range(0, 20, 3)]
    with Prefetch(images, batches, depth=2) as decoded:
        kept, x = decoded.next()
        np.testing.assert_array_equal(kept, [0, 1, 2])
        np.testing.assert_array_equal(x, images[:3])
        assert decoded._thread.name == "decode-batches" and decoded._thread is not threading.current_thread()
    assert not decoded._thread.is_alive()  # closed with batches left: the thread has ended
    (root / "blue" / "blue_0.png").write_bytes(b"")  # damaged after listing: found when read, refused
    refusing = load_dataset(str(root), image_model((8, 8, 3)), stream=True, bad_images="refuse")
    with Prefetch(refusing.x["input_layer"], [np.arange(20)]) as decoded, pytest.raises(DataError):
        decoded.next()

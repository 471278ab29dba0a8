"""The Predict tab as a tool: a digit drawn with the mouse, an image file, class names in the views."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt

from graph_core.builder import ModelBuilder
from graph_core.examples import build
from graph_core.model import ensure_weights
from graph_core.settings import TrainingSettings
from gui.document import Document
from gui.training.tabs import ViewTabs
from gui.training.worker import Views
from kernels import images, probe
from kernels.datasets import Dataset
from kernels.executor import predict

CIFAR = ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")


@pytest.fixture
def mnist_window(make_window, tmp_path):  # type: ignore[no-untyped-def]
    """The Keras guide's mnist_model (input (784,)) on MNIST-like data, the Predict tab in front."""
    rng = np.random.default_rng(0)
    data = tmp_path / "mnist_like.npz"
    np.savez(data, x=rng.random((50, 784), dtype=np.float32), y=rng.integers(0, 10, 50))
    project = build("mnist_model")
    project.training = TrainingSettings(epochs=1, data=str(data)).to_dict()
    ensure_weights(project.graph, seed=3)
    window = make_window(Document(project))
    window.resize(1366, 768)
    window.docks["training"].raise_()
    window.resizeDocks([window.docks["training"]], [384], Qt.Orientation.Vertical)
    panel = window.training
    panel.tabs.setCurrentWidget(panel.tabs.predict_page)
    return window, panel


def draw(qtbot, canvas, points: list[tuple[float, float]]) -> None:  # type: ignore[no-untyped-def]
    """One stroke through ``points`` (fractions of the drawing square), with the mouse."""
    square = canvas.square()

    def at(fx: float, fy: float) -> QPoint:
        return QPoint(round(square.x() + fx * square.width()), round(square.y() + fy * square.height()))

    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=at(*points[0]))
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        for t in np.linspace(0, 1, 6)[1:]:
            qtbot.mouseMove(canvas, at(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=at(*points[-1]))


def _centre_of_mass(field: np.ndarray) -> tuple[float, float]:
    mass = field / field.sum()
    rows, cols = np.indices(field.shape)
    return float((mass * rows).sum()), float((mass * cols).sum())


def test_a_digit_drawn_with_the_mouse_is_predicted_after_each_stroke(mnist_window, qtbot):
    window, panel = mnist_window
    tab = panel.tabs.predict_tab
    canvas = tab.canvas
    assert canvas.isVisible() and tab.open_button.isVisible() and not tab.note.isVisible()
    assert canvas.visibleRegion().boundingRect().size() == canvas.size(), "the whole canvas fits at 1366×768"
    assert min(canvas.width(), canvas.height()) >= 120

    draw(qtbot, canvas, [(0.3, 0.15), (0.3, 0.85)])  # a vertical stroke at the left: a "1"
    ink = canvas.ink()
    assert ink[:, :140].max() == 1.0 and ink[:, 140:].max() == 0.0, "the ink is where the mouse went"
    x = panel.tabs.last_input
    assert x.shape == (784,) and x.dtype == np.float32 and x.min() == 0.0 and x.max() == 1.0
    field = x.reshape(28, 28)
    np.testing.assert_array_equal(field, images.centre_drawing(ink, 28, 28))
    cy, cx = _centre_of_mass(field)
    assert abs(cy - 13.5) <= 0.5 and abs(cx - 13.5) <= 0.5, "centred by its centre of mass, as MNIST's digits"
    rows, cols = np.nonzero(field > 0.05)
    assert rows.max() - rows.min() + 1 == 20 and cols.max() - cols.min() + 1 <= 6, "tall and thin, in the 20 box"

    expected = predict(window.document.graph, {"input_layer": x[None]})["dense_2"]
    scores = probe.class_scores(expected)[0]
    np.testing.assert_allclose(tab.bars.scores, scores)
    best = int(scores.argmax())
    assert tab.result.text() == f"{best} ({scores[best]:.0%})"
    assert tab.bars.labels() == [str(k) for k in range(10)]
    assert "predicted class" in panel.predict_output.toPlainText()
    assert not tab.input_view.pixmap().isNull()

    first = x.copy()
    draw(qtbot, canvas, [(0.15, 0.5), (0.5, 0.5)])  # a second stroke: predicted again
    assert canvas.strokes == 2 and not np.array_equal(panel.tabs.last_input, first)
    again = predict(window.document.graph, {"input_layer": panel.tabs.last_input[None]})["dense_2"]
    np.testing.assert_allclose(tab.bars.scores, probe.class_scores(again)[0])

    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)
    assert not canvas.ink().any() and tab.result.text() == "" and not len(tab.bars.scores)


def test_an_image_file_is_predicted_and_a_damaged_one_says_so_once(mnist_window, qtbot, tmp_path):
    window, panel = mnist_window
    tab = panel.tabs.predict_tab
    paper = np.full((120, 90, 3), 255, np.uint8)  # a dark "1" on white paper
    paper[20:100, 40:52] = 20
    path = tmp_path / "one.png"
    Image.fromarray(paper).save(path)

    outputs = panel.predict_file(str(path))
    x = panel.tabs.last_input
    prepared = images.image_to_input(images.read_image(path), images.model_image(window.document.graph))
    np.testing.assert_array_equal(x, prepared.sample)
    assert x.shape == (784,) and x.max() == pytest.approx(1 - 20 / 255) and x.reshape(28, 28)[0, 0] == 0.0
    expected = predict(window.document.graph, {"input_layer": x[None]})
    np.testing.assert_array_equal(outputs["dense_2"], expected["dense_2"])
    np.testing.assert_allclose(tab.bars.scores, probe.class_scores(expected["dense_2"])[0])
    assert tab.note.isVisible() and "Inverted: dark ink on a light ground" in tab.note.text()
    assert not tab.input_view.pixmap().isNull()

    result, text, scores = tab.result.text(), panel.predict_output.toPlainText(), tab.bars.scores.copy()
    damaged = tmp_path / "damaged.png"
    damaged.write_bytes(path.read_bytes()[:80])
    assert panel.predict_file(str(damaged)) is None
    assert tab.note.text().count("Cannot read the image") == 1 and "damaged.png" in tab.note.text()
    assert tab.result.text() == result and panel.predict_output.toPlainText() == text, "nothing else changes"
    np.testing.assert_array_equal(tab.bars.scores, scores)
    np.testing.assert_array_equal(panel.tabs.last_input, x)


def _weighted(graph):  # type: ignore[no-untyped-def]
    ensure_weights(graph, seed=1)
    return graph


def _colour_model():  # type: ignore[no-untyped-def]
    b = ModelBuilder()
    x = b.input((8, 8, 3))
    x = b.add("Flatten", x)
    b.add("Dense", x, units=10, activation="softmax")
    return _weighted(b.done(layout=False))


def test_class_names_in_the_tiles_the_confusion_headers_and_predict(qtbot):
    graph = _colour_model()
    rng = np.random.default_rng(2)
    data = Dataset({"input_layer": rng.random((40, 8, 8, 3), dtype=np.float32)},
                   {"dense": rng.integers(0, 10, 40)}, "little_cifar", classes=CIFAR)  # fmt: skip
    tabs = ViewTabs()
    qtbot.addWidget(tabs)
    tabs.show()
    tabs.show_data(data)
    tabs.set_predict_model(graph)
    tabs.show_state(graph, data, Views(samples=True, classes=10), 0.0)

    predicted = probe.class_scores(predict(graph, data.x)["dense"]).argmax(axis=1)
    truth = data.y["dense"]
    for i, (_, caption) in enumerate(tabs.tiles.tiles):
        said, true = CIFAR[predicted[i]], CIFAR[truth[i]]
        assert caption.text() == (f"{said} ✓" if predicted[i] == truth[i] else f"{said}\n≠ {true}")
        assert caption.toolTip() == f"predicted {said}, true {true}"
    confusion = tabs.confusion
    assert [confusion.horizontalHeaderItem(j).text() for j in range(10)] == list(CIFAR)
    assert [confusion.verticalHeaderItem(i).text() for i in range(10)] == list(CIFAR)
    assert confusion.verticalHeaderItem(3).toolTip() == "true: cat"
    assert confusion.horizontalHeaderItem(3).toolTip() == "predicted: cat"

    tabs.predict(graph, data, 5)
    best = int(predicted[5])
    assert tabs.predict_tab.result.text().startswith(f"{CIFAR[best]} (")
    assert tabs.predict_tab.bars.labels() == list(CIFAR)
    shown = tabs.predict_output.toPlainText()
    assert f"predicted class {best} {CIFAR[best]} (" in shown and f"true: {CIFAR[truth[5]]}" in shown

    # A colour model: image files, no drawing (one line says why).
    p = tabs.predict_tab
    tabs.setCurrentWidget(tabs.predict_page)
    assert p.open_button.isVisible() and not p.drawing.isVisible() and p.note.isVisible()
    assert "one grey channel" in p.note.text()

    tabs.show_data(Dataset(data.x, data.y, "numbered"))  # no names: numbers, as before
    tabs.show_state(graph, Dataset(data.x, data.y, "numbered"), Views(samples=True, classes=10), 0.0)
    assert [confusion.horizontalHeaderItem(j).text() for j in range(10)] == [str(j) for j in range(10)]
    assert tabs.tiles.tiles[0][1].text().split()[0] == str(predicted[0])


def test_a_model_that_reads_no_image_keeps_the_sample_number_only(make_window, qtbot):
    project = build("spiral")
    project.training = TrainingSettings(data="spiral").to_dict()
    window = make_window(Document(project))
    window.docks["training"].raise_()
    panel = window.training
    tab = panel.tabs.predict_tab
    panel.tabs.setCurrentWidget(panel.tabs.predict_page)
    assert not tab.canvas.isVisible() and not tab.open_button.isVisible() and not tab.shown.isVisible()
    assert tab.note.isVisible() and "input is not an image" in tab.note.text()
    assert panel.predict_button.isVisible()
    qtbot.mouseClick(panel.predict_button, Qt.MouseButton.LeftButton)
    assert "predicted class" in panel.predict_output.toPlainText()

"""The training dock's column chooser for a .csv: target, feature columns, one-hot text columns."""

from __future__ import annotations

from PySide6.QtCore import Qt

from graph_core.examples import build
from graph_core.settings import TrainingSettings
from gui.document import Document

TIMEOUT = 60_000  # ms; a first numba compile


def test_choose_a_csvs_target_and_features_and_train(make_window, qtbot, tmp_path):
    csv = tmp_path / "points.csv"
    rows = "".join(f"{i % 7 / 7},{'dark' if i % 3 else 'light'},{i % 5 / 5},{i % 2},{'yes' if i % 2 else 'no'}\n"
                   for i in range(60))  # fmt: skip
    csv.write_text("x1,shade,x2,code,answer\n" + rows)
    project = build("spiral")
    project.training = TrainingSettings(optimizer="adam", learning_rate=0.01, epochs=3, data="spiral").to_dict()
    window = make_window(Document(project))
    window.docks["training"].raise_()
    panel, form = window.training, window.training.form
    assert form.columns_row.isHidden()
    form.set_data(str(csv))
    assert not form.columns_row.isHidden()
    assert form.target.currentText() == "answer"
    labels = [form.features.item(i).text() for i in range(form.features.count())]
    assert labels == ["x1", "shade (text: one-hot, 2 values)", "x2", "code"]
    assert "does not fit" in form.data_info.text()  # x1, x2 and code: 3 features for a 2-input model
    form.target.setCurrentText("code")
    form.target.activated.emit(form.target.currentIndex())
    names = [form.features.item(i).data(Qt.ItemDataRole.UserRole) for i in range(form.features.count())]
    assert names == ["x1", "shade", "x2", "answer"]
    form.features.item(2).setCheckState(Qt.CheckState.Unchecked)  # x2 off, shade on: 1 + 2 one-hot columns
    form.features.item(1).setCheckState(Qt.CheckState.Checked)
    assert "input input_layer (3,)" in form.data_info.text() and "does not fit" in form.data_info.text()
    form.features.item(1).setCheckState(Qt.CheckState.Unchecked)
    form.features.item(2).setCheckState(Qt.CheckState.Checked)
    assert "input input_layer (2,)" in form.data_info.text() and "fits the model" in form.data_info.text()
    training = window.document.project.training
    assert training["target"] == "code" and training["features"] == ["x1", "x2"]
    assert panel.data.x["input_layer"].shape == (60, 2)
    panel.start()
    qtbot.waitUntil(lambda: not panel.training, timeout=TIMEOUT)
    assert len(window.document.project.history[-1]["epochs"]) == 3
    form.set_data("spiral")
    assert form.columns_row.isHidden() and "target" not in window.document.project.training

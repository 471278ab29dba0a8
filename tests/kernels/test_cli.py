"""``python main.py train / evaluate / predict / bench`` through a real subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from graph_core.examples import build
from graph_core.io import files

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, env=None if env is None else {**os.environ, **env})  # fmt: skip


@pytest.fixture
def spiral_model(tmp_path: Path) -> Path:
    path = tmp_path / "spiral.lwire"
    files.save(build("spiral"), path)
    return path


def test_train_prints_json_epochs_and_writes_the_model(spiral_model: Path, tmp_path: Path) -> None:
    out = tmp_path / "trained.lwire"
    done = run("train", str(spiral_model), "--data", "spiral", "--epochs", "3", "--optimizer", "adam", "--lr", "0.01",
               "--validation-split", "0.2", "--json", "-o", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["epoch"] for line in lines] == [1, 2, 3]
    assert set(lines[0]) == {"epoch", "loss", "accuracy", "val_loss", "val_accuracy"}
    project = files.load(out)
    assert project.training["optimizer"] == "adam" and project.training["epochs"] == 3
    assert len(project.history) == 1 and len(project.history[0]["epochs"]) == 3
    before = files.load(spiral_model).graph.layers["dense"].weights["kernel"]
    assert not np.array_equal(project.graph.layers["dense"].weights["kernel"], before)
    # the stored settings are used when the command line leaves them out
    again = run("train", str(out), "--json")
    assert again.returncode == 0, again.stderr
    assert len(again.stdout.splitlines()) == 3
    evaluated = run("evaluate", str(out), "--data", "spiral", "--json")
    assert evaluated.returncode == 0, evaluated.stderr
    logs = json.loads(evaluated.stdout)
    assert set(logs) == {"loss", "accuracy"} and logs["accuracy"] > 0.5


def test_train_text_output_and_predict_on_the_kernels(spiral_model: Path, tmp_path: Path) -> None:
    done = run("train", str(spiral_model), "--data", "moons", "--epochs", "2", "--optimizer", "sgd", "--momentum",
               "0.9", "--no-shuffle", "--seed", "3")  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("training spiral_classifier on moons")
    assert lines[-1].startswith("epoch 2/2: loss ") and "accuracy" in lines[-1]
    assert re.search(r" \((\d+\.\d\d s|\d+ ms|\d\.\d ms)\)$", lines[-1]), lines[-1]  # never "(0.00 s)"
    x = np.random.default_rng(0).standard_normal((7, 2)).astype(np.float32)
    np.save(tmp_path / "x.npy", x)
    for flag in ([], ["--reference"]):
        predicted = run("predict", str(spiral_model), "--input", str(tmp_path / "x.npy"), "-o",
                        str(tmp_path / f"y{len(flag)}.npy"), *flag)  # fmt: skip
        assert predicted.returncode == 0, predicted.stderr
    np.testing.assert_allclose(np.load(tmp_path / "y0.npy"), np.load(tmp_path / "y1.npy"), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--data", "spiral", "--epochs", "0"], 2, "expected a number >= 1"),
        (["--data", "spiral", "--optimizer", "lion"], 2, "invalid choice"),
        (["--data", "spiral", "-o", "out.txt"], 2, "must end in .lwire or .keras"),
        ([], 2, "no data"),
        (["--data", "nothing-here"], 1, "neither a built-in data set"),
        (["--data", "digits"], 1, r"expects samples of shape \(2,\); found samples of shape \(64,\)"),
        (["--data", "brackets"], 1, r"expects samples of shape \(2,\); found samples of shape \(20,\)"),
        (["--data", "spiral", "--lr", "1e9", "--optimizer", "sgd", "--epochs", "50"], 1, "at epoch"),
    ],
)
def test_mistakes_give_one_line_and_the_right_exit_code(spiral_model: Path, args: list[str], code: int,
                                                         message: str) -> None:  # fmt: skip
    done = run("train", str(spiral_model), *args)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("layerwire: error:")
    assert re.search(message, lines[0]), lines[0]


def test_failed_training_leaves_no_output_file(spiral_model: Path, tmp_path: Path) -> None:
    out = tmp_path / "never.lwire"
    done = run("train", str(spiral_model), "--data", "digits", "-o", str(out))
    assert done.returncode == 1 and not out.exists()
    assert list(tmp_path.iterdir()) == [spiral_model]


def test_bench_runs_small() -> None:
    # Kernel by kernel: the bench's figures come from the compiled step, which its own tests check; its compile
    # here would take most of a minute.
    done = run("bench", "--samples", "512", "--batch-sizes", "32,256", "--epochs", "1", "--no-compare", "--json",
               "--models", "mnist_model,convnet,text_lstm", env={"LAYERWIRE_COMPILE_STEPS": "0"})  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    for key in ("layerwire", "layerwire_adam"):
        assert set(result[key]) == {"32", "256"} and all(v > 0 for v in result[key].values())
    assert result["latency_us"] > 0 and result["peak_memory_mb"] > result["data_mb"] > 0
    text = result["conv"]["text_lstm"]
    # forward, kernels' and inputs' gradients: the LSTM at each of 100 steps, the Dense once
    assert text["flops"] == 3 * 2 * ((64 * 512 + 128 * 512) * 100 + 128 * 4)
    assert set(text["ours"]["sgd"]) == {"32", "128"} and all(v > 0 for v in text["ours"]["sgd"].values())


def test_train_writes_keras_files(spiral_model: Path, tmp_path: Path) -> None:
    from graph_core.io.interop import load_any

    out = tmp_path / "trained.keras"
    done = run("train", str(spiral_model), "--data", "xor", "--epochs", "1", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == f"wrote {out}"
    loaded = load_any(out)
    assert loaded.graph.layers["dense"].weights["kernel"].shape == (2, 64)


def test_validation_data_from_a_file(spiral_model: Path, tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(60, 2)).astype(np.float32)
    y = (x[:, 0] > 0).astype(np.int64)
    val = tmp_path / "val.npz"
    np.savez(val, x=x, y=y)
    done = run("train", str(spiral_model), "--data", "xor", "--epochs", "2", "--validation-data", str(val), "--json")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert set(lines[-1]) == {"epoch", "loss", "accuracy", "val_loss", "val_accuracy"}
    # the validation accuracy is measured on those 60 samples: a multiple of 1/60
    assert abs(lines[-1]["val_accuracy"] * 60 - round(lines[-1]["val_accuracy"] * 60)) < 1e-6
    both = run("train", str(spiral_model), "--data", "xor", "--validation-data", str(val), "--validation-split", "0.2")
    assert both.returncode == 2 and both.stderr.strip().splitlines() == [
        "layerwire: error: give --validation-split or --validation-data, not both"
    ]
    bad = np.savez(tmp_path / "wide.npz", x=np.zeros((5, 3), np.float32), y=np.zeros(5, np.int64))
    assert bad is None
    wrong = run("train", str(spiral_model), "--data", "xor", "--validation-data", str(tmp_path / "wide.npz"))
    assert wrong.returncode == 1 and len(wrong.stderr.strip().splitlines()) == 1 and "(2,)" in wrong.stderr


def test_loss_weights_on_the_command_line(tmp_path: Path) -> None:
    model = tmp_path / "tickets.lwire"
    files.save(build("multi_io"), model)
    rng = np.random.default_rng(0)
    np.savez(tmp_path / "tickets.npz", text_features=rng.standard_normal((64, 32)).astype(np.float32),
             metadata=rng.standard_normal((64, 8)).astype(np.float32),
             priority=rng.uniform(0, 1, (64, 1)).astype(np.float32), department=rng.integers(0, 4, 64))  # fmt: skip
    data = ["--data", str(tmp_path / "tickets.npz"), "--json", "--epochs", "2"]
    out = tmp_path / "trained.lwire"
    done = run("train", str(model), *data, "--loss-weights", "priority=1,department=0", "-o", str(out))
    assert done.returncode == 0, done.stderr
    logs = [json.loads(line) for line in done.stdout.splitlines()]
    assert {"loss", "priority_loss", "department_loss"} <= set(logs[-1])
    assert logs[-1]["loss"] == pytest.approx(logs[-1]["priority_loss"]) != logs[-1]["department_loss"]
    assert files.load(out).training["loss_weights"] == {"priority": 1.0, "department": 0.0}
    evaluated = json.loads(run("evaluate", str(out), "--data", str(tmp_path / "tickets.npz"), "--json").stdout)
    assert evaluated["loss"] == pytest.approx(evaluated["priority_loss"])  # the stored weights count there too
    for weights, code, message in (("1,2,3", 1, "2 outputs (priority, department); received 3 loss weights"),
                                   ("priority=1", 1, "'department' has none"),
                                   ("1,x", 2, "expected numbers such as 1,0.2"),
                                   ("a=1,2", 2, "expected all weights named")):  # fmt: skip
        done = run("train", str(model), *data, "--loss-weights", weights)
        assert done.returncode == code, done.stderr
        assert done.stderr.count("\n") == 1 and message in done.stderr and "Traceback" not in done.stderr


def test_epoch_times_keep_three_figures() -> None:
    from main import _duration

    assert [_duration(s) for s in (12.3456, 1.0, 0.0841, 0.0032)] == ["12.35 s", "1.00 s", "84 ms", "3.2 ms"]


def test_train_draws_a_progress_bar_within_epochs_on_stderr(spiral_model: Path) -> None:
    done = run("train", str(spiral_model), "--data", "spiral", "--epochs", "2", "--progress", "on")
    assert done.returncode == 0, done.stderr
    assert "━" not in done.stdout and done.stdout.count("epoch ") == 2  # the epochs' own lines stay on stdout
    bars = [part for part in done.stderr.split("\r") if "/" in part and "left - loss:" in part]
    assert bars
    last = bars[-1].split()[0]
    assert last.split("/")[0] == last.split("/")[1]  # the last redraw of an epoch shows it complete
    quiet = run("train", str(spiral_model), "--data", "spiral", "--epochs", "1", "--json", "--progress", "on")
    assert "━" not in quiet.stderr + quiet.stdout  # --json output is for programs: no bar


def test_train_the_ticket_example_on_the_guides_data(tmp_path: Path) -> None:
    model = tmp_path / "tickets.lwire"
    files.save(build("tickets"), model)
    done = run("train", str(model), "--data", "tickets", "--json", "-o", str(tmp_path / "trained.lwire"))
    assert done.returncode == 0, done.stderr
    logs = [json.loads(line) for line in done.stdout.splitlines()]
    assert [log["epoch"] for log in logs] == [1, 2]  # the guide's two epochs, stored in the example
    for log in logs:  # the guide's loss_weights: priority 1.0, department 0.2
        assert log["loss"] == pytest.approx(log["priority_loss"] + 0.2 * log["department_loss"], rel=1e-4)
    assert files.load(tmp_path / "trained.lwire").training["data"] == "tickets"
    by_name = run("train", "tickets", "--epochs", "1")  # the example by name, on the data it stores
    assert by_name.returncode == 0, by_name.stderr
    first = by_name.stdout.splitlines()[0]
    assert first.startswith("training ticket_classifier on tickets: the Keras guide's random support tickets")
    assert "1280 samples, input title (10,), input body (100,), input tags (12,)" in first


def test_train_an_lstm_on_brackets(tmp_path: Path) -> None:
    from graph_core.io.files import Project
    from tests.kernels.test_sequence_data import brackets_model

    model = tmp_path / "brackets.lwire"
    files.save(Project(brackets_model()), model)
    done = run("train", str(model), "--data", "brackets", "--epochs", "4", "--optimizer", "adam", "--lr", "0.01",
               "--validation-split", "0.2", "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1])["val_accuracy"] >= 0.95


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (np.full((8, 5), 0.5), r"Input 'words' takes token ids \(int32\); received an array of float64$"),
        (np.full((8, 5), 50), r"embedding \(Embedding\) takes token ids from 0 to 49 .*; the data holds 50$"),
        (None, r"holds object arrays .* pad them to one length \(as keras.utils.pad_sequences does\)$"),
        ("tickets", r"The tickets data has inputs title, body, tags and targets priority, department; .* topic"),
    ],
)
def test_bad_token_data_gives_one_line(tmp_path: Path, words: object, message: str) -> None:
    from graph_core.io.files import Project
    from tests.kernels.test_sequence_data import id_model

    model = tmp_path / "ids.lwire"
    files.save(Project(id_model()), model)
    if isinstance(words, str):
        data = words
    else:
        if words is None:  # sequences of different lengths
            words = np.empty(2, dtype=object)
            words[0], words[1] = [1, 2, 3], [4]
        data = str(tmp_path / "words.npz")
        np.savez(data, words=words, topic=np.zeros(len(words), np.int64))
    done = run("train", str(model), "--data", data, "--epochs", "1")
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("layerwire: error:") and "Traceback" not in done.stderr
    assert re.search(message, lines[0]), lines[0]


def test_train_on_a_folder_of_images_warns_of_a_damaged_one_or_refuses_it(tmp_path: Path) -> None:
    from graph_core.io.files import Project
    from tests.kernels.test_image_folder import image_model, write_folder

    root = write_folder(tmp_path / "colours", per_class=12)
    whole = (root / "red" / "red_0.png").read_bytes()
    (root / "red" / "torn.png").write_bytes(whole[: len(whole) // 2])
    model = tmp_path / "colours.lwire"
    files.save(Project(image_model((8, 8, 3))), model)
    done = run("train", str(model), "--data", str(root), "--epochs", "6", "--optimizer", "adam", "--lr", "0.05",
               "--batch-size", "8", "--validation-split", "0.25", "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("layerwire: warning:")]
    assert warnings == [f"layerwire: warning: Skipped {root / 'red' / 'torn.png'}: not a readable image "
                        f"({warnings[0].rsplit('(', 1)[1]}"]  # fmt: skip
    epochs = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(epochs) == 6 and epochs[-1]["accuracy"] >= 0.9 and epochs[-1]["val_accuracy"] >= 0.9
    refused = run("train", str(model), "--data", str(root), "--bad-images", "refuse")
    assert refused.returncode == 1
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in refused.stderr
    assert lines[0].startswith(f"layerwire: error: {root / 'red' / 'torn.png'} is not a readable image")
    empty = tmp_path / "empty"
    empty.mkdir()
    refused = run("train", str(model), "--data", str(empty))
    assert refused.returncode == 1 and refused.stderr.strip().splitlines() == [
        f"layerwire: error: {empty} is empty; expected one subfolder per class, each holding that class's images"
    ]


def test_train_on_a_streamed_folder_says_so_and_names_the_damaged_images_it_found(tmp_path: Path,
                                                                                   monkeypatch) -> None:  # fmt: skip
    from graph_core.io.files import Project
    from tests.kernels.test_image_folder import image_model, write_folder

    monkeypatch.setenv("LAYERWIRE_IMAGE_BUDGET", "4KB")
    root = write_folder(tmp_path / "colours", per_class=12)
    whole = (root / "red" / "red_0.png").read_bytes()
    (root / "red" / "torn.png").write_bytes(whole[: len(whole) // 2])
    model = tmp_path / "colours.lwire"
    files.save(Project(image_model((8, 8, 3))), model)
    done = run("train", str(model), "--data", str(root), "--epochs", "4", "--optimizer", "adam", "--lr", "0.05",
               "--batch-size", "8", "--validation-split", "0.25", "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert any("25 images of 8×8×3 would need 18.8 KB decoded" in line and "streams the folder" in line
               for line in lines), lines  # fmt: skip
    assert [line for line in lines if line.startswith("layerwire: warning:")] == [
        f"layerwire: warning: Skipped {root / 'red' / 'torn.png'}: not a readable image (image file is truncated)"
    ]
    assert len(done.stdout.splitlines()) == 4
    refused = run("train", str(model), "--data", str(root), "--bad-images", "refuse", "--epochs", "1")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    error = refused.stderr.strip().splitlines()[-1]  # after the line that says the folder is streamed
    assert error.startswith(f"layerwire: error: {root / 'red' / 'torn.png'} is not a readable image")


def test_train_on_a_csv_with_the_projects_columns_or_target(spiral_model: Path, tmp_path: Path) -> None:
    rows = "".join(f"{i % 7 / 7},{i % 5 / 5},{'dark' if i % 2 else 'light'},{i % 2}\n" for i in range(40))
    table = tmp_path / "points.csv"
    table.write_text("x1,x2,shade,y\n" + rows)
    project = files.load(spiral_model)
    project.training = {"data": str(table), "target": "y", "features": ["x1", "x2"], "epochs": 2}
    chosen = tmp_path / "chosen.lwire"
    files.save(project, chosen)
    done = run("train", str(chosen), "--json")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 2
    # --target replaces the project's choice: every other column is a feature, as always
    refused = run("train", str(chosen), "--target", "y", "--json")
    assert refused.returncode != 0
    assert "column 'shade': expected a number; found 'light'" in refused.stderr
    other = tmp_path / "other.csv"
    other.write_text("a,label,b\n" + "".join(f"{i / 9},{'yes' if i % 3 else 'no'},{i % 4}\n" for i in range(30)))
    named = run("train", str(spiral_model), "--data", str(other), "--target", "label", "--json")
    assert named.returncode == 0, named.stderr


def test_train_an_autoencoder_on_the_first_samples_with_the_inputs_as_targets(tmp_path: Path) -> None:
    from graph_core.builder import ModelBuilder
    from graph_core.io.files import Project

    b = ModelBuilder("autoencoder")
    b.add("Dense", b.add("Dense", b.input((2,)), units=8, activation="tanh"), units=2)
    model = tmp_path / "autoencoder.lwire"
    files.save(Project(b.graph), model)
    out = tmp_path / "trained.lwire"
    done = run("train", str(model), "--data", "spiral", "--samples", "200", "--targets-from-inputs", "--epochs", "2",
               "-o", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert "training on the first 200 of 1000 samples; targets: the inputs, not the labels" in first
    assert "loss mse" in done.stdout.splitlines()[1]  # float targets: mse, not the labels' cross-entropy
    saved = files.load(out).training
    assert saved["samples"] == 200 and saved["targets_from_inputs"] is True


def test_samples_0_on_the_command_line_means_every_sample() -> None:
    import argparse

    from graph_core.io.files import Project
    from graph_core.settings import TrainingSettings
    from main import _settings, build_parser

    project = Project(build("spiral").graph, TrainingSettings(samples=200, targets_from_inputs=True).to_dict())
    args = build_parser().parse_args(["train", "m.lwire", "--samples", "0"])
    assert isinstance(args, argparse.Namespace)
    settings = _settings(project, args, training=True)
    assert settings.samples is None and settings.targets_from_inputs  # the other setting kept
    args = build_parser().parse_args(["train", "m.lwire", "--no-targets-from-inputs"])
    settings = _settings(project, args, training=True)
    assert settings.samples == 200 and not settings.targets_from_inputs


def test_a_negative_samples_count_is_a_usage_error(tmp_path) -> None:
    done = run("train", str(tmp_path / "m.lwire"), "--samples", "-3")
    assert done.returncode == 2 and "--samples: expected 0 (all) or more; received -3" in done.stderr
    assert "Traceback" not in done.stderr

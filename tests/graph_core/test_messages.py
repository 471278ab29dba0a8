"""Core messages: English text as before, with the template and values a view translates."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from graph_core import edits, messages
from graph_core.errors import ConfigError, CycleError, DataError, FileFormatError
from graph_core.graph import Graph
from graph_core.io.files import load
from graph_core.io.keras_config import read_model_config
from graph_core.io.safe_arrays import read_npy
from graph_core.messages import Message
from graph_core.settings import TrainingSettings


def test_a_message_is_its_english_text():
    arity = Message("at least {low} inputs", low=2)
    text = Message("{type} needs {arity}; got {count}", type="Add", arity=arity, count=1)
    assert text == "Add needs at least 2 inputs; got 1"
    assert isinstance(text, str) and type(str(text)) is str
    assert text.template == "{type} needs {arity}; got {count}"
    assert text.params["arity"] is arity
    again = pickle.loads(pickle.dumps(text))
    assert again == text and again.params["arity"].template == arity.template


def test_join_keeps_messages_and_plain_text_stays_plain():
    assert messages.join(["a", "b"]) == "a, b" and not isinstance(messages.join(["a", "b"]), Message)
    joined = messages.join([Message("{count} samples", count=3), "x"])
    assert joined == "3 samples, x" and joined.template == "{head}, {tail}"


def test_errors_and_problems_carry_messages_with_the_old_english():
    graph = Graph()
    edits.AddNode("Dense").apply(graph)
    edits.AddNode("Dense").apply(graph)
    a, b = graph.nodes
    edits.Connect(a, b, 0).apply(graph)
    with pytest.raises(CycleError) as raised:
        graph.check_connect(b, a, 0)
    reason = messages.of(raised.value)
    assert isinstance(reason, Message)
    assert str(raised.value) == "the wire would make a cycle: dense_1 → dense → dense_1"
    (problem,) = graph.analysis().node_problems(a)
    assert problem == "dense: Dense needs 1 input; nothing is wired into it"
    assert problem.params["have"].template == "nothing is wired into it"


def test_file_errors_carry_messages(tmp_path):
    with pytest.raises(FileFormatError) as raised:
        load(tmp_path / "missing.lwire")
    assert str(raised.value) == f"{tmp_path / 'missing.lwire'} does not exist"
    assert messages.of(raised.value).template == "{path} does not exist"
    assert messages.of(ValueError("plain")) == "plain"


def test_settings_data_and_keras_errors_keep_their_english_with_nested_messages(tmp_path):
    with pytest.raises(ConfigError) as raised:
        TrainingSettings(momentum=1.5)
    assert str(raised.value) == "momentum must be >= 0 and < 1. Received: momentum=1.5"
    assert messages.of(raised.value).params["bounds"].template == "{low} and {high}"

    bad = tmp_path / "bad.npy"
    np.save(bad, np.array([1, "a"], dtype=object), allow_pickle=True)  # what read_npy must refuse
    with pytest.raises(DataError) as raised:
        read_npy(bad)
    assert str(raised.value) == (
        f"{bad} holds object arrays (Python objects, which would need pickle); expected numbers. Sequences of "
        "different lengths are saved so: pad them to one length (as keras.utils.pad_sequences does)"
    )
    assert messages.of(raised.value).params["where"] == str(bad)

    config = {"class_name": "Functional", "config": {"name": "m", "layers": [{"class_name": "Dense"}]}}
    with pytest.raises(FileFormatError) as raised:
        read_model_config(config)
    assert str(raised.value) == "the config: layer 0.config: expected an object; found None"
    where = messages.of(raised.value).params["where"]
    assert where.template == "{where}.{field}" and where.params["where"].params["source"].template == "the config"

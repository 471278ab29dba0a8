"""The example models shipped in ``resources/examples``, built in code.

``python -m graph_core.examples`` writes them anew; a test checks that the files in the
repository are what this module builds, so the two never drift apart.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from graph_core.builder import ModelBuilder
from graph_core.io import files
from graph_core.io.files import Project
from graph_core.model import ensure_weights
from graph_core.resources import RESOURCES
from graph_core.settings import TrainingSettings

EXAMPLES_DIR = RESOURCES / "examples"


def mnist_model() -> Project:
    """The Keras guide's first model: 784 → Dense 64 relu → Dense 64 relu → Dense 10."""
    b = ModelBuilder("mnist_model")
    x = b.input((784,))
    x = b.add("Dense", x, units=64, activation="relu")
    x = b.add("Dense", x, units=64, activation="relu")
    b.add("Dense", x, units=10)
    return Project(b.done())


def multi_io() -> Project:
    """Two inputs, two outputs: a ticket's text features and metadata give a priority and a department."""
    b = ModelBuilder("ticket_classifier")
    text = b.input((32,), name="text_features")
    meta = b.input((8,), name="metadata")
    t = b.add("Dense", text, units=32, activation="relu", name="text_dense")
    m = b.add("Dense", meta, units=8, activation="relu", name="metadata_dense")
    x = b.add("Concatenate", t, m)
    x = b.add("Dense", x, units=32, activation="relu")
    priority = b.add("Dense", x, units=1, activation="sigmoid", name="priority")
    department = b.add("Dense", x, units=4, activation="softmax", name="department")
    b.outputs(priority, department)
    return Project(b.done())


def residual_mlp() -> Project:
    """An MLP with two residual connections (Add), as in the guide's toy ResNet."""
    b = ModelBuilder("residual_mlp")
    x = b.input((64,))
    x = b.add("Dense", x, units=64, activation="relu")
    for _ in range(2):
        y = b.add("Dense", x, units=64, activation="relu")
        y = b.add("Dense", y, units=64)
        x = b.add("Add", x, y)
        x = b.add("Activation", x, activation="relu")
    b.add("Dense", x, units=10)
    return Project(b.done())


def shared_layer() -> Project:
    """A Siamese model: one Dense layer shared by two inputs, compared by Subtract."""
    b = ModelBuilder("siamese")
    left = b.input((16,), name="left")
    right = b.input((16,), name="right")
    a = b.add("Dense", left, units=32, activation="relu", name="encoder")
    c = b.call("encoder", right)
    x = b.add("Subtract", a, c)
    b.add("Dense", x, units=1, activation="sigmoid", name="same")
    return Project(b.done())


def spiral() -> Project:
    """The spiral classifier: 2 → Dense 64 relu → Dense 64 relu → Dense 2 (logits)."""
    b = ModelBuilder("spiral_classifier")
    x = b.input((2,))
    x = b.add("Dense", x, units=64, activation="relu")
    x = b.add("Dense", x, units=64, activation="relu")
    b.add("Dense", x, units=2)
    return Project(b.done())


def moons_classifier() -> Project:
    """Two interleaving half moons: 2 → Dense 16 relu → Dense 16 relu → Dense 1 sigmoid."""
    b = ModelBuilder("moons_classifier")
    x = b.input((2,))
    x = b.add("Dense", x, units=16, activation="relu")
    x = b.add("Dense", x, units=16, activation="relu")
    b.add("Dense", x, units=1, activation="sigmoid")
    settings = TrainingSettings(
        optimizer="adam",
        learning_rate=0.01,
        loss="binary_crossentropy",
        batch_size=32,
        epochs=30,
        validation_split=0.2,
        data="moons",
    )
    return Project(b.done(), training=settings.to_dict())


def xor_classifier() -> Project:
    """XOR of the signs of two numbers: 2 → Dense 8 tanh → Dense 2 (logits), the classic non-linear toy."""
    b = ModelBuilder("xor_classifier")
    x = b.input((2,))
    x = b.add("Dense", x, units=8, activation="tanh")
    b.add("Dense", x, units=2)
    settings = TrainingSettings(
        optimizer="adam",
        learning_rate=0.02,
        loss="sparse_categorical_crossentropy",
        from_logits=True,
        batch_size=32,
        epochs=40,
        validation_split=0.2,
        data="xor",
    )
    return Project(b.done(), training=settings.to_dict())


def sine_regression() -> Project:
    """Regression of y = sin(x): 1 → Dense 32 tanh → Dense 32 tanh → Dense 1 (linear), mean squared error."""
    b = ModelBuilder("sine_regression")
    x = b.input((1,))
    x = b.add("Dense", x, units=32, activation="tanh")
    x = b.add("Dense", x, units=32, activation="tanh")
    b.add("Dense", x, units=1)
    settings = TrainingSettings(
        optimizer="adam",
        learning_rate=0.01,
        loss="mse",
        batch_size=32,
        epochs=60,
        validation_split=0.2,
        data="sine",
    )
    return Project(b.done(), training=settings.to_dict())


def digits_classifier() -> Project:
    """8×8 handwritten digits: 64 → Dense 64 relu → Dropout 0.2 → Dense 10 softmax."""
    b = ModelBuilder("digits_classifier")
    x = b.input((64,))
    x = b.add("Dense", x, units=64, activation="relu")
    x = b.add("Dropout", x, rate=0.2)
    b.add("Dense", x, units=10, activation="softmax")
    settings = TrainingSettings(
        optimizer="adam",
        loss="sparse_categorical_crossentropy",
        batch_size=32,
        epochs=20,
        validation_split=0.2,
        data="digits",
    )
    return Project(b.done(), training=settings.to_dict())


def digits_convnet() -> Project:
    """A small convnet for the 8×8 digits as images: two 3×3 convolutions with pooling, then the classifier."""
    b = ModelBuilder("digits_convnet")
    x = b.input((8, 8, 1), name="digit")
    x = b.add("Conv2D", x, filters=16, kernel_size=3, padding="same", activation="relu")
    x = b.add("MaxPooling2D", x, pool_size=2)
    x = b.add("Conv2D", x, filters=32, kernel_size=3, padding="same", activation="relu")
    x = b.add("GlobalAveragePooling2D", x)
    b.add("Dense", x, units=10, activation="softmax")
    settings = TrainingSettings(
        optimizer="adam",
        learning_rate=0.01,
        loss="sparse_categorical_crossentropy",
        batch_size=32,
        epochs=30,
        validation_split=0.2,
        data="digits",
    )
    return Project(b.done(), training=settings.to_dict())


def mnist_convnet() -> Project:
    """Keras's "Simple MNIST convnet": Conv 32 3×3, pool 2, Conv 64 3×3, pool 2, Flatten, Dropout 0.5, Dense 10."""
    b = ModelBuilder("mnist_convnet")
    x = b.input((28, 28, 1))
    x = b.add("Conv2D", x, filters=32, kernel_size=3, activation="relu")
    x = b.add("MaxPooling2D", x, pool_size=2)
    x = b.add("Conv2D", x, filters=64, kernel_size=3, activation="relu")
    x = b.add("MaxPooling2D", x, pool_size=2)
    x = b.add("Flatten", x)
    x = b.add("Dropout", x, rate=0.5)
    b.add("Dense", x, units=10, activation="softmax")
    settings = TrainingSettings(
        optimizer="adam", loss="sparse_categorical_crossentropy", batch_size=128, epochs=15, validation_split=0.1
    )
    return Project(b.done(), training=settings.to_dict())


def conv_autoencoder() -> Project:
    """The Keras guide's convolutional autoencoder: an encoder down to 16 numbers, a decoder back up to 28×28; the
    graph also defines the ``encoder`` model, from the image to the 16 numbers."""
    b = ModelBuilder("autoencoder")
    x = b.input((28, 28, 1), name="img")
    x = b.add("Conv2D", x, filters=16, kernel_size=3, activation="relu")
    x = b.add("Conv2D", x, filters=32, kernel_size=3, activation="relu")
    x = b.add("MaxPooling2D", x, pool_size=3)
    x = b.add("Conv2D", x, filters=32, kernel_size=3, activation="relu")
    x = b.add("Conv2D", x, filters=16, kernel_size=3, activation="relu")
    encoded = x = b.add("GlobalMaxPooling2D", x)  # the encoder's output: 16 numbers
    x = b.add("Reshape", x, target_shape=(4, 4, 1))
    x = b.add("Conv2DTranspose", x, filters=16, kernel_size=3, activation="relu")
    x = b.add("Conv2DTranspose", x, filters=32, kernel_size=3, activation="relu")
    x = b.add("UpSampling2D", x, size=3)
    x = b.add("Conv2DTranspose", x, filters=16, kernel_size=3, activation="relu")
    b.add("Conv2DTranspose", x, filters=1, kernel_size=3, activation="relu")
    graph = b.done()
    graph.set_models({"encoder": (encoded,)})  # as the guide: encoder = keras.Model(encoder_input, encoder_output)
    settings = TrainingSettings(optimizer="adam", loss="mse", batch_size=32, epochs=5)
    return Project(graph, training=settings.to_dict())


def toy_resnet() -> Project:
    """The Keras guide's toy ResNet for CIFAR-10: 3×3 convolutions, two residual Adds (223,242 weights)."""
    b = ModelBuilder("toy_resnet")
    inputs = b.input((32, 32, 3), name="img")
    x = b.add("Conv2D", inputs, filters=32, kernel_size=3, activation="relu")
    x = b.add("Conv2D", x, filters=64, kernel_size=3, activation="relu")
    block_output = b.add("MaxPooling2D", x, pool_size=3)
    for _ in range(2):
        x = b.add("Conv2D", block_output, filters=64, kernel_size=3, activation="relu", padding="same")
        x = b.add("Conv2D", x, filters=64, kernel_size=3, activation="relu", padding="same")
        block_output = b.add("Add", x, block_output)
    x = b.add("Conv2D", block_output, filters=64, kernel_size=3, activation="relu")
    x = b.add("GlobalAveragePooling2D", x)
    x = b.add("Dense", x, units=256, activation="relu")
    x = b.add("Dropout", x, rate=0.5)
    b.add("Dense", x, units=10)
    settings = TrainingSettings(
        optimizer="rmsprop",
        learning_rate=0.001,
        loss="sparse_categorical_crossentropy",
        from_logits=True,
        batch_size=64,
        epochs=1,
        validation_split=0.2,
    )
    return Project(b.done(), training=settings.to_dict())


def nested_autoencoder() -> Project:
    """The Keras guide's "all models are callable": an encoder model and a decoder model, and the autoencoder
    that calls them like layers, ``decoder(encoder(img))``."""
    e = ModelBuilder("encoder")
    x = e.input((28, 28, 1), name="original_img")
    x = e.add("Conv2D", x, filters=16, kernel_size=3, activation="relu")
    x = e.add("Conv2D", x, filters=32, kernel_size=3, activation="relu")
    x = e.add("MaxPooling2D", x, pool_size=3)
    x = e.add("Conv2D", x, filters=32, kernel_size=3, activation="relu")
    x = e.add("Conv2D", x, filters=16, kernel_size=3, activation="relu")
    e.add("GlobalMaxPooling2D", x)
    d = ModelBuilder("decoder")
    x = d.input((16,), name="encoded_img")
    x = d.add("Reshape", x, target_shape=(4, 4, 1))
    x = d.add("Conv2DTranspose", x, filters=16, kernel_size=3, activation="relu")
    x = d.add("Conv2DTranspose", x, filters=32, kernel_size=3, activation="relu")
    x = d.add("UpSampling2D", x, size=3)
    x = d.add("Conv2DTranspose", x, filters=16, kernel_size=3, activation="relu")
    d.add("Conv2DTranspose", x, filters=1, kernel_size=3, activation="relu")
    b = ModelBuilder("autoencoder")
    img = b.input((28, 28, 1), name="img")
    encoded = b.add("Functional", img, name="encoder", model=e.done())
    b.add("Functional", encoded, name="decoder", model=d.done())
    settings = TrainingSettings(optimizer="adam", loss="mse", batch_size=32, epochs=5)
    return Project(b.done(), training=settings.to_dict())


def ensemble() -> Project:
    """The Keras guide's ensemble: three models of one Dense each, called on one input, their outputs averaged."""
    b = ModelBuilder("ensemble_model")
    inputs = b.input((128,))
    outputs = []
    for i in range(1, 4):
        m = ModelBuilder(f"model{i}")
        m.add("Dense", m.input((128,)), units=1)
        outputs.append(b.add("Functional", inputs, name=f"model{i}", model=m.done()))
    b.add("Average", *outputs)
    settings = TrainingSettings(optimizer="rmsprop", loss="mse", batch_size=32, epochs=5)
    return Project(b.done(), training=settings.to_dict())


def tickets() -> Project:
    """The Keras guide's multi-input, multi-output model: a ticket's title and body (token ids of any length) read
    by an Embedding and an LSTM each, with 12 tags, give a priority and a department (1,392,097 weights). It trains
    as the guide's does: on the guide's random data (the built-in set ``tickets``), RMSprop, two epochs."""
    b = ModelBuilder("ticket_classifier")
    title = b.add("InputLayer", shape=(None,), name="title")
    body = b.add("InputLayer", shape=(None,), name="body")
    tags = b.add("InputLayer", shape=(12,), name="tags")
    title_features = b.add("LSTM", b.add("Embedding", title, input_dim=10000, output_dim=64), units=128)
    body_features = b.add("LSTM", b.add("Embedding", body, input_dim=10000, output_dim=64), units=32)
    x = b.add("Concatenate", title_features, body_features, tags)
    priority = b.add("Dense", x, units=1, name="priority")
    department = b.add("Dense", x, units=4, name="department")
    b.outputs(priority, department)
    settings = TrainingSettings(
        optimizer="rmsprop", learning_rate=1e-3, batch_size=32, epochs=2, from_logits=True,
        loss={"priority": "binary_crossentropy", "department": "categorical_crossentropy"},
        loss_weights={"priority": 1.0, "department": 0.2}, data="tickets",
    )  # fmt: skip
    return Project(b.done(), training=settings.to_dict())


def shared_embedding() -> Project:
    """The guide's shared layers: one Embedding(1000, 128) reading two texts of token ids (int32, any length)."""
    b = ModelBuilder("shared_embedding")
    a = b.add("InputLayer", shape=(None,), dtype="int32", name="text_input_a")
    c = b.add("InputLayer", shape=(None,), dtype="int32", name="text_input_b")
    encoded = b.add("Embedding", a, input_dim=1000, output_dim=128, name="shared_embedding")
    b.outputs(encoded, b.call("shared_embedding", c))
    return Project(b.done())


def brackets() -> Project:
    """Balanced brackets: token ids of any length (int32) -> Embedding(2, 8) -> LSTM(16) -> Dense(1, sigmoid), trained
    on the built-in ``brackets`` strings, where only the order of the brackets tells whether they balance."""
    b = ModelBuilder("brackets_lstm")
    x = b.add("InputLayer", shape=(None,), dtype="int32", name="brackets")
    x = b.add("Embedding", x, input_dim=2, output_dim=8)
    x = b.add("LSTM", x, units=16)
    b.add("Dense", x, units=1, activation="sigmoid", name="balanced")
    settings = TrainingSettings(optimizer="adam", learning_rate=0.01, batch_size=32, epochs=10, validation_split=0.2,
                                data="brackets")  # fmt: skip
    return Project(b.done(), training=settings.to_dict())


#: Examples whose weights are drawn when they are used, not stored (the ticket model's would take 7 MB).
WITHOUT_WEIGHTS = frozenset({"tickets", "shared_embedding"})

EXAMPLES: dict[str, Callable[[], Project]] = {
    "mnist_model": mnist_model,
    "multi_io": multi_io,
    "residual_mlp": residual_mlp,
    "shared_layer": shared_layer,
    "spiral": spiral,
    "moons_classifier": moons_classifier,
    "xor_classifier": xor_classifier,
    "sine_regression": sine_regression,
    "digits_classifier": digits_classifier,
    "digits_convnet": digits_convnet,
    "mnist_convnet": mnist_convnet,
    "conv_autoencoder": conv_autoencoder,
    "toy_resnet": toy_resnet,
    "nested_autoencoder": nested_autoencoder,
    "ensemble": ensemble,
    "tickets": tickets,
    "shared_embedding": shared_embedding,
    "brackets": brackets,
}


def build(name: str, seed: int = 0) -> Project:
    """An example with weights drawn by Keras's default initializers from ``seed``."""
    project = EXAMPLES[name]()
    ensure_weights(project.graph, seed=seed)
    return project


def shipped(name: str) -> Project:
    """The example as ``resources/examples`` holds it: with its weights, but for :data:`WITHOUT_WEIGHTS`."""
    return EXAMPLES[name]() if name in WITHOUT_WEIGHTS else build(name)


def write_all(folder: Path = EXAMPLES_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in EXAMPLES:
        path = folder / f"{name}.lwire"
        files.save(shipped(name), path)
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else EXAMPLES_DIR):
        print(p)

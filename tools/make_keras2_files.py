"""Write the Keras 2 ``.h5`` model files the tests read, with Keras 2's own predictions.

Needs tf_keras (Keras 2) and TensorFlow, which Layerwire does not depend on:

    python -m venv tfvenv && tfvenv/bin/pip install tensorflow-cpu tf-keras
    tfvenv/bin/python tools/make_keras2_files.py tests/data/keras2 [NAME ...]

For each model it writes ``NAME.h5`` (``model.save``, Keras 2's HDF5 format) and
``NAME.npz``: inputs by input name (``in/...``) and Keras 2's predictions by output name
(``out/...``). Seeded: the same files every run on one TensorFlow version.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tf_keras as keras  # noqa: E402
from tf_keras import layers  # noqa: E402


def mnist_model() -> keras.Model:
    """The guide's first model, as the guide builds it."""
    inputs = keras.Input(shape=(784,))
    x = layers.Dense(64, activation="relu")(inputs)
    x = layers.Dense(64, activation="relu")(x)
    outputs = layers.Dense(10)(x)
    return keras.Model(inputs=inputs, outputs=outputs, name="mnist_model")


def convnet() -> keras.Model:
    """A Sequential convnet with batch normalization, depthwise and separable convolutions."""
    return keras.Sequential(
        [
            keras.Input(shape=(12, 12, 2)),
            layers.Conv2D(6, 3, padding="same", activation="relu"),
            layers.BatchNormalization(),
            layers.MaxPooling2D(2),
            layers.DepthwiseConv2D(3, depth_multiplier=2, activation="tanh"),
            layers.SeparableConv2D(5, 2, padding="same"),
            layers.GlobalAveragePooling2D(),
            layers.Dropout(0.3),
            layers.Dense(4, activation="softmax"),
        ],
        name="convnet",
    )


def toy_resnet() -> keras.Model:
    """The guide's toy ResNet, smaller: residual Adds over same-padded convolutions."""
    inputs = keras.Input(shape=(16, 16, 3), name="img")
    x = layers.Conv2D(8, 3, activation="relu")(inputs)
    block_1_output = layers.MaxPooling2D(2)(x)
    x = layers.Conv2D(8, 3, activation="relu", padding="same")(block_1_output)
    x = layers.Conv2D(8, 3, activation="relu", padding="same")(x)
    block_2_output = layers.add([x, block_1_output])
    x = layers.Conv2D(8, 3, activation="relu")(block_2_output)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dense(16, activation="relu")(x)
    outputs = layers.Dense(5)(x)
    return keras.Model(inputs, outputs, name="toy_resnet")


def autoencoder() -> keras.Model:
    """The guide's encoder and decoder as one graph (Conv2DTranspose, UpSampling2D, GlobalMaxPooling2D)."""
    encoder_input = keras.Input(shape=(14, 14, 1), name="img")
    x = layers.Conv2D(8, 3, activation="relu")(encoder_input)
    x = layers.Conv2D(16, 3, activation="relu")(x)
    x = layers.MaxPooling2D(3)(x)
    x = layers.Conv2D(16, 3, activation="relu")(x)
    encoder_output = layers.GlobalMaxPooling2D()(x)
    x = layers.Reshape((4, 4, 1))(encoder_output)
    x = layers.Conv2DTranspose(8, 3, activation="relu")(x)
    x = layers.UpSampling2D(2)(x)
    decoder_output = layers.Conv2DTranspose(1, 3, activation="relu")(x)
    return keras.Model(encoder_input, decoder_output, name="autoencoder")


def two_in_two_out() -> keras.Model:
    """Several inputs and outputs, a shared layer, a concatenation, LayerNormalization, an unused input."""
    title = keras.Input(shape=(10,), name="title")
    body = keras.Input(shape=(10,), name="body")
    tags = keras.Input(shape=(4,), name="tags")
    shared = layers.Dense(8, activation="tanh", name="shared")
    x = layers.concatenate([shared(title), shared(body), tags])
    x = layers.LayerNormalization()(x)
    priority = layers.Dense(1, name="priority")(x)
    department = layers.Dense(3, activation="softmax", name="department")(x)
    unused = keras.Input(shape=(3,), name="spare")
    return keras.Model([title, body, tags, unused], [priority, department], name="tickets")


def sequences() -> keras.Model:
    """Conv1D with causal padding and dilation, 1-D pooling, padding, cropping and upsampling."""
    inputs = keras.Input(shape=(20, 3), name="signal")
    x = layers.Conv1D(6, 3, padding="causal", dilation_rate=2, activation="relu")(inputs)
    x = layers.ZeroPadding1D(2)(x)
    x = layers.AveragePooling1D(2)(x)
    x = layers.Cropping1D((1, 2))(x)
    x = layers.UpSampling1D(2)(x)
    x = layers.MaxPooling1D(3, strides=2, padding="same")(x)
    x = layers.GlobalMaxPooling1D()(x)
    outputs = layers.Dense(2, activation="sigmoid")(x)
    return keras.Model(inputs, outputs, name="sequences")


def nested() -> keras.Model:
    """Models called as layers: an encoder called twice (sharing its weights) inside a model that is itself called."""
    original = keras.Input(shape=(6,), name="original")
    x = layers.Dense(4, activation="relu")(original)
    encoder = keras.Model(original, layers.Dense(3)(x), name="encoder")
    features = keras.Input(shape=(6,), name="features")
    both = layers.Add()([encoder(features), encoder(layers.Dense(6, activation="tanh")(features))])
    middle = keras.Model(features, both, name="middle")
    inputs = keras.Input(shape=(6,), name="img")
    outputs = layers.Dense(2, name="head")(middle(inputs))
    return keras.Model(inputs, outputs, name="nested")


def two_heads() -> keras.Model:
    """A model with two outputs called as a layer: both values read on, one of them also an output."""
    features = keras.Input(shape=(5,), name="features")
    trunk = layers.Dense(4, activation="tanh", name="trunk")(features)
    heads = keras.Model(features, [layers.Dense(2, name="small")(trunk), layers.Dense(3, name="wide")(trunk)],
                        name="heads")  # fmt: skip
    inputs = keras.Input(shape=(5,), name="x")
    small, wide = heads(inputs)
    both = layers.Concatenate()([small, wide])
    return keras.Model(inputs, [layers.Dense(1, name="score")(both), wide], name="two_heads")


def recurrent() -> keras.Model:
    """Token ids through an Embedding, Bidirectional LSTM sequences, TimeDistributed(Dense), a Bidirectional GRU
    summed, and a SimpleRNN reading backwards beside it."""
    ids = keras.Input(shape=(7,), dtype="int32", name="ids")
    x = layers.Embedding(20, 6)(ids)
    seq = layers.Bidirectional(layers.LSTM(5, return_sequences=True))(x)
    seq = layers.TimeDistributed(layers.Dense(4, activation="tanh"))(seq)
    a = layers.Bidirectional(layers.GRU(3), merge_mode="sum")(seq)
    b = layers.SimpleRNN(2, go_backwards=True)(x)
    outputs = layers.Dense(2)(layers.Concatenate()([a, b]))
    return keras.Model(ids, outputs, name="recurrent")


MODELS = (mnist_model, convnet, toy_resnet, autoencoder, two_in_two_out, sequences, nested, two_heads, recurrent)


def main(folder: str, only: list[str]) -> int:
    """Write every model's files, or with names those models' only (the others stay as they are)."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for build in MODELS:
        if only and build.__name__ not in only:
            continue
        rng = np.random.default_rng(0)
        keras.utils.set_random_seed(1)
        model = build()
        for layer in model.layers:  # non-trivial moving statistics, so inference shows them
            if isinstance(layer, layers.BatchNormalization):
                mean, var = layer.moving_mean, layer.moving_variance
                mean.assign(rng.normal(0, 0.3, mean.shape))
                var.assign(rng.uniform(0.5, 2.0, var.shape))
        inputs = {
            t.name.split(":")[0]: rng.integers(0, 20, (3, *t.shape[1:])).astype(np.int32)  # token ids
            if t.dtype.is_integer
            else rng.normal(0, 1, (3, *t.shape[1:])).astype(np.float32)
            for t in model.inputs
        }
        names = [layer.name for layer in model.input_layers] if hasattr(model, "input_layers") else list(inputs)
        arrays = [inputs[n] for n in inputs]
        predicted = model.predict(arrays if len(arrays) > 1 else arrays[0], verbose=0)
        predicted = predicted if isinstance(predicted, list) else [predicted]
        outputs = dict(zip(model.output_names, predicted, strict=True))
        model.save(out / f"{model.name}.h5")
        np.savez(out / f"{model.name}.npz", **{f"in/{n}": a for n, a in zip(names, arrays, strict=True)},
                 **{f"out/{n}": a for n, a in outputs.items()})  # fmt: skip
        print(f"wrote {out / model.name}.h5 and .npz")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "tests/data/keras2", sys.argv[2:]))

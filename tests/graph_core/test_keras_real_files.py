"""Models as Keras itself builds and saves them — the Functional API guide's and keras.io examples' that use only
Layerwire's layers — load here with Keras's summary and predictions. Run where keras is importable:

KERAS_BACKEND=torch kvenv/bin/python -m pytest tests/graph_core/test_keras_real_files.py
"""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

pytestmark = pytest.mark.skipif(importlib.util.find_spec("keras") is None, reason="Keras is not installed")


def guide_mnist_model():
    import keras
    from keras import layers

    inputs = keras.Input(shape=(784,))
    x = layers.Dense(64, activation="relu")(inputs)
    x = layers.Dense(64, activation="relu")(x)
    outputs = layers.Dense(10)(x)
    return keras.Model(inputs=inputs, outputs=outputs, name="mnist_model")


def _guide_encoder_layers(encoder_input):
    from keras import layers

    x = layers.Conv2D(16, 3, activation="relu")(encoder_input)
    x = layers.Conv2D(32, 3, activation="relu")(x)
    x = layers.MaxPooling2D(3)(x)
    x = layers.Conv2D(32, 3, activation="relu")(x)
    x = layers.Conv2D(16, 3, activation="relu")(x)
    return layers.GlobalMaxPooling2D()(x)


def _guide_decoder_layers(x):
    from keras import layers

    x = layers.Reshape((4, 4, 1))(x)
    x = layers.Conv2DTranspose(16, 3, activation="relu")(x)
    x = layers.Conv2DTranspose(32, 3, activation="relu")(x)
    x = layers.UpSampling2D(3)(x)
    x = layers.Conv2DTranspose(16, 3, activation="relu")(x)
    return layers.Conv2DTranspose(1, 3, activation="relu")(x)


def guide_encoder_and_autoencoder_from_one_graph():
    """The guide's first autoencoder: ``encoder`` and ``autoencoder`` defined by one graph of layers."""
    import keras

    encoder_input = keras.Input(shape=(28, 28, 1), name="img")
    encoder_output = _guide_encoder_layers(encoder_input)
    encoder = keras.Model(encoder_input, encoder_output, name="encoder")
    autoencoder = keras.Model(encoder_input, _guide_decoder_layers(encoder_output), name="autoencoder")
    return encoder, autoencoder


def guide_nested_autoencoder():
    """ "All models are callable, just like layers": decoder(encoder(img))."""
    import keras

    encoder_input = keras.Input(shape=(28, 28, 1), name="original_img")
    encoder = keras.Model(encoder_input, _guide_encoder_layers(encoder_input), name="encoder")
    decoder_input = keras.Input(shape=(16,), name="encoded_img")
    decoder = keras.Model(decoder_input, _guide_decoder_layers(decoder_input), name="decoder")
    autoencoder_input = keras.Input(shape=(28, 28, 1), name="img")
    encoded_img = encoder(autoencoder_input)
    decoded_img = decoder(encoded_img)
    return keras.Model(autoencoder_input, decoded_img, name="autoencoder")


def guide_ensemble():
    import keras
    from keras import layers

    def get_model():
        inputs = keras.Input(shape=(128,))
        outputs = layers.Dense(1)(inputs)
        return keras.Model(inputs, outputs)

    model1, model2, model3 = get_model(), get_model(), get_model()
    inputs = keras.Input(shape=(128,))
    y1, y2, y3 = model1(inputs), model2(inputs), model3(inputs)
    outputs = layers.average([y1, y2, y3])
    return keras.Model(inputs=inputs, outputs=outputs)


def guide_toy_resnet():
    import keras
    from keras import layers

    inputs = keras.Input(shape=(32, 32, 3), name="img")
    x = layers.Conv2D(32, 3, activation="relu")(inputs)
    x = layers.Conv2D(64, 3, activation="relu")(x)
    block_1_output = layers.MaxPooling2D(3)(x)
    x = layers.Conv2D(64, 3, activation="relu", padding="same")(block_1_output)
    x = layers.Conv2D(64, 3, activation="relu", padding="same")(x)
    block_2_output = layers.add([x, block_1_output])
    x = layers.Conv2D(64, 3, activation="relu", padding="same")(block_2_output)
    x = layers.Conv2D(64, 3, activation="relu", padding="same")(x)
    block_3_output = layers.add([x, block_2_output])
    x = layers.Conv2D(64, 3, activation="relu")(block_3_output)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dense(256, activation="relu")(x)
    x = layers.Dropout(0.5)(x)
    outputs = layers.Dense(10)(x)
    return keras.Model(inputs, outputs, name="toy_resnet")


def keras_io_mnist_convnet():
    """keras.io "Simple MNIST convnet" (a Sequential model)."""
    import keras
    from keras import layers

    return keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
            layers.MaxPooling2D(pool_size=(2, 2)),
            layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
            layers.MaxPooling2D(pool_size=(2, 2)),
            layers.Flatten(),
            layers.Dropout(0.5),
            layers.Dense(10, activation="softmax"),
        ]
    )


def keras_io_denoising_autoencoder():
    """keras.io "Convolutional autoencoder for image denoising"."""
    import keras
    from keras import layers

    inputs = layers.Input(shape=(28, 28, 1))
    x = layers.Conv2D(32, (3, 3), activation="relu", padding="same")(inputs)
    x = layers.MaxPooling2D((2, 2), padding="same")(x)
    x = layers.Conv2D(32, (3, 3), activation="relu", padding="same")(x)
    x = layers.MaxPooling2D((2, 2), padding="same")(x)
    x = layers.Conv2DTranspose(32, (3, 3), strides=2, activation="relu", padding="same")(x)
    x = layers.Conv2DTranspose(32, (3, 3), strides=2, activation="relu", padding="same")(x)
    x = layers.Conv2D(1, (3, 3), activation="sigmoid", padding="same")(x)
    return keras.Model(inputs, x)


MODELS = {
    "guide mnist_model": lambda: [guide_mnist_model()],
    "guide encoder and autoencoder": lambda: list(guide_encoder_and_autoencoder_from_one_graph()),
    "guide nested autoencoder": lambda: [guide_nested_autoencoder()],
    "guide ensemble": lambda: [guide_ensemble()],
    "guide toy ResNet": lambda: [guide_toy_resnet()],
    "keras.io MNIST convnet": lambda: [keras_io_mnist_convnet()],
    "keras.io denoising autoencoder": lambda: [keras_io_denoising_autoencoder()],
}


@pytest.mark.parametrize("name", list(MODELS))
def test_keras_saved_models_load_with_keras_summary_and_predictions(tmp_path, monkeypatch, name):
    from graph_core.io.keras_format import load_keras
    from graph_core.summary import summary_text
    from kernels.executor import predict
    from tests.random_graphs import keras_predict, random_inputs

    monkeypatch.setenv("COLUMNS", "200")
    for i, model in enumerate(MODELS[name]()):
        model.save(tmp_path / f"{i}.keras")
        graph = load_keras(tmp_path / f"{i}.keras").graph
        if model.__class__.__name__ != "Sequential":  # a Sequential model comes in as the Functional model it is,
            printed: list[str] = []  # whose summary lists its InputLayer
            model.summary(print_fn=lambda text, printed=printed, **_: printed.append(text))
            assert "".join(printed).rstrip("\n") == summary_text(graph).rstrip("\n")
        inputs = random_inputs(graph, batch=3)
        ours = predict(graph, inputs)
        for got, expected in zip(ours.values(), keras_predict(model, inputs), strict=True):
            np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-5)

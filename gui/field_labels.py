"""The Properties panel's label of each config field, in the language in force.

Keras's field names (``use_bias``) become labels ("Use bias"); each is listed here so
lupdate finds it, and a test checks that every field of every registered layer type has one.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from gui import i18n

LABELS = {
    "shape": QT_TRANSLATE_NOOP("Fields", "Shape"),
    "units": QT_TRANSLATE_NOOP("Fields", "Units"),
    "activation": QT_TRANSLATE_NOOP("Fields", "Activation"),
    "use_bias": QT_TRANSLATE_NOOP("Fields", "Use bias"),
    "kernel_initializer": QT_TRANSLATE_NOOP("Fields", "Kernel initializer"),
    "bias_initializer": QT_TRANSLATE_NOOP("Fields", "Bias initializer"),
    "filters": QT_TRANSLATE_NOOP("Fields", "Filters"),
    "kernel_size": QT_TRANSLATE_NOOP("Fields", "Kernel size"),
    "strides": QT_TRANSLATE_NOOP("Fields", "Strides"),
    "padding": QT_TRANSLATE_NOOP("Fields", "Padding"),
    "dilation_rate": QT_TRANSLATE_NOOP("Fields", "Dilation rate"),
    "output_padding": QT_TRANSLATE_NOOP("Fields", "Output padding"),
    "depth_multiplier": QT_TRANSLATE_NOOP("Fields", "Depth multiplier"),
    "depthwise_initializer": QT_TRANSLATE_NOOP("Fields", "Depthwise initializer"),
    "pointwise_initializer": QT_TRANSLATE_NOOP("Fields", "Pointwise initializer"),
    "pool_size": QT_TRANSLATE_NOOP("Fields", "Pool size"),
    "keepdims": QT_TRANSLATE_NOOP("Fields", "Keep dims"),
    "target_shape": QT_TRANSLATE_NOOP("Fields", "Target shape"),
    "cropping": QT_TRANSLATE_NOOP("Fields", "Cropping"),
    "size": QT_TRANSLATE_NOOP("Fields", "Size"),
    "axis": QT_TRANSLATE_NOOP("Fields", "Axis"),
    "momentum": QT_TRANSLATE_NOOP("Fields", "Momentum"),
    "epsilon": QT_TRANSLATE_NOOP("Fields", "Epsilon"),
    "center": QT_TRANSLATE_NOOP("Fields", "Center"),
    "scale": QT_TRANSLATE_NOOP("Fields", "Scale"),
    "rate": QT_TRANSLATE_NOOP("Fields", "Rate"),
    "seed": QT_TRANSLATE_NOOP("Fields", "Seed"),
    "dtype": QT_TRANSLATE_NOOP("Fields", "Data type"),
    "input_dim": QT_TRANSLATE_NOOP("Fields", "Vocabulary size"),
    "output_dim": QT_TRANSLATE_NOOP("Fields", "Vector size"),
    "embeddings_initializer": QT_TRANSLATE_NOOP("Fields", "Embeddings initializer"),
    "mask_zero": QT_TRANSLATE_NOOP("Fields", "Mask zero"),
    "recurrent_activation": QT_TRANSLATE_NOOP("Fields", "Recurrent activation"),
    "recurrent_initializer": QT_TRANSLATE_NOOP("Fields", "Recurrent initializer"),
    "unit_forget_bias": QT_TRANSLATE_NOOP("Fields", "Forget gate bias 1"),
    "return_sequences": QT_TRANSLATE_NOOP("Fields", "Return sequences"),
    "return_state": QT_TRANSLATE_NOOP("Fields", "Return state"),
    "go_backwards": QT_TRANSLATE_NOOP("Fields", "Go backwards"),
    "unroll": QT_TRANSLATE_NOOP("Fields", "Unroll"),
    "n": QT_TRANSLATE_NOOP("Fields", "Repeats"),
    "dims": QT_TRANSLATE_NOOP("Fields", "Axes order"),
    "layer": QT_TRANSLATE_NOOP("Fields", "Wrapped layer"),
    "merge_mode": QT_TRANSLATE_NOOP("Fields", "Merge mode"),
}


def field_label(name: str) -> i18n.Text:
    """``use_bias`` → "Use bias" (translated); a field without an entry gets its name in words."""
    return i18n.translate("Fields", LABELS.get(name, name.replace("_", " ").capitalize()))

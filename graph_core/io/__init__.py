"""Every file format, reading and writing through the layer registry's hooks.

files           the .lwire project file (graph, training settings and history, weights)
keras_config    Keras model configs (config.json, model.to_json()) to and from a graph
keras_format    .keras files and Keras JSON configs
onnx_export     ONNX (opset 17)
codegen         the graph as Keras Functional API code
script_export   the Keras and PyTorch scripts and the weights .npz
diagram         the plot_model-style diagram as SVG
interop         opening any model file, exporting to any format
data_files      data sets from .npz, .npy, .csv and IDX files
safe_arrays     arrays from untrusted .npy/.npz files, checked before allocating
"""

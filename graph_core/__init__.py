"""The model of a network: layers, nodes, wires, edits, shapes, summary and files.

Pure Python and numpy. Nothing here knows about Qt, numba or pixels.
"""

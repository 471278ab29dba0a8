"""Layerwire's editor: a thin Qt view over graph_core (see gui.main_window)."""

import os

from kernels import cpu

# The editor's own drawing competes with training for the cores: OpenMP threads that sleep
# while they wait keep training fast when the GUI is busy (see kernels/config.py). Read
# when numba loads its OpenMP runtime, so it is set before anything imports kernels.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
cpu.prepare()  # BLAS settings, before numpy loads its OpenBLAS

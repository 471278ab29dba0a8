"""Keep PySide6 6.12 from crashing Python 3.11: make ``None``, ``True`` and ``False`` immortal in effect.

PySide6 6.12 returns ``None`` from void methods (``QWidget.repaint``,
``QObject.setObjectName`` ...) and ``True`` from ``Signal.emit`` without taking a
reference: on Python 3.12+ these singletons are immortal and nothing happens, but on
3.11 every such call lowers their reference count by one, and after enough calls
Python aborts ("none_dealloc: deallocating None"), usually at exit. A probe checks
whether the running PySide6 drops references; if it does, we add 2**40 to the three
singletons' counts, which is what Python 3.12 does to make them immortal.
"""

from __future__ import annotations

import ctypes
import sys

PIN = 1 << 40


def void_calls_drop_none() -> bool:
    """True when a void PySide6 method lowers ``None``'s reference count."""
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def pin_singletons() -> None:
    for obj in (None, True, False):
        # ob_refcnt is the first field of every PyObject (CPython < 3.12).
        ctypes.c_ssize_t.from_address(id(obj)).value += PIN


PINNED = False
if void_calls_drop_none():
    pin_singletons()
    PINNED = True

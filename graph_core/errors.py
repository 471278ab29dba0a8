"""Every exception Layerwire raises on purpose, in one place.

Each message says what was expected and what was received, in the style of Keras
("Received: units=-3"), so the command line can print it as one line and the editor
can show it in a dialog unchanged.
"""

from __future__ import annotations


class LayerwireError(Exception):
    """Base of all expected failures: bad input, refused edits, damaged files."""


class ConfigError(LayerwireError, ValueError):
    """A layer setting is missing, of the wrong type or out of range."""


class UnknownLayerError(LayerwireError, KeyError):
    """A layer type (or activation, initializer) Layerwire does not have."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class EditError(LayerwireError):
    """An edit that cannot be applied to the graph as it is."""


class ConnectionRefused(EditError):
    """A wire that may not be drawn; the message says why."""


class CycleError(ConnectionRefused):
    """The wire would close a cycle."""


class PortOccupiedError(ConnectionRefused):
    """The input port already has a wire."""


class GraphError(LayerwireError):
    """The graph cannot be turned into a model (no inputs, invalid shapes...)."""


class FileFormatError(LayerwireError):
    """A file is damaged, of the wrong kind or of an unsupported version."""


class ExportError(LayerwireError):
    """A model cannot be written in the format asked for; the message says what stands in the way."""


class DataError(LayerwireError):
    """Data that does not fit the model or is not numeric."""


class DownloadError(DataError):
    """A known data set's file could not be fetched, or was not the file expected; nothing was kept."""


class DownloadCancelled(DownloadError):
    """A download stopped on request (Cancel, Ctrl+C); nothing was kept."""


class LoadCancelled(DataError):
    """Reading a data set stopped on request (another one was chosen, the window closed); nothing was kept."""


class InsufficientMemory(LayerwireError, MemoryError):
    """A task (training, loading) would need more memory than the machine has; refused before allocating."""

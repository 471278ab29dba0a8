"""A tiny publish/subscribe event, so views can follow the graph without Qt signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Event:
    """A list of callbacks called in subscription order by :meth:`emit`."""

    def __init__(self) -> None:
        self._subscribers: list[Callable[..., Any]] = []

    def sub(self, callback: Callable[..., Any]) -> None:
        if callback not in self._subscribers:
            self._subscribers.append(callback)

    def unsub(self, callback: Callable[..., Any]) -> None:
        if callback in self._subscribers:
            self._subscribers.remove(callback)

    def emit(self, *args: Any) -> None:
        for callback in list(self._subscribers):
            callback(*args)

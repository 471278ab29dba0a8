"""Messages for people, made by the core, with an identity a view can translate.

A :class:`Message` *is* its English text (a ``str``: the command line prints it, tests
compare it, exceptions carry it), and it also keeps the template it was made from and
the values put into it::

    Message("{type} needs {arity}; got {count}", type="Add", arity=Message("at least {n} inputs", n=2), count=1)

The editor looks the template up in its translations and fills in the same values,
translating values that are messages in turn; numbers, shapes and names go in as they
are (see ``gui.i18n.core_text``). Templates are string literals in ``Message(...)``
calls so that ``python -m gui.i18n update`` can find them in the source and put them
into the translation files; a template must not be built at run time.

Operations on a message (``+``, f-strings, ``str()``) give plain English text: to keep
a translatable whole, make a message that holds the parts (:func:`join` for lists).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class Message(str):
    """English text that remembers its template and parameters."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Message:
        text = super().__new__(cls, template.format(**params))
        text.template = template
        text.params = params
        return text

    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, Any]]:  # pickle and copy rebuild from the template
        return (self.template,), self.params


def join(parts: Iterable[str]) -> str:
    """The parts with ", " between them, as a message when any part is one (else plain text)."""
    parts = list(parts)
    if not any(isinstance(p, Message) for p in parts):
        return ", ".join(parts)
    text = parts[0]
    for part in parts[1:]:
        text = Message("{head}, {tail}", head=text, tail=part)
    return text


def of(error: BaseException) -> str:
    """The message ``error`` was raised with: a :class:`Message` when the core made one, else its text."""
    if error.args and isinstance(error.args[0], Message):
        return error.args[0]
    return str(error)

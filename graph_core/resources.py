"""Where Layerwire's resources are: examples, lessons, layer help, icons, translations.

An installed Layerwire carries them as the package ``layerwire_resources`` (the repository's
``resources`` folder, mapped by ``pyproject.toml``), found through :mod:`importlib.resources`
whatever the current folder; a checkout run in place finds the folder beside the packages.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE = "layerwire_resources"


def _find() -> Path:
    try:
        found = Path(str(resources.files(PACKAGE)))
    except ModuleNotFoundError:  # a checkout that was not installed
        found = Path(__file__).resolve().parent.parent / "resources"
    return found


#: The resources folder.
RESOURCES = _find()

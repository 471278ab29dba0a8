"""``layerwire --install-desktop``: a menu entry and an icon for the editor, for this user (Linux).

Writes ``layerwire.desktop`` into ``$XDG_DATA_HOME/applications`` (default
``~/.local/share/applications``) and the icon into ``…/icons/hicolor/scalable/apps``, the
places desktop menus look in, and starts the editor the way this Layerwire was started: the
installed ``layerwire-editor`` command, or this Python on this checkout's ``main.py``.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from graph_core.resources import RESOURCES

ICON = RESOURCES / "icons" / "layerwire.svg"


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def editor_command() -> str:
    script = shutil.which("layerwire-editor")
    if script is not None:
        return shlex.quote(script)
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(Path(__file__).resolve().parent.parent / 'main.py'))}"


def desktop_entry(command: str, icon: Path) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Name=Layerwire",
        "Comment=Build neural networks by wiring layers, as the Keras Functional API does",
        "Comment[ko]=Keras Functional API처럼 레이어를 연결해 신경망을 만듭니다",
        f"Exec={command} %f",
        f"Icon={icon}",
        "Terminal=false",
        "Categories=Education;Science;Development;",
        "",
    ])  # fmt: skip


def install() -> list[Path]:
    """Write the entry and the icon; returns the files written."""
    home = data_home()
    icon = home / "icons" / "hicolor" / "scalable" / "apps" / "layerwire.svg"
    entry = home / "applications" / "layerwire.desktop"
    for folder in (icon.parent, entry.parent):
        folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ICON, icon)
    entry.write_text(desktop_entry(editor_command(), icon), encoding="utf-8")
    entry.chmod(0o755)
    return [entry, icon]

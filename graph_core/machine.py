"""How much memory the machine has for a new allocation: what refuses a model too large for it.

The kernel's ``MemAvailable`` (``/proc/meminfo``, else ``os.sysconf``), further capped by
a cgroup (container) limit when there is one. ``LAYERWIRE_MEMORY_LIMIT`` (bytes, or with
a K/M/G suffix) lowers the limit, for tests and for sharing a machine.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

LIMIT_ENV = "LAYERWIRE_MEMORY_LIMIT"


def parse_size(text: str) -> int:
    """``"512M"`` -> bytes; ``ValueError`` for anything else."""
    text = text.strip().upper().removesuffix("B").removesuffix("I")
    scale = 1
    for suffix, factor in (("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30), ("T", 1 << 40)):
        if text.endswith(suffix):
            text, scale = text[:-1], factor
            break
    value = float(text)
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"expected a positive size; received {text!r}")
    return int(value * scale)


def _meminfo_available(meminfo: Path = Path("/proc/meminfo")) -> int | None:
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _sysconf_available() -> int | None:
    try:
        return int(os.sysconf("SC_AVPHYS_PAGES")) * int(os.sysconf("SC_PAGE_SIZE"))
    except (AttributeError, ValueError, OSError):
        return None


def _cgroup_room() -> int | None:
    """What a cgroup v2 (container) memory limit leaves, if one is set."""
    root = Path("/sys/fs/cgroup")
    try:
        limit = (root / "memory.max").read_text().strip()
        if limit == "max":
            return None
        used = int((root / "memory.current").read_text().strip())
        return max(0, int(limit) - used)
    except (OSError, ValueError):
        return None


def available_memory() -> int | None:
    """Bytes a new allocation can count on, or None when the platform does not say.

    ``LAYERWIRE_MEMORY_LIMIT`` caps the answer (an invalid value is ignored).
    """
    candidates = [m for m in (_meminfo_available() or _sysconf_available(), _cgroup_room()) if m is not None]
    override = os.environ.get(LIMIT_ENV)
    if override:
        try:
            candidates.append(parse_size(override))
        except ValueError:
            pass
    return min(candidates) if candidates else None

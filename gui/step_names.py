"""Undo step names in the user's language.

The core names its edits in English ("Add Dense", "Change units of dense"), and the
editor's compound steps follow the same patterns ("Delete 3 nodes", "Call dense again").
Here each pattern has one translatable template; a name that fits none stays as it is.
"""

from __future__ import annotations

import re

from gui import i18n

# (pattern, template): every template is a literal in a translate() call, for lupdate.
_PATTERNS: list[tuple[str, i18n.Text]] = [
    (r"Add (.+)", i18n.translate("Edits", "Add {0}")),
    (r"Insert (.+)", i18n.translate("Edits", "Insert {0}")),
    (r"Change (.+) of (.+)", i18n.translate("Edits", "Change {0} of {1}")),
    (r"Call layer again", i18n.translate("Edits", "Call layer again")),
    (r"Call (\d+) layers again", i18n.translate("Edits", "Call {0} layers again")),
    (r"Call (.+) again", i18n.translate("Edits", "Call {0} again")),
    (r"Delete node", i18n.translate("Edits", "Delete node")),
    (r"Delete", i18n.translate("Edits", "Delete")),
    (r"Delete (\d+) nodes", i18n.translate("Edits", "Delete {0} nodes")),
    (r"Delete (.+)", i18n.translate("Edits", "Delete {0}")),
    (r"Cut (\d+) nodes?", i18n.translate("Edits", "Cut {0} nodes")),
    (r"Connect", i18n.translate("Edits", "Connect")),
    (r"Disconnect", i18n.translate("Edits", "Disconnect")),
    (r"Disconnect (\d+) wires", i18n.translate("Edits", "Disconnect {0} wires")),
    (r"Move", i18n.translate("Edits", "Move")),
    (r"Move (\d+) nodes", i18n.translate("Edits", "Move {0} nodes")),
    (r"Auto-layout left to right", i18n.translate("Edits", "Auto-layout left to right")),
    (r"Auto-layout top to bottom", i18n.translate("Edits", "Auto-layout top to bottom")),
    (r"Mark (.+) as output", i18n.translate("Edits", "Mark {0} as output")),
    (r"Unmark (.+) as output", i18n.translate("Edits", "Unmark {0} as output")),
    (r"Set outputs", i18n.translate("Edits", "Set outputs")),
    (r"Rename layer", i18n.translate("Edits", "Rename layer")),
    (r"Rename model", i18n.translate("Edits", "Rename model")),
    (r"Paste", i18n.translate("Edits", "Paste")),
    (r"Paste (.+)", i18n.translate("Edits", "Paste {0}")),
    (r"Duplicate", i18n.translate("Edits", "Duplicate")),
    (r"Duplicate (.+)", i18n.translate("Edits", "Duplicate {0}")),
    (r"Group into (.+)", i18n.translate("Edits", "Group into {0}")),
    (r"Dissolve (.+)", i18n.translate("Edits", "Dissolve {0}")),
    (r"New model (.+)", i18n.translate("Edits", "New model {0}")),
    (r"Rename model (.+)", i18n.translate("Edits", "Rename model {0}")),
    (r"Remove model (.+)", i18n.translate("Edits", "Remove model {0}")),
    (r"Models", i18n.translate("Edits", "Models")),
]
_COMPILED = [(re.compile(pattern + r"\Z"), template) for pattern, template in _PATTERNS]


def step_name(english: str) -> str:
    """``english`` (an edit's name) in the current language."""
    for pattern, template in _COMPILED:
        match = pattern.match(english)
        if match:
            return template.again().format(*match.groups())
    return english

"""Korean and English: Qt translators, the language setting, and retranslating at runtime.

Strings in the GUI are wrapped in ``self.tr("...")`` or ``i18n.translate("Context", "...")``
so ``pyside6-lupdate`` finds them; the Korean texts live in
``resources/translations/layerwire_ko.ts`` and are compiled to ``layerwire_ko.qm``:

    python -m gui.i18n update      # lupdate gui/ -> .ts (translations kept), lrelease -> .qm

The language follows the system (QLocale) until one is chosen in View -> Language; the
choice is kept in QSettings (``ui/language``). :func:`set_language` swaps the translator;
Qt then sends ``QEvent.LanguageChange`` to every widget, texts bound with :func:`bind`
are set again, and :data:`notifier` emits ``changed`` for views that rebuild their texts.
Texts that come from data files (lessons, layer help) pick their language with
:func:`language`.

Messages made by the Qt-free core (node problems, refused edits, file errors, data-set
descriptions) are :class:`graph_core.messages.Message` texts: English, with the template
they were made from. :func:`core_text` shows one (or an exception carrying one) in the
language in force: the template is looked up in context ``Core`` and filled with the
same values. lupdate cannot read those templates, so ``update`` first collects them from
``graph_core/`` and ``kernels/`` (every ``Message("...")`` literal, see
:func:`core_templates`) into a generated file of ``translate("Core", ...)`` calls that
lupdate reads along with ``gui/``. Korean texts are filled in the .ts as for any other
message (``resources/translations/fill_ko.py``); a translation must use the template's
``{names}``, and ``tests/gui/test_i18n_core.py`` checks that every template has one.
"""

from __future__ import annotations

import ast
import json
import string
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QSettings, QTranslator, Signal

from graph_core.messages import Message
from graph_core.resources import RESOURCES

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS_DIR = RESOURCES / "translations"
LANGUAGES = {"en": "English", "ko": "한국어"}
SETTING = "ui/language"
CORE_CONTEXT = "Core"
CORE_PACKAGES = ("graph_core", "kernels")


class Text(str):
    """A translated text that remembers its context and English source, to translate it again later."""

    context: str
    source: str

    def __new__(cls, context: str, source: str) -> Text:
        text = super().__new__(cls, QCoreApplication.translate(context, source))
        text.context, text.source = context, source
        return text

    def again(self) -> Text:
        return Text(self.context, self.source)


def translate(context: str, source: str) -> Text:
    """``QCoreApplication.translate`` that lupdate recognizes and :func:`bind` can redo."""
    return Text(context, source)


class _Notifier(QObject):
    changed = Signal(str)  # the new language code


notifier: _Notifier | None = None
_bindings: list[tuple[object, str, Text]] = []
_translators: list[QTranslator] = []
_language = "en"


def _notifier() -> _Notifier:
    global notifier
    if notifier is None:
        notifier = _Notifier()
    return notifier


def on_change(slot: Callable[[str], None]) -> None:
    """Call ``slot(language)`` after every switch of language."""
    _notifier().changed.connect(slot)


def bind(obj: object, setter: str, text: str) -> None:
    """``obj.setter(text)`` now and again after each switch of language (when ``text`` is a :class:`Text`)."""
    getattr(obj, setter)(text)
    if isinstance(text, Text):
        _bindings.append((obj, setter, text))


def _retranslate_bindings() -> None:
    from shiboken6 import isValid

    alive = []
    for obj, setter, text in _bindings:
        if isValid(obj):
            getattr(obj, setter)(text.again())
            alive.append((obj, setter, text))
    _bindings[:] = alive


def language() -> str:
    """The language in force: ``"en"`` or ``"ko"``."""
    return _language


def system_language() -> str:
    return "ko" if QLocale.system().language() == QLocale.Language.Korean else "en"


def chosen_language() -> str:
    """The language chosen in the menu, else the system's."""
    value = QSettings().value(SETTING, "")
    return value if value in LANGUAGES else system_language()


def set_language(code: str, remember: bool = True) -> bool:
    """Install the translators of ``code`` (``en`` or ``ko``) and retranslate; False when no .qm was found."""
    global _language
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; expected one of {', '.join(LANGUAGES)}")
    app = QCoreApplication.instance()
    _language = code  # before the translators change: LanguageChange handlers read it
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    ok = True
    if code != "en":
        ours = QTranslator(app)
        ok = ours.load(str(TRANSLATIONS_DIR / f"layerwire_{code}.qm"))
        if ok:
            app.installTranslator(ours)
            _translators.append(ours)
        qt = QTranslator(app)  # Qt's own dialog buttons (OK, Cancel...)
        if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _translators.append(qt)
    _language = code if ok else "en"
    if remember:
        QSettings().setValue(SETTING, code)
    _retranslate_bindings()
    _notifier().changed.emit(_language)
    return ok


def core_text(value: object) -> str:
    """A message of the core (or an exception raised with one) in the language in force.

    The template is translated and filled with the message's values, those that are
    messages translated in turn; anything else (plain text, a message whose translation
    does not fit its values) is shown in English as it is.
    """
    if isinstance(value, BaseException):
        value = value.args[0] if value.args and isinstance(value.args[0], Message) else str(value)
    if not isinstance(value, Message):
        return str(value)
    params = {k: core_text(v) if isinstance(v, Message) else v for k, v in value.params.items()}
    template = QCoreApplication.translate(CORE_CONTEXT, value.template)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return str(value)


def install() -> str:
    """At start-up: the chosen (or system) language, without storing it as a choice."""
    set_language(chosen_language(), remember=False)
    return _language


# --------------------------------------------------------------------------- maintenance


def core_templates() -> list[str]:
    """Every template of a ``Message("...")`` call in the core packages, in source order, once each.

    Raises ``ValueError`` for a call whose template is not a string literal: lupdate could
    not list it, so it would stay English.
    """
    found: dict[str, None] = {}
    for package in CORE_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Message"):
                    continue
                first = node.args[0] if node.args else None
                if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                    raise ValueError(f"{path.relative_to(ROOT)}:{node.lineno}: a Message template must be a literal")
                found[first.value] = None
    return list(found)


def template_fields(template: str) -> set[str]:
    """The ``{names}`` a template fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _core_source(folder: Path) -> Path:
    """A Python file of ``translate("Core", template)`` calls for lupdate, one per core template."""
    path = folder / "core_messages.py"
    lines = ["from PySide6.QtCore import QCoreApplication", ""]
    lines += [
        f"QCoreApplication.translate({CORE_CONTEXT!r}, {json.dumps(t, ensure_ascii=False)})" for t in core_templates()
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def update(languages: tuple[str, ...] = ("ko",)) -> list[Path]:
    """Run pyside6-lupdate on gui/ and the core's message templates (keeping translations already made),
    then pyside6-lrelease."""
    bindir = Path(sys.executable).parent
    sources = sorted(str(p) for p in (ROOT / "gui").rglob("*.py"))
    written = []
    with tempfile.TemporaryDirectory() as folder:
        sources.append(str(_core_source(Path(folder))))
        for code in languages:
            ts = TRANSLATIONS_DIR / f"layerwire_{code}.ts"
            qm = ts.with_suffix(".qm")
            TRANSLATIONS_DIR.mkdir(parents=True, exist_ok=True)
            subprocess.run([str(bindir / "pyside6-lupdate"), *sources, "-no-obsolete", "-locations", "none",
                            "-ts", str(ts)], check=True)  # fmt: skip
            subprocess.run([str(bindir / "pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True)
            written += [ts, qm]
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args != ["update"]:
        print("usage: python -m gui.i18n update", file=sys.stderr)
        return 2
    for path in update():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

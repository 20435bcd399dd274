"""One editor per registered setting: its widget, its error beside it, the value it was loaded with (to tell an
edit from what is stored), and the registry's check of what was typed, worded in the user's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

from shopdesk.services.common import settings
from shopdesk.services.common.errors import ShopError
from shopdesk.ui import labels
from shopdesk.ui.widgets.common import ErrorLabel


def worded(exc: BaseException, label: str) -> str:
    """A refusal in the user's language, naming the field by its label (not its key) and a role by its word."""
    template = getattr(exc, "template", None)
    arguments = dict(getattr(exc, "arguments", None) or {})
    if not template:
        return getattr(exc, "message", None) or str(exc)
    if "setting" in arguments:
        arguments["setting"] = label
    if "role" in arguments:
        arguments["role"] = labels.role(arguments["role"])
    text = QCoreApplication.translate("Errors", template)
    try:
        return text.format(**arguments) if arguments else text
    except (KeyError, IndexError, ValueError):
        return getattr(exc, "message", None) or str(exc)


class Field(QObject):
    """A setting's editor. `raw()` is what the person typed or chose, as the registry parses it; `show(value)`
    puts a stored value in; `dirty` tells an edit not saved yet."""

    edited = Signal()

    def __init__(self, key: str, label: str, editor: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        self.key, self.label, self.editor = key, label, editor
        self.spec = settings.spec(key)
        self.error = ErrorLabel()
        self.error.setProperty("setting", key)  # objectName stays "errorLabel": the theme colours it
        self.loaded: Any = self.spec.default
        self._shown = False  # nothing shown yet: the first value goes in whatever the editor holds

    def raw(self) -> str:
        raise NotImplementedError

    def _put(self, value: Any) -> None:
        raise NotImplementedError

    def show(self, value: Any) -> None:
        """The stored value: shown unless the person is editing the field (then kept, and compared to the new one)."""
        keep = self._shown and self.dirty
        self._shown = True
        self.loaded = value
        if not keep:
            self._put(value)
            self.error.show_error("")

    def revert(self) -> None:
        self._put(self.loaded)
        self.error.show_error("")

    @property
    def dirty(self) -> bool:
        return self.raw() != self.spec.stored(self.loaded)

    def check(self) -> Any:
        """The typed value, or the refusal shown beside the field (and None back)."""
        try:
            value = self.spec.parse(self.raw())
        except ShopError as exc:  # the registry's refusal: what it takes
            self.error.show_error(worded(exc, self.label))
            return None
        self.error.show_error("")
        return value

    def set_editable(self, editable: bool) -> None:
        if isinstance(self.editor, QLineEdit):
            self.editor.setReadOnly(not editable)
        else:
            self.editor.setEnabled(editable)


class TextField(Field):
    """A line of text, or a number typed (the registry says which numbers it takes)."""

    def __init__(self, key: str, label: str, parent: QObject | None = None, *, width: int | None = None):
        editor = QLineEdit(objectName=f"setting_{key}")
        super().__init__(key, label, editor, parent)
        if width:
            editor.setMaximumWidth(width)
        if self.spec.kind in ("int", "float"):
            editor.setPlaceholderText(str(self.spec.default))
        editor.textEdited.connect(lambda _t: self.edited.emit())

    def raw(self) -> str:
        return self.editor.text().strip()

    def _put(self, value: Any) -> None:
        self.editor.setText(str(value))

    def hint(self) -> str:
        """The numbers it takes and its default, for the line beside it."""
        if self.spec.kind not in ("int", "float"):
            return ""
        return (
            QCoreApplication.translate("SettingsPage", "%1 to %2, default %3")
            .replace("%1", str(self.spec.minimum))
            .replace("%2", str(self.spec.maximum))
            .replace("%3", str(self.spec.default))
        )


class ChoiceField(Field):
    """A fixed list of choices, each (code, words)."""

    def __init__(self, key: str, label: str, choices: list[tuple[str, str]], parent: QObject | None = None):
        editor = QComboBox(objectName=f"setting_{key}")
        super().__init__(key, label, editor, parent)
        for code, words in choices:
            editor.addItem(words, code)
        editor.activated.connect(lambda _i: self.edited.emit())

    def raw(self) -> str:
        return str(self.editor.currentData() or "")

    def _put(self, value: Any) -> None:
        index = self.editor.findData(str(value))
        self.editor.setCurrentIndex(max(index, 0))


class ZoneField(Field):
    """The time zone: "" is the system's (the first entry says which that is); type to search the IANA names."""

    def __init__(self, key: str, label: str, zones: list[str], system: Callable[[], str], parent=None):
        editor = QComboBox(objectName=f"setting_{key}")
        super().__init__(key, label, editor, parent)
        editor.setEditable(True)
        editor.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        editor.setMaxVisibleItems(16)
        editor.addItem(QCoreApplication.translate("SettingsPage", "The system's (%1)").replace("%1", system()), "")
        for name in zones:
            editor.addItem(name, name)
        completer = QCompleter(editor.model(), editor)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        editor.setCompleter(completer)
        editor.activated.connect(lambda _i: self.edited.emit())
        editor.editTextChanged.connect(lambda _t: self.edited.emit())

    def raw(self) -> str:
        text = self.editor.currentText().strip()
        return "" if text in ("", self.editor.itemText(0)) else text

    def _put(self, value: Any) -> None:
        index = self.editor.findData(str(value)) if value else 0
        if index >= 0:
            self.editor.setCurrentIndex(index)
        else:
            self.editor.setEditText(str(value))

"""Forms built in code: a label, an editor and, under it, the validation message.

Every wrong field of a form is shown at once (``show_errors``), each message under its field, and
with ``live(validate)`` a message goes away as soon as its field is right: each edit runs the
dialog's check again (the same service rule as the save, without writing) and updates only the
fields that show a message, so that fields not reached yet are not scolded while the user types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from reintegra.services.errors import ReintegraError, ValidationError, every_error
from reintegra.ui import accessible

ERROR_STYLE = "color: #b3261e;"


class Form(QWidget):
    """A QFormLayout whose rows can show a message beside their editor; ``edited`` on a change of any.

    (The editors' signals are connected to ``edited`` itself, in Qt, not through a Python slot: a
    Python slot there made PySide 6.12 crash when the interpreter ended.)"""

    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.layout_.setRowWrapPolicy(QFormLayout.DontWrapRows)
        self._editors: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._descriptions: dict[str, str] = {}  # the editors' own descriptions, back when right

    def add(self, field: str, label: str, editor: QWidget) -> QWidget:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        message = QLabel()
        message.setObjectName(f"error-{field}")
        message.setStyleSheet(ERROR_STYLE)
        message.setWordWrap(True)
        message.hide()
        column.addWidget(message)
        caption = QLabel(label)
        caption.setBuddy(editor)
        if accessible.plain(label) and not editor.accessibleName():
            accessible.name(editor, label)  # the holder between them hides the buddy from Qt
        self.layout_.addRow(caption, holder)
        self._editors[field] = editor
        self._errors[field] = message
        _connect_changes(editor, self.edited)
        return editor

    def add_row(self, label: str, widget: QWidget) -> None:
        self.layout_.addRow(label, widget)
        if accessible.plain(label) and not widget.accessibleName():
            accessible.name(widget, label)

    def editor(self, field: str) -> QWidget:
        return self._editors[field]

    def fields(self) -> list[str]:
        return list(self._editors)

    def error_text(self, field: str) -> str:
        label = self._errors[field]
        return label.text() if not label.isHidden() else ""

    def showing_errors(self) -> list[str]:
        """The fields that show a message now, in the form's order."""
        return [field for field, label in self._errors.items() if not label.isHidden()]

    def show_error(self, error: ValidationError) -> bool:
        """Shows every message of ``error`` (one, or ValidationErrors) beside its field, the first
        field focused; False when none is a field of this form. Messages for other fields go to a box."""
        errors = every_error(error)
        elsewhere = self.show_errors(errors)
        if len(elsewhere) == len(errors):
            return False
        if elsewhere:
            from reintegra.ui import messages

            messages.error(self, " ".join(one.message for one in elsewhere))
        return True

    def show_errors(self, errors: Iterable[ValidationError], *, focus: bool = True) -> list[ValidationError]:
        """Replaces the messages shown by ``errors``, each beside its field, and focuses the first of
        those fields (in the form's order); returns the errors that have no field here."""
        self.clear_errors()
        elsewhere = []
        for error in errors:
            label = self._errors.get(error.field)
            if label is None:
                elsewhere.append(error)
                continue
            shown = label.text() if not label.isHidden() else ""
            label.setText(f"{shown} {error.message}" if shown and error.message not in shown else error.message)
            label.show()
            self._describe(error.field)
        if focus:
            self.focus_first_error()
        return elsewhere

    def focus_first_error(self) -> bool:
        fields = self.showing_errors()
        if fields:
            self._editors[fields[0]].setFocus()
        return bool(fields)

    def refresh_errors(self, errors: Iterable[ValidationError]) -> None:
        """After an edit: a field showing a message gets its new message, or none when it is right
        now; a field showing nothing stays so (it is not scolded before the user gets to it)."""
        messages: dict[str, list[str]] = {}
        for error in errors:
            messages.setdefault(error.field, []).append(error.message)
        for field in self.showing_errors():
            label = self._errors[field]
            if field in messages:
                label.setText(" ".join(dict.fromkeys(messages[field])))
            else:
                label.clear()
                label.hide()
            self._describe(field)

    def clear_errors(self) -> None:
        for field, label in self._errors.items():
            label.clear()
            label.hide()
            self._describe(field)

    def _describe(self, field: str) -> None:
        """A screen reader says the message with the field (its accessible description)."""
        editor = self._editors[field]
        while editor.focusProxy() is not None:
            editor = editor.focusProxy()
        own = self._descriptions.setdefault(field, editor.accessibleDescription())
        editor.setAccessibleDescription(self.error_text(field) or own)

    def live(self, validate: Callable[[], object]) -> LiveCheck:
        """Re-checks with ``validate`` after each edit while a message is shown (see ``LiveCheck``)."""
        return LiveCheck([self], validate, self)

    def refused(self, validate: Callable[[], object]) -> bool:
        """Runs ``validate`` before a save (or a question): True when it found something wrong, shown
        beside the fields (else in a box). A check that cannot run is left to the save to report."""
        self.clear_errors()
        try:
            validate()
        except ValidationError as error:
            if not self.show_error(error):
                from reintegra.ui import messages

                messages.error(self, error.message)
            return True
        except ReintegraError:
            return False
        return False


class Typed:
    """What a form holds, read with every refusal kept, then checked by the service's rule: so that
    all the wrong fields are said at once. A field whose text cannot be read (a date that is not
    one) keeps that message, not the rule's "required" for the empty value it stands for::

        typed = Typed()
        day = typed.read(lambda: self.day.date("day", required=True))
        typed.rule(notes.check_note, session, participant_id, day, text)
        typed.raise_any()
    """

    def __init__(self) -> None:
        # Here, not at the top: the sign-in, the first window, uses Form and must not wait for the
        # validation rules (and the models they import) to load.
        from reintegra.services.validation import Checks

        self.checks = Checks()

    def read(self, getter: Callable[[], Any], default: Any = None) -> Any:
        with self.checks.field():
            return getter()
        return default

    def rule(self, check: Callable[..., object], *args, **kwargs) -> None:
        try:
            check(*args, **kwargs)
        except ValidationError as error:
            unreadable = {one.field for one in self.checks.errors}
            self.checks.errors += [one for one in every_error(error) if one.field not in unreadable]

    def raise_any(self) -> None:
        self.checks.raise_any()


class LiveCheck(QObject):
    """Keeps the messages of ``forms`` current: after an edit in any of them, while some message is
    shown, ``validate()`` runs (it raises ValidationError(s) for what is wrong now, and writes nothing)
    and each form refreshes the fields that show a message. A check that cannot run (e.g. the database
    is busy) leaves the messages as they are."""

    def __init__(self, forms: list[Form], validate: Callable[[], object], parent: QObject | None = None):
        super().__init__(parent)
        self.forms = forms
        self.validate = validate
        self._running = False
        for form in forms:
            form.edited.connect(self.recheck)

    def recheck(self, *_args) -> None:
        if self._running or not any(form.showing_errors() for form in self.forms):
            return
        self._running = True  # a check that fills a field in must not start another
        try:
            try:
                self.validate()
                errors: list[ValidationError] = []
            except ValidationError as error:
                errors = every_error(error)
            except ReintegraError:
                return
            for form in self.forms:
                form.refresh_errors(errors)
        finally:
            self._running = False


def _connect_changes(editor: QWidget, slot) -> None:
    """Connects the signal by which ``editor`` (or, for a holder of several, each editor in it) says
    it changed to ``slot`` (a signal)."""
    for widget in [editor, *editor.findChildren(QWidget)]:
        connected = True
        if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            widget.textChanged.connect(slot)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(slot)
            if widget.isEditable():
                widget.editTextChanged.connect(slot)
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            widget.toggled.connect(slot)
        elif isinstance(widget, QDateEdit):
            widget.dateChanged.connect(slot)
        elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
            widget.valueChanged.connect(slot)
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            widget.model().dataChanged.connect(slot)
        else:
            connected = False
        if connected and widget is editor:
            return  # an editor's own parts (a line edit's clear button, a combo's list) are not editors

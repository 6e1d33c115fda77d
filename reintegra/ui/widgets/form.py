"""Forms built in code: a label, an editor and, under it, the validation message."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from reintegra.services.errors import ValidationError
from reintegra.ui import accessible

ERROR_STYLE = "color: #b3261e;"


class Form(QWidget):
    """A QFormLayout whose rows can show a message beside their editor."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.layout_.setRowWrapPolicy(QFormLayout.DontWrapRows)
        self._editors: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}

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
        return editor

    def add_row(self, label: str, widget: QWidget) -> None:
        self.layout_.addRow(label, widget)
        if accessible.plain(label) and not widget.accessibleName():
            accessible.name(widget, label)

    def editor(self, field: str) -> QWidget:
        return self._editors[field]

    def error_text(self, field: str) -> str:
        label = self._errors[field]
        return label.text() if not label.isHidden() else ""

    def show_error(self, error: ValidationError) -> bool:
        """Shows the message beside its field; False when the form has no such field."""
        self.clear_errors()
        label = self._errors.get(error.field)
        if label is None:
            return False
        label.setText(error.message)
        label.show()
        self._editors[error.field].setFocus()
        return True

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.clear()
            label.hide()

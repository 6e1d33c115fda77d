"""Message boxes in one place, so that tests can answer them (see tests/ui/conftest.py)."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from reintegra.i18n import _


def error(parent: QWidget | None, text: str) -> None:
    QMessageBox.warning(parent, _("Reintegra"), text)


def info(parent: QWidget | None, text: str) -> None:
    QMessageBox.information(parent, _("Reintegra"), text)


def confirm(parent: QWidget | None, text: str, *, yes: str | None = None) -> bool:
    box = QMessageBox(QMessageBox.Question, _("Reintegra"), text, QMessageBox.NoButton, parent)
    accept = box.addButton(yes or _("Yes"), QMessageBox.AcceptRole)
    box.addButton(_("Cancel"), QMessageBox.RejectRole)
    box.setDefaultButton(accept)
    box.exec()
    return box.clickedButton() is accept


def conflict(parent: QWidget | None, text: str) -> bool:
    """Asks what to do when another computer changed the record first.

    True: reload (what was typed here is dropped, on purpose). False: keep editing, so that
    nothing typed is lost; the user may copy it before reloading.
    """
    box = QMessageBox(QMessageBox.Warning, _("Changed on another computer"), text, QMessageBox.NoButton, parent)
    box.setInformativeText(_("Reload shows the saved version and drops what you typed here. "
                             "Keep editing leaves your text in the form so that you can copy it first."))
    reload = box.addButton(_("Reload"), QMessageBox.AcceptRole)
    box.addButton(_("Keep editing"), QMessageBox.RejectRole)
    box.setDefaultButton(reload)
    box.exec()
    return box.clickedButton() is reload


class Unsaved(Enum):
    """The answer to "what was typed is not saved yet": save it, drop it, or stay."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved(parent: QWidget | None, text: str) -> Unsaved:
    """Save / Discard / Cancel for input not saved yet; Cancel (and Esc) keeps everything as it is."""
    box = QMessageBox(QMessageBox.Warning, _("Reintegra"), text, QMessageBox.NoButton, parent)
    save = box.addButton(_("Save"), QMessageBox.AcceptRole)
    discard = box.addButton(_("Discard"), QMessageBox.DestructiveRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return Unsaved.SAVE if clicked is save else Unsaved.DISCARD if clicked is discard else Unsaved.CANCEL

"""The app's file dialogs: each opens in the folder last used for its kind of file (a report, a backup,
the audit log …), remembered for this PC in the settings file, else in Documents, with a file name ready.

Every QFileDialog of the screens goes through here, so a facility that keeps its reports in
"Dokumenty/Sprawozdania" is not sent back to the home folder each time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from reintegra.config import load_settings, update_settings

SETTING = "last_folders"  # kind → the folder last chosen in a dialog of that kind

# The kinds of file (each remembers its own folder).
REPORT = "report"  # reports saved one by one or per person into a folder
AUDIT = "audit"  # the audit log exported to CSV
PERSON_EXPORT = "person-export"  # one person's data (RODO art. 15 and 20)
BACKUP = "backup"  # a copy of the database made by hand
LOGO = "logo"  # the facility's logo for the report headers
DATABASE = "database"  # the database file chosen in the database settings


def documents_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) or Path.home())


def last_folder(kind: str) -> Path:
    """Where a dialog of ``kind`` starts: the folder last used for it if it still exists, else Documents."""
    folders = load_settings().get(SETTING)
    saved = folders.get(kind) if isinstance(folders, dict) else None
    if isinstance(saved, str) and Path(saved).is_dir():
        return Path(saved)
    return documents_folder()


def remember(kind: str, folder: Path | str) -> None:
    folders = load_settings().get(SETTING)
    folders = dict(folders) if isinstance(folders, dict) else {}
    folders[kind] = str(folder)
    try:
        update_settings(**{SETTING: folders})
    except OSError:  # a settings file that cannot be written: the dialog opens in Documents next time
        pass


def save_file(parent, kind: str, title: str, suggested_name: str, filters: str, *,
              start: str | None = None, confirm_overwrite: bool = True) -> tuple[str, str]:
    """(path, chosen filter) from a save dialog opened in ``start`` or the kind's last folder with
    ``suggested_name`` filled in; ("", "") when cancelled."""
    where = start or str(last_folder(kind) / suggested_name)
    extra = {} if confirm_overwrite else {"options": QFileDialog.DontConfirmOverwrite}
    path, chosen = QFileDialog.getSaveFileName(parent, title, where, filters, **extra)
    if path:
        remember(kind, Path(path).parent)
    return path, chosen


def open_file(parent, kind: str, title: str, filters: str) -> str:
    """The file chosen in an open dialog started in the kind's last folder; "" when cancelled."""
    path, _chosen = QFileDialog.getOpenFileName(parent, title, str(last_folder(kind)), filters)
    if path:
        remember(kind, Path(path).parent)
    return path


def choose_folder(parent, kind: str, title: str, *, start: str | None = None) -> str:
    """A folder chosen in a dialog started in ``start`` or the kind's last folder; "" when cancelled."""
    folder = QFileDialog.getExistingDirectory(parent, title, start or str(last_folder(kind)))
    if folder:
        remember(kind, folder)
    return folder

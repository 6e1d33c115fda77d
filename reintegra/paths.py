"""Where Reintegra's shipped files and the user's data live."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from reintegra.private_files import private_folder

APP_NAME = "reintegra"
DEMO_FILE = "demo.db"
_PACKAGE_DIR = Path(__file__).resolve().parent


def shipped_dir(name: str) -> Path:
    """A top-level shipped folder (``resources`` or ``translations``).

    Installed, it sits inside the package; in a source checkout or an editable
    install it is beside the package.
    """
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(name)


def data_dir() -> Path:
    """The user's data folder (the database, backups), 0700."""
    return private_folder(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))


def config_dir() -> Path:
    """The settings folder, 0700."""
    return private_folder(Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)))


def default_database_path() -> Path:
    return data_dir() / "reintegra.db"


def demo_database_path() -> Path:
    """Where ``reintegra demo`` and the first-run wizard's demo put their data: beside the real
    database, never in it."""
    return default_database_path().with_name(DEMO_FILE)


def backups_dir() -> Path:
    return private_folder(data_dir() / "backups")

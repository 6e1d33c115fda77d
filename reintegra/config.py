"""The user's settings file and which database to open."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from reintegra.paths import config_dir, default_database_path
from reintegra.private_files import open_private

ENVIRONMENT_DATABASE = "REINTEGRA_DATABASE"


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings() -> dict[str, Any]:
    try:
        return json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save_settings(settings: dict[str, Any]) -> None:
    """Writes the settings file, 0600; a server's password is never written: it goes into the
    system keyring where there is one (services/server_password.keep)."""
    from reintegra.services.server_password import keep

    if isinstance(settings.get("database"), str):
        settings = {**settings, "database": keep(settings["database"])}
    path = settings_path()
    temporary = path.with_suffix(".tmp")
    with open_private(temporary, "w", encoding="utf-8") as file:
        file.write(json.dumps(settings, indent=2, ensure_ascii=False))
    temporary.replace(path)


def update_settings(**values: Any) -> None:
    settings = load_settings()
    settings.update(values)
    save_settings(settings)


def resolve_database(chosen: str | None = None) -> str:
    """--database, else REINTEGRA_DATABASE, else the settings file, else the default file.

    A settings file written before server passwords went into the system keyring loses its
    password at once, into the keyring where there is one (the URL returned still has it, for
    this run). A password in --database or REINTEGRA_DATABASE goes into the keyring once the
    server has taken it (services/database.connect)."""
    from reintegra.services.server_password import password_in

    given = chosen or os.environ.get(ENVIRONMENT_DATABASE)
    if given:
        return given
    saved = load_settings().get("database")
    if not saved:
        return str(default_database_path())
    if password_in(saved):
        try:
            update_settings(database=saved)
        except OSError:  # a settings file that cannot be written now is rewritten at the next save
            pass
    return saved

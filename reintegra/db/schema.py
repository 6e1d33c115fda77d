"""Schema versions: upgrading any earlier database to the current one with Alembic."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from reintegra.db.engine import for_writing, is_sqlite

# Tests point this at a copy with made-up revisions on top (tests/migration_revisions.py).
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# A revision's file is "<id>_<slug>.py", the id a four-digit number ("0001", "0002", …), one after
# the other; tests/db/test_migrations.py checks the names against Alembic's own reading of the files.
_REVISION_FILE = re.compile(r"(\d{4})_\w+\.py")


def alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def revision_ids() -> list[str]:
    """The revisions in versions/, oldest first, read from the file names.

    Starting the app compares the database with the newest of these without importing
    Alembic (a third of the start-up time) when the database is already current.
    """
    names = (_REVISION_FILE.fullmatch(path.name) for path in (MIGRATIONS_DIR / "versions").iterdir())
    return sorted((match.group(1) for match in names if match), key=int)


def head_revision() -> str:
    return revision_ids()[-1]


def next_revision_id() -> str:
    return f"{int(head_revision()) + 1:04d}"


def alembic_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision recorded in the database (what Alembic keeps in ``alembic_version``)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def is_empty(engine: Engine) -> bool:
    return not inspect(engine).get_table_names()


def is_known_revision(revision: str) -> bool:
    # Exact ids only: alembic's own lookup also accepts "head" and id prefixes.
    return revision in revision_ids()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    _run(engine, lambda config: command.upgrade(config, revision))


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    _run(engine, lambda config: command.downgrade(config, revision))


def _run(engine: Engine, action) -> None:
    config = alembic_config()
    # A migration writes: on SQLite it waits for the write lock like any other writer.
    with for_writing(engine).connect() as connection:
        sqlite = is_sqlite(engine)
        if sqlite:
            # Batch migrations recreate tables; with foreign keys on, dropping a referenced
            # table would fail or cascade. The pragma is ignored inside a transaction, so it
            # goes straight to the driver connection (autocommit, see engine.py), and the
            # foreign keys are checked and switched on again the same way afterwards.
            driver = connection.connection.driver_connection
            driver.execute("PRAGMA foreign_keys=OFF")
        config.attributes["connection"] = connection
        action(config)
        connection.commit()
        if sqlite:
            problems = driver.execute("PRAGMA foreign_key_check").fetchall()
            driver.execute("PRAGMA foreign_keys=ON")
            if problems:
                raise RuntimeError(f"foreign key check failed after migration: {problems[:5]}")


def new_revision(message: str) -> Path:
    """Writes ``versions/<next number>_<slug>.py`` for what models.py has and the migrations
    lack (a developer tool), and says what in it would fail on a filled database."""
    import tempfile

    from alembic import command

    from reintegra.db.engine import make_engine
    from reintegra.db.migration_guard import unsafe_operations

    if not message.strip():
        raise SystemExit('Say what changed: make migration MESSAGE="add staff accounts"')
    revision = next_revision_id()
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(Path(folder) / "head.db")
        upgrade(engine)
        config = alembic_config()
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            script = command.revision(config, message=message, autogenerate=True, rev_id=revision)
        engine.dispose()
    path = Path(script.path)
    print(f"Wrote {path}")
    for problem in unsafe_operations([revision]):
        print(f"Fix before committing: {problem}")
    return path

"""Schema versions: upgrading any earlier database to the current one with Alembic."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from reintegra.db.engine import is_sqlite

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def is_empty(engine: Engine) -> bool:
    from sqlalchemy import inspect

    return not inspect(engine).get_table_names()


def is_known_revision(revision: str) -> bool:
    # Exact ids only: alembic's own lookup also accepts "head" and id prefixes.
    script = ScriptDirectory.from_config(alembic_config())
    return revision in {script_revision.revision for script_revision in script.walk_revisions()}


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    _run(engine, lambda config: command.upgrade(config, revision))


def downgrade(engine: Engine, revision: str) -> None:
    _run(engine, lambda config: command.downgrade(config, revision))


def _run(engine: Engine, action) -> None:
    config = alembic_config()
    with engine.connect() as connection:
        sqlite = is_sqlite(engine)
        if sqlite:
            # Batch migrations recreate tables; with foreign keys on, dropping a
            # referenced table would fail or cascade. Checked again afterwards.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        config.attributes["connection"] = connection
        action(config)
        connection.commit()
        if sqlite:
            problems = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            if problems:
                raise RuntimeError(f"foreign key check failed after migration: {problems[:5]}")


def new_revision(message: str) -> None:
    """Writes a migration for what models.py has and the migrations lack (a developer tool)."""
    import tempfile

    from reintegra.db.engine import make_engine

    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(Path(folder) / "head.db")
        upgrade(engine)
        config = alembic_config()
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            command.revision(config, message=message, autogenerate=True)
        engine.dispose()

"""Backups: a whole database copied into one SQLite file, restored back, checked.

A backup is always a SQLite file at the schema of the database it was made from, whether
that database is a SQLite file or a PostgreSQL server, so a facility can move between the two.
Backups and restores are the administrator's, and the audit log records both; a restore keeps
the audit history of the database it replaces (the log must show who did what, even before a restore).
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, Engine, MetaData, Table, delete, func, insert, select
from sqlalchemy.exc import SQLAlchemyError

from reintegra.db import schema
from reintegra.db.engine import for_writing, is_sqlite, make_engine
from reintegra.db.enums import AuditAction
from reintegra.db.models import AuditEntry, Base, User
from reintegra.i18n import _, ngettext
from reintegra.paths import backups_dir
from reintegra.private_files import create_private
from reintegra.services import access, audit, units
from reintegra.services.demo_database import DEMO_ENTITY
from reintegra.services.errors import ReintegraError
from reintegra.services.integrity import file_damage
from reintegra.services.temporary import announced, temporary_folder
from reintegra.services.units import refusals_explained

AUTOMATIC_PREFIX = "auto-"
AUTOMATIC_KEPT = 10
BATCH_ROWS = 1000
MAX_LISTED_PROBLEMS = 20
_SQLITE_HEADER = b"SQLite format 3\x00"
_TIMESTAMP = "%Y-%m-%d_%H-%M-%S-%f"


# --- backup ----------------------------------------------------------------------------


def backup_database(engine: Engine, path: Path, *, actor: User | None = None) -> Path:
    """Copies the whole database into the SQLite file ``path`` (replaced if it exists); the audit log
    records it (in the database, after the copy: the backup holds what was there before)."""
    access.require_administrator(actor)
    path = _copy_to(engine, path)
    try:
        with units.writing(engine) as session:
            audit.record(session, actor, AuditAction.BACKUP, "database", None, {"file": str(path)})
    except BaseException:
        path.unlink(missing_ok=True)  # a backup the log does not know of is not left behind
        raise
    return path


def _copy_to(engine: Engine, path: Path) -> Path:
    """The copy written beside ``path`` under a temporary name (announced, so that the next start
    removes it if the program is killed meanwhile), checked, and only then given its name. A damaged
    source is refused before anything is written: its copy would push good backups out."""
    path = Path(path)
    if is_sqlite(engine) and _is_live_file(engine, path):
        raise ReintegraError(_("A backup cannot overwrite the database itself; choose another file."))
    refuse_damaged(engine)
    with _reported(_("The database could not be copied to {path}: {error}"), path=path):
        part = path.parent / f".{path.name}.{secrets.token_hex(4)}.part"
        with announced(part):
            # Created 0600 before any row is in it; SQLite gives its journal the same mode, os.replace keeps it.
            create_private(part)
            if is_sqlite(engine):
                counts = _copy_sqlite_connection(engine, part)
            else:
                counts = _copy_server(engine, part)
            _make_single_file(part)
            _verify_copy(part, counts, path)
            os.replace(part, path)
    return path


def damage_of(engine: Engine) -> str | None:
    """What SQLite's quick check finds wrong with the database file (its first finding), or None:
    a file in good order, or a server (whose storage is the server's to keep whole)."""
    database = engine.url.database
    if not is_sqlite(engine) or not database or database == ":memory:":
        return None
    return file_damage(database)


def refuse_damaged(engine: Engine) -> None:
    """Raises the one sentence for a damaged database, of which no backup is made."""
    problem = damage_of(engine)
    if problem is not None:
        raise ReintegraError(_(
            "The database is damaged ({problem}), so no backup was made and the earlier backups stay as "
            "they are; restore the latest good backup.").format(problem=problem))


def _verify_copy(part: Path, counts: dict[str, int], path: Path) -> None:
    """Refuses a copy that fails SQLite's quick check or lacks rows of the database it was made from."""
    try:
        with closing(sqlite3.connect(part.resolve().as_uri() + "?mode=ro", uri=True)) as copy:
            verdict = [row[0] for row in copy.execute("PRAGMA quick_check")]
            copied = {name: copy.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]  # names from the schema
                      for name in counts} if verdict == ["ok"] else {}
    except sqlite3.Error as error:
        verdict, copied = [str(error)], {}
    if verdict != ["ok"]:
        raise ReintegraError(_("The backup {path} failed its check after it was written ({problem}), so it "
                               "was deleted.").format(path=path, problem=verdict[0]))
    for name, expected in counts.items():
        if copied.get(name) != expected:
            raise ReintegraError(_("The backup {path} does not hold every row of the database (table {table}: "
                                   "{copied} of {expected}), so it was deleted.").format(
                path=path, table=name, copied=copied.get(name, 0), expected=expected))


def automatic_backup(engine: Engine, reason: str, *, folder: Path | None = None,
                     moment: datetime | None = None) -> Path:
    """A backup into the backups folder (``folder``, else the one set on this PC, else the default one),
    named by time and reason; of those made before an upgrade or a restore, the oldest beyond 10 go
    (the daily ones are kept by their schedule, services/backup_schedule.py; manual ones are never removed)."""
    folder = Path(folder) if folder is not None else _safety_folder()
    path = automatic_path(folder, reason, moment or datetime.now())
    # Not in the audit log: it is made before an upgrade (at a schema older than the log's) or
    # a restore, whose own entry names it.
    _copy_to(engine, path)
    label = automatic_label(path)
    if label not in (DAILY, MANUAL):
        for old in [old for old in automatic_backups(folder) if automatic_label(old) not in (DAILY, MANUAL)][
                :-AUTOMATIC_KEPT]:
            old.unlink(missing_ok=True)
    return path


DAILY, MANUAL = "daily", "manual"
_AUTOMATIC_NAME = re.compile(rf"^{AUTOMATIC_PREFIX}(\d{{4}}-\d{{2}}-\d{{2}}_\d{{2}}-\d{{2}}-\d{{2}}-\d{{6}})-(.+)\.db$")


def automatic_path(folder: Path, reason: str, moment: datetime) -> Path:
    """A new file name in ``folder`` for an automatic backup made at ``moment`` for ``reason``."""
    label = re.sub(r"[^\w-]+", "-", reason.lower()).strip("-") or "backup"
    while True:  # two backups within one microsecond must still sort in the order made
        path = folder / f"{AUTOMATIC_PREFIX}{moment.strftime(_TIMESTAMP)}-{label}.db"
        if not path.exists():
            return path
        moment += timedelta(microseconds=1)


def automatic_moment(path: Path) -> datetime | None:
    """When the automatic backup ``path`` was made, from its name; None for another file."""
    match = _AUTOMATIC_NAME.match(Path(path).name)
    return datetime.strptime(match.group(1), _TIMESTAMP) if match else None


def automatic_label(path: Path) -> str | None:
    """Why the automatic backup ``path`` was made ("daily", "before-upgrade" …), from its name."""
    match = _AUTOMATIC_NAME.match(Path(path).name)
    return match.group(2) if match else None


def automatic_backups(folder: Path | None = None) -> list[Path]:
    """The automatic backups in ``folder`` (default: where they are written), oldest first."""
    folder = Path(folder) if folder is not None else _safety_folder()
    return sorted((path for path in folder.glob(f"{AUTOMATIC_PREFIX}*.db") if automatic_moment(path)),
                  key=lambda p: p.name)


def _safety_folder() -> Path:
    """The backups folder set on this PC; the default one when it is not there now (a disk not
    connected): a backup before an upgrade or a restore is never skipped for want of a folder."""
    from reintegra.services.backup_schedule import backup_folder

    try:
        return backup_folder()
    except ReintegraError:
        return backups_dir()


def _is_live_file(engine: Engine, path: Path) -> bool:
    database = engine.url.database
    if not database or database == ":memory:":
        return False
    return Path(database).resolve() == path.resolve()


def _copy_sqlite_connection(engine: Engine, part: Path) -> dict[str, int]:
    """Copies the database into ``part``; the rows of each table, counted in the same snapshot."""
    # SQLite's online backup reads one consistent snapshot, even while the program (in WAL mode)
    # keeps writing through other connections; inside the read transaction that counted the rows,
    # it reads that transaction's snapshot.
    with engine.connect() as connection, closing(sqlite3.connect(part)) as target, connection.begin():
        driver = connection.connection.driver_connection
        names = [row[0] for row in driver.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        counts = {name: driver.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}
        driver.backup(target)
    return counts


def _copy_server(engine: Engine, part: Path) -> dict[str, int]:
    revision = schema.current_revision(engine)
    if revision is None:
        raise ReintegraError(_("The database has no Reintegra schema version; it is empty or not a "
                               "Reintegra database."))
    if not schema.is_known_revision(revision):
        raise ReintegraError(_("This database was written by a newer version of Reintegra; update the program."))
    target = make_engine(part)
    try:
        schema.upgrade(target, revision)
        # REPEATABLE READ: every table is read from the same moment of the server.
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as reading, \
                target.begin() as writing:
            return _copy_reflected(reading, writing)
    finally:
        target.dispose()


def _copy_reflected(reading: Connection, writing: Connection) -> dict[str, int]:
    # Reflected rather than the models: an automatic backup before an upgrade is made
    # at the older schema the server still has.
    source, target = MetaData(), MetaData()
    source.reflect(reading)
    target.reflect(writing)
    counts = {}
    for table in target.sorted_tables:
        if table.name != "alembic_version":
            _copy_table(reading, source.tables[table.name], writing, table)
            counts[table.name] = reading.scalar(select(func.count()).select_from(source.tables[table.name]))
    return counts


def _copy_table(reading: Connection, source: Table, writing: Connection, target: Table) -> None:
    columns = [source.c[column.name] for column in target.columns]
    query = select(*columns).order_by(*(source.c[column.name] for column in target.primary_key.columns))
    result = reading.execution_options(yield_per=BATCH_ROWS).execute(query)
    for rows in result.partitions():
        writing.execute(insert(target), [row._asdict() for row in rows])


def _make_single_file(path: Path) -> None:
    # A backup is one self-contained file: no -wal beside it that a copy could miss.
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")


# --- restore ---------------------------------------------------------------------------


def restore_database(engine: Engine, path: Path, *, actor: User | None = None) -> Path:
    """Replaces every row of the database with those of the backup ``path``, in one transaction;
    returns where the state it replaced was saved.

    The backup is checked first and, when made by an earlier version, upgraded in a
    temporary copy; the current contents go to an automatic backup before anything changes.
    The audit entries the backup lacks are kept, and the restore itself is recorded. A damaged
    SQLite database is not copied but set aside whole, and the file replaced (restore_over_damaged).
    """
    access.require_administrator(actor)
    path = _checked_backup_file(path)
    if damage_of(engine) is not None:
        return restore_over_damaged(engine, path, actor=actor)
    failed = _("The database could not be restored from {path}; nothing was changed: {error}")
    with _reported(failed, path=path), temporary_folder("restore-") as folder:
        if schema.current_revision(engine) != schema.head_revision():
            raise ReintegraError(_("The database must be upgraded to the current schema before a restore."))
        copy = create_private(folder / "backup.db")
        _copy_sqlite_file(path, copy)
        source = make_engine(copy)
        try:
            _prepare_backup(source, path)
            safety = automatic_backup(engine, "before-restore")
            with refusals_explained(), source.connect() as reading, for_writing(engine).begin() as writing:
                history = _audit_history(writing)
                _replace_rows(reading, writing)
                kept = _keep_history(writing, history)
                _record_restore(writing, actor, path, safety, kept)
        finally:
            source.dispose()
    return safety


def restore_over_damaged(engine: Engine, path: Path, *, actor: User | None = None) -> Path:
    """For a damaged SQLite database: the damaged file (with its -wal) is copied aside beside it as
    ``NAME-damaged-TIME.db``, then replaced whole by the checked (and, if older, upgraded) backup
    ``path``; returns the damaged copy's path. The audit entries that can still be read from the
    damaged file are kept, and the restore is recorded. The engine's connections are closed first;
    it opens the restored file when next used."""
    access.require_administrator(actor)
    path = _checked_backup_file(path)
    live = Path(engine.url.database)
    failed = _("The database could not be restored from {path}; nothing was changed: {error}")
    with _reported(failed, path=path), temporary_folder("restore-") as folder:
        copy = create_private(folder / "backup.db")
        _copy_sqlite_file(path, copy)
        source = make_engine(copy)
        try:
            _prepare_backup(source, path)
        finally:
            source.dispose()
        _make_single_file(copy)
        history = _readable_history(engine)
        engine.dispose()
        part = live.parent / f".{live.name}.{secrets.token_hex(4)}.part"
        with announced(part):
            create_private(part)
            shutil.copyfile(copy, part)
            aside = _set_aside(live)
            # The -wal goes before the file is replaced: a -wal left beside the restored file would
            # be replayed into it.
            for suffix in ("-wal", "-shm"):
                Path(f"{live}{suffix}").unlink(missing_ok=True)
            os.replace(part, live)
    with _reported(_("The database was restored from {path}, but the restore could not be recorded: {error}"),
                   path=path), for_writing(engine).begin() as writing:
        kept = _keep_history(writing, history)
        _record_restore(writing, actor, path, aside, kept)
    return aside


def _checked_backup_file(path: Path) -> Path:
    path = Path(path)
    if not path.is_file():
        raise ReintegraError(_("The file {path} does not exist.").format(path=path))
    if not _looks_like_sqlite(path):
        raise ReintegraError(_("The file {path} is not a Reintegra backup.").format(path=path))
    return path


def _readable_history(engine: Engine) -> list[dict]:
    """The audit entries of a damaged database, as far as they can be read (none when they cannot)."""
    try:
        with engine.connect() as connection:
            return _audit_history(connection)
    except (SQLAlchemyError, sqlite3.Error, ValueError, LookupError):
        return []


def _set_aside(live: Path) -> Path:
    """A copy of the damaged database ``live`` (its -wal with it) beside it, for whoever repairs it."""
    moment = datetime.now().strftime("%Y-%m-%d_%H-%M-%S")
    aside = live.with_name(f"{live.stem}-damaged-{moment}{live.suffix or '.db'}")
    number = 1
    while aside.exists():
        number += 1
        aside = live.with_name(f"{live.stem}-damaged-{moment}-{number}{live.suffix or '.db'}")
    for suffix in ("", "-wal"):
        if Path(f"{live}{suffix}").exists():
            create_private(Path(f"{aside}{suffix}"))
            shutil.copyfile(f"{live}{suffix}", f"{aside}{suffix}")
    return aside


def is_good_backup(path: Path) -> bool:
    """Whether ``path`` passes SQLite's quick check and holds a Reintegra schema this program knows."""
    try:
        if not _looks_like_sqlite(Path(path)):
            return False
        with closing(sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)) as copy:
            if [row[0] for row in copy.execute("PRAGMA quick_check")] != ["ok"]:
                return False
            revision = copy.execute("SELECT version_num FROM alembic_version").fetchone()
    except (ReintegraError, sqlite3.Error):
        return False
    return revision is not None and schema.is_known_revision(revision[0])


def holds_demo_data(path: Path) -> bool:
    """Whether the backup ``path`` (a good one, is_good_backup) was made of a demo database: it carries
    the demo generator's mark (services/demo_database.py)."""
    try:
        with closing(sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)) as copy:
            return copy.execute(f"SELECT 1 FROM {AuditEntry.__tablename__} WHERE entity = ? LIMIT 1",
                                (DEMO_ENTITY,)).fetchone() is not None
    except sqlite3.Error:
        return False


def _looks_like_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError as error:
        raise ReintegraError(_("The file {path} cannot be read: {error}").format(
            path=path, error=_detail(error))) from error


def _copy_sqlite_file(path: Path, copy: Path) -> None:
    uri = path.resolve().as_uri() + "?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)


def _prepare_backup(source: Engine, path: Path) -> None:
    """Refuses a damaged, foreign or newer backup; brings an older one to the current schema."""
    with source.connect() as connection:
        verdict = connection.exec_driver_sql("PRAGMA quick_check").scalars().all()
    if verdict != ["ok"]:
        raise ReintegraError(_("The backup {path} is damaged: {error}").format(path=path, error=verdict[0]))
    revision = schema.current_revision(source)
    if revision is None:
        raise ReintegraError(_("The file {path} is not a Reintegra backup.").format(path=path))
    if not schema.is_known_revision(revision):
        raise ReintegraError(_("The backup {path} was made by a newer version of Reintegra; "
                               "update the program.").format(path=path))
    if revision != schema.head_revision():
        try:
            schema.upgrade(source)
        except RuntimeError as error:  # the foreign-key check after the migration
            raise ReintegraError(_("The backup {path} is damaged: {error}").format(
                path=path, error=error)) from error


def _replace_rows(reading: Connection, writing: Connection) -> None:
    tables = Base.metadata.sorted_tables
    for table in reversed(tables):
        writing.execute(delete(table))
    for table in tables:
        _copy_table(reading, table, writing, table)
    if writing.dialect.name == "postgresql":
        _reset_sequences(writing, tables)


def _audit_history(writing: Connection) -> list[dict]:
    """The audit entries of the database about to be replaced, oldest first."""
    log = AuditEntry.__table__
    return [dict(row) for row in writing.execute(select(log).order_by(log.c.id)).mappings()]


def _keep_history(writing: Connection, history: list[dict]) -> int:
    """Adds back the entries of ``history`` that the restored rows lack; returns how many.

    An entry of the backup has the same id and moment as the one it was in the replaced database. The
    demo generator's mark is not added back: a real backup restored over the demo is not a demo.
    The others get new ids after the backup's, so the log stays in the order things happened; the
    user they name keeps their login, and their id only when the restored users have it for that login.
    """
    log = AuditEntry.__table__
    restored = set(writing.execute(select(log.c.id, log.c.at)).all())
    # The demo mark tells what the data are, not what was done: it goes with the data it marked.
    missing = [row for row in history if (row["id"], row["at"]) not in restored and row["entity"] != DEMO_ENTITY]
    if missing:
        logins = dict(writing.execute(select(User.__table__.c.id, User.__table__.c.username)).all())
        writing.execute(insert(log), [
            {**{key: value for key, value in row.items() if key != "id"},
             "user_id": row["user_id"] if logins.get(row["user_id"]) == row["username"] else None}
            for row in missing])
    return len(missing)


def _record_restore(writing: Connection, actor: User | None, path: Path, safety: Path, kept: int) -> None:
    users = User.__table__
    user_id = actor.id if actor is not None else None
    if user_id is not None and writing.scalar(select(users.c.username).where(users.c.id == user_id)) != actor.username:
        user_id = None  # the restored users have no such account
    writing.execute(insert(AuditEntry.__table__), {
        "at": datetime.now().replace(microsecond=0), "user_id": user_id, "username": actor.username if actor else "",
        "action": AuditAction.RESTORE, "entity": "database", "entity_id": None, "participant_id": None,
        "changes": {"file": str(path), "safety_backup": str(safety), "kept_entries": kept},
    })


def _reset_sequences(writing: Connection, tables: list[Table]) -> None:
    # Rows came with their ids; the next new row must get max(id) + 1, not 1.
    for table in tables:
        key = table.autoincrement_column
        if key is None:
            continue
        largest = func.max(key)
        writing.execute(select(func.setval(
            func.pg_get_serial_sequence(table.name, key.name),
            func.coalesce(largest, 1),
            largest.is_not(None),
        )).select_from(table))


# --- check -----------------------------------------------------------------------------


def check_database(engine: Engine) -> list[str]:
    """What is wrong with the database, one translated sentence a problem; empty when all is well."""
    with _reported(_("The database could not be checked: {error}")):
        problems = _revision_problems(engine)
        with engine.connect() as connection:
            if is_sqlite(engine):
                problems += _sqlite_problems(connection)
            elif not problems:
                for table in Base.metadata.sorted_tables:
                    connection.execute(select(func.count()).select_from(table))
    return problems


def _revision_problems(engine: Engine) -> list[str]:
    revision = schema.current_revision(engine)
    if revision is None:
        return [_("The database has no Reintegra schema version; it is empty or not a Reintegra database.")]
    if not schema.is_known_revision(revision):
        return [_("This database was written by a newer version of Reintegra; update the program.")]
    if revision != schema.head_revision():
        return [_("The database has an older schema ({revision}); upgrade it with “reintegra db upgrade”.")
                .format(revision=revision)]
    return []


def _sqlite_problems(connection: Connection) -> list[str]:
    problems = []
    verdict = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
    if verdict != ["ok"]:
        problems += [_("The database file is damaged: {detail}").format(detail=line) for line in verdict]
    for table, rowid, parent, _key in connection.exec_driver_sql("PRAGMA foreign_key_check"):
        problems.append(_("Row {row} of table {table} refers to a missing row of table {parent}.").format(
            row=rowid, table=table, parent=parent))
    if len(problems) > MAX_LISTED_PROBLEMS:
        rest = len(problems) - MAX_LISTED_PROBLEMS
        problems = problems[:MAX_LISTED_PROBLEMS] + [
            ngettext("…and {count} more problem.", "…and {count} more problems.", rest).format(count=rest)]
    return problems


# --- errors ----------------------------------------------------------------------------


@contextmanager
def _reported(message: str, **values) -> Iterator[None]:
    """Turns a failure of the file system or the database into one translated sentence."""
    try:
        yield
    except ReintegraError:
        raise
    # ValueError and LookupError: a value in a backup that no column type accepts.
    except (OSError, sqlite3.Error, SQLAlchemyError, ValueError, LookupError) as error:
        raise ReintegraError(message.format(error=_detail(error), **values)) from error


def _detail(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    from reintegra.services.database import error_text

    return error_text(error)

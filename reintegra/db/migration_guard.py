"""The migration guard: schema changes that pass on an empty database but fail on a filled one.

Each revision's ``upgrade()`` is run in Alembic's offline mode (``--sql``) for PostgreSQL,
which needs no database, and the DDL it emits is read: a NOT NULL column added without a
server default, or a column made NOT NULL with no UPDATE of its table before, fails on the
first facility that has rows in that table (SQLite: "Cannot add a NOT NULL column with
default value NULL"; PostgreSQL: "column … contains null values").
"""

from __future__ import annotations

import io
import re

from reintegra.db import schema

# What PostgreSQL's DDL looks like for the two risky operations; names may be quoted.
_NAME = r'"?([\w]+)"?'
_ADD_COLUMN = re.compile(rf"ALTER TABLE (?:{_NAME}\.)?{_NAME} ADD COLUMN {_NAME} (.*)", re.S | re.I)
_SET_NOT_NULL = re.compile(rf"ALTER TABLE (?:{_NAME}\.)?{_NAME} ALTER COLUMN {_NAME} SET NOT NULL", re.I)
_UPDATE = re.compile(rf"UPDATE (?:{_NAME}\.)?{_NAME}\b", re.I)
_CREATE_TABLE = re.compile(rf"CREATE TABLE (?:{_NAME}\.)?{_NAME}\b", re.I)
# Ways a new column gets its values without help: a default, a sequence, an identity.
_FILLS_ITSELF = re.compile(r"\b(DEFAULT|SERIAL|BIGSERIAL|SMALLSERIAL|GENERATED)\b", re.I)


def unsafe_operations(revisions: list[str] | None = None) -> list[str]:
    """One sentence per risky operation in ``revisions`` (default: all of them), for developers."""
    chain = schema.revision_ids()
    problems = []
    for revision in chain if revisions is None else revisions:
        index = chain.index(revision)
        problems += _problems(revision, offline_sql(chain[index - 1] if index else None, revision))
    return problems


def offline_sql(previous: str | None, revision: str) -> str:
    """The SQL that upgrading from ``previous`` to ``revision`` emits for PostgreSQL."""
    from alembic import command

    config = schema.alembic_config()
    config.set_main_option("sqlalchemy.url", "postgresql://")
    config.output_buffer = io.StringIO()
    command.upgrade(config, f"{previous}:{revision}" if previous else revision, sql=True)
    return config.output_buffer.getvalue()


def _problems(revision: str, sql: str) -> list[str]:
    problems, updated, created = [], set(), set()  # tables filled, and tables new (so empty), before
    code = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    for statement in (part.strip() for part in code.split(";")):
        if match := _UPDATE.match(statement):
            updated.add(match.group(2))
        elif match := _CREATE_TABLE.match(statement):
            created.add(match.group(2))
        elif match := _ADD_COLUMN.match(statement):
            _schema_name, table, column, definition = match.groups()
            needs_values = re.search(r"\bNOT NULL\b", definition, re.I) and not _FILLS_ITSELF.search(definition)
            if needs_values and table not in created:
                problems.append(
                    f"revision {revision} adds the NOT NULL column {table}.{column} without a server "
                    "default: it fails on every database with rows in that table. Give the column a "
                    "server_default (or add it nullable, fill it with op.execute(UPDATE …), then make it "
                    "NOT NULL).")
        elif match := _SET_NOT_NULL.match(statement):
            _schema_name, table, column = match.groups()
            if table not in updated | created:
                problems.append(
                    f"revision {revision} makes {table}.{column} NOT NULL without an UPDATE of {table} "
                    "before it: it fails on every database where that column is empty in some row.")
    return problems

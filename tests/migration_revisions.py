"""Fixtures for the upgrade tests: the real migrations plus revisions made up for a test.

``schema.MIGRATIONS_DIR`` is pointed at a temporary copy of reintegra/db/migrations with the
extra revisions on top, so that an upgrade from the newest real revision is exercised today,
and from every stored revision once real ones follow, without any change here.
Registered for every test by ``pytest_plugins`` in tests/conftest.py.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable

import pytest

from reintegra.db import schema

# A harmless next revision: a new table and a NOT NULL column with a server default. On SQLite
# the participants table, referred to by nearly every other one, is rebuilt as batch migrations
# do, rows and all; PostgreSQL alters it in place (it cannot drop a table others refer to).
HARMLESS_NEXT = """
    op.create_table("synthetic_staff", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("login", sa.String(40), nullable=False))
    recreate = "always" if op.get_context().dialect.name == "sqlite" else "auto"
    with op.batch_alter_table("participants", recreate=recreate) as batch:
        batch.add_column(sa.Column("synthetic_flag", sa.Boolean, nullable=False, server_default=sa.false()))
"""

# The mistake the guard is for: it passes on an empty database and fails on a filled one.
NOT_NULL_WITHOUT_DEFAULT = """
    op.add_column("participants", sa.Column("staff_number", sa.String(20), nullable=False))
"""

_TEMPLATE = '''"""{message}"""
from alembic import op
import sqlalchemy as sa

revision = {revision!r}
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
{upgrade}


def downgrade() -> None:
    pass
'''


@pytest.fixture
def extra_revision(tmp_path, monkeypatch) -> Callable[[str, str], str]:
    """Adds a revision with the given upgrade() body on top of the migrations; returns its id."""
    copy = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(schema, "MIGRATIONS_DIR", copy)

    def add(slug: str, upgrade: str) -> str:
        down, revision = schema.head_revision(), schema.next_revision_id()
        body = textwrap.indent(textwrap.dedent(upgrade).strip(), "    ")
        (copy / "versions" / f"{revision}_{slug}.py").write_text(
            _TEMPLATE.format(message=slug, revision=revision, down=down, upgrade=body), encoding="utf-8")
        return revision

    return add


@pytest.fixture
def harmless_next(extra_revision) -> str:
    return extra_revision("synthetic_next", HARMLESS_NEXT)


@pytest.fixture
def not_null_without_default(extra_revision) -> str:
    return extra_revision("staff_number", NOT_NULL_WITHOUT_DEFAULT)

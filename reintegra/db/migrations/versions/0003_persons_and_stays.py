"""persons and stays

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05 08:20:00

Each participant becomes one person (``persons``, the same id) with one stay (the participant's
row, which keeps its id and so every placement, attendance day, plan, assessment, note, exit and
follow-up): the columns that describe the person move to ``persons``, ``participants.person_id``
points at it. See ``PERSON_COLUMNS`` in models.py for which column went where.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# This runs on every facility's filled database: give each NOT NULL column you add a
# server_default (make migration and the tests check it), and move data with op.execute(),
# so that `alembic upgrade --sql` and the checks can read this revision without a database.

# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The columns that move from participants to persons, in the order of the table.
MOVED = (
    "first_name", "last_name", "pesel", "birth_date", "sex",
    "address", "postal_code", "city", "phone", "email",
    "guardian_name", "guardian_phone", "emergency_name", "emergency_phone",
    "consent_given", "consent_date",
    "disability_degree", "disability_causes", "certificate_valid_until", "certificate_permanent",
    "therapy_indication", "anonymised_at",
)


def _person_columns() -> list[sa.Column]:
    return [
        sa.Column('first_name', sa.String(length=80), nullable=False),
        sa.Column('last_name', sa.String(length=80), nullable=False),
        sa.Column('pesel', sa.String(length=11), nullable=True),
        sa.Column('birth_date', sa.Date(), nullable=True),
        sa.Column('sex', sa.Enum('female', 'male', name='sex', native_enum=False, length=32), nullable=True),
        sa.Column('address', sa.String(length=200), nullable=False),
        sa.Column('postal_code', sa.String(length=10), nullable=False),
        sa.Column('city', sa.String(length=100), nullable=False),
        sa.Column('phone', sa.String(length=40), nullable=False),
        sa.Column('email', sa.String(length=120), nullable=False),
        sa.Column('guardian_name', sa.String(length=120), nullable=False),
        sa.Column('guardian_phone', sa.String(length=40), nullable=False),
        sa.Column('emergency_name', sa.String(length=120), nullable=False),
        sa.Column('emergency_phone', sa.String(length=40), nullable=False),
        sa.Column('consent_given', sa.Boolean(), nullable=False),
        sa.Column('consent_date', sa.Date(), nullable=True),
        sa.Column('disability_degree', sa.Enum('significant', 'moderate', 'light', name='disabilitydegree',
                                               native_enum=False, length=32), nullable=True),
        sa.Column('disability_causes', sa.JSON(), nullable=False),
        sa.Column('certificate_valid_until', sa.Date(), nullable=True),
        sa.Column('certificate_permanent', sa.Boolean(), nullable=False),
        sa.Column('therapy_indication', sa.Boolean(), nullable=True),
        sa.Column('anonymised_at', sa.DateTime(), nullable=True),
    ]


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('persons',
    sa.Column('id', sa.Integer(), nullable=False),
    *_person_columns(),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_persons')),
    sa.UniqueConstraint('pesel', name=op.f('uq_persons_pesel'))
    )
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_persons_last_name'), ['last_name'], unique=False)

    # One person per participant, with the participant's id.
    moved = ", ".join(MOVED)
    op.execute(f"INSERT INTO persons (id, {moved}, created_at, updated_at, version) "
               f"SELECT id, {moved}, created_at, updated_at, 1 FROM participants")
    if op.get_context().dialect.name == "postgresql":
        op.execute("SELECT setval(pg_get_serial_sequence('persons', 'id'), "
                   "COALESCE((SELECT max(id) FROM persons), 1), (SELECT count(*) FROM persons) > 0)")

    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('person_id', sa.Integer(), nullable=True))
    op.execute("UPDATE participants SET person_id = id")

    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.alter_column('person_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f('ix_participants_person_id'), ['person_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_participants_person_id_persons'), 'persons', ['person_id'], ['id'],
                                    ondelete='RESTRICT')
        batch_op.drop_index(batch_op.f('ix_participants_last_name'))
        batch_op.drop_constraint(batch_op.f('uq_participants_pesel'), type_='unique')
        for column in MOVED:
            batch_op.drop_column(column)


def downgrade() -> None:
    """Downgrade schema: only for a database that has one stay per person (as this revision left it)."""
    required = [column for column in _person_columns() if not column.nullable]
    with op.batch_alter_table('participants', schema=None) as batch_op:
        for column in _person_columns():
            column.nullable = True
            batch_op.add_column(column)
    assignments = ", ".join(f"{column} = (SELECT {column} FROM persons WHERE persons.id = participants.person_id)"
                            for column in MOVED)
    op.execute(f"UPDATE participants SET {assignments}")
    with op.batch_alter_table('participants', schema=None) as batch_op:
        for column in required:
            batch_op.alter_column(column.name, existing_type=column.type, nullable=False)
        batch_op.drop_constraint(batch_op.f('fk_participants_person_id_persons'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_participants_person_id'))
        batch_op.drop_column('person_id')
        batch_op.create_unique_constraint(batch_op.f('uq_participants_pesel'), ['pesel'])
        batch_op.create_index(batch_op.f('ix_participants_last_name'), ['last_name'], unique=False)
    op.drop_table('persons')

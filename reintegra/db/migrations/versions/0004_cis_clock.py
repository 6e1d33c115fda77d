"""the CIS clock

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 08:33:54.118233

A stay (``participants``) gets the CIS clock's columns: the trial month's end and the decision
recorded at its end, and the latest extension's date and reason (the extended end is
``planned_end_date``). All nullable or with a server default: existing stays keep every value and
have no clock recorded (NULL, reason ''). See the Participant docstring in models.py.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# This runs on every facility's filled database: give each NOT NULL column you add a
# server_default (make migration and the tests check it), and move data with op.execute(),
# so that `alembic upgrade --sql` and the checks can read this revision without a database.

# revision identifiers, used by Alembic.
revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('trial_end_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('trial_decision', sa.Enum('passed', 'failed', name='trialdecision', native_enum=False, length=32), nullable=True))
        batch_op.add_column(sa.Column('trial_decision_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('extension_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('extension_reason', sa.String(length=500), server_default='', nullable=False))



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_column('extension_reason')
        batch_op.drop_column('extension_date')
        batch_op.drop_column('trial_decision_date')
        batch_op.drop_column('trial_decision')
        batch_op.drop_column('trial_end_date')


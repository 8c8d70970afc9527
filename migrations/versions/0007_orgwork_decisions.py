"""Organization of work as decisions: a placement may give a meeting part of an item's time, and
a half-day meeting may be closed to further items.

Before this revision, rows of orgwork_entries were a whole organization of work "fixed" by the
secretariat. From now on each row is one staff decision (take this item up in that meeting) and
planner proposes everything else around the decisions. The existing rows are kept as they are:
every item of a fixed organization of work stays where staff saw it (each row a placement with
the item's remaining time, as the fixed plan shared it); staff can now release them one by one.

Revision ID: 0007_orgwork_decisions
Revises: 0006_versions_and_review
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = '0007_orgwork_decisions'
down_revision = '0006_versions_and_review'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('orgwork_entries') as batch:
        batch.add_column(sa.Column('minutes', sa.Integer(), nullable=True))
    with op.batch_alter_table('time_slots') as batch:
        batch.add_column(
            sa.Column('closed', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('time_slots') as batch:
        batch.drop_column('closed')
    with op.batch_alter_table('orgwork_entries') as batch:
        batch.drop_column('minutes')

"""Users carry a version (two admins cannot overwrite each other's save); agenda items copied
from a previous meeting carry what they still say about it (``carried_over``, empty once
reviewed).

Revision ID: 0006_versions_and_review
Revises: 0005_issued_documents
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_versions_and_review"
down_revision = "0005_issued_documents"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    with op.batch_alter_table("agenda_items") as batch:
        batch.add_column(sa.Column("carried_over", sa.Text(), server_default="", nullable=False))
    # The models give the defaults; the database needed them for the rows already there.
    with op.batch_alter_table("users") as batch:
        batch.alter_column(
            "version", server_default=None, existing_type=sa.Integer(), existing_nullable=False
        )
    with op.batch_alter_table("agenda_items") as batch:
        batch.alter_column(
            "carried_over", server_default=None, existing_type=sa.Text(), existing_nullable=False
        )


def downgrade():
    with op.batch_alter_table("agenda_items") as batch:
        batch.drop_column("carried_over")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("version")

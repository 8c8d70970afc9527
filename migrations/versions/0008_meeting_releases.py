"""Meeting releases: a meeting without one is a draft; the public reads the latest one.

Meetings that exist before this revision have no release, so they become drafts: publish them
with `flask --app wsgi planner publish --all` (docs/releases.md).

Revision ID: 0008_meeting_releases
Revises: 0007_orgwork_decisions
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = '0008_meeting_releases'
down_revision = '0007_orgwork_decisions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "meeting_releases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("symbol", sa.String(length=96), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.Column("published_by", sa.String(length=254), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.CheckConstraint("number > 0", name=op.f("ck_meeting_releases_number_positive")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_releases_meeting_id_meetings"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["users.id"],
            name=op.f("fk_meeting_releases_published_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_releases")),
        sa.UniqueConstraint("meeting_id", "number", name="uq_meeting_releases_meeting_number"),
    )
    with op.batch_alter_table("meeting_releases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_releases_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_meeting_releases_symbol"), ["symbol"], unique=False)


def downgrade():
    with op.batch_alter_table("meeting_releases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_releases_symbol"))
        batch_op.drop_index(batch_op.f("ix_meeting_releases_meeting_id"))
    op.drop_table("meeting_releases")

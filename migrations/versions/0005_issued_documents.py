"""Issued documents: each issue of the provisional agenda (original, revision, corrigendum) and
its files exactly as issued (planner/models/issuing.py).

Revision ID: 0005_issued_documents
Revises: 0004_venues
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = '0005_issued_documents'
down_revision = '0004_venues'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('issues',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('meeting_symbol', sa.String(length=96), nullable=False),
    sa.Column('symbol', sa.String(length=128), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('restricted', sa.Boolean(), nullable=False),
    sa.Column('outline', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_by_email', sa.String(length=254), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('original', 'revision', 'corrigendum')", name=op.f('ck_issues_kind')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_issues_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_issues_meeting_id_meetings'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issues')),
    sa.UniqueConstraint('public_id', name=op.f('uq_issues_public_id'))
    )
    with op.batch_alter_table('issues') as batch:
        batch.create_index(batch.f('ix_issues_meeting_id'), ['meeting_id'], unique=False)
        batch.create_index(batch.f('ix_issues_meeting_symbol'), ['meeting_symbol'], unique=False)
        batch.create_index(batch.f('ix_issues_symbol'), ['symbol'], unique=False)
    op.create_table('issued_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('issue_id', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('format', sa.String(length=8), nullable=False),
    sa.Column('filename', sa.String(length=160), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.CheckConstraint("format IN ('pdf', 'docx', 'html')", name=op.f('ck_issued_files_format')),
    sa.CheckConstraint("lang IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')", name=op.f('ck_issued_files_known_language')),
    sa.ForeignKeyConstraint(['issue_id'], ['issues.id'], name=op.f('fk_issued_files_issue_id_issues'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_files')),
    sa.UniqueConstraint('issue_id', 'lang', 'format', name='uq_issued_files_issue_lang_format')
    )


def downgrade():
    op.drop_table('issued_files')
    with op.batch_alter_table('issues') as batch:
        batch.drop_index(batch.f('ix_issues_symbol'))
        batch.drop_index(batch.f('ix_issues_meeting_symbol'))
        batch.drop_index(batch.f('ix_issues_meeting_id'))
    op.drop_table('issues')

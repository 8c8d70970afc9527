"""Mandates: resolutions, decisions and drafts, their titles, the paragraphs that concern a
body, the bodies they establish or steer; the change history records mandate edits.

Revision ID: 0003_mandates
Revises: 0002_translation_sources
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa


revision = '0003_mandates'
down_revision = '0002_translation_sources'
branch_labels = None
depends_on = None

LANGS = "lang IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')"


def upgrade():
    op.create_table('mandates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=True),
    sa.Column('session', sa.Integer(), nullable=True),
    sa.Column('symbol', sa.String(length=96), nullable=True),
    sa.Column('adopted', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('resolution', 'decision', 'draft')", name=op.f('ck_mandates_kind')),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_mandates_body_id_bodies'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mandates')),
    sa.UniqueConstraint('body_id', 'kind', 'number', name=op.f('uq_mandates_body_id')),
    sa.UniqueConstraint('public_id', name=op.f('uq_mandates_public_id')),
    sa.UniqueConstraint('symbol', name=op.f('uq_mandates_symbol'))
    )
    with op.batch_alter_table('mandates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mandates_body_id'), ['body_id'], unique=False)

    op.create_table('mandate_texts',
    sa.Column('mandate_id', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.CheckConstraint(LANGS, name=op.f('ck_mandate_texts_known_language')),
    sa.ForeignKeyConstraint(['mandate_id'], ['mandates.id'], name=op.f('fk_mandate_texts_mandate_id_mandates'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('mandate_id', 'lang', name=op.f('pk_mandate_texts'))
    )
    op.create_table('mandate_paragraphs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('mandate_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=16), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['mandate_id'], ['mandates.id'], name=op.f('fk_mandate_paragraphs_mandate_id_mandates'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mandate_paragraphs')),
    sa.UniqueConstraint('public_id', name=op.f('uq_mandate_paragraphs_public_id'))
    )
    with op.batch_alter_table('mandate_paragraphs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mandate_paragraphs_mandate_id'), ['mandate_id'], unique=False)

    op.create_table('mandate_paragraph_texts',
    sa.Column('paragraph_id', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.CheckConstraint(LANGS, name=op.f('ck_mandate_paragraph_texts_known_language')),
    sa.ForeignKeyConstraint(['paragraph_id'], ['mandate_paragraphs.id'], name=op.f('fk_mandate_paragraph_texts_paragraph_id_mandate_paragraphs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('paragraph_id', 'lang', name=op.f('pk_mandate_paragraph_texts'))
    )
    op.create_table('mandate_bodies',
    sa.Column('mandate_id', sa.Integer(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('relation', sa.String(length=16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint("relation IN ('establishes', 'steers')", name=op.f('ck_mandate_bodies_relation')),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_mandate_bodies_body_id_bodies'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['mandate_id'], ['mandates.id'], name=op.f('fk_mandate_bodies_mandate_id_mandates'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('mandate_id', 'body_id', name=op.f('pk_mandate_bodies'))
    )
    with op.batch_alter_table('mandate_bodies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mandate_bodies_body_id'), ['body_id'], unique=False)

    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_changes_subject'), type_='check')
        batch_op.create_check_constraint(
            'subject', "subject IN ('meeting', 'body', 'document', 'mandate')"
        )


def downgrade():
    op.execute("DELETE FROM changes WHERE subject = 'mandate'")
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_changes_subject'), type_='check')
        batch_op.create_check_constraint('subject', "subject IN ('meeting', 'body', 'document')")
    with op.batch_alter_table('mandate_bodies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mandate_bodies_body_id'))
    op.drop_table('mandate_bodies')
    op.drop_table('mandate_paragraph_texts')
    with op.batch_alter_table('mandate_paragraphs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mandate_paragraphs_mandate_id'))
    op.drop_table('mandate_paragraphs')
    op.drop_table('mandate_texts')
    with op.batch_alter_table('mandates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mandates_body_id'))
    op.drop_table('mandates')

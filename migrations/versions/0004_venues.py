"""Venues with their interpretation capacity (teams per half-day, exceptions for given dates),
their names per language and optional rooms; meetings name the venue they are held at.

Revision ID: 0004_venues
Revises: 0003_mandates
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = '0004_venues'
down_revision = '0003_mandates'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'venues',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('public_id', sa.Uuid(), nullable=False),
        sa.Column('key', sa.String(length=32), nullable=False),
        sa.Column('interpretation_teams', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.CheckConstraint(
            'interpretation_teams >= 0', name=op.f('ck_venues_teams_not_negative')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_venues')),
        sa.UniqueConstraint('key', name=op.f('uq_venues_key')),
        sa.UniqueConstraint('public_id', name=op.f('uq_venues_public_id')),
    )
    op.create_table(
        'venue_texts',
        sa.Column('venue_id', sa.Integer(), nullable=False),
        sa.Column('lang', sa.String(length=2), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.CheckConstraint(
            "lang IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')",
            name=op.f('ck_venue_texts_known_language'),
        ),
        sa.ForeignKeyConstraint(
            ['venue_id'],
            ['venues.id'],
            name=op.f('fk_venue_texts_venue_id_venues'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('venue_id', 'lang', name=op.f('pk_venue_texts')),
    )
    op.create_table(
        'venue_rooms',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('venue_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ['venue_id'],
            ['venues.id'],
            name=op.f('fk_venue_rooms_venue_id_venues'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_venue_rooms')),
    )
    with op.batch_alter_table('venue_rooms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_venue_rooms_venue_id'), ['venue_id'], unique=False)
    op.create_table(
        'venue_capacity_exceptions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('venue_id', sa.Integer(), nullable=False),
        sa.Column('date', sa.Date(), nullable=False),
        sa.Column('teams', sa.Integer(), nullable=False),
        sa.CheckConstraint(
            'teams >= 0', name=op.f('ck_venue_capacity_exceptions_teams_not_negative')
        ),
        sa.ForeignKeyConstraint(
            ['venue_id'],
            ['venues.id'],
            name=op.f('fk_venue_capacity_exceptions_venue_id_venues'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_venue_capacity_exceptions')),
        sa.UniqueConstraint(
            'venue_id', 'date', name=op.f('uq_venue_capacity_exceptions_venue_date')
        ),
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('venue_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_meetings_venue_id'), ['venue_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_meetings_venue_id_venues'),
            'venues',
            ['venue_id'],
            ['id'],
            ondelete='RESTRICT',
        )


def downgrade():
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_meetings_venue_id_venues'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_meetings_venue_id'))
        batch_op.drop_column('venue_id')
    op.drop_table('venue_capacity_exceptions')
    with op.batch_alter_table('venue_rooms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_venue_rooms_venue_id'))
    op.drop_table('venue_rooms')
    op.drop_table('venue_texts')
    op.drop_table('venues')

"""Initial schema: bodies, documents, meetings with their days, half-day meetings and
interpretation, agenda items, the fixed organization of work, users, the change history and the
change counter.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('bodies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('symbol', sa.String(length=64), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('meeting_word', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("meeting_word IN ('meeting', 'session')", name=op.f('ck_bodies_meeting_word')),
    sa.ForeignKeyConstraint(['parent_id'], ['bodies.id'], name=op.f('fk_bodies_parent_id_bodies'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bodies')),
    sa.UniqueConstraint('public_id', name=op.f('uq_bodies_public_id')),
    sa.UniqueConstraint('symbol', name=op.f('uq_bodies_symbol'))
    )
    op.create_table('change_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_counter'))
    )
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('symbol', sa.String(length=96), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('issued', sa.Date(), nullable=True),
    sa.Column('distribution', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("distribution IN ('general', 'limited', 'restricted')", name=op.f('ck_documents_distribution')),
    sa.CheckConstraint("kind IN ('provisional_agenda', 'report', 'background_paper', 'note_by_secretariat', 'conference_room_paper', 'draft_resolution', 'information_note', 'other')", name=op.f('ck_documents_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('public_id', name=op.f('uq_documents_public_id')),
    sa.UniqueConstraint('symbol', name=op.f('uq_documents_symbol'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('feed_token_serial', sa.Integer(), nullable=False),
    sa.Column('session_serial', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role IN ('viewer', 'editor', 'admin')", name=op.f('ck_users_role')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email')),
    sa.UniqueConstraint('public_id', name=op.f('uq_users_public_id'))
    )
    op.create_table('body_texts',
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('short_name', sa.Text(), nullable=False),
    sa.CheckConstraint("lang IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')", name=op.f('ck_body_texts_known_language')),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_body_texts_body_id_bodies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('body_id', 'lang', name=op.f('pk_body_texts'))
    )
    op.create_table('changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('user_email', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=16), nullable=False),
    sa.Column('subject_id', sa.Uuid(), nullable=False),
    sa.Column('subject_symbol', sa.String(length=96), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('before', sa.Text(), nullable=False),
    sa.Column('after', sa.Text(), nullable=False),
    sa.Column('undone_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("action IN ('create', 'update', 'delete', 'undo')", name=op.f('ck_changes_action')),
    sa.CheckConstraint("subject IN ('meeting', 'body', 'document')", name=op.f('ck_changes_subject')),
    sa.ForeignKeyConstraint(['undone_by_id'], ['changes.id'], name=op.f('fk_changes_undone_by_id_changes'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_changes_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_changes'))
    )
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_changes_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_changes_subject_id'), ['subject_id'], unique=False)

    op.create_table('document_languages',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint("lang IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')", name=op.f('ck_document_languages_known_language')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_languages_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'lang', name=op.f('pk_document_languages'))
    )
    op.create_table('document_texts',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('listing', sa.Text(), nullable=False),
    sa.CheckConstraint("lang IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')", name=op.f('ck_document_texts_known_language')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_texts_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'lang', name=op.f('pk_document_texts'))
    )
    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('symbol', sa.String(length=96), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('format', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('original_language', sa.String(length=2), nullable=False),
    sa.Column('interpretation_meetings', sa.Integer(), nullable=False),
    sa.Column('issued', sa.Date(), nullable=True),
    sa.Column('restricted', sa.Boolean(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("format IN ('in_person', 'hybrid', 'online')", name=op.f('ck_meetings_format')),
    sa.CheckConstraint("original_language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')", name=op.f('ck_meetings_original_language')),
    sa.CheckConstraint("status IN ('planned', 'confirmed', 'postponed', 'cancelled')", name=op.f('ck_meetings_status')),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_meetings_end_not_before_start')),
    sa.CheckConstraint('interpretation_meetings >= 0', name=op.f('ck_meetings_interpretation_not_negative')),
    sa.CheckConstraint('number > 0', name=op.f('ck_meetings_number_positive')),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_meetings_body_id_bodies'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings')),
    sa.UniqueConstraint('public_id', name=op.f('uq_meetings_public_id')),
    sa.UniqueConstraint('symbol', name=op.f('uq_meetings_symbol'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_body_id'), ['body_id'], unique=False)

    op.create_table('user_bodies',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_user_bodies_body_id_bodies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_bodies_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'body_id', name=op.f('pk_user_bodies'))
    )
    op.create_table('agenda_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('standard', sa.String(length=32), nullable=True),
    sa.Column('minutes', sa.Integer(), nullable=True),
    sa.Column('pin_day', sa.Integer(), nullable=True),
    sa.Column('pin_meeting', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("standard IN ('organizational_matters', 'opening', 'election_of_officers', 'adoption_of_agenda', 'other_matters', 'adoption_of_report')", name=op.f('ck_agenda_items_standard')),
    sa.CheckConstraint('(pin_day IS NULL AND pin_meeting IS NULL) OR (pin_day >= 1 AND pin_meeting >= 1)', name=op.f('ck_agenda_items_pin_complete')),
    sa.CheckConstraint('minutes IS NULL OR minutes > 0', name=op.f('ck_agenda_items_minutes_positive')),
    sa.CheckConstraint('position >= 0', name=op.f('ck_agenda_items_position_not_negative')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_agenda_items_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['agenda_items.id'], name=op.f('fk_agenda_items_parent_id_agenda_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_items')),
    sa.UniqueConstraint('public_id', name=op.f('uq_agenda_items_public_id'))
    )
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_items_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_items_parent_id'), ['parent_id'], unique=False)

    op.create_table('daily_slots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Time(), nullable=False),
    sa.Column('end', sa.Time(), nullable=False),
    sa.CheckConstraint('"end" > start', name=op.f('ck_daily_slots_end_after_start')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_daily_slots_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_daily_slots'))
    )
    op.create_table('interpretation_languages',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint("lang IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')", name=op.f('ck_interpretation_languages_known_language')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_interpretation_languages_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', 'lang', name=op.f('pk_interpretation_languages'))
    )
    op.create_table('meeting_texts',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('city', sa.Text(), nullable=False),
    sa.Column('venue', sa.Text(), nullable=False),
    sa.CheckConstraint("lang IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')", name=op.f('ck_meeting_texts_known_language')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_texts_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', 'lang', name=op.f('pk_meeting_texts'))
    )
    op.create_table('time_slots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('start', sa.Time(), nullable=False),
    sa.Column('end', sa.Time(), nullable=False),
    sa.Column('cancelled', sa.Boolean(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('"end" > start', name=op.f('ck_time_slots_end_after_start')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_time_slots_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_time_slots')),
    sa.UniqueConstraint('public_id', name=op.f('uq_time_slots_public_id'))
    )
    with op.batch_alter_table('time_slots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_time_slots_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('agenda_item_documents',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_agenda_item_documents_document_id_documents'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_agenda_item_documents_item_id_agenda_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('item_id', 'document_id', name=op.f('pk_agenda_item_documents'))
    )
    op.create_table('agenda_item_texts',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('annotation', sa.Text(), nullable=False),
    sa.CheckConstraint("lang IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')", name=op.f('ck_agenda_item_texts_known_language')),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_agenda_item_texts_item_id_agenda_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('item_id', 'lang', name=op.f('pk_agenda_item_texts'))
    )
    op.create_table('orgwork_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('slot_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_orgwork_entries_item_id_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_orgwork_entries_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['slot_id'], ['time_slots.id'], name=op.f('fk_orgwork_entries_slot_id_time_slots'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_orgwork_entries')),
    sa.UniqueConstraint('slot_id', 'item_id', name='uq_orgwork_entries_slot_item')
    )
    with op.batch_alter_table('orgwork_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_orgwork_entries_meeting_id'), ['meeting_id'], unique=False)



def downgrade():
    with op.batch_alter_table('orgwork_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_orgwork_entries_meeting_id'))

    op.drop_table('orgwork_entries')
    op.drop_table('agenda_item_texts')
    op.drop_table('agenda_item_documents')
    with op.batch_alter_table('time_slots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_time_slots_meeting_id'))

    op.drop_table('time_slots')
    op.drop_table('meeting_texts')
    op.drop_table('interpretation_languages')
    op.drop_table('daily_slots')
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_items_parent_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_items_meeting_id'))

    op.drop_table('agenda_items')
    op.drop_table('user_bodies')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_body_id'))

    op.drop_table('meetings')
    op.drop_table('document_texts')
    op.drop_table('document_languages')
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_changes_subject_id'))
        batch_op.drop_index(batch_op.f('ix_changes_at'))

    op.drop_table('changes')
    op.drop_table('body_texts')
    op.drop_table('users')
    op.drop_table('documents')
    op.drop_table('change_counter')
    op.drop_table('bodies')

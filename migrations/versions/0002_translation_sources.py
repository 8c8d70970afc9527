"""Translation stamps: what each translated paragraph was translated from.

Adds ``sources`` to body_texts, agenda_item_texts and document_texts (see
planner/core/translation.py). Texts saved before this revision are taken to be consistent with
each other: every paragraph is stamped against the other languages as they are now.

Revision ID: 0002_translation_sources
Revises: 0001
Create Date: 2026-12-01
"""

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from planner.core.translation import encode, fresh_stamp, pieces

revision = '0002_translation_sources'
down_revision = '0001'
branch_labels = None
depends_on = None

#: table → (owner column, translated fields)
TABLES = {
    'body_texts': ('body_id', ('name', 'short_name')),
    'agenda_item_texts': ('item_id', ('title', 'annotation')),
    'document_texts': ('document_id', ('title', 'listing')),
}


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('sources', sa.Text(), server_default='', nullable=False))
    connection = op.get_bind()
    for table, (owner, fields) in TABLES.items():
        t = sa.table(
            table,
            sa.column(owner),
            sa.column('lang'),
            sa.column('sources'),
            *(sa.column(f) for f in fields),
        )
        rows = connection.execute(sa.select(t)).mappings().all()
        by_owner = defaultdict(dict)
        for row in rows:
            by_owner[row[owner]][row['lang']] = row
        for owner_id, langs in by_owner.items():
            for lang in langs:
                stamps = {}
                for field in fields:
                    texts = {code: langs[code][field] or '' for code in langs}
                    count = len(pieces(field, texts[lang]))
                    stamps[field] = [fresh_stamp(field, i, lang, texts) for i in range(count)]
                connection.execute(
                    t.update()
                    .where(t.c[owner] == owner_id, t.c.lang == lang)
                    .values(sources=encode(stamps))
                )
    for table in TABLES:  # the models give the default; the database needed it for old rows
        with op.batch_alter_table(table) as batch:
            batch.alter_column('sources', server_default=None, existing_type=sa.Text(), existing_nullable=False)


def downgrade():
    for table in reversed(list(TABLES)):
        with op.batch_alter_table(table) as batch:
            batch.drop_column('sources')

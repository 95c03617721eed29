"""Initial schema: sites, users, desks, tokens, catalogue, calendar, code leases, blobs, dossiers.

Revision ID: 0001
Revises: -
Create Date: 2026-11-21 09:13:30.068301
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('blobs',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('length', sa.BigInteger(), nullable=False),
    sa.Column('complete', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_blobs'))
    )
    op.create_table('calendar_overrides',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=4), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('confirmed', sa.Boolean(), nullable=False),
    sa.CheckConstraint("kind IN ('off', 'work')", name=op.f('ck_calendar_overrides_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_overrides')),
    sa.UniqueConstraint('day', name=op.f('uq_calendar_overrides_day'))
    )
    op.create_table('catalogue_versions',
    sa.Column('version', sa.String(length=40), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('etag', sa.String(length=80), nullable=False),
    sa.Column('body', sa.JSON(), nullable=False),
    sa.Column('activated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('version', name=op.f('pk_catalogue_versions'))
    )
    op.create_table('code_counters',
    sa.Column('agency_code', sa.String(length=13), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('next_seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('agency_code', 'day', name=op.f('pk_code_counters'))
    )
    op.create_table('feed_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feed_counter'))
    )
    op.create_table('sites',
    sa.Column('code', sa.String(length=13), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('place', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('code_width', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_sites'))
    )
    op.create_table('desks',
    sa.Column('desk_id', sa.String(length=64), nullable=False),
    sa.Column('site_code', sa.String(length=13), nullable=False),
    sa.Column('last_username', sa.String(length=64), nullable=False),
    sa.Column('first_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['site_code'], ['sites.code'], name=op.f('fk_desks_site_code_sites')),
    sa.PrimaryKeyConstraint('desk_id', name=op.f('pk_desks'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=30), nullable=False),
    sa.Column('site_code', sa.String(length=13), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role IN ('officer', 'postal_assistant', 'supervisor', 'administrator')", name=op.f('ck_users_role')),
    sa.ForeignKeyConstraint(['site_code'], ['sites.code'], name=op.f('fk_users_site_code_sites')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('auth_sessions',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('desk_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_reason', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['desk_id'], ['desks.desk_id'], name=op.f('fk_auth_sessions_desk_id_desks')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_auth_sessions_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_auth_sessions'))
    )
    op.create_index(op.f('ix_auth_sessions_user_id'), 'auth_sessions', ['user_id'], unique=False)
    op.create_table('code_leases',
    sa.Column('lease_id', sa.String(length=36), nullable=False),
    sa.Column('agency_code', sa.String(length=13), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('first', sa.Integer(), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('desk_id', sa.String(length=64), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('first >= 1 AND first <= last', name=op.f('ck_code_leases_block')),
    sa.ForeignKeyConstraint(['agency_code'], ['sites.code'], name=op.f('fk_code_leases_agency_code_sites')),
    sa.ForeignKeyConstraint(['desk_id'], ['desks.desk_id'], name=op.f('fk_code_leases_desk_id_desks')),
    sa.PrimaryKeyConstraint('lease_id', name=op.f('pk_code_leases')),
    sa.UniqueConstraint('agency_code', 'day', 'first', name=op.f('uq_code_leases_agency_code_day_first')),
    sa.UniqueConstraint('agency_code', 'day', 'last', name=op.f('uq_code_leases_agency_code_day_last'))
    )
    op.create_index(op.f('ix_code_leases_desk_id'), 'code_leases', ['desk_id'], unique=False)
    op.create_table('dossiers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('submitted_code', sa.String(length=40), nullable=False),
    sa.Column('site_code', sa.String(length=13), nullable=False),
    sa.Column('desk_id', sa.String(length=64), nullable=False),
    sa.Column('procedure_code', sa.String(length=60), nullable=False),
    sa.Column('catalogue_version', sa.String(length=40), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('channel', sa.Integer(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('body', sa.JSON(), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('final_hash', sa.String(length=64), nullable=False),
    sa.Column('response', sa.JSON(), nullable=False),
    sa.Column('submitted_by', sa.String(length=64), nullable=False),
    sa.Column('server_received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('feed_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['catalogue_version'], ['catalogue_versions.version'], name=op.f('fk_dossiers_catalogue_version_catalogue_versions')),
    sa.ForeignKeyConstraint(['desk_id'], ['desks.desk_id'], name=op.f('fk_dossiers_desk_id_desks')),
    sa.ForeignKeyConstraint(['site_code'], ['sites.code'], name=op.f('fk_dossiers_site_code_sites')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossiers')),
    sa.UniqueConstraint('client_id', name=op.f('uq_dossiers_client_id')),
    sa.UniqueConstraint('code', name=op.f('uq_dossiers_code')),
    sa.UniqueConstraint('feed_seq', name=op.f('uq_dossiers_feed_seq'))
    )
    op.create_index(op.f('ix_dossiers_site_code_feed_seq'), 'dossiers', ['site_code', 'feed_seq'], unique=False)
    op.create_table('auth_tokens',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('session_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind IN ('access', 'refresh')", name=op.f('ck_auth_tokens_kind')),
    sa.ForeignKeyConstraint(['session_id'], ['auth_sessions.id'], name=op.f('fk_auth_tokens_session_id_auth_sessions')),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_auth_tokens'))
    )
    op.create_index(op.f('ix_auth_tokens_session_id'), 'auth_tokens', ['session_id'], unique=False)
    op.create_table('dossier_attachments',
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_dossier_attachments_dossier_id_dossiers')),
    sa.ForeignKeyConstraint(['sha256'], ['blobs.sha256'], name=op.f('fk_dossier_attachments_sha256_blobs')),
    sa.PrimaryKeyConstraint('dossier_id', 'sha256', name=op.f('pk_dossier_attachments'))
    )

    # The dossier feed's single counter row exists from the start: writers only ever
    # increment it (see models.FeedCounter).
    feed_counter = sa.table("feed_counter", sa.column("id", sa.Integer), sa.column("value", sa.BigInteger))
    op.bulk_insert(feed_counter, [{"id": 1, "value": 0}])


def downgrade() -> None:
    op.drop_table('dossier_attachments')
    op.drop_index(op.f('ix_auth_tokens_session_id'), table_name='auth_tokens')
    op.drop_table('auth_tokens')
    op.drop_index(op.f('ix_dossiers_site_code_feed_seq'), table_name='dossiers')
    op.drop_table('dossiers')
    op.drop_index(op.f('ix_code_leases_desk_id'), table_name='code_leases')
    op.drop_table('code_leases')
    op.drop_index(op.f('ix_auth_sessions_user_id'), table_name='auth_sessions')
    op.drop_table('auth_sessions')
    op.drop_table('users')
    op.drop_table('desks')
    op.drop_table('sites')
    op.drop_table('feed_counter')
    op.drop_table('code_counters')
    op.drop_table('catalogue_versions')
    op.drop_table('calendar_overrides')
    op.drop_table('blobs')

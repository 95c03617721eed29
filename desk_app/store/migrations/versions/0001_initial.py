"""Initial schema: catalogue and calendar cache, code leases, dossiers, attachments,
outbox with its history, audit log.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_initial"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'audit_log',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('actor', sa.String(length=64), nullable=False),
        sa.Column('action', sa.String(length=64), nullable=False),
        sa.Column('subject', sa.String(length=128), nullable=True),
        sa.Column('details', sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    op.create_index(op.f('ix_audit_log_action'), 'audit_log', ['action'])
    op.create_index(op.f('ix_audit_log_at'), 'audit_log', ['at'])
    op.create_index(op.f('ix_audit_log_subject'), 'audit_log', ['subject'])

    op.create_table(
        'calendar_overrides',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('saved_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('off', 'work')", name=op.f('ck_calendar_overrides_kind')),
        sa.PrimaryKeyConstraint('day', name=op.f('pk_calendar_overrides'))
    )
    op.create_index(op.f('ix_calendar_overrides_year'), 'calendar_overrides', ['year'])

    op.create_table(
        'catalogue_versions',
        sa.Column('version', sa.String(length=64), nullable=False),
        sa.Column('etag', sa.String(length=256), nullable=True),
        sa.Column('json', sa.JSON(), nullable=False),
        sa.Column('fetched_at', sa.DateTime(), nullable=False),
        sa.Column('is_current', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('version', name=op.f('pk_catalogue_versions'))
    )
    op.create_index(op.f('ix_catalogue_versions_is_current'), 'catalogue_versions', ['is_current'])

    op.create_table(
        'code_leases',
        sa.Column('lease_id', sa.String(length=64), nullable=False),
        sa.Column('agency_code', sa.String(length=32), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('first', sa.Integer(), nullable=False),
        sa.Column('last', sa.Integer(), nullable=False),
        sa.Column('width', sa.Integer(), nullable=False),
        sa.Column('added_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('first >= 1 AND first <= last', name=op.f('ck_code_leases_range')),
        sa.PrimaryKeyConstraint('lease_id', name=op.f('pk_code_leases'))
    )
    op.create_index('ix_code_leases_agency_code_day', 'code_leases', ['agency_code', 'day'])

    op.create_table(
        'dossiers',
        sa.Column('client_id', sa.String(length=36), nullable=False),
        sa.Column('code', sa.String(length=64), nullable=False),
        sa.Column('code_provisional', sa.Boolean(), nullable=False),
        sa.Column('procedure_code', sa.String(length=64), nullable=False),
        sa.Column('procedure_name', sa.String(length=500), nullable=False),
        sa.Column('catalogue_version', sa.String(length=64), nullable=False),
        sa.Column('status', sa.Integer(), nullable=False),
        sa.Column('channel', sa.Integer(), nullable=False),
        sa.Column('applicant_name', sa.String(length=200), nullable=False),
        sa.Column('applicant_name_folded', sa.String(length=200), nullable=False),
        sa.Column('applicant_cccd', sa.String(length=12), nullable=True),
        sa.Column('applicant_phone', sa.String(length=20), nullable=True),
        sa.Column('received_at', sa.DateTime(), nullable=False),
        sa.Column('received_day', sa.Date(), nullable=False),
        sa.Column('due_at', sa.DateTime(), nullable=False),
        sa.Column('officer_username', sa.String(length=64), nullable=False),
        sa.Column('site_code', sa.String(length=32), nullable=False),
        sa.Column('desk_id', sa.String(length=64), nullable=False),
        sa.Column('origin', sa.String(length=8), nullable=False),
        sa.Column('wire', sa.JSON(), nullable=False),
        sa.Column('server_received_at', sa.DateTime(), nullable=True),
        sa.Column('server_record', sa.JSON(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('client_id', name=op.f('pk_dossiers')),
        sa.UniqueConstraint('code', name=op.f('uq_dossiers_code'))
    )
    op.create_index(op.f('ix_dossiers_applicant_cccd'), 'dossiers', ['applicant_cccd'])
    op.create_index(op.f('ix_dossiers_applicant_name_folded'), 'dossiers', ['applicant_name_folded'])
    op.create_index(op.f('ix_dossiers_procedure_code'), 'dossiers', ['procedure_code'])
    op.create_index(op.f('ix_dossiers_received_at'), 'dossiers', ['received_at'])
    op.create_index(op.f('ix_dossiers_received_day'), 'dossiers', ['received_day'])
    op.create_index(op.f('ix_dossiers_status'), 'dossiers', ['status'])

    op.create_table(
        'attachments',
        sa.Column('client_id', sa.String(length=36), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('filename', sa.String(length=255), nullable=False),
        sa.Column('media_type', sa.String(length=100), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['client_id'], ['dossiers.client_id'], name=op.f('fk_attachments_client_id_dossiers'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('client_id', 'position', name=op.f('pk_attachments'))
    )
    op.create_index(op.f('ix_attachments_sha256'), 'attachments', ['sha256'])

    op.create_table(
        'code_allocations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('lease_id', sa.String(length=64), nullable=False),
        sa.Column('agency_code', sa.String(length=32), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.String(length=36), nullable=False),
        sa.Column('allocated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['client_id'], ['dossiers.client_id'], name=op.f('fk_code_allocations_client_id_dossiers')),
        sa.ForeignKeyConstraint(['lease_id'], ['code_leases.lease_id'], name=op.f('fk_code_allocations_lease_id_code_leases')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_code_allocations')),
        sa.UniqueConstraint('agency_code', 'day', 'seq', name=op.f('uq_code_allocations_agency_code_day_seq')),
        sa.UniqueConstraint('client_id', name=op.f('uq_code_allocations_client_id'))
    )
    op.create_index(op.f('ix_code_allocations_lease_id'), 'code_allocations', ['lease_id'])

    op.create_table(
        'outbox',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('client_id', sa.String(length=36), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=True),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('next_try_at', sa.DateTime(), nullable=True),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('response', sa.JSON(), nullable=True),
        sa.CheckConstraint("(kind = 'blob') = (sha256 IS NOT NULL)", name=op.f('ck_outbox_blob_has_sha256')),
        sa.CheckConstraint("kind IN ('blob', 'dossier')", name=op.f('ck_outbox_kind')),
        sa.CheckConstraint("state IN ('waiting', 'sending', 'sent', 'retrying', 'held')", name=op.f('ck_outbox_state')),
        sa.ForeignKeyConstraint(['client_id'], ['dossiers.client_id'], name=op.f('fk_outbox_client_id_dossiers')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
        sa.UniqueConstraint('kind', 'sha256', name=op.f('uq_outbox_kind_sha256'))
    )
    op.create_index(op.f('ix_outbox_client_id'), 'outbox', ['client_id'])
    op.create_index('ix_outbox_state_next_try_at', 'outbox', ['state', 'next_try_at'])

    op.create_table(
        'provisional_codes',
        sa.Column('code', sa.String(length=80), nullable=False),
        sa.Column('agency_code', sa.String(length=32), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('desk_id', sa.String(length=64), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.String(length=36), nullable=False),
        sa.Column('allocated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['client_id'], ['dossiers.client_id'], name=op.f('fk_provisional_codes_client_id_dossiers')),
        sa.PrimaryKeyConstraint('code', name=op.f('pk_provisional_codes')),
        sa.UniqueConstraint('agency_code', 'day', 'desk_id', 'n', name=op.f('uq_provisional_codes_agency_code_day_desk_id_n')),
        sa.UniqueConstraint('client_id', name=op.f('uq_provisional_codes_client_id'))
    )
    op.create_table(
        'outbox_history',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('entry_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('from_state', sa.String(length=10), nullable=True),
        sa.Column('to_state', sa.String(length=10), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['entry_id'], ['outbox.id'], name=op.f('fk_outbox_history_entry_id_outbox')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_history'))
    )
    op.create_index(op.f('ix_outbox_history_entry_id'), 'outbox_history', ['entry_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_outbox_history_entry_id'), table_name='outbox_history')

    op.drop_table('outbox_history')
    op.drop_table('provisional_codes')
    op.drop_index('ix_outbox_state_next_try_at', table_name='outbox')
    op.drop_index(op.f('ix_outbox_client_id'), table_name='outbox')

    op.drop_table('outbox')
    op.drop_index(op.f('ix_code_allocations_lease_id'), table_name='code_allocations')

    op.drop_table('code_allocations')
    op.drop_index(op.f('ix_attachments_sha256'), table_name='attachments')

    op.drop_table('attachments')
    op.drop_index(op.f('ix_dossiers_status'), table_name='dossiers')
    op.drop_index(op.f('ix_dossiers_received_day'), table_name='dossiers')
    op.drop_index(op.f('ix_dossiers_received_at'), table_name='dossiers')
    op.drop_index(op.f('ix_dossiers_procedure_code'), table_name='dossiers')
    op.drop_index(op.f('ix_dossiers_applicant_name_folded'), table_name='dossiers')
    op.drop_index(op.f('ix_dossiers_applicant_cccd'), table_name='dossiers')

    op.drop_table('dossiers')
    op.drop_index('ix_code_leases_agency_code_day', table_name='code_leases')

    op.drop_table('code_leases')
    op.drop_index(op.f('ix_catalogue_versions_is_current'), table_name='catalogue_versions')

    op.drop_table('catalogue_versions')
    op.drop_index(op.f('ix_calendar_overrides_year'), table_name='calendar_overrides')

    op.drop_table('calendar_overrides')
    op.drop_index(op.f('ix_audit_log_subject'), table_name='audit_log')
    op.drop_index(op.f('ix_audit_log_at'), table_name='audit_log')
    op.drop_index(op.f('ix_audit_log_action'), table_name='audit_log')

    op.drop_table('audit_log')
"""Status events and fee records taken at the desk travel through the outbox too; the
outbox and its history keep problems as translatable templates.

Revision ID: 0003_events_fees
Revises: 0002_sync_cursors
Create Date: 2026-11-21
"""

from __future__ import annotations

from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_events_fees"
down_revision: str | Sequence[str] | None = "0002_sync_cursors"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "status_events",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("from_status", sa.Integer(), nullable=False),
        sa.Column("to_status", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["dossiers.client_id"], name=op.f("fk_status_events_client_id_dossiers")),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_status_events")),
    )
    op.create_index(op.f("ix_status_events_client_id"), "status_events", ["client_id"], unique=False)
    op.create_table(
        "fee_records",
        sa.Column("fee_id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("receipt_number", sa.String(length=64), nullable=True),
        sa.Column("refers_to", sa.String(length=36), nullable=True),
        sa.Column("wire", sa.JSON(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('payment', 'refund')", name=op.f("ck_fee_records_kind")),
        sa.CheckConstraint("amount > 0", name=op.f("ck_fee_records_amount_positive")),
        sa.CheckConstraint("(kind = 'refund') = (refers_to IS NOT NULL)", name=op.f("ck_fee_records_refund_refers_to_payment")),
        sa.ForeignKeyConstraint(["client_id"], ["dossiers.client_id"], name=op.f("fk_fee_records_client_id_dossiers")),
        sa.ForeignKeyConstraint(["refers_to"], ["fee_records.fee_id"], name=op.f("fk_fee_records_refers_to_fee_records")),
        sa.PrimaryKeyConstraint("fee_id", name=op.f("pk_fee_records")),
    )
    op.create_index(op.f("ix_fee_records_client_id"), "fee_records", ["client_id"], unique=False)
    # SQLite cannot alter a CHECK constraint: batch mode copies the outbox, rows and ids,
    # into a new table (migrate.py runs this with foreign keys off and checks them after).
    with op.batch_alter_table("outbox", recreate="always") as batch:
        batch.add_column(sa.Column("ref_id", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("problem", sa.JSON(), nullable=True))
        batch.drop_constraint(op.f("ck_outbox_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_outbox_kind"), "kind IN ('blob', 'dossier', 'event', 'fee')")
        batch.create_check_constraint(op.f("ck_outbox_record_has_ref_id"), "(kind IN ('event', 'fee')) = (ref_id IS NOT NULL)")
        batch.create_unique_constraint(op.f("uq_outbox_kind_ref_id"), ["kind", "ref_id"])
    op.add_column("outbox_history", sa.Column("problem", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox_history") as batch:
        batch.drop_column("problem")
    with op.batch_alter_table("outbox", recreate="always") as batch:
        batch.drop_constraint(op.f("uq_outbox_kind_ref_id"), type_="unique")
        batch.drop_constraint(op.f("ck_outbox_record_has_ref_id"), type_="check")
        batch.drop_constraint(op.f("ck_outbox_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_outbox_kind"), "kind IN ('blob', 'dossier')")
        batch.drop_column("problem")
        batch.drop_column("ref_id")
    op.drop_index(op.f("ix_fee_records_client_id"), table_name="fee_records")
    op.drop_table("fee_records")
    op.drop_index(op.f("ix_status_events_client_id"), table_name="status_events")
    op.drop_table("status_events")

"""Fee records (payments and refunds) sent by the desks.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fee_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fee_id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("refers_to", sa.String(length=36), nullable=True),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("body_hash", sa.String(length=64), nullable=False),
        sa.Column("desk_id", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('payment', 'refund')", name=op.f("ck_fee_records_kind")),
        sa.CheckConstraint("amount > 0", name=op.f("ck_fee_records_amount_positive")),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"], name=op.f("fk_fee_records_dossier_id_dossiers")),
        sa.ForeignKeyConstraint(["desk_id"], ["desks.desk_id"], name=op.f("fk_fee_records_desk_id_desks")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_records")),
        sa.UniqueConstraint("fee_id", name=op.f("uq_fee_records_fee_id")),
    )
    op.create_index(op.f("ix_fee_records_dossier_id"), "fee_records", ["dossier_id"])
    op.create_index(op.f("ix_fee_records_refers_to"), "fee_records", ["refers_to"])


def downgrade() -> None:
    op.drop_index(op.f("ix_fee_records_refers_to"), table_name="fee_records")
    op.drop_index(op.f("ix_fee_records_dossier_id"), table_name="fee_records")
    op.drop_table("fee_records")

"""Receipt-sealing public keys of the desks, learnt from the dossiers they send.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "receipt_keys",
        sa.Column("kid", sa.String(length=16), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("desk_id", sa.String(length=64), nullable=False),
        sa.Column("site_code", sa.String(length=13), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("first_client_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["desk_id"], ["desks.desk_id"], name=op.f("fk_receipt_keys_desk_id_desks")),
        sa.ForeignKeyConstraint(["site_code"], ["sites.code"], name=op.f("fk_receipt_keys_site_code_sites")),
        sa.PrimaryKeyConstraint("kid", name=op.f("pk_receipt_keys")),
    )
    op.create_index(op.f("ix_receipt_keys_desk_id"), "receipt_keys", ["desk_id"])
    op.create_index(op.f("ix_receipt_keys_site_code"), "receipt_keys", ["site_code"])


def downgrade() -> None:
    op.drop_index(op.f("ix_receipt_keys_site_code"), table_name="receipt_keys")
    op.drop_index(op.f("ix_receipt_keys_desk_id"), table_name="receipt_keys")
    op.drop_table("receipt_keys")

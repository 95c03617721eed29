"""Prints: every print and reprint of a dossier's form at the desk, with its outcome.

A reprint keeps the officer's reason; printed ones are also in the audit log
("receipt.printed" / "receipt.reprinted").

Revision ID: 0007_prints
Revises: 0006_upstream_checks
Create Date: 2026-11-22
"""

from __future__ import annotations

from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_prints"
down_revision: str | Sequence[str] | None = "0006_upstream_checks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "prints",
        sa.Column("print_id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("paper", sa.String(length=16), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column("printer", sa.String(length=200), nullable=True),
        sa.Column("reprint_reason", sa.Text(), nullable=True),
        sa.Column("officer_username", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.CheckConstraint("outcome IN ('printed', 'failed', 'cancelled')", name=op.f("ck_prints_outcome")),
        sa.CheckConstraint("copies >= 1", name=op.f("ck_prints_copies_positive")),
        sa.CheckConstraint(
            "reprint_reason IS NULL OR length(trim(reprint_reason)) >= 3", name=op.f("ck_prints_reason_given")
        ),
        sa.ForeignKeyConstraint(["client_id"], ["dossiers.client_id"], name=op.f("fk_prints_client_id_dossiers")),
        sa.PrimaryKeyConstraint("print_id", name=op.f("pk_prints")),
    )
    op.create_index(op.f("ix_prints_client_id"), "prints", ["client_id"], unique=False)
    op.create_index(op.f("ix_prints_at"), "prints", ["at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_prints_at"), table_name="prints")
    op.drop_index(op.f("ix_prints_client_id"), table_name="prints")
    op.drop_table("prints")

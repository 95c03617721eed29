"""Drafts: intakes not yet saved, kept as the officer types and when a citizen is parked.

Revision ID: 0004_drafts
Revises: 0003_events_fees
Create Date: 2026-11-21
"""

from __future__ import annotations

from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_drafts"
down_revision: str | Sequence[str] | None = "0003_events_fees"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("draft_id", sa.String(length=36), nullable=False),
        sa.Column("officer_username", sa.String(length=64), nullable=False),
        sa.Column("citizen_name", sa.String(length=200), nullable=False),
        sa.Column("procedure_code", sa.String(length=60), nullable=True),
        sa.Column("parked", sa.Boolean(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("portrait_sha256", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("draft_id", name=op.f("pk_drafts")),
    )
    op.create_index(op.f("ix_drafts_officer_username"), "drafts", ["officer_username"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_drafts_officer_username"), table_name="drafts")
    op.drop_table("drafts")

"""Citizen look-ups: the population register's last answer per CCCD number, for offline use.

Personal data: only what the citizen step shows is kept; retention and crypto-shredding
come with issue 9. ``dossiers.applicant_cccd`` is indexed since 0001 (previous dossiers of
a citizen are read through it).

Revision ID: 0005_citizen_lookups
Revises: 0004_drafts
Create Date: 2026-11-21
"""

from __future__ import annotations

from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_citizen_lookups"
down_revision: str | Sequence[str] | None = "0004_drafts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "citizen_lookups",
        sa.Column("cccd", sa.String(length=12), nullable=False),
        sa.Column("answer", sa.JSON(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("cccd", name=op.f("pk_citizen_lookups")),
    )


def downgrade() -> None:
    op.drop_table("citizen_lookups")

"""Upstream checks: health certificate and traffic fines asked for an intake in the background.

A check belongs to a draft first and to its dossier once saved; one per draft and kind.
Personal data (the CCCD number and what the agencies answered), under issue 9's retention
rules like the citizen look-ups of 0005.

Revision ID: 0006_upstream_checks
Revises: 0005_citizen_lookups
Create Date: 2026-11-21
"""

from __future__ import annotations

from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_upstream_checks"
down_revision: str | Sequence[str] | None = "0005_citizen_lookups"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "upstream_checks",
        sa.Column("check_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("cccd", sa.String(length=12), nullable=False),
        sa.Column("draft_id", sa.String(length=36), nullable=True),
        sa.Column("client_id", sa.String(length=36), nullable=True),
        sa.Column("citizen_name", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("problem", sa.JSON(), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("summary", sa.JSON(), nullable=True),
        sa.Column("checked_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('health_certificate', 'traffic_violations')", name=op.f("ck_upstream_checks_kind")),
        sa.CheckConstraint(
            "state IN ('pending', 'running', 'passed', 'attention', 'failed_retrying', 'failed')",
            name=op.f("ck_upstream_checks_state"),
        ),
        sa.CheckConstraint("attempts >= 0 AND failures >= 0", name=op.f("ck_upstream_checks_counts")),
        sa.CheckConstraint(
            "(state IN ('pending', 'failed_retrying')) = (next_attempt_at IS NOT NULL)",
            name=op.f("ck_upstream_checks_due_has_time"),
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["dossiers.client_id"], name=op.f("fk_upstream_checks_client_id_dossiers")
        ),
        sa.PrimaryKeyConstraint("check_id", name=op.f("pk_upstream_checks")),
        sa.UniqueConstraint("draft_id", "kind", name=op.f("uq_upstream_checks_draft_id_kind")),
    )
    op.create_index(op.f("ix_upstream_checks_client_id"), "upstream_checks", ["client_id"], unique=False)
    op.create_index(op.f("ix_upstream_checks_created_at"), "upstream_checks", ["created_at"], unique=False)
    op.create_index(
        "ix_upstream_checks_state_next_attempt_at", "upstream_checks", ["state", "next_attempt_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_upstream_checks_state_next_attempt_at", table_name="upstream_checks")
    op.drop_index(op.f("ix_upstream_checks_created_at"), table_name="upstream_checks")
    op.drop_index(op.f("ix_upstream_checks_client_id"), table_name="upstream_checks")
    op.drop_table("upstream_checks")

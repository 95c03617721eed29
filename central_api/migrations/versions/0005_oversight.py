"""Supervisor oversight: reviews and prints of dossiers, desk health reports and desk commands.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dossier_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("flags", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("body_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("action IN ('approve', 'return', 'escalate')", name=op.f("ck_dossier_reviews_action")),
        sa.CheckConstraint("flags >= 0", name=op.f("ck_dossier_reviews_flags_positive")),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"], name=op.f("fk_dossier_reviews_dossier_id_dossiers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_reviews")),
        sa.UniqueConstraint("review_id", name=op.f("uq_dossier_reviews_review_id")),
    )
    op.create_index(op.f("ix_dossier_reviews_dossier_id"), "dossier_reviews", ["dossier_id"])
    op.create_table(
        "dossier_prints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("print_id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("paper", sa.String(length=16), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column("printer", sa.String(length=200), nullable=True),
        sa.Column("reprint_reason", sa.Text(), nullable=True),
        sa.Column("officer_username", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("desk_id", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("body_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("outcome IN ('printed', 'failed', 'cancelled')", name=op.f("ck_dossier_prints_outcome")),
        sa.CheckConstraint("copies >= 1", name=op.f("ck_dossier_prints_copies_positive")),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"], name=op.f("fk_dossier_prints_dossier_id_dossiers")),
        sa.ForeignKeyConstraint(["desk_id"], ["desks.desk_id"], name=op.f("fk_dossier_prints_desk_id_desks")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_prints")),
        sa.UniqueConstraint("print_id", name=op.f("uq_dossier_prints_print_id")),
    )
    op.create_index(op.f("ix_dossier_prints_dossier_id"), "dossier_prints", ["dossier_id"])
    op.create_table(
        "desk_health",
        sa.Column("desk_id", sa.String(length=64), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["desk_id"], ["desks.desk_id"], name=op.f("fk_desk_health_desk_id_desks")),
        sa.PrimaryKeyConstraint("desk_id", name=op.f("pk_desk_health")),
    )
    op.create_table(
        "desk_commands",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("command_id", sa.String(length=36), nullable=False),
        sa.Column("desk_id", sa.String(length=64), nullable=False),
        sa.Column("entry_id", sa.BigInteger(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("issued_by", sa.String(length=64), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("body_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("action IN ('retry', 'discard')", name=op.f("ck_desk_commands_action")),
        sa.CheckConstraint(
            "state IN ('pending', 'done', 'failed', 'unknown_entry')", name=op.f("ck_desk_commands_state")
        ),
        sa.ForeignKeyConstraint(["desk_id"], ["desks.desk_id"], name=op.f("fk_desk_commands_desk_id_desks")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_commands")),
        sa.UniqueConstraint("command_id", name=op.f("uq_desk_commands_command_id")),
    )
    op.create_index(op.f("ix_desk_commands_desk_id_state"), "desk_commands", ["desk_id", "state"])


def downgrade() -> None:
    op.drop_index(op.f("ix_desk_commands_desk_id_state"), table_name="desk_commands")
    op.drop_table("desk_commands")
    op.drop_table("desk_health")
    op.drop_index(op.f("ix_dossier_prints_dossier_id"), table_name="dossier_prints")
    op.drop_table("dossier_prints")
    op.drop_index(op.f("ix_dossier_reviews_dossier_id"), table_name="dossier_reviews")
    op.drop_table("dossier_reviews")

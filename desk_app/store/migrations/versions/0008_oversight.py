"""Supervisor oversight: review flags and the latest decision on each dossier, the queue's
indexes, reviews, supervisors' orders about outgoing entries (desk commands); reviews and
prints travel through the outbox, and a held entry may be discarded.

Revision ID: 0008_oversight
Revises: 0007_prints
Create Date: 2026-11-23
"""

from __future__ import annotations

from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_oversight"
down_revision: str | Sequence[str] | None = "0007_prints"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = "kind IN ('blob', 'dossier', 'event', 'fee')"
NEW_KINDS = "kind IN ('blob', 'dossier', 'event', 'fee', 'review', 'print')"
OLD_STATES = "state IN ('waiting', 'sending', 'sent', 'retrying', 'held')"
NEW_STATES = "state IN ('waiting', 'sending', 'sent', 'retrying', 'held', 'discarded')"
OLD_REF = "(kind IN ('event', 'fee')) = (ref_id IS NOT NULL)"
NEW_REF = "(kind IN ('event', 'fee', 'review', 'print')) = (ref_id IS NOT NULL)"
DOSSIER_INDEXES: tuple[tuple[str, list[str]], ...] = (
    ("ix_dossiers_due_at", ["due_at"]),
    ("ix_dossiers_officer_username", ["officer_username"]),
    ("ix_dossiers_channel", ["channel"]),
    ("ix_dossiers_procedure_name", ["procedure_name"]),
    ("ix_dossiers_review_action", ["review_action"]),
    ("ix_dossiers_review_flags_reviewed_flags", ["review_flags", "reviewed_flags"]),
    # Replaces ix_dossiers_status: also finds late dossiers and whether a review covered that.
    ("ix_dossiers_status_due_at_reviewed_flags", ["status", "due_at", "reviewed_flags"]),
    # The queue's terms are all tested on this one index (see supervisor_queries.py).
    ("ix_dossiers_queue", ["received_at", "status", "channel", "officer_username", "procedure_code", "due_at",
                           "review_flags", "reviewed_flags", "review_action"]),
)


def upgrade() -> None:
    # Plain ADD COLUMN: SQLite fills the defaults without copying the table.
    op.add_column("dossiers", sa.Column("review_flags", sa.Integer(), server_default=sa.text("0"), nullable=False))
    op.add_column("dossiers", sa.Column("reviewed_flags", sa.Integer(), server_default=sa.text("0"), nullable=False))
    op.add_column("dossiers", sa.Column("review_action", sa.String(length=10), nullable=True))
    op.add_column("dossiers", sa.Column("review_note", sa.Text(), nullable=True))
    op.add_column("dossiers", sa.Column("reviewed_by", sa.String(length=64), nullable=True))
    op.add_column("dossiers", sa.Column("reviewed_at", sa.DateTime(), nullable=True))
    op.drop_index("ix_dossiers_status", table_name="dossiers")
    for name, columns in DOSSIER_INDEXES:
        op.create_index(name, "dossiers", columns, unique=False)

    op.create_table(
        "reviews",
        sa.Column("review_id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("flags", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("action IN ('approve', 'return', 'escalate')", name=op.f("ck_reviews_action")),
        sa.ForeignKeyConstraint(["client_id"], ["dossiers.client_id"], name=op.f("fk_reviews_client_id_dossiers")),
        sa.PrimaryKeyConstraint("review_id", name=op.f("pk_reviews")),
    )
    op.create_index(op.f("ix_reviews_client_id"), "reviews", ["client_id"], unique=False)

    op.create_table(
        "desk_commands",
        sa.Column("command_id", sa.String(length=36), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("issued_by", sa.String(length=64), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("reported", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.CheckConstraint("action IN ('retry', 'discard')", name=op.f("ck_desk_commands_action")),
        sa.CheckConstraint("outcome IS NULL OR outcome IN ('done', 'failed', 'unknown_entry')",
                           name=op.f("ck_desk_commands_outcome")),
        sa.PrimaryKeyConstraint("command_id", name=op.f("pk_desk_commands")),
    )
    op.create_index(op.f("ix_desk_commands_reported"), "desk_commands", ["reported"], unique=False)

    # SQLite cannot alter a CHECK constraint: batch mode copies the outbox, rows and ids,
    # into a new table (migrate.py runs this with foreign keys off and checks them after).
    with op.batch_alter_table("outbox", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_outbox_kind"), type_="check")
        batch.drop_constraint(op.f("ck_outbox_state"), type_="check")
        batch.drop_constraint(op.f("ck_outbox_record_has_ref_id"), type_="check")
        batch.create_check_constraint(op.f("ck_outbox_kind"), NEW_KINDS)
        batch.create_check_constraint(op.f("ck_outbox_state"), NEW_STATES)
        batch.create_check_constraint(op.f("ck_outbox_record_has_ref_id"), NEW_REF)


def downgrade() -> None:
    op.execute("DELETE FROM outbox_history WHERE entry_id IN "
               "(SELECT id FROM outbox WHERE kind IN ('review', 'print'))")
    op.execute("DELETE FROM outbox WHERE kind IN ('review', 'print')")
    op.execute("UPDATE outbox SET state = 'held' WHERE state = 'discarded'")
    with op.batch_alter_table("outbox", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_outbox_kind"), type_="check")
        batch.drop_constraint(op.f("ck_outbox_state"), type_="check")
        batch.drop_constraint(op.f("ck_outbox_record_has_ref_id"), type_="check")
        batch.create_check_constraint(op.f("ck_outbox_kind"), OLD_KINDS)
        batch.create_check_constraint(op.f("ck_outbox_state"), OLD_STATES)
        batch.create_check_constraint(op.f("ck_outbox_record_has_ref_id"), OLD_REF)
    op.drop_index(op.f("ix_desk_commands_reported"), table_name="desk_commands")
    op.drop_table("desk_commands")
    op.drop_index(op.f("ix_reviews_client_id"), table_name="reviews")
    op.drop_table("reviews")
    for name, _columns in reversed(DOSSIER_INDEXES):
        op.drop_index(name, table_name="dossiers")
    op.create_index("ix_dossiers_status", "dossiers", ["status"], unique=False)
    with op.batch_alter_table("dossiers") as batch:
        for column in ("reviewed_at", "reviewed_by", "review_note", "review_action", "reviewed_flags", "review_flags"):
            batch.drop_column(column)

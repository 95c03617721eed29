"""Lock-out and login attempts, desk enrolment, catalogue drafts, dossier events.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("remote", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("success", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempts")),
    )
    op.create_index(op.f("ix_login_attempts_remote_at"), "login_attempts", ["remote", "at"])
    op.create_index(op.f("ix_login_attempts_username_at"), "login_attempts", ["username", "at"])
    with op.batch_alter_table("desks") as batch:
        batch.add_column(sa.Column("key_hash", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("enrolled_by", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False))
    with op.batch_alter_table("catalogue_versions") as batch:
        batch.alter_column("published_at", existing_type=sa.DateTime(timezone=True), nullable=True)
        batch.add_column(sa.Column("state", sa.String(length=10), server_default="published", nullable=False))
        batch.add_column(sa.Column("published_by", sa.String(length=64), nullable=True))
        batch.create_check_constraint(op.f("ck_catalogue_versions_state"), "state IN ('draft', 'published')")
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "dossier_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.Integer(), nullable=False),
        sa.Column("to_status", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("actor_role", sa.String(length=30), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"], name=op.f("fk_dossier_events_dossier_id_dossiers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_events")),
        sa.UniqueConstraint("event_id", name=op.f("uq_dossier_events_event_id")),
    )
    op.create_index(op.f("ix_dossier_events_dossier_id"), "dossier_events", ["dossier_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_dossier_events_dossier_id"), table_name="dossier_events")
    op.drop_table("dossier_events")
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_column("resolved_at")
    with op.batch_alter_table("catalogue_versions") as batch:
        batch.drop_constraint(op.f("ck_catalogue_versions_state"), type_="check")
        batch.drop_column("published_by")
        batch.drop_column("state")
        batch.alter_column("published_at", existing_type=sa.DateTime(timezone=True), nullable=False)
    with op.batch_alter_table("desks") as batch:
        batch.drop_column("active")
        batch.drop_column("enrolled_at")
        batch.drop_column("enrolled_by")
        batch.drop_column("key_hash")
    op.drop_index(op.f("ix_login_attempts_username_at"), table_name="login_attempts")
    op.drop_index(op.f("ix_login_attempts_remote_at"), table_name="login_attempts")
    op.drop_table("login_attempts")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("locked_until")
        batch.drop_column("failed_logins")

"""Desk releases: the desk version an administrator publishes for download.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "desk_releases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("download_url", sa.String(length=2000), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by", sa.String(length=64), nullable=False),
        sa.Column("publication", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("size_bytes > 0", name=op.f("ck_desk_releases_size_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_releases")),
        sa.UniqueConstraint("publication", name=op.f("uq_desk_releases_publication")),
        sa.UniqueConstraint("version", name=op.f("uq_desk_releases_version")),
    )


def downgrade() -> None:
    op.drop_table("desk_releases")

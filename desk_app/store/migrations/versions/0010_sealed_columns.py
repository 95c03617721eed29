"""Encryption at rest: personal columns sealed with the store key, blind search terms in
place of the folded name and the clear CCCD, per-blob keys, secure delete, and code
allocations that outlive their dossier (retention deletes dossiers, never their numbers).

The sealer comes from ``desk_app.store.migrate`` (``config.attributes["sealer"]``): the
rows written in clear by earlier versions are sealed here, in the migration's transaction.
The blob files are sealed by the store right after (``DeskStore._seal_clear_blobs``),
because they live outside the database.

Revision ID: 0010_sealed_columns
Revises: 0009_audit_chain
Create Date: 2026-11-21
"""

from __future__ import annotations

import json
from typing import Any, Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0010_sealed_columns"
down_revision: str | Sequence[str] | None = "0009_audit_chain"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, key column, sealed columns): the columns' names are their seals' associated data.
SEALED: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("dossiers", "client_id", ("applicant_name", "applicant_cccd", "applicant_phone", "wire", "server_record")),
    ("drafts", "draft_id", ("citizen_name", "body")),
    ("upstream_checks", "check_id", ("cccd", "citizen_name", "result", "summary")),
)
TEXT_TYPES = {"applicant_name": sa.String(200), "applicant_cccd": sa.String(12), "applicant_phone": sa.String(20),
              "citizen_name": sa.String(200), "cccd": sa.String(12)}


def _sealer() -> Any:
    return context.config.attributes.get("sealer")


def _needs_sealer(table: str) -> Any:
    sealer = _sealer()
    if sealer is None and op.get_bind().exec_driver_sql(f"SELECT 1 FROM {table} LIMIT 1").first() is not None:
        raise RuntimeError("sealing stored rows needs the store's sealer (desk_app.store.migrate passes it)")
    return sealer


def _as_bytes(value: Any) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("dossiers", recreate="always") as batch:
        batch.drop_index("ix_dossiers_applicant_name_folded")
        batch.drop_index("ix_dossiers_applicant_cccd")
        batch.drop_column("applicant_name_folded")
        for column in ("applicant_name", "applicant_cccd", "applicant_phone"):
            batch.alter_column(column, type_=sa.LargeBinary(), existing_type=TEXT_TYPES[column])
        for column in ("wire", "server_record"):
            batch.alter_column(column, type_=sa.LargeBinary(), existing_type=sa.JSON())
        batch.add_column(sa.Column("applicant_cccd_index", sa.String(length=32), nullable=True))
        batch.create_index("ix_dossiers_applicant_cccd_index", ["applicant_cccd_index"], unique=False)
        batch.create_index("ix_dossiers_updated_at", ["updated_at"], unique=False)
    with op.batch_alter_table("drafts", recreate="always") as batch:
        batch.alter_column("citizen_name", type_=sa.LargeBinary(), existing_type=sa.String(200))
        batch.alter_column("body", type_=sa.LargeBinary(), existing_type=sa.JSON())
    with op.batch_alter_table("upstream_checks", recreate="always") as batch:
        for column in ("cccd", "citizen_name"):
            batch.alter_column(column, type_=sa.LargeBinary(), existing_type=TEXT_TYPES[column])
        for column in ("result", "summary"):
            batch.alter_column(column, type_=sa.LargeBinary(), existing_type=sa.JSON())
    for table, fk in (("code_allocations", "fk_code_allocations_client_id_dossiers"),
                      ("provisional_codes", "fk_provisional_codes_client_id_dossiers")):
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.drop_constraint(fk, type_="foreignkey")

    op.create_table(
        "dossier_terms",
        sa.Column("term", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("dossier_rowid", sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("term", "dossier_rowid", name=op.f("pk_dossier_terms")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "blob_keys",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("wrapped", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_blob_keys")),
    )
    op.create_table(
        "store_meta",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_store_meta")),
    )

    for table, key, columns in SEALED:
        sealer = _needs_sealer(table)
        if sealer is None:
            continue
        rows = bind.exec_driver_sql(f"SELECT {key}, {', '.join(columns)} FROM {table}").fetchall()
        for row in rows:
            values = {c: (None if v is None else sealer.seal(_as_bytes(v), f"{table}.{c}"))
                      for c, v in zip(columns, row[1:])}
            assignments = ", ".join(f"{c} = :{c}" for c in columns)
            bind.execute(sa.text(f"UPDATE {table} SET {assignments} WHERE {key} = :key"), {**values, "key": row[0]})
        if table == "dossiers":
            _index_dossiers(bind, sealer, rows)

    # citizen_lookups: the CCCD was the key; now its blind index is.
    old = bind.exec_driver_sql("SELECT cccd, answer, fetched_at FROM citizen_lookups").fetchall()
    sealer = _needs_sealer("citizen_lookups")
    op.drop_table("citizen_lookups")
    op.create_table(
        "citizen_lookups",
        sa.Column("cccd_index", sa.String(length=32), nullable=False),
        sa.Column("cccd", sa.LargeBinary(), nullable=False),
        sa.Column("answer", sa.LargeBinary(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("cccd_index", name=op.f("pk_citizen_lookups")),
    )
    op.create_index(op.f("ix_citizen_lookups_fetched_at"), "citizen_lookups", ["fetched_at"], unique=False)
    for cccd, answer, fetched_at in old:
        bind.execute(
            sa.text("INSERT INTO citizen_lookups (cccd_index, cccd, answer, fetched_at) VALUES (:i, :c, :a, :f)"),
            {"i": sealer.blind("cccd", cccd), "c": sealer.seal_text(cccd, "citizen_lookups.cccd"),
             "a": sealer.seal(_as_bytes(answer), "citizen_lookups.answer"), "f": fetched_at},
        )


def _index_dossiers(bind: sa.Connection, sealer: Any, rows: Sequence[Any]) -> None:
    # rows: (client_id, applicant_name, applicant_cccd, ...) as they were in clear.
    rowids = dict(bind.exec_driver_sql("SELECT client_id, rowid FROM dossiers").fetchall())
    terms = []
    for client_id, name, cccd, *_rest in rows:
        cccd_text = cccd.decode() if isinstance(cccd, bytes) else cccd
        name_text = name.decode() if isinstance(name, bytes) else name
        if cccd_text:
            bind.execute(sa.text("UPDATE dossiers SET applicant_cccd_index = :i WHERE client_id = :k"),
                         {"i": sealer.blind("cccd", cccd_text), "k": client_id})
        terms.extend({"t": t, "r": rowids[client_id]} for t in sealer.dossier_terms(name_text or "", cccd_text))
    if terms:
        bind.execute(sa.text("INSERT INTO dossier_terms (term, dossier_rowid) VALUES (:t, :r)"), terms)


def downgrade() -> None:
    # For tests of older revisions: the columns come back in clear. Blob files stay sealed:
    # an older desk cannot read them, and the desk itself refuses to go back a version.
    bind = op.get_bind()
    sealer = _sealer()
    for table, key, columns in SEALED:
        if sealer is None:
            _needs_sealer(table)
            continue
        for row in bind.exec_driver_sql(f"SELECT {key}, {', '.join(columns)} FROM {table}").fetchall():
            values = {c: (None if v is None else sealer.open(v, f"{table}.{c}").decode("utf-8"))
                      for c, v in zip(columns, row[1:])}
            assignments = ", ".join(f"{c} = :{c}" for c in columns)
            bind.execute(sa.text(f"UPDATE {table} SET {assignments} WHERE {key} = :key"), {**values, "key": row[0]})
    names = {}
    if sealer is not None:
        names = {client_id: json.loads(wire)["applicant"]["full_name"]
                 for client_id, wire in bind.exec_driver_sql("SELECT client_id, wire FROM dossiers").fetchall()}
    lookups = bind.exec_driver_sql("SELECT cccd, answer, fetched_at FROM citizen_lookups").fetchall()
    op.drop_table("citizen_lookups")
    op.create_table(
        "citizen_lookups",
        sa.Column("cccd", sa.String(length=12), nullable=False),
        sa.Column("answer", sa.JSON(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("cccd", name=op.f("pk_citizen_lookups")),
    )
    for cccd, answer, fetched_at in lookups:
        bind.execute(sa.text("INSERT INTO citizen_lookups (cccd, answer, fetched_at) VALUES (:c, :a, :f)"),
                     {"c": sealer.open_text(cccd, "citizen_lookups.cccd"),
                      "a": sealer.open(answer, "citizen_lookups.answer").decode("utf-8"), "f": fetched_at})
    op.drop_table("store_meta")
    op.drop_table("blob_keys")
    op.drop_table("dossier_terms")
    for table, fk in (("code_allocations", "fk_code_allocations_client_id_dossiers"),
                      ("provisional_codes", "fk_provisional_codes_client_id_dossiers")):
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.create_foreign_key(fk, "dossiers", ["client_id"], ["client_id"])
    with op.batch_alter_table("upstream_checks", recreate="always") as batch:
        for column in ("cccd", "citizen_name"):
            batch.alter_column(column, type_=TEXT_TYPES[column], existing_type=sa.LargeBinary())
        for column in ("result", "summary"):
            batch.alter_column(column, type_=sa.JSON(), existing_type=sa.LargeBinary())
    with op.batch_alter_table("drafts", recreate="always") as batch:
        batch.alter_column("citizen_name", type_=sa.String(200), existing_type=sa.LargeBinary())
        batch.alter_column("body", type_=sa.JSON(), existing_type=sa.LargeBinary())
    with op.batch_alter_table("dossiers", recreate="always") as batch:
        batch.drop_index("ix_dossiers_updated_at")
        batch.drop_index("ix_dossiers_applicant_cccd_index")
        batch.drop_column("applicant_cccd_index")
        for column in ("applicant_name", "applicant_cccd", "applicant_phone"):
            batch.alter_column(column, type_=TEXT_TYPES[column], existing_type=sa.LargeBinary())
        for column in ("wire", "server_record"):
            batch.alter_column(column, type_=sa.JSON(), existing_type=sa.LargeBinary())
        batch.add_column(sa.Column("applicant_name_folded", sa.String(length=200), nullable=False,
                                   server_default=""))
        batch.create_index("ix_dossiers_applicant_cccd", ["applicant_cccd"], unique=False)
        batch.create_index("ix_dossiers_applicant_name_folded", ["applicant_name_folded"], unique=False)
    if names:
        from desk_app.core.text import fold

        for client_id, name in names.items():
            bind.execute(sa.text("UPDATE dossiers SET applicant_name_folded = :f WHERE client_id = :k"),
                         {"f": fold(name), "k": client_id})

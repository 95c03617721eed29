"""A site's worth of synthetic dossiers written straight into a desk store, for the
supervisor's queues and their benchmark.

The rows are what the store itself would hold: the full wire body of a dossier (it reads
back with ``Dossier.from_wire``), the listing columns drawn from it, the review flags of
the few that went wrong (about 3%), a review of half of those, and the outbox entries of
those taken at this desk ("DESK-01"), a few of them held. A third as many citizens as
dossiers come to the site, with the same portrait each time. The feed's record of a dossier
taken elsewhere keeps only what the feed adds to the body (code, status, oversight).

They go in with executemany, the INSERT rendered by SQLAlchemy Core, in one transaction of
the store's writer. Everything is rendered as the column types would write it (naive UTC
text for times, personal columns sealed with the store's own sealer, the blind search terms
beside them), so no per-value conversion runs, and the dossiers' indexes are built once
after the rows are in, rather than kept up row by row: 100 000 dossiers take seconds.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Table, bindparam, insert
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from desk_app.core.dossier import DOCUMENTS_SHORT, Channel, DossierStatus
from desk_app.core.dossier_code import provisional_code
from desk_app.core.identity import Sex
from desk_app.core.review import ReviewAction, ReviewFlag
from desk_app.core.text import fold
from desk_app.store import DeskStore
from desk_app.store.models import DossierRow, OutboxRow, ReviewRow
from tests.support.citizens import cccd_number

AGENCY = "000.00.17.H56"
THIS_DESK = "DESK-01"
DESKS = ("DESK-01", "DESK-02", "DESK-03", "DESK-04")
OFFICERS = ("canbo01", "canbo02", "canbo03", "canbo04", "canbo05", "canbo06", "canbo07", "canbo08")
SUPERVISOR = "giamsat01"
DAYS = 90
FLAGGED_SHARE = 0.03
# (code, name, processing days, fee)
PROCEDURES = (
    ("1.001234.000.00.00.H56", "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp", 5, 135_000),
    ("1.002345.000.00.00.H56", "Cấp lại giấy phép lái xe", 5, 135_000),
    ("1.003456.000.00.00.H56", "Đăng ký khai sinh", 1, 0),
    ("1.004567.000.00.00.H56", "Đăng ký kết hôn", 3, 0),
    ("1.005678.000.00.00.H56", "Cấp bản sao trích lục hộ tịch", 1, 8_000),
    ("1.006789.000.00.00.H56", "Chứng thực bản sao từ bản chính", 1, 2_000),
    ("1.007890.000.00.00.H56", "Đăng ký thường trú", 7, 20_000),
    ("1.008901.000.00.00.H56", "Cấp phiếu lý lịch tư pháp", 10, 200_000),
    ("1.009012.000.00.00.H56", "Cấp giấy phép xây dựng nhà ở riêng lẻ", 15, 75_000),
    ("1.010123.000.00.00.H56", "Đăng ký hộ kinh doanh", 3, 100_000),
    ("1.011234.000.00.00.H56", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu", 30, 100_000),
    ("1.012345.000.00.00.H56", "Đăng ký biến động đất đai", 10, 50_000),
)
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý")
MIDDLES = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Hoài", "Xuân", "Thu", "Kim")
GIVEN = ("An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan",
         "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngọc", "Nhung", "Phong", "Phúc", "Phương", "Quân", "Quang",
         "Sơn", "Tâm", "Thảo", "Thành", "Trang", "Trung", "Tuấn", "Vân", "Việt", "Xuân", "Yến")
STREETS = ("Trần Phú", "Lê Thánh Tôn", "Nguyễn Thị Minh Khai", "Yersin", "Thống Nhất", "Hùng Vương", "Phạm Văn Đồng")
CONSENT = "Tôi đồng ý cho cơ quan xử lý dữ liệu cá nhân trong hồ sơ này."
CATALOGUE_VERSION = "2026.11.1"
FLAGS = (ReviewFlag.PHOTO_EXCEPTION, ReviewFlag.VALIDATION_OVERRIDE, ReviewFlag.REFUND, ReviewFlag.REPRINT)
S = DossierStatus
REFUSED, WITHDRAWN, HANDED_OVER, RESULT_READY = int(S.REFUSED), int(S.WITHDRAWN), int(S.HANDED_OVER), int(S.RESULT_READY)
LATE_STATUSES = tuple(int(s) for s in (S.ACCEPTED, S.PROCESSING, S.SUPPLEMENT_REQUESTED))
# Not yet due: open ones, and some already done.
OPEN_STATUSES = tuple(int(s) for s in (S.ACCEPTED, S.PROCESSING, S.PROCESSING, S.SUPPLEMENT_REQUESTED,
                                       S.PAYMENT_REQUESTED, S.RESULT_READY))
OPENING = 7 * 3600 + 1800  # 07:30, Vietnam time
CLOSING = 17 * 3600        # "now" is today at 17:00
VN_OFFSET = 7 * 3600
# Citizens come back: about this many dossiers each over the period.
CITIZEN_VISITS = 3


def seed_dossiers(store: DeskStore, n: int, *, seed: int = 8, today: date, first_sequence: int = 1) -> None:
    """Write ``n`` dossiers received over the ``DAYS`` days up to ``today`` (Vietnam time),
    as of today 17:00: the late ones are those still open past their due time then.

    Each day's codes count from ``first_sequence``: a store that also pulls a real centre's
    dossiers (numbered from 1) starts high, so the two never claim the same code."""
    dossiers, entries, reviews = _rows(random.Random(seed), n, today, first_sequence)
    terms_of, citizen_of = _seal(store, dossiers)
    table = DossierRow.__table__
    assert isinstance(table, Table)

    def work(session: Session) -> None:
        connection = session.connection()
        # Index pages of 100 000 random keys do not fit SQLite's default 2 MB cache; a larger
        # one for this connection keeps the work in memory, then the default returns.
        previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        connection.exec_driver_sql("PRAGMA cache_size = -131072")
        try:
            for index in table.indexes:
                index.drop(connection)
            for rows, target in ((dossiers, table), (entries, OutboxRow.__table__), (reviews, ReviewRow.__table__)):
                if rows:
                    connection.exec_driver_sql(_insert_sql(target, rows[0].keys()), rows)  # type: ignore[arg-type]
            _add_terms(connection, terms_of, citizen_of)
            for index in table.indexes:
                index.create(connection)
        finally:
            connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous)}")

    store._write(work, durable=False)


def _seal(store: DeskStore, dossiers: list[dict]) -> tuple[list[set[int]], list[tuple[str, int]]]:
    """Seal the personal columns in place as the store's column types would. A citizen's
    name, CCCD and phone, sealed, and their blind search terms are made once per citizen
    (a shortcut of the seeding only: the store seals each value afresh); returned as each
    citizen's terms and each dossier's citizen."""
    sealer = store._sealer
    by_citizen: dict[tuple[str, str], tuple[int, str, dict[str, bytes | None]]] = {}
    terms_of: list[set[int]] = []
    citizen_of: list[tuple[str, int]] = []
    personal = ("applicant_name", "applicant_cccd", "applicant_phone")
    for row in dossiers:
        name, cccd = row["applicant_name"], row["applicant_cccd"]
        known = by_citizen.get((name, cccd))
        if known is None:
            sealed = {column: sealer.seal_text(row[column], f"dossiers.{column}") for column in personal}
            known = by_citizen[(name, cccd)] = (len(terms_of), sealer.blind("cccd", cccd), sealed)
            terms_of.append(sealer.dossier_terms(name, cccd))
        citizen_of.append((row["client_id"], known[0]))
        row["applicant_cccd_index"] = known[1]
        row.update(known[2])
        for column in ("wire", "server_record"):
            if row[column] is not None:
                row[column] = sealer.seal(row[column].encode("utf-8"), f"dossiers.{column}")
    return terms_of, citizen_of


def _add_terms(connection: Any, terms_of: list[set[int]], citizen_of: list[tuple[str, int]]) -> None:
    """Every dossier's terms, joined in SQL from its citizen's: 1.8 million rows for 100 000
    dossiers, made without a Python tuple each. In key order: a B-tree filled in order
    writes each page once."""
    connection.exec_driver_sql("CREATE TEMP TABLE seed_citizen_terms (citizen INTEGER, term INTEGER)")
    connection.exec_driver_sql("CREATE TEMP TABLE seed_dossier_citizen (client_id TEXT PRIMARY KEY, citizen INTEGER)")
    try:
        connection.exec_driver_sql("INSERT INTO seed_citizen_terms VALUES (?, ?)",
                                   [(c, t) for c, terms in enumerate(terms_of) for t in terms])
        connection.exec_driver_sql("INSERT INTO seed_dossier_citizen VALUES (?, ?)", citizen_of)
        connection.exec_driver_sql(
            "INSERT INTO dossier_terms (term, dossier_rowid) SELECT t.term, d.rowid FROM dossiers AS d "
            "JOIN seed_dossier_citizen AS c ON c.client_id = d.client_id "
            "JOIN seed_citizen_terms AS t ON t.citizen = c.citizen ORDER BY 1, 2")
    finally:
        connection.exec_driver_sql("DROP TABLE seed_citizen_terms")
        connection.exec_driver_sql("DROP TABLE seed_dossier_citizen")


def _insert_sql(table: Table, names: Iterable[str]) -> str:
    """Core's INSERT for these columns, with named parameters, for the driver's executemany:
    the rows already hold what the column types would have written, and going round
    SQLAlchemy's per-row parameter handling saves a third of the time."""
    statement = insert(table).values({name: bindparam(name) for name in names})
    return str(statement.compile(dialect=sqlite.dialect(paramstyle="named")))


def _rows(rng: random.Random, n: int, today: date, first_sequence: int = 1) -> tuple[list[dict], list[dict], list[dict]]:
    # Times are whole seconds of a Vietnam day (a fixed +07:00), written as the store writes
    # them: RFC 3339 in the wire body, naive UTC text in the columns. Office hours never
    # cross midnight in either, so each is a day's text and a time of day.
    first_day = today - timedelta(days=DAYS - 1)
    days = [(first_day + timedelta(days=k)).isoformat() for k in range(DAYS + 50)]
    clocks = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(24 * 3600)]
    # Received in order, as a desk takes them: the codes of a day then follow the clock.
    moments = sorted((int(rng.random() ** 0.8 * DAYS), OPENING + int(rng.random() * 9 * 3600)) for _ in range(n))
    citizens = [_citizen(rng) for _ in range(max(1, n // CITIZEN_VISITS))]
    statics = [_static_wire(p) for p in PROCEDURES]
    consent = json.dumps(CONSENT)
    # rng.randrange costs ten times int(random() * n), and an enum member's attribute more
    # than a plain value: the loop below uses plain values and the former.
    draw, bits = rng.random, rng.getrandbits
    direct, online, postal = int(Channel.DIRECT), int(Channel.ONLINE), int(Channel.POSTAL)
    photo, override, refund, reprint = (int(f) for f in FLAGS)
    flags = [int(f) for f in FLAGS]
    exception_json = json.dumps("Nền ảnh không đạt, công dân ở xa")
    documents_json = json.dumps(["Đơn đề nghị"])
    day_code: dict[int, str] = {}
    sequences: dict[int, int] = {}
    provisional: dict[int, int] = {}
    dossiers: list[dict] = []
    entries: list[dict] = []
    reviews: list[dict] = []
    for index, (day, second) in enumerate(moments):
        which = min(int(rng.expovariate(0.25)), len(PROCEDURES) - 1)
        code_proc, proc_name, processing_days, _fee = PROCEDURES[which]
        due_day = day + processing_days + 2 * (processing_days // 5)
        past_due = due_day < DAYS - 1 or (due_day == DAYS - 1 and second < CLOSING)
        desk = index % len(DESKS)
        desk_id = DESKS[desk]
        officer = OFFICERS[int(draw() * len(OFFICERS))] if draw() < 0.1 else \
            OFFICERS[2 * desk + (index // len(DESKS)) % 2]
        channel = direct if draw() < 0.7 else (online if draw() < 0.7 else postal)
        status = _status(draw, past_due)
        provisional_now = draw() < 0.01
        if provisional_now:
            provisional[day] = provisional.get(day, 0) + 1
            code = provisional_code(AGENCY, first_day + timedelta(days=day), desk_id, provisional[day])
        else:
            sequences[day] = sequences.get(day, first_sequence - 1) + 1
            prefix = day_code.get(day) or day_code.setdefault(day, f"{AGENCY}-{days[day][2:].replace('-', '')}-")
            code = f"{prefix}{sequences[day]:04d}"
        name, _folded, cccd, phone, applicant, portrait = citizens[int(draw() * len(citizens))]
        flag = flags[int(draw() * 4)] if draw() < FLAGGED_SHARE else 0
        client_id = _uuid(bits(128))
        received_text = f"{days[day]}T{clocks[second]}+07:00"
        extra = ""
        if channel == direct:
            extra += f', "consent": {{"given_at": "{received_text}", "text": {consent}}}'
        if flag == photo:
            extra += (f', "portrait_exception": {{"rules": ["background_plain"], "reason": {exception_json}, '
                      f'"accepted_by": "{officer}"}}')
        elif flag == override:
            extra += (f', "validation_overrides": [{{"rule": "{DOCUMENTS_SHORT}", "documents": {documents_json}, '
                      f'"accepted_by": "{officer}"}}]')
        wire = (
            f'{{"client_id": "{client_id}", "code": "{code}", "code_provisional": {"true" if provisional_now else "false"}, '
            f'"channel": {channel}, "status": {status}, "applicant": {applicant}, '
            f'"attachments": [{{"sha256": "{portrait}", "kind": "portrait", "filename": "portrait.jpg", '
            f'"media_type": "image/jpeg", "size": 48213}}, '
            f'{{"sha256": "{bits(256):064x}", "kind": "scan", "filename": "don-1.jpg", '
            f'"media_type": "image/jpeg", "size": {200_000 + int(draw() * 100_000)}}}], '
            f'"received_at": "{received_text}", "due_at": "{days[due_day]}T{clocks[second]}+07:00", '
            f'"officer_username": "{officer}", "desk_id": "{desk_id}", {statics[which]}{extra}}}'
        )
        local = desk_id == THIS_DESK
        received_utc = f"{days[day]} {clocks[second - VN_OFFSET]}.000000"
        review = _review(draw, bits, client_id, flag, days[day], second) if flag else None
        dossiers.append({
            "client_id": client_id, "code": code, "code_provisional": int(provisional_now),
            "procedure_code": code_proc, "procedure_name": proc_name, "catalogue_version": CATALOGUE_VERSION,
            "status": status, "channel": channel, "applicant_name": name,
            "applicant_cccd": cccd, "applicant_phone": phone,
            "received_at": received_utc, "received_day": days[day],
            "due_at": f"{days[due_day]} {clocks[second - VN_OFFSET]}.000000",
            "officer_username": officer, "site_code": AGENCY, "desk_id": desk_id,
            "origin": "desk" if local else "central", "wire": wire,
            "server_received_at": None if local else f"{days[day]} {clocks[second + 120 - VN_OFFSET]}.000000",
            "server_record": None if local else (
                f'{{"code": "{code}", "status": {status}, "feed_seq": {index + 1}, "oversight": '
                f'{{"refunds": {int(flag == refund)}, "reprints": {int(flag == reprint)}, '
                '"review": null}}'),
            "created_at": received_utc, "updated_at": received_utc,
            "review_flags": flag,
            "reviewed_flags": review["flags"] if review else 0,
            "review_action": review["action"] if review else None,
            "review_note": review["note"] if review else None,
            "reviewed_by": review["actor"] if review else None,
            "reviewed_at": review["at"] if review else None,
        })
        if local:
            entries.append(_outbox(draw, client_id, received_utc, recent=day == DAYS - 1 and CLOSING - second < 7200))
        if review:
            reviews.append(review)
    return dossiers, entries, reviews


def _citizen(rng: random.Random) -> tuple[str, str, str, str, str, str]:
    """Name, folded name, CCCD, phone, the wire's applicant object, the portrait's SHA-256."""
    draw = rng.random
    sex = Sex.FEMALE if draw() < 0.5 else Sex.MALE
    middle = "Thị" if sex is Sex.FEMALE and draw() < 0.6 else MIDDLES[int(draw() * len(MIDDLES))]
    name = f"{SURNAMES[int(draw() * len(SURNAMES))]} {middle} {GIVEN[int(draw() * len(GIVEN))]}"
    born = date(1950 + int(draw() * 55), 1 + int(draw() * 12), 1 + int(draw() * 28))
    cccd = cccd_number(f"0{1 + int(draw() * 96):02d}", born, sex, int(draw() * 1_000_000))
    phone = f"09{int(draw() * 10**8):08d}"
    address = f"{1 + int(draw() * 299)} {STREETS[int(draw() * len(STREETS))]}, Nha Trang"
    applicant = json.dumps({"full_name": name, "cccd": cccd, "cmnd": None, "date_of_birth": born.isoformat(),
                            "sex": sex.value, "address": address, "phone": phone, "email": None})
    return name, fold(name), cccd, phone, applicant, f"{rng.getrandbits(256):064x}"


def _static_wire(procedure: tuple[str, str, int, int]) -> str:
    """The part of a wire body every dossier of a procedure shares, as JSON without braces."""
    code, _name, _days, fee = procedure
    wire = {
        "procedure_code": code, "catalogue_version": CATALOGUE_VERSION,
        "form_values": {"so_ban": "1"},
        "documents": [{"code": "don", "name": "Đơn đề nghị", "originals": 1, "certified_copies": 0, "photocopies": 0},
                      {"code": "cccd", "name": "Căn cước công dân", "originals": 0, "certified_copies": 0,
                       "photocopies": 1}],
        "fees": [{"code": "le_phi", "name": "Lệ phí", "amount": fee}] if fee else [],
        "delivery": "desk", "delivery_address": None, "sets": 1, "site_code": AGENCY,
    }
    return json.dumps(wire)[1:-1]


def _clock(second: int) -> str:
    return f"{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}"


def _uuid(number: int) -> str:
    text = f"{number:032x}"
    return f"{text[:8]}-{text[8:12]}-4{text[13:16]}-a{text[17:20]}-{text[20:]}"


def _status(draw: Any, past_due: bool) -> int:
    roll = draw()
    if roll < 0.03:
        return REFUSED
    if roll < 0.05:
        return WITHDRAWN
    if past_due:
        # Most are finished by their due date; a few are still open, so late.
        if draw() < 0.05:
            return LATE_STATUSES[int(draw() * len(LATE_STATUSES))]
        return HANDED_OVER if draw() < 0.8 else RESULT_READY
    return OPEN_STATUSES[int(draw() * len(OPEN_STATUSES))]


def _review(draw: Any, bits: Any, client_id: str, flag: int, day: str, second: int) -> dict[str, Any] | None:
    roll = draw()
    if roll < 0.5:
        return None  # not reviewed yet
    action = ReviewAction.APPROVE if roll < 0.85 else (ReviewAction.RETURN if roll < 0.95 else ReviewAction.ESCALATE)
    return {"review_id": _uuid(bits(128)), "client_id": client_id, "action": action.value,
            "note": None if action is ReviewAction.APPROVE else "Bổ sung lý do trong sổ", "flags": flag,
            "actor": SUPERVISOR, "at": f"{day} {_clock(second + 600 - VN_OFFSET)}.000000"}


def _outbox(draw: Any, client_id: str, received_utc: str, *, recent: bool) -> dict[str, Any]:
    """This desk's own dossiers went to the central API, but for the last hours' and a few held."""
    state = "waiting" if recent else ("held" if draw() < 0.003 else "sent")
    held = state == "held"
    return {"kind": "dossier", "client_id": client_id, "sha256": None, "ref_id": None, "state": state,
            "attempts": 0 if recent else 1, "next_try_at": None,
            "last_error": "the central API refused the dossier" if held else None,
            "problem": '{"context": "DeskError", "template": "The central API refused the dossier.", "params": {}}'
            if held else None,
            "created_at": received_utc, "updated_at": received_utc, "response": None}

"""The supervisor's queues in SQL: how many dossiers a query finds, one page of them in any
order, and what its filters can offer.

A site's mirror holds 100 000 dossiers and more, and each row is wide (the whole wire body
lives in it), so no query here reads rows to decide which match. Each filter is a *term*
that can be answered two ways without a row read:

- as a set of rowids, from a narrow index of its own (the status, the name's and the CCCD's
  blind terms, the code, the outbox's held entries...): a query of one term is answered
  that way;
- as a condition on ``ix_dossiers_queue``, an index holding every column the terms read,
  received time first: a query of several terms scans it once and tests them all there,
  the text and held-entry sets as rowid lookups. ``INDEXED BY`` names it, because the store
  keeps no statistics and SQLite would otherwise take an equality for a rare value, pick a
  one-column index and read the row of every candidate.

A page is chosen as rowids (see ``_page_rowids``); only its own rows are then read, with
their outbox state. Ties in every order are broken by rowid: stable from page to page, and
free with any index. LATE is computed against ``now``, bound as a parameter, never stored.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Sequence

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter

from desk_app.core.queue_query import QueueQuery, QueueSort, ReviewScope, TextSearch, text_search
from desk_app.core.review import ALL_FLAGS, OPEN_STATUSES, STORED_FLAGS, ReviewAction, ReviewFlag
from desk_app.core.text import fold
from desk_app.core.timeutil import VN_TZ

from .models import QUEUE_INDEX_COLUMNS, VnDateTime
from .records import DOSSIER, HELD, SENT, QueueFacets, QueueRow
from .sealing import Sealer

QUEUE_INDEX = "ix_dossiers_queue"
# Each sort's columns, in the order of an index that has them first (then rowid breaks
# ties): the page then comes from walking that index. Within a status, the most urgent first
# is also what the status index gives.
SORT_COLUMNS: dict[QueueSort, tuple[str, ...]] = {
    QueueSort.CODE: ("code",),
    QueueSort.PROCEDURE: ("procedure_name",),
    QueueSort.STATUS: ("status", "due_at"),
    QueueSort.CHANNEL: ("channel",),
    QueueSort.OFFICER: ("officer_username",),
    QueueSort.RECEIVED: ("received_at",),
    QueueSort.DUE: ("due_at",),
}
# A page of up to this many matches reads each match's row for its sort value; beyond,
# walking an index in the sort's order costs less (a row read costs as much as some hundred
# index entries).
FEW_MATCHES = 1000
# At most this many row reads are expected of a walk that reads each candidate's row.
WALK_ROW_READS = 2000
# A search text's matches are kept for the next call when fewer than this.
SEARCH_MEMO_SIZE = 10_000
_OPEN_SET = frozenset(int(s) for s in OPEN_STATUSES)
_OPEN = ", ".join(str(s) for s in sorted(_OPEN_SET))
_LATE = int(ReviewFlag.LATE)
_SYNC_HELD = int(ReviewFlag.SYNC_HELD)
_STORED = int(STORED_FLAGS)
_HELD_ROWIDS = ("SELECT held.rowid FROM outbox AS o JOIN dossiers AS held ON held.client_id = o.client_id "
                f"WHERE o.state = '{HELD}'")
_ROW_COLUMNS = ("d.rowid, d.client_id, d.code, d.code_provisional, d.applicant_name, d.applicant_cccd, "
                "d.procedure_code, d.procedure_name, d.status, d.channel, d.officer_username, d.desk_id, "
                "d.received_at, d.due_at, d.review_flags, d.reviewed_flags, d.review_action, d.review_note, "
                "d.reviewed_by, d.reviewed_at")


@dataclass(frozen=True)
class _Term:
    """One filter: ``condition`` on ``dossiers AS d`` (columns of the queue index, or rowid
    lookups), and ``rowids``, a query of the rowids it finds through a narrow index."""

    condition: str
    rowids: str


@dataclass
class _Where:
    terms: list[_Term] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    binds: list[BindParameter] = field(default_factory=list)
    # The search box's text, its own query, and its matches when remembered from a call before.
    search: TextSearch | None = None
    search_sql: str = ""
    found: list[int] | None = None

    @property
    def searched(self) -> bool:
        return self.search is not None

    @property
    def search_only(self) -> bool:
        return self.searched and len(self.terms) == 1

    def condition(self) -> str:
        return " AND ".join(term.condition for term in self.terms)

    def matches(self) -> str:
        """A query of the rowids of every match, reading no row."""
        if len(self.terms) == 1:
            return self.terms[0].rowids
        return f"SELECT d.rowid FROM dossiers AS d INDEXED BY {QUEUE_INDEX} WHERE {self.condition()}"

    def run(self, session: Session, sql: str, **params: Any) -> list[Any]:
        return list(session.scalars(text(sql).bindparams(*self.binds), {**self.params, **params}).all())


def _where(query: QueueQuery, sealer: Sealer, now: datetime, memo: "SearchMemo | None" = None,
           plus: str = "") -> _Where:
    """The query's terms. With ``plus="+"`` every column is written ``+d.column``: the same
    conditions, which SQLite then may not answer from an index (see ``_page_rowids``)."""
    where = _Where()
    d = f"{plus}d"
    late_sql = f"({d}.status IN ({_OPEN}) AND {d}.due_at < :now)"

    def term(condition: str, rowids: str | None = None) -> None:
        where.terms.append(_Term(condition, rowids or f"SELECT d.rowid FROM dossiers AS d WHERE {condition}"))

    def values(name: str, items: Sequence[Any]) -> str:
        where.params[name] = sorted(items)
        where.binds.append(bindparam(name, expanding=True))
        return f":{name}"

    def moment(name: str, value: datetime) -> str:
        if name not in where.params:
            where.params[name] = value
            where.binds.append(bindparam(name, type_=VnDateTime()))
        return f":{name}"

    if query.statuses:
        term(f"{d}.status IN {values('statuses', [int(s) for s in query.statuses])}")
    if query.channels:
        term(f"{d}.channel IN {values('channels', [int(c) for c in query.channels])}")
    if query.procedure_codes:
        term(f"{d}.procedure_code IN {values('procedures', list(query.procedure_codes))}")
    if query.officers:
        term(f"{d}.officer_username IN {values('officers', list(query.officers))}")
    for column, first, last in (("received_at", query.received_from, query.received_to),
                                ("due_at", query.due_from, query.due_to)):
        bounds = []
        if first is not None:
            bounds.append(f"{d}.{column} >= {moment(f'{column}_from', _day_start(first))}")
        if last is not None:
            bounds.append(f"{d}.{column} < {moment(f'{column}_until', _day_start(last + timedelta(days=1)))}")
        if bounds:
            term(" AND ".join(bounds))
    if query.overdue_only:
        moment("now", now)
        term(late_sql)
    if query.review is ReviewScope.TO_REVIEW:
        # A flag no decision covered yet: kept ones against reviewed_flags, LATE and SYNC_HELD
        # as they stand now.
        moment("now", now)
        kept = f"({d}.review_flags & ~{d}.reviewed_flags) != 0"
        late = f"{late_sql} AND ({d}.reviewed_flags & {_LATE}) = 0"
        held = f"({d}.reviewed_flags & {_SYNC_HELD}) = 0"
        term(f"({kept} OR ({late}) OR ({d}.rowid IN ({_HELD_ROWIDS}) AND {held}))",
             f"SELECT d.rowid FROM dossiers AS d WHERE {d}.review_flags > 0 AND {kept} "
             f"UNION SELECT d.rowid FROM dossiers AS d WHERE {late} "
             f"UNION SELECT d.rowid FROM dossiers AS d WHERE {d}.rowid IN ({_HELD_ROWIDS}) AND {held}")
    elif query.review in (ReviewScope.ESCALATED, ReviewScope.RETURNED):
        action = ReviewAction.ESCALATE if query.review is ReviewScope.ESCALATED else ReviewAction.RETURN
        term(f"{d}.review_action = '{action.value}'")
    wanted = int(query.flags) & int(ALL_FLAGS)
    if wanted:
        conditions, rowids = [], []
        if wanted & _STORED:
            kept = f"({d}.review_flags & {wanted & _STORED}) != 0"
            conditions.append(kept)
            rowids.append(f"SELECT d.rowid FROM dossiers AS d WHERE {d}.review_flags > 0 AND {kept}")
        if wanted & _LATE:
            moment("now", now)
            conditions.append(late_sql)
            rowids.append(f"SELECT d.rowid FROM dossiers AS d WHERE {late_sql}")
        if wanted & _SYNC_HELD:
            conditions.append(f"{d}.rowid IN ({_HELD_ROWIDS})")
            rowids.append(_HELD_ROWIDS)
        term("(" + " OR ".join(conditions) + ")", " UNION ".join(rowids))
    search = text_search(query.text)
    if not search.empty:
        where.search = search
        where.search_sql, on_row = _text_match(search, where, d, sealer)
        where.found = memo.get(search) if memo is not None else None
        if where.found is None:
            # Walking with "+", each candidate's row is read anyway: test the text on it.
            term(on_row if plus else f"d.rowid IN ({where.search_sql})", where.search_sql)
        else:
            where.params["found"] = where.found
            where.binds.append(bindparam("found", expanding=True))
            term(f"{d}.rowid IN :found", "SELECT rowid FROM dossiers WHERE rowid IN :found")
    return where


def _text_match(search: TextSearch, where: _Where, d: str, sealer: Sealer) -> tuple[str, str]:
    """The search text as a query of the rowids it finds, each part on its own narrow index,
    and as a condition on a row of ``d``.

    Names and CCCDs are sealed: they are found through their blind terms (``dossier_terms``),
    a name by every typed word (each the beginning of one of its words), a CCCD by its
    leading digits. The parts of the query never overlap (a code holding the digits of a
    CCCD found is left to the CCCD part), so they are joined with UNION ALL: counted as they
    are, and streamed, so a LIMIT stops early. Codes are upper case, so the text is put in
    their case first.
    """
    parts, on_row = [], []
    if search.name_part is not None:
        # The first word's dossiers, each kept when every other word's term is there too:
        # one primary-key probe per candidate and word, where INTERSECT would sort both sets.
        first, *others = sealer.name_search_terms(search.name_part)
        where.params["name_term0"] = first
        found = "SELECT t0.dossier_rowid FROM dossier_terms AS t0 WHERE t0.term = :name_term0"
        for k, term in enumerate(others, start=1):
            where.params[f"name_term{k}"] = term
            found += (f" AND EXISTS (SELECT 1 FROM dossier_terms AS t{k} WHERE t{k}.term = :name_term{k}"
                      f" AND t{k}.dossier_rowid = t0.dossier_rowid)")
        parts.append(found)
        on_row.append(f"{d}.rowid IN ({found})")
    cccd_found = "SELECT dossier_rowid FROM dossier_terms WHERE term = :cccd_term"
    if search.cccd_prefix is not None:
        parts.append(cccd_found)
        on_row.append(f"{d}.rowid IN ({cccd_found})")
        where.params["cccd_term"] = sealer.cccd_search_term(search.cccd_prefix)
    if search.code_part is not None:
        found = "SELECT rowid FROM dossiers WHERE instr(code, :code_part) > 0"
        if search.cccd_prefix is not None:
            found += f" AND rowid NOT IN ({cccd_found})"
        parts.append(found)
        on_row.append(f"instr({d}.code, :code_part) > 0")
        where.params["code_part"] = search.code_part.upper()
    return " UNION ALL ".join(parts), "(" + " OR ".join(on_row) + ")"


class SearchMemo:
    """The matches of the last search text (when fewer than ``SEARCH_MEMO_SIZE``), kept
    until the store's next write: the queue asks for the count, then at once for the first
    page and the next ones, and the text need not be matched again each time."""

    def __init__(self, generation: Callable[[], int]) -> None:
        self._generation = generation
        self._lock = threading.Lock()
        self._kept: tuple[int, TextSearch, list[int]] | None = None

    def started(self) -> int:
        return self._generation()

    def get(self, key: TextSearch) -> list[int] | None:
        with self._lock:
            kept = self._kept
        if kept is None or kept[0] != self._generation() or kept[1] != key:
            return None
        return kept[2]

    def keep(self, key: TextSearch, rowids: list[int], started: int) -> None:
        """Keep what a read that began at generation ``started`` found, unless a write came
        in between (its snapshot may then be older than the store)."""
        if self._generation() == started:
            with self._lock:
                self._kept = (started, key, list(rowids))


def count(session: Session, sealer: Sealer, query: QueueQuery, now: datetime, memo: SearchMemo | None = None) -> int:
    started = memo.started() if memo is not None else 0
    where = _where(query, sealer, now, memo)
    if not where.terms:
        return int(session.scalar(text("SELECT count(*) FROM dossiers")) or 0)
    if where.search_only:
        if where.found is not None:
            return len(where.found)
        found = where.run(session, f"{where.search_sql} LIMIT :kept", kept=SEARCH_MEMO_SIZE)
        if len(found) < SEARCH_MEMO_SIZE:
            if memo is not None and where.search is not None:
                memo.keep(where.search, found, started)
            return len(found)
    return int(where.run(session, f"SELECT count(*) FROM ({where.matches()})")[0])


def page(session: Session, sealer: Sealer, query: QueueQuery, offset: int, limit: int, now: datetime,
         memo: SearchMemo | None = None) -> list[QueueRow]:
    offset, limit = max(0, int(offset)), max(0, int(limit))
    if limit == 0:
        return []
    rowids = _page_rowids(session, sealer, query, offset, limit, now, memo)
    return _rows(session, sealer, rowids, now) if rowids else []


def _page_rowids(session: Session, sealer: Sealer, query: QueueQuery, offset: int, limit: int, now: datetime,
                 memo: SearchMemo | None) -> list[int]:
    """The rowids of one page, in order, reading no row but those it may need to sort."""
    started = memo.started() if memo is not None else 0
    columns = SORT_COLUMNS[query.sort]
    direction = "DESC" if query.descending else "ASC"
    keys = ", ".join(f"d.{c} {direction}" for c in (*columns, "rowid"))
    order = f"ORDER BY {keys} LIMIT :limit OFFSET :offset"
    window = {"limit": limit, "offset": offset}
    where = _where(query, sealer, now, memo)
    if not where.terms:
        # The sort column's own index gives the order; only the page's rows are touched.
        return list(session.scalars(text(f"SELECT d.rowid FROM dossiers AS d {order}"), window).all())
    in_queue_index = set(columns) <= set(QUEUE_INDEX_COLUMNS)
    scan_queue_index = f"SELECT d.rowid FROM dossiers AS d INDEXED BY {QUEUE_INDEX} WHERE {where.condition()} {order}"
    if in_queue_index and not where.searched:
        # One scan of the queue index tests every term and sorts (keeping at most offset +
        # limit entries); in received order it is walked from the right end and stops as soon
        # as the page is full.
        return where.run(session, scan_queue_index, **window)
    # Matching the search text, or collecting the matches of several terms to walk another
    # index against them, costs a scan: first see whether the matches are few.
    known = where.found if where.search_only else None
    if known is not None:
        few = known
    else:
        few = where.run(session, f"{where.matches()} LIMIT :few", few=FEW_MATCHES)
        if where.search_only and len(few) < FEW_MATCHES and memo is not None and where.search is not None:
            memo.keep(where.search, few, started)
    if len(few) < FEW_MATCHES:
        # Few: those are all the matches, and their rows are read for the sort value.
        # ("+" keeps the sort's index from driving: the few rowids do.)
        keys = ", ".join(f"+d.{c} {direction}" for c in columns)
        statement = text(f"SELECT d.rowid FROM dossiers AS d WHERE d.rowid IN :few "
                         f"ORDER BY {keys}, d.rowid {direction} LIMIT :limit OFFSET :offset")
        statement = statement.bindparams(bindparam("few", expanding=True))
        return list(session.scalars(statement, {"few": few, **window}).all())
    # Many. When so many match that the page fills after a few row reads, walk the sort
    # column's own index in order and read each entry's row to test it ("+" keeps the terms
    # off the indexes, so the sort's index drives). Otherwise collect the matches once and
    # test each entry of the queue index (when it holds the sort column) or of the sort's
    # index against them, reading no row.
    rows = int(session.scalar(text("SELECT max(rowid) FROM dossiers")) or 0)
    plenty = -(-(offset + limit) * rows // WALK_ROW_READS)
    if known is not None:
        matching = len(known)
    else:
        matching = where.run(session, f"SELECT count(*) FROM ({where.matches()} LIMIT :plenty)", plenty=plenty)[0]
    # A row read costs about what collecting four matches does: below ``plenty`` matches,
    # the walk still wins while it reads fewer rows than a quarter of the matches.
    reads = -(-(offset + limit) * rows // max(1, matching))
    walk = _where(query, sealer, now, memo, plus="+")
    if matching >= plenty or reads * 4 <= matching or known is not None:
        # (A search already matched is itself a test against its matches: no row read.)
        return walk.run(session, f"SELECT d.rowid FROM dossiers AS d WHERE {walk.condition()} {order}", **window)
    if in_queue_index:
        return where.run(session, scan_queue_index, **window)
    return where.run(session, f"SELECT d.rowid FROM dossiers AS d WHERE +d.rowid IN ({where.matches()}) {order}",
                     **window)


def _rows(session: Session, sealer: Sealer, rowids: list[int], now: datetime) -> list[QueueRow]:
    statement = text(
        f"SELECT {_ROW_COLUMNS}, "
        f"(SELECT o.state FROM outbox AS o WHERE o.client_id = d.client_id AND o.kind = '{DOSSIER}' "
        "ORDER BY o.id LIMIT 1) AS sync_state, "
        f"EXISTS (SELECT 1 FROM outbox AS o WHERE o.client_id = d.client_id AND +o.state = '{HELD}') AS held "
        "FROM dossiers AS d WHERE d.rowid IN :rowids"
    ).bindparams(bindparam("rowids", expanding=True)).columns(
        received_at=VnDateTime(), due_at=VnDateTime(), reviewed_at=VnDateTime(),
    )
    by_rowid = {row[0]: row for row in session.execute(statement, {"rowids": rowids})}
    rows = []
    for rowid in rowids:
        row = by_rowid.get(rowid)
        if row is None:
            continue  # gone between the two reads: the model asks for the page again
        (_, client_id, code, provisional, name, cccd, procedure_code, procedure_name, status, channel, officer, desk_id,
         received_at, due_at, review_flags, reviewed_flags, action, note, reviewed_by, reviewed_at, sync_state,
         held) = row
        flags = review_flags | (_SYNC_HELD if held else 0) | (_LATE if status in _OPEN_SET and due_at < now else 0)
        rows.append(QueueRow(
            client_id=client_id, code=code, code_provisional=bool(provisional),
            applicant_name=sealer.open_text(name, "dossiers.applicant_name") or "",
            applicant_cccd=sealer.open_text(cccd, "dossiers.applicant_cccd"), procedure_code=procedure_code, procedure_name=procedure_name, status=status,
            channel=channel, officer_username=officer, desk_id=desk_id, received_at=received_at, due_at=due_at,
            sync_state=sync_state or SENT, flags=flags, review_action=action, review_note=note,
            reviewed_by=reviewed_by, reviewed_at=reviewed_at, reviewed_flags=reviewed_flags,
        ))
    return rows


def facets(session: Session) -> QueueFacets:
    # One index walk each; a procedure's name is that of its most recently stored dossier.
    procedures = session.execute(text(
        "SELECT c.procedure_code, (SELECT n.procedure_name FROM dossiers AS n "
        "WHERE n.procedure_code = c.procedure_code ORDER BY n.rowid DESC LIMIT 1) "
        "FROM (SELECT DISTINCT procedure_code FROM dossiers) AS c"
    )).all()
    officers = session.scalars(text("SELECT DISTINCT officer_username FROM dossiers ORDER BY officer_username")).all()
    return QueueFacets(
        procedures=sorted(((code, name) for code, name in procedures), key=lambda p: (fold(p[1]), p[0])),
        officers=list(officers),
    )


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), VN_TZ)

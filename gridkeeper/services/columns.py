"""The engine's facts fetched as columns (see :mod:`gridkeeper.domain.standings`).

A handful of set-wise queries over narrow indexes: households in walking order, the
compositions of households with someone old enough for a derived category, manual
categories, each household's last counting visit per set of counting methods, and (for the
completion figures) the counting visits of a window. Each query comes back as ONE row: every
column joined into one string by the database (:func:`packed`), which numpy splits and
parses in C. A street's 450,000 visits then cost no Python object per value.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import Connection, Text, case, cast, func, or_, select, text

from gridkeeper.domain.enums import HouseholdStatus
from gridkeeper.domain.ordering import natural_key
from gridkeeper.domain.policy import WALK_UP_FLOOR
from gridkeeper.domain.standings import (
    ACTIVE,
    FAR_DAY,
    GONE,
    NO_DAY,
    SUSPENDED,
    Assignments,
    Households,
    Rules,
    Visits,
)
from gridkeeper.services.levels import grid_ranks
from gridkeeper.storage.chunks import IN_LIST_SIZE, in_ids
from gridkeeper.storage.models import (
    Building,
    Category,
    CategoryAssignment,
    Estate,
    Household,
    Resident,
    Visit,
)
from gridkeeper.storage.models.register import ACTIVE_RESIDENT

SEP = "\x1f"  # the unit separator: in no room number, date or number


def packed(conn: Connection, query: Any) -> list[str] | None:
    """Run ``query`` with each of its columns joined into one string, values separated by
    :data:`SEP` in the same row order for every column (one pass feeds all the aggregates);
    NULL comes back as an empty value. None when there are no rows."""
    sub = query.subquery()
    if conn.dialect.name == "postgresql":
        joined = [func.string_agg(func.coalesce(cast(c, Text), ""), SEP) for c in sub.c]
    else:
        joined = [func.group_concat(func.coalesce(c, ""), SEP) for c in sub.c]
    row = conn.execute(select(*joined)).one()
    return None if row[0] is None else list(row)


def ints(values: str | None) -> np.ndarray:
    if not values:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(values, dtype=np.int64, sep=SEP)  # type: ignore[no-any-return]


def days(values: str | None, missing: int = int(NO_DAY)) -> np.ndarray:
    """ISO dates as day numbers (empty values: ``missing``)."""
    if values is None:
        return np.zeros(0, dtype=np.int64)
    whole = _whole_dates(values)
    if whole is not None:
        return whole
    found = np.array(values.split(SEP), dtype="datetime64[D]")
    return np.where(np.isnat(found), missing, found.astype(np.int64))


def _whole_dates(values: str) -> np.ndarray | None:
    """Day numbers of ``values`` when every one is a whole ISO date (a year's visits: 600,000
    of them), read from the text's bytes instead of a Python string per date (40 MB for
    a street's year); None when some value is empty or not a date."""
    count = values.count(SEP) + 1
    if len(values) != count * 11 - 1:
        return None
    try:
        raw = np.frombuffer((values + SEP).encode("ascii"), dtype=np.uint8).reshape(count, 11)
        if not (raw[:, 10] == ord(SEP)).all():
            return None
        return raw[:, :10].copy().view("S10").ravel().astype("datetime64[D]").astype(np.int64)
    except (UnicodeEncodeError, ValueError):
        return None


NOT_FETCHED: Any = object()  # a statement's packed columns not fetched beforehand (None: no rows)


class ColumnLoader:
    """Fetch the engine's facts for every household in scope as columns."""

    def __init__(self, conn: Connection, rules: Rules, grid_ids: frozenset[int] | None) -> None:
        self.conn = conn
        self.rules = rules
        self.grid_ids = grid_ids
        self.ids: np.ndarray = np.zeros(0, dtype=np.int64)
        self._order: np.ndarray = np.zeros(0, dtype=np.int64)

    def _scope(self, column: Any) -> Any:
        """A condition keeping ``column`` (a household id) to the households loaded."""
        if self.grid_ids is None:
            return True
        if len(self.ids) <= IN_LIST_SIZE:
            return column.in_([int(i) for i in self.ids])
        return column.in_(select(Household.id).join(Building, Building.id == Household.building_id)
                          .where(Building.grid_id.in_(sorted(self.grid_ids))))

    def households(self, since: date, until: date, oldest_by: date) -> Households:
        """Households that may be due between ``since`` and ``until``, in walking order, with
        the compositions of those with an active resident born on or before ``oldest_by``
        (nobody else can have a derived category by then)."""
        conn = self.conn
        building_query = (select(Building.id, Building.grid_id, Estate.name, Building.number,
                                 Building.has_lift)
                          .join(Estate, Estate.id == Building.estate_id))
        if self.grid_ids is not None:  # one grid of a district: its own buildings only
            scope = sorted(self.grid_ids)
            building_query = building_query.where(in_ids(Building.grid_id, scope, conn.dialect.name))
        grids = grid_ranks(conn)  # communities in order, their grids within
        found = list(conn.execute(building_query).all())
        found.sort(key=lambda b: (grids[b[1]], b[1], natural_key(b[2]), natural_key(b[3]), b[0]))
        top = max((b[0] for b in found), default=0) + 1
        rank_of = np.zeros(top, dtype=np.int64)
        grid_of = np.zeros(top, dtype=np.int64)
        no_lift = np.zeros(top, dtype=bool)  # known to have none (unknown: no guess)
        for r, b in enumerate(found):
            rank_of[b[0]], grid_of[b[0]], no_lift[b[0]] = r, b[1], b[4] is False
        status = case((Household.status == HouseholdStatus.ACTIVE.value, ACTIVE),
                      (Household.status == HouseholdStatus.SUSPENDED.value, SUSPENDED), else_=GONE)
        query = (select(Household.id, Household.building_id, Household.unit, Household.floor,
                        Household.room, Household.registered_on, status, Household.status_since,
                        Household.status_until)
                 .where(Household.registered_on <= until,
                        or_(Household.status.in_((HouseholdStatus.ACTIVE, HouseholdStatus.SUSPENDED)),
                            Household.status_since > since)))
        if self.grid_ids is not None:
            query = query.where(Household.building_id.in_(
                [b[0] for b in found if b[1] in self.grid_ids]))
        columns = packed(conn, query) or [None] * 9
        ids, building = ints(columns[0]), ints(columns[1])
        rooms = np.array(columns[4].split(SEP)) if columns[4] is not None else np.zeros(0, dtype=str)
        # walking order: building, unit, floor, room (len first: "201" before "1201"), id
        order = np.lexsort((ids, rooms, np.char.str_len(rooms), ints(columns[3]), ints(columns[2]),
                            rank_of[building]))
        n = len(ids)
        self.ids = ids = ids[order]
        self._order = np.argsort(ids)
        households = Households(
            ids=ids, grid=grid_of[building[order]], registered=days(columns[5])[order],
            status=ints(columns[6])[order], since=days(columns[7])[order], until=days(columns[8])[order],
            residents=np.ones(n, dtype=np.int64), oldest=np.full(n, NO_DAY, dtype=np.int64),
            youngest=np.full(n, NO_DAY, dtype=np.int64), births_known=np.zeros(n, dtype=bool),
            walk_up=(no_lift[building] & (ints(columns[3]) >= WALK_UP_FLOOR))[order])
        if self.rules.catalogue.derived:
            self._compositions(households, oldest_by)
        return households

    def _row_of(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Row indexes of household ids (and which ids are loaded at all)."""
        if not len(self.ids):
            return np.zeros(len(ids), dtype=np.int64), np.zeros(len(ids), dtype=bool)
        at = np.minimum(np.searchsorted(self.ids, ids, sorter=self._order), len(self.ids) - 1)
        rows = self._order[at]
        return rows, self.ids[rows] == ids

    def _compositions(self, h: Households, oldest_by: date) -> None:
        """Active residents, oldest and youngest birth, and whether every birth is known."""
        # one pass over the covering partial index ix_resident_active, grouped as it is ordered
        query = (select(Resident.household_id, func.count(), func.min(Resident.birth_date),
                        func.max(Resident.birth_date), func.count(Resident.birth_date))
                 .where(text(ACTIVE_RESIDENT), self._scope(Resident.household_id))
                 .group_by(Resident.household_id)
                 .having(func.min(Resident.birth_date) <= oldest_by))
        columns = packed(self.conn, query)
        if columns is None:
            return
        count, known = ints(columns[1]), ints(columns[4])
        at, found = self._row_of(ints(columns[0]))
        at = at[found]
        h.residents[at] = count[found]
        h.oldest[at] = days(columns[2])[found]
        h.youngest[at] = days(columns[3])[found]
        h.births_known[at] = (known == count)[found]

    def assignments_query(self) -> Any:
        """The statement behind :meth:`assignments` (for every household in scope)."""
        index = {c.code: i for i, c in enumerate(self.rules.catalogue.categories)}
        category = case(*((Category.code == code, i) for code, i in index.items()), else_=-1)
        return (select(Resident.household_id, category, CategoryAssignment.valid_from,
                       CategoryAssignment.valid_to)
                .join(Resident, Resident.id == CategoryAssignment.resident_id)
                .join(Category, Category.id == CategoryAssignment.category_id)
                .where(text("resident." + ACTIVE_RESIDENT), Category.active.is_(True),
                       self._scope(Resident.household_id)))

    def assignments(self, columns: Any = NOT_FETCHED) -> Assignments:
        """Manual categories of active residents, as rows of the households loaded
        (``columns``: :meth:`assignments_query` already run through :func:`packed`)."""
        index = {c.code: i for i, c in enumerate(self.rules.catalogue.categories)}
        if columns is NOT_FETCHED:
            columns = packed(self.conn, self.assignments_query())
        if columns is None or not index:
            empty = np.zeros(0, dtype=np.int64)
            return Assignments(empty, empty, empty, empty)
        at, found = self._row_of(ints(columns[0]))
        found &= ints(columns[1]) >= 0
        return Assignments(at[found], ints(columns[1])[found], days(columns[2])[found],
                           days(columns[3], int(FAR_DAY))[found])

    def last_visit_queries(self, as_of: date) -> dict[frozenset[str], Any]:
        """The statements behind :meth:`last_visits` (for every household in scope)."""
        # the literal outcome condition of the partial index ix_visit_met
        return {methods: (select(Visit.household_id, func.max(Visit.visit_date))
                          .where(text("outcome = 'met'"), Visit.method.in_(sorted(methods)),
                                 Visit.visit_date <= as_of, self._scope(Visit.household_id))
                          .group_by(Visit.household_id))
                for methods in self.rules.method_sets if methods}

    def last_visits(self, as_of: date, columns: dict[frozenset[str], Any] | None = None
                    ) -> dict[frozenset[str], np.ndarray]:
        """Per set of counting methods the rules use: each household's last day with a met
        visit by one of them, up to ``as_of`` (NO_DAY: none); one grouped pass over the
        partial index ``ix_visit_met`` (``columns``: :meth:`last_visit_queries` already run
        through :func:`packed`)."""
        found = {}
        queries = self.last_visit_queries(as_of) if columns is None else {}
        for methods in self.rules.method_sets:
            last = np.full(len(self.ids), NO_DAY, dtype=np.int64)
            if methods and len(self.ids):
                fetched = columns[methods] if columns is not None else packed(self.conn, queries[methods])
                if fetched is not None:
                    at, ok = self._row_of(ints(fetched[0]))
                    last[at[ok]] = days(fetched[1])[ok]
            found[methods] = last
        return found

    def visits(self, since: date, until: date) -> Visits:
        """Met visits by a counting method from ``since`` to ``until``, as rows of the
        households loaded (the partial index ``ix_visit_met`` holds all three columns)."""
        methods = tuple(sorted(self.rules.catalogue.counting_methods))
        code = case(*((Visit.method == m, i) for i, m in enumerate(methods)), else_=-1)
        columns = packed(self.conn, (
            select(Visit.household_id, Visit.visit_date, code)
            .where(text("outcome = 'met'"), Visit.method.in_(methods), Visit.visit_date >= since,
                   Visit.visit_date <= until, self._scope(Visit.household_id)))) if methods else None
        if columns is None:
            empty = np.zeros(0, dtype=np.int64)
            return Visits(empty, empty, empty, methods)
        at, ok = self._row_of(ints(columns[0]))
        return Visits(at[ok], days(columns[1])[ok], ints(columns[2])[ok], methods)

    def codes(self) -> tuple[list[str], list[int | None]]:
        """Household code and assigned worker of each row loaded."""
        code: list[str] = [""] * len(self.ids)
        worker: list[int | None] = [None] * len(self.ids)
        columns = packed(self.conn, select(Household.id, Household.code, Household.worker_id)
                         .where(self._scope(Household.id)))
        if columns is not None:
            at, ok = self._row_of(ints(columns[0]))
            for row, good, c, w in zip(at.tolist(), ok.tolist(), columns[1].split(SEP),
                                       columns[2].split(SEP), strict=True):
                if good:
                    code[row], worker[row] = c, int(w) if w else None
        return code, worker

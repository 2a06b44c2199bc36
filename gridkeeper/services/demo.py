"""A synthetic demo community for trying the program, tests, screenshots and benchmarks.

Everything is made up: names drawn from a realistic surname spread, ID numbers with correct
check digits for ages that follow a city's age pyramid, buildings of 6-18 floors (the old
six-storey ones mostly without a lift), categories at the shares community offices report
(low-income 2-3 %, disabled ~5 %, 80+ ~4 %, special hardship ~0.3 %), tags (party members,
veterans, elderly unable to care for themselves), the standing team of each building and
stairwell (楼门长, 民情联络员, 社区民警, 志愿者, 党员), some households on the register since before
records began, and a year of visits with imperfect completion and needs in every state.

Teams, tags and lifts are drawn from a second random stream, so they change little else of a
seed's data.

The same seed and the same "today" give the same database. Rows are written set-wise with
Core inserts in one transaction: 100,000 households must not take minutes.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import random
from collections.abc import Callable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from gridkeeper.domain.enums import ContactRole, Period
from gridkeeper.domain.errors import PermissionDenied
from gridkeeper.domain.idnumber import CHECK_CHARS, WEIGHTS
from gridkeeper.domain.names import pinyin_forms
from gridkeeper.domain.needs import add_working_days
from gridkeeper.domain.periods import Span, span_of
from gridkeeper.domain.progress import Progress, no_progress
from gridkeeper.domain.roles import Actor, Permission
from gridkeeper.services import audit_trail
from gridkeeper.services import demo_data as data
from gridkeeper.services.collector import collector_paused
from gridkeeper.services.settings import SAMPLE_KEY, office_number
from gridkeeper.services.spot_checks import choose
from gridkeeper.storage.bulk import BulkInsert, indexes_rebuilt_after, rollback_journal
from gridkeeper.storage.database import Database
from gridkeeper.storage.ids import NextIds
from gridkeeper.storage.models import (
    Building,
    Category,
    CategoryAssignment,
    Community,
    Estate,
    Grid,
    Household,
    Need,
    NeedCategory,
    NeedEvent,
    Resident,
    SpotCheck,
    StairwellContact,
    Visit,
    VisitParticipant,
    Worker,
)

HOUSEHOLDS_PER_COMMUNITY = 3000
CHUNK = 5000
# parents before children, so foreign keys hold at every statement
_ORDER = (Community, Worker, Grid, Estate, Building, StairwellContact, Household, Resident,
          CategoryAssignment, Visit, VisitParticipant, Need, NeedEvent, SpotCheck)
# the tables a street fills with thousands of rows
_FILLED = ("worker", "stairwell_contact", "household", "resident", "category_assignment",
           "visit", "visit_participant", "need", "need_event")


@dataclass(frozen=True)
class DemoOptions:
    households: int = 2000
    seed: int = 1
    today: date = field(default_factory=date.today)


class _Weighted:
    """Draw from weighted choices fast (cumulative weights + bisect)."""

    def __init__(self, items: Sequence[tuple[Any, float]]) -> None:
        self.values = [v for v, _ in items]
        self.cumulative = list(itertools.accumulate(w for _, w in items))

    def draw(self, rng: random.Random) -> Any:
        return self.values[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


_SURNAMES = _Weighted(data.SURNAMES)
_AREAS = _Weighted(data.AREA_CODES)
# Household shapes: (share, list of member kinds); "E" elderly 60+, "A" adult, "C" child.
_SHAPES = _Weighted([
    (("E",), 7), (("E", "E"), 12), (("A",), 8), (("A", "A"), 15), (("A", "A", "C"), 28),
    (("A", "A", "C", "C"), 10), (("E", "A", "A", "C"), 9), (("E", "E", "A", "A", "C"), 6),
    (("A", "C"), 5),
])
# Elderly ages: 60-69 45 %, 70-79 35 %, 80-89 16 %, 90+ 4 % gives about 4 % of all residents 80+.
# (first age, how many ages) of each ten years
_ELDER_AGES = _Weighted([((60, 10), 45), ((70, 10), 35), ((80, 10), 16), ((90, 10), 4)])
_OLDEST = 100  # no one drawn is older
# the names and characters person_name draws from, with their length and its bit length
_OLD_NAMES = {gender: (names, len(names), len(names).bit_length())
              for gender, names in (("M", data.OLD_MALE), ("F", data.OLD_FEMALE))}
_GIVEN_CHARS = {gender: (pool, len(pool), len(pool).bit_length())
                for gender, pool in (("M", data.MALE_CHARS), ("F", data.FEMALE_CHARS))}
_RELATION_OF = {"E": "父母", "A": "配偶", "C": "子女"}


def _weighted(digits: str, weights: Sequence[int]) -> int:
    """The digits' part of an ID number's weighted sum (GB 11643)."""
    return sum(int(digit) * weight for digit, weight in zip(digits, weights, strict=True))


# an ID number's digits: area (6), birth date (8), sequence number (3)
_BORN_WEIGHTS = WEIGHTS[6:14]
_AREA_SUMS = {area: _weighted(area, WEIGHTS[:6]) for area in _AREAS.values}
_SEQUENCES = tuple(f"{seq:03d}" for seq in range(1000))
_SEQUENCE_SUMS = tuple(_weighted(digits, WEIGHTS[14:]) for digits in _SEQUENCES)
_PREFIXES = ("13", "15", "18", "17", "19", "16", "14")  # of mobile numbers
_DAYS = tuple(timedelta(days=n) for n in range(400))  # periods are at most six months
_VISIT_TIMES = tuple(tuple(time(h, m) for m in (0, 15, 30, 45)) for h in range(9, 18))
# the visit log form's fields a met visit may fill (see _Builder.form_fields)
_FORM_COLUMNS = ("met_with", "check_health", "difficulties", "actions_taken", "action_result",
                 "follow_up_plan", "follow_up_on")
_NO_FORM = (None,) * len(_FORM_COLUMNS)
_NOTES, _MET_WITH = len(data.VISIT_NOTES), len(data.MET_WITH)
_NOTE_BITS, _MET_WITH_BITS = _NOTES.bit_length(), _MET_WITH.bit_length()
# the columns of the biggest tables' rows, in the order add_visit and add_household fill them
_VISIT_COLUMNS = ("household_id", "visit_date", "visit_time", "method", "outcome", "notes",
                  "check_safety", "recorded_by", *_FORM_COLUMNS)
_PARTICIPANT_COLUMNS = ("visit_id", "worker_id", "name", "duty")
_HOUSEHOLD_COLUMNS = ("community_id", "code", "building_id", "unit", "floor", "room",
                      "registered_on", "before_records", "phone", "worker_id", "status",
                      "status_since", "status_until", "notes")
_RESIDENT_COLUMNS = ("household_id", "name", "name_pinyin", "name_initials", "gender",
                     "id_number", "birth_date", "phone", "relation", "is_head", "status")


class DemoService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def generate(self, options: DemoOptions, progress: Progress = no_progress) -> dict[str, int]:
        """Add a demo street (or one community for small N) to the database; return counts."""
        self.actor.require(Permission.EDIT_REGISTER)
        if self.actor.community_id is not None:
            # a demo adds communities of its own to the street: not one community's to do
            self.actor.note_refusal("demo: street office accounts only")
            raise PermissionDenied(user=self.actor.username, action="生成演示社区（仅限街道账户）",
                                   action_en="build demo communities (street office accounts only)")
        # a new register is written through the rollback journal: a crash still leaves it
        # empty, and its pages go into the file once
        journal = rollback_journal(self.db.engine) if self._new_register() else nullcontext()
        with collector_paused(), journal, self.db.transaction() as session:
            builder = _Builder(session, options, progress)
            summary = builder.build()
            audit_trail.record(session, self.actor, "demo",
                         detail=f"seed={options.seed} households={options.households} "
                                f"today={options.today.isoformat()}")
        return summary

    def _new_register(self) -> bool:
        with self.db.reading() as session:
            return session.scalar(select(Household.id).limit(1)) is None


class _Builder:
    def __init__(self, session: Session, options: DemoOptions, progress: Progress) -> None:
        self.s = session
        self.o = options
        self.rng = random.Random(options.seed)
        # how needs were handled is drawn from its own stream: the register and the visits
        # of a seed stay what they were before needs had handlers, dispatch and callbacks
        self.handling_rng = random.Random(options.seed * 7919 + 1)
        # teams, tags and lifts: a stream of their own, so the main one draws as it always did
        self.extra = random.Random(f"{options.seed}-teams")
        # the visit log form's fields come from a stream of their own: adding them did not
        # change any other demo data of a seed
        self.forms = random.Random(f"{options.seed}-forms")
        self.progress = progress
        self.ids = NextIds(session)
        self.today = options.today
        self.history_start = options.today - timedelta(days=365)
        self.rows: dict[type, list[dict[str, Any]]] = {}
        self.used_ids: set[str] = set(
            n for n in session.scalars(select(Resident.id_number)) if n
        )
        self.born_digits: dict[date, tuple[str, int]] = {}  # see id_number
        # every name's pinyin forms: a street has more different names than pinyin_forms keeps
        self.pinyin: dict[str, tuple[str, str]] = {}
        # the days a birth date can be: today - age * 365 - (0..364) days
        self.days_ago = [options.today - timedelta(days=n) for n in range(_OLDEST * 365)]
        self.categories = {c.code: c for c in session.scalars(select(Category))}
        self.need_categories = list(session.scalars(select(NeedCategory).order_by(NeedCategory.id)))
        self.existing_communities = set(session.scalars(select(Community.name)))
        self.need_seq = self._need_base()
        self.community_id = 0
        self.worker_name: dict[int, str] = {}
        self.worker_duty: dict[int, str] = {}
        self.worker_names: set[tuple[int, str]] = {
            (community, name)
            for community, name in session.execute(select(Worker.community_id, Worker.name))}
        self.counts: dict[str, int] = {}
        # the biggest tables' rows waiting to be written, as tuples (see add_row), and their ids
        self.tuples: dict[type, tuple[tuple[str, ...], list[tuple[Any, ...]]]] = {
            model: (columns, []) for model, columns in (
                (Household, _HOUSEHOLD_COLUMNS), (Resident, _RESIDENT_COLUMNS),
                (Visit, _VISIT_COLUMNS), (VisitParticipant, _PARTICIPANT_COLUMNS))}
        self.numbers: dict[type, Iterator[int]] = {model: self.ids.numbers(model)
                                                   for model in self.tuples}
        # a street's half a million visits and their teams are appended in add_visit itself,
        # without a call of add_row for each of their more than a million rows
        self.visit_rows, self.visit_ids = self.tuples[Visit][1], self.numbers[Visit]
        self.participant_rows = self.tuples[VisitParticipant][1]
        self.participant_ids = self.numbers[VisitParticipant]
        self.inserts: dict[tuple[type, tuple[str, ...]], BulkInsert] = {}
        # days, times and yes/no values go into the rows of visits, residents and households
        # as the driver takes them (on SQLite: text, 0 and 1), each distinct day turned once:
        # the rows then go to the driver as they are, not taken apart column by column and put
        # together again
        visits = self.tuple_insert(Visit, stored=("visit_date", "visit_time", "follow_up_on"))
        residents = self.tuple_insert(Resident, stored=("birth_date", "is_head"))
        self.tuple_insert(Household, stored=("registered_on", "before_records", "status_since",
                                             "status_until"))
        self.stored_days = _Stored(visits.stored_form("visit_date"))  # any date column's form
        self.visit_times = tuple(tuple(map(visits.stored_form("visit_time"), hour))
                                 for hour in _VISIT_TIMES)
        self.flags = tuple(map(residents.stored_form("is_head"), (False, True)))  # by a bool
        self.stairwell: dict[int, list[int]] = {}  # a community's buildings: unit 1's households
        self.communities: list[int] = []  # the ones this demo adds
        # per community the social workers who supervise (抽查回访, 点评): the first two, so one
        # of them is never on the team of the visit they check
        self.supervisors: dict[int, list[int]] = {}
        # what supervisors did (spot checks, reviews): a stream of its own, drawn last
        self.supervision = random.Random(f"{options.seed}-supervision")
        # the met visits of the months supervisors look back on, kept as they are drawn
        # (visit id, day, community, team): reading them back from the written street cost
        # more than a second of a 100,000-household one
        self.supervised_months = _supervised_months(self.today, self.history_start)
        self.supervised_from = (self.supervised_months[-1].start if self.supervised_months
                                else date.max)
        self.met_lately: list[tuple[int, date, int, tuple[int, ...]]] = []

    # ------------------------------------------------------------------ plumbing
    def add(self, model: type, **values: Any) -> int:
        if "id" not in values:
            values["id"] = self.ids.take(model)
        rows = self.rows.get(model)
        if rows is None:
            rows = self.rows[model] = []
        rows.append(values)
        if len(rows) >= CHUNK:
            self.flush(model)
        return values["id"]  # type: ignore[no-any-return]

    def add_row(self, model: type, values: tuple[Any, ...]) -> int:
        """A row of the street's biggest tables (households, residents, visits and their teams)
        as a tuple in the order of the model's columns in ``self.tuples``, its id first and left
        out of ``values``: no dictionary per row. A model is added either this way or by
        :meth:`add`, never both."""
        row_id = next(self.numbers[model])
        rows = self.tuples[model][1]
        rows.append((row_id, *values))
        if len(rows) >= CHUNK:
            self.flush(model)
        return row_id

    def tuple_insert(self, model: type, stored: tuple[str, ...]) -> BulkInsert:
        """The insert of a model added by :meth:`add_row`, with the columns whose values its
        rows hold as the driver takes them."""
        keys = ("id", *self.tuples[model][0])
        insert = self.inserts[(model, keys)] = BulkInsert(self.s.connection(),
                                                          model.__table__,  # type: ignore[attr-defined]
                                                          keys, stored=stored)
        return insert

    def _waiting(self, model: type) -> bool:
        return bool(self.rows.get(model) or (model in self.tuples and self.tuples[model][1]))

    def flush(self, *models: type) -> None:
        for model in _ORDER:
            if (models and model not in models) or not self._waiting(model):
                continue
            if models:
                for parent in _ORDER[: _ORDER.index(model)]:
                    if self._waiting(parent):
                        self.flush(parent)
            if model in self.tuples:
                # the list stays the same object: add_visit holds on to it
                keys, waiting = self.tuples[model]
                keys = ("id", *keys)
                rows = waiting.copy()
                waiting.clear()
            else:
                batch = self.rows.pop(model)
                # the columns any row of the batch names (None where a row leaves one out);
                # the others get their defaults, as Core's insert of the same rows gives them
                keys = tuple(sorted(set().union(*batch)))
                rows = [tuple(map(row.get, keys)) for row in batch]
            table = model.__table__  # type: ignore[attr-defined]
            self.counts[table.name] = self.counts.get(table.name, 0) + len(rows)
            insert = self.inserts.get((model, keys))
            if insert is None:
                insert = self.inserts[(model, keys)] = BulkInsert(self.s.connection(), table, keys)
            insert.rows(rows)

    def _need_base(self) -> int:
        return int(self.s.scalar(select(func.count()).select_from(Need)) or 0)

    # ------------------------------------------------------------------ people
    # Where the draws below read rng._randbelow(n), the code means rng.choice(seq),
    # rng.randrange(a, b) or rng.randint(a, b): those methods are exactly a + _randbelow(n),
    # so a seed gives the same street, without three layers of calls for each of the some six
    # million numbers a street draws. In the hottest places (visits, phone numbers) even the
    # call of _randbelow is spelt out as CPython's _randbelow_with_getrandbits draws: bits of
    # n.bit_length() until a number below n (tests/services/test_demo_draws.py checks it).
    def person_name(self, gender: str, elderly: bool, surname: str | None = None) -> str:
        rng = self.rng
        random_, bits = rng.random, rng.getrandbits
        surname = surname or _SURNAMES.draw(rng)
        if elderly and random_() < 0.6:
            names, n, k = _OLD_NAMES[gender]
            drawn = bits(k)  # below(n), as in add_visit
            while drawn >= n:
                drawn = bits(k)
            return surname + names[drawn]
        pool, n, k = _GIVEN_CHARS[gender]
        drawn = bits(k)
        while drawn >= n:
            drawn = bits(k)
        given = pool[drawn]
        if random_() < 0.65:
            drawn = bits(k)
            while drawn >= n:
                drawn = bits(k)
            given += pool[drawn]
        return surname + given

    def id_number(self, born: date, gender: str) -> str:
        area = _AREAS.draw(self.rng)
        born_digits = self.born_digits.get(born)
        if born_digits is None:
            digits = f"{born.year:04d}{born.month:02d}{born.day:02d}"
            born_digits = self.born_digits[born] = (digits, _weighted(digits, _BORN_WEIGHTS))
        stem = area + born_digits[0]
        # the check character of GB 11643, as check_char works it out: the digits' weighted sum
        # taken part by part (area, birth date, sequence number), each part's worked out once
        stem_sum = _AREA_SUMS[area] + born_digits[1]
        bits = self.rng.getrandbits
        male = gender == "M"
        while True:
            seq = bits(10)  # below(1000), as in add_visit
            while seq >= 1000:
                seq = bits(10)
            if (seq % 2 == 1) != male:
                seq = (seq + 1) % 1000
            number = stem + _SEQUENCES[seq] + CHECK_CHARS[(stem_sum + _SEQUENCE_SUMS[seq]) % 11]
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def birth_date(self, kind: str, anchor_age: int | None = None) -> date:
        rng = self.rng
        bits = rng.getrandbits
        # below(n) for each n spelt out as in add_visit (with k = n.bit_length())
        if kind == "E":
            low, n = _ELDER_AGES.draw(rng)
            k = n.bit_length()
            drawn = bits(k)
            while drawn >= n:
                drawn = bits(k)
            age = low + drawn
        elif kind == "A":
            if anchor_age:
                drawn = bits(4)  # below(9)
                while drawn >= 9:
                    drawn = bits(4)
                age = anchor_age - 4 + drawn
            else:
                drawn = bits(6)  # below(38)
                while drawn >= 38:
                    drawn = bits(6)
                age = 22 + drawn
            age = max(18, min(59, age))
        else:
            age = bits(5)  # below(22)
            while age >= 22:
                age = bits(5)
        day = bits(9)  # below(365)
        while day >= 365:
            day = bits(9)
        return self.days_ago[age * 365 + day]

    def mobile(self) -> str:
        # below(7), below(7) or below(10), below(10**8) spelt out as in add_visit
        bits = self.rng.getrandbits
        drawn = bits(3)
        while drawn >= 7:
            drawn = bits(3)
        prefix = _PREFIXES[drawn]
        if prefix == "13":
            digit = bits(3)
            while digit >= 7:
                digit = bits(3)
            digit += 3
        else:
            digit = bits(4)
            while digit >= 10:
                digit = bits(4)
        rest = bits(27)
        while rest >= 10**8:
            rest = bits(27)
        return f"{prefix}{digit}{rest:08d}"

    # ------------------------------------------------------------------ build
    def build(self) -> dict[str, int]:
        total = self.o.households
        n_communities = max(1, -(-total // HOUSEHOLDS_PER_COMMUNITY))
        names = [n for n in data.COMMUNITIES if n + "社区" not in self.existing_communities]
        street = "示范街道"
        self.community_order = int(self.s.scalar(select(func.count()).select_from(Community)) or 0)
        present = int(self.s.scalar(select(func.count()).select_from(Household)) or 0)
        # into a register no bigger than the street added, the indexes are built once at the
        # end rather than updated row by row (a third of the time); into a bigger one, rebuilding
        # them over its rows would cost more than it saves
        rebuilt = _FILLED if total >= present else ()
        with indexes_rebuilt_after(self.s.connection(), rebuilt):
            self._communities(total, n_communities, names, street)
            self.flush()
            self.progress(0.95, "建立索引 / indexing")
        # supervision reads the visits back, so it comes after they are written and indexed
        self.add_supervision()
        self.progress(1.0, "")
        return {
            "communities": self.counts.get("community", 0),
            "grids": self.counts.get("grid", 0),
            "buildings": self.counts.get("building", 0),
            "households": self.counts.get("household", 0),
            "residents": self.counts.get("resident", 0),
            "visits": self.counts.get("visit", 0),
            "needs": self.counts.get("need", 0),
        }

    def _communities(self, total: int, n_communities: int, names: list[str], street: str) -> None:
        made = 0
        for index in range(n_communities):
            quota = total // n_communities + (1 if index < total % n_communities else 0)
            base = names[index % len(names)] if names else "演示"
            suffix = "" if index < len(names) else str(index // max(1, len(names)) + 1)
            community_name = f"{base}社区{suffix}"
            self.build_community(index, community_name, street, quota,
                                 prefix=(base if n_communities > 1 else ""))
            made += quota
            self.progress(0.05 + 0.85 * made / max(1, total), f"{community_name} {made}/{total}")

    def build_community(self, index: int, name: str, street: str, quota: int, prefix: str) -> None:
        community_id = self.add(Community, name=name, street=street,
                                sort_order=self.community_order + index + 1)
        self.community_id = community_id
        self.communities.append(community_id)
        staff = [self.add_worker(community_id, "社工") for _ in range(3 + quota // 1500)]
        self.supervisors[community_id] = staff[:2]
        police = self.add_worker(community_id, "民警")
        estates = self.rng.sample(data.ESTATES, k=min(len(data.ESTATES), 2 + quota // 1200))
        estate_ids = [self.add(Estate, community_id=community_id, name=e) for e in estates]
        remaining = quota
        grid_no = 0
        building_no = 0
        code_seq = 0
        grid_id: int | None = None
        grid_load = 0
        leader_id = 0
        while remaining > 0:
            estate_id = estate_ids[building_no % len(estate_ids)]
            building_no += 1
            floors = self.rng.choice((6, 6, 6, 7, 9, 11, 12, 14, 16, 18))
            units = self.rng.randint(2, 4)
            rooms = self.rng.randint(2, 4)
            flats = [(u, f, r) for u in range(1, units + 1) for f in range(1, floors + 1)
                     for r in range(1, rooms + 1)]
            occupied = [flat for flat in flats if self.rng.random() < 0.92][:remaining]
            if not occupied:
                continue
            # one grid per building, or per few small buildings (50-500 households a grid)
            if grid_id is None or grid_load >= 50 or len(occupied) >= 50:
                grid_no += 1
                leader_id = self.add_worker(community_id, "网格员")
                grid_id = self.add(Grid, community_id=community_id,
                                   name=f"{prefix}第{grid_no}网格", leader_id=leader_id,
                                   sort_order=grid_no)
                grid_load = 0
            # six storeys and fewer were built without lifts; a few have had one added (加装电梯)
            lift = floors > 6 or self.extra.random() < 0.1
            building_id = self.add(Building, estate_id=estate_id, grid_id=grid_id,
                                   number=str(building_no), floors=floors, units=units,
                                   rooms_per_floor=rooms, has_lift=lift)
            liaison = self.add_worker(community_id, "楼门长")
            self.add_contacts(community_id, building_id, units, liaison, police)
            team = (leader_id, liaison, police, self.rng.choice(staff))
            for unit, floor, door in occupied:
                code_seq += 1
                self.add_household(community_id, f"{index + 1:02d}{code_seq:05d}", building_id,
                                   unit, floor, f"{floor}{door:02d}", team)
            grid_load += len(occupied)
            remaining -= len(occupied)
        self.add_walk_in_needs(quota // 40, team)
        self.add_hot_spot(team)

    def add_hot_spot(self, team: tuple[int, int, int, int]) -> None:
        """未诉先办's case: one stairwell of the community's first building keeps calling
        about parking in the last three weeks (a hot spot on the dashboard and the roster)."""
        first = min(self.stairwell, default=None)
        households = self.stairwell.pop(first, []) if first is not None else []
        self.stairwell.clear()
        parking = next((c for c in self.need_categories if c.code == "parking"), None)
        if len(households) < 3 or parking is None:
            return
        for days in (17, 11, 6, 2):
            self.add_need(self.handling_rng.choice(households), self.today - timedelta(days=days),
                          None, team, category=parking, channel="hotline_12345",
                          rng=self.handling_rng)

    def add_walk_in_needs(self, count: int, team: tuple[int, int, int, int]) -> None:
        """Needs that came by the door, the phone or the 12345 hotline, not from a visit."""
        for _ in range(count):
            day = self.history_start + timedelta(days=self.rng.randrange(366))
            self.add_need(None, min(day, self.today), None, team)

    # ------------------------------------------------------------------ supervision
    def add_supervision(self) -> None:
        """The last two whole months as supervisors would have left them: every worker's spot
        checks drawn as gk.spot_checks draws them and mostly called (now and then a visit the
        resident says never happened, which then stops counting), and some visits reviewed.

        The visits looked at are this demo's met ones of those months (``met_lately``): the
        ones gk.spot_checks would read back, the teams who made them included."""
        rng = self.supervision
        months = self.supervised_months
        size = office_number(self.s, SAMPLE_KEY)
        disproved: set[int] = set()
        community: dict[int, int] = {}
        team: dict[int, tuple[int, ...]] = {}

        def supervisor(visit_id: int) -> str:
            """The name of the community's supervisor who was not on the visit's team."""
            return next(self.worker_name[w] for w in self.supervisors[community[visit_id]]
                        if w not in team[visit_id])

        for month in reversed(months):
            counted = []
            for visit_id, day, community_id, members in self.met_lately:
                if month.start <= day <= month.end:
                    counted += [(worker_id, visit_id) for worker_id in members]
                    community[visit_id] = community_id
                    team[visit_id] = members
            drawn_at = datetime.combine(month.end + timedelta(days=1), time(9))
            for worker_id, visit_id in choose(month.label, counted, size):
                called = month.end + timedelta(days=rng.randint(1, 6))
                call: dict[str, Any] = {}
                if called < self.today:
                    result = rng.choices(("confirmed", "unreachable", "not_confirmed"), (90, 7, 3))[0]
                    call = dict(result=result, called_at=datetime.combine(called, time(rng.randint(9, 17),
                                                                                         rng.randrange(60))),
                                called_by=supervisor(visit_id),
                                note=rng.choice(data.SPOT_CHECK_NOTES[result]) or None)
                    if result == "not_confirmed":
                        call["original_outcome"] = "met"
                        disproved.add(visit_id)
                self.add(SpotCheck, month=month.label, worker_id=worker_id, visit_id=visit_id,
                         drawn_at=drawn_at, drawn_by=supervisor(visit_id), **call)
        self.flush(SpotCheck)
        if disproved:
            visit = Visit.__table__
            self.s.connection().execute(
                update(visit).where(visit.c.id == bindparam("visit")).values(outcome="disproved"),
                [{"visit": v} for v in sorted(disproved)])
        if not months:
            return
        # 点评: a supervisor comments on about one visit in twenty, in the order they were made
        reviewed = []
        for visit_id, day, community_id, members in self.met_lately:
            if visit_id in disproved or rng.random() >= 0.05:
                continue
            on = day + timedelta(days=rng.randint(1, 7))
            if on < self.today:
                community[visit_id] = community_id
                team[visit_id] = members
                reviewed.append({"visit": visit_id, "comment": rng.choice(data.REVIEW_COMMENTS),
                                 "by": supervisor(visit_id),
                                 "at": datetime.combine(on, time(rng.randint(9, 17), rng.randrange(60)))})
        if reviewed:
            visit = Visit.__table__
            self.s.connection().execute(
                update(visit).where(visit.c.id == bindparam("visit")).values(
                    review_comment=bindparam("comment"), reviewed_by=bindparam("by"),
                    reviewed_at=bindparam("at")),
                reviewed)

    def add_worker(self, community_id: int, duty: str, rng: random.Random | None = None) -> int:
        rng = rng or self.rng
        main, self.rng = self.rng, rng  # names and phones from the stream asked for
        try:
            gender = rng.choice("MF")
            name = self.person_name(gender, elderly=duty == "楼门长")
            while (community_id, name) in self.worker_names:  # names are unique per community
                name = self.person_name(gender, elderly=False)
            phone = self.mobile()
        finally:
            self.rng = main
        self.worker_names.add((community_id, name))
        worker_id = self.add(Worker, community_id=community_id, name=name, duty=duty,
                             phone=phone, active=True)
        self.worker_name[worker_id] = name  # visit teams carry names, as typed-in ones do
        self.worker_duty[worker_id] = duty
        return worker_id

    def add_contacts(self, community_id: int, building_id: int, units: int, liaison: int,
                     police: int) -> None:
        """The standing team of a building (组团式服务): its liaison and police officer for
        the whole building, and per stairwell a 楼门长, often a volunteer, sometimes a party
        member."""
        rng = self.extra
        order = itertools.count()

        def contact(worker_id: int, role: ContactRole, unit: int | None) -> None:
            self.add(StairwellContact, building_id=building_id, unit=unit, worker_id=worker_id,
                     role=role.value, sort_order=next(order))

        contact(liaison, ContactRole.LIAISON, None)
        contact(police, ContactRole.POLICE, None)
        for unit in range(1, units + 1):
            contact(self.add_worker(community_id, "楼门长", rng), ContactRole.STAIRWELL_HEAD, unit)
            if rng.random() < 0.6:
                contact(self.add_worker(community_id, "志愿者", rng), ContactRole.VOLUNTEER, unit)
            if rng.random() < 0.3:
                contact(self.add_worker(community_id, "党员", rng), ContactRole.PARTY_MEMBER, unit)

    # ------------------------------------------------------------------ households
    def add_household(self, community_id: int, code: str, building_id: int, unit: int,
                      floor: int, room: str, team: tuple[int, int, int, int]) -> None:
        rng = self.rng
        random_, below = rng.random, rng._randbelow
        shape = _SHAPES.draw(rng)
        if random_() < 0.95:
            registered = date(2012, 1, 1) + timedelta(days=below(
                (self.history_start - date(2012, 1, 1)).days))
        else:  # newcomers of the last year: their first period is clipped
            registered = self.history_start + _DAYS[below(360)]
        status, since, until = "active", None, None
        roll = random_()
        if roll < 0.015:
            status, since = "moved_out", self.today - _DAYS[1 + below(299)]
        elif roll < 0.025:
            status, since = "deceased", self.today - _DAYS[1 + below(299)]
        elif roll < 0.03:
            status, until = "suspended", self.today + _DAYS[7 + below(113)]
        if since is not None and since < registered:
            since = registered
        # some households were on the register before the office's records began: their
        # 登记日期 is blank and visits are owed from the day GridKeeper took them in
        before_records = registered < self.history_start and self.extra.random() < 0.08
        stored = self.stored_days
        household_id = self.add_row(Household, (
            community_id, code, building_id, unit, floor, room,
            stored[self.history_start if before_records else registered],
            self.flags[before_records],
            self.mobile() if rng.random() < 0.5 else None, team[0], status, stored[since],
            stored[until], "子女在外地，每月回来一次" if rng.random() < 0.02 else None,
        ))
        if status == "active" and unit == 1:
            self.stairwell.setdefault(building_id, []).append(household_id)
        surname = _SURNAMES.draw(rng)
        births: list[date] = []
        codes: set[str] = set()
        bits = rng.getrandbits
        drawn = bits(2)  # below(2), as in add_visit
        while drawn >= 2:
            drawn = bits(2)
        head_gender = "MF"[drawn]
        head_age: int | None = None
        for position, kind in enumerate(shape):
            if position == 0:
                gender = head_gender
            elif position == 1 and shape[0] == kind and kind in "EA":
                gender = "F" if head_gender == "M" else "M"  # the spouse
            else:
                drawn = bits(2)
                while drawn >= 2:
                    drawn = bits(2)
                gender = "MF"[drawn]
            born = self.birth_date(kind, head_age)
            if position == 0:
                head_age = (self.today - born).days // 365
            own_surname = surname if (kind == "C" or position == 0 or random_() < 0.2) else None
            name = self.person_name(gender, elderly=kind == "E", surname=own_surname)
            relation = "户主" if position == 0 else (
                "配偶" if position == 1 and shape[0] == kind else _RELATION_OF[kind])
            forms = self.pinyin.get(name)
            if forms is None:
                forms = self.pinyin[name] = pinyin_forms(name)
            full, initials = forms
            resident_id = self.add_row(Resident, (
                household_id, name, full, initials, gender, self.id_number(born, gender),
                self.stored_days[born],
                self.mobile() if kind != "C" and rng.random() < 0.8 else None, relation,
                self.flags[position == 0], "deceased" if status == "deceased" else "active",
            ))
            births.append(born)
            codes |= self.assign_categories(resident_id, kind, position, shape, registered)
            self.assign_tags(resident_id, kind, born, registered)
        # moved-out and deceased households keep the record they had until then
        history_end = since if since is not None else self.today
        self.add_history(household_id, registered, history_end, self.rule_for(births, shape, codes),
                         team)

    def assign_categories(self, resident_id: int, kind: str, position: int,
                          shape: tuple[str, ...], registered: date) -> set[str]:
        """Give a resident manual categories at realistic shares; return their codes."""
        rng = self.rng
        codes: set[str] = set()

        def assign(code: str, **extra: Any) -> None:
            start = registered
            valid_to = None
            roll = rng.random()
            if roll < 0.15:  # gained during the year: the rule tightens mid-period
                start = max(registered, self.history_start + _DAYS[rng._randbelow(300)])
            elif roll < 0.22:  # lost during the year (income rose, moved to a care home ...)
                valid_to = self.history_start + _DAYS[30 + rng._randbelow(300)]
                if valid_to < start:  # registered after that day: never lost, still held
                    valid_to = None
            self.add(CategoryAssignment, resident_id=resident_id,
                     category_id=self.categories[code].id, valid_from=start, valid_to=valid_to,
                     **extra)
            codes.add(code)

        if position == 0:
            if rng.random() < 0.025:
                assign("low_income")
            elif rng.random() < 0.015:
                assign("low_income_marginal")
            if shape == ("E",) and rng.random() < 0.04:
                assign("special_hardship")
        disabled_share = 0.12 if kind == "E" else 0.035 if kind == "A" else 0.01
        if rng.random() < disabled_share:
            assign("disabled", disability_kind=rng.randint(1, 7), disability_grade=rng.randint(1, 4))
        return codes

    def assign_tags(self, resident_id: int, kind: str, born: date, registered: date) -> None:
        """Tags (no visit rule of their own) at plausible shares: party members, veterans,
        and among the very old some unable to care for themselves or with dementia."""
        rng = self.extra

        def tag(code: str) -> None:
            if code in self.categories:
                self.add(CategoryAssignment, resident_id=resident_id,
                         category_id=self.categories[code].id, valid_from=registered)

        if kind != "C" and rng.random() < 0.07:
            tag("party_member")
        if kind == "E" and rng.random() < 0.03:
            tag("veteran")
        if (self.today - born).days >= 80 * 365:
            if rng.random() < 0.12:
                tag("unable_self_care")
            elif rng.random() < 0.05:
                tag("dementia")

    # ------------------------------------------------------------------ history
    def rule_for(self, births: list[date], shape: tuple[str, ...], codes: set[str]
                 ) -> tuple[int, int]:
        """(visits, period months) of the household's strictest rule, roughly, for the history.

        The policy engine decides the real rule; the demo only needs histories that look like
        an office that mostly, but not always, keeps to it.
        """
        oldest = min(births)
        aged = (self.today - oldest).days // 365
        if "special_hardship" in codes:
            return 2, 1
        if aged >= 80 or all(k == "E" for k in shape):
            return 1, 1
        if codes & {"low_income", "low_income_marginal", "disabled"}:
            return 1, 3
        return 1, 6

    def add_history(self, household_id: int, registered: date, until: date,
                    rule: tuple[int, int], team: tuple[int, int, int, int]) -> None:
        rng = self.rng
        random_, below, bits = rng.random, rng._randbelow, rng.getrandbits
        add_visit = self.add_visit
        today = self.today
        visits, months = rule
        diligence = 0.78 + 0.2 * ((household_id * 7919) % 100) / 100  # some grids do better
        if registered < self.history_start and random_() < 0.97:
            # the office visited before the demo's year too: without this last visit every
            # household would look overdue since the day it was registered
            add_visit(household_id, self.history_start - _DAYS[1 + below(150)], "met", team)
        for start, end in _periods(self.history_start, until, months):
            begin = max(start, registered)
            last = min(end, until)
            if begin > last:
                continue
            span = (last - begin).days + 1
            span_bits = span.bit_length()
            for _ in range(visits):
                if random_() > diligence and end <= today:
                    continue  # a missed visit: the period ends short
                if end > today and random_() < 0.5:
                    continue  # the current period is not over yet
                drawn = bits(span_bits)  # below(span), as in add_visit
                while drawn >= span:
                    drawn = bits(span_bits)
                day = begin + _DAYS[drawn]
                if random_() < 0.12:  # an attempt first: nobody home, or refused
                    add_visit(household_id, day, "absent" if random_() < 0.85 else "refused",
                              team)
                    day = min(last, day + _DAYS[1 + below(5)])
                add_visit(household_id, day, "met", team)

    def add_visit(self, household_id: int, day: date, outcome: str,
                  team: tuple[int, int, int, int]) -> None:
        rng = self.rng
        random_, below, bits = rng.random, rng._randbelow, rng.getrandbits
        method = "home" if random_() < 0.85 else ("door", "phone", "door")[below(3)]
        met = outcome == "met"
        # below(9), below(4) and the note's below(n) spelt out as _randbelow draws them (bits of
        # n.bit_length() until a number below n): half a million visits draw them, and the
        # method call costs three times the draw
        hour = bits(4)
        while hour >= 9:
            hour = bits(4)
        quarter = bits(3)
        while quarter >= 4:
            quarter = bits(3)
        if met:
            note = bits(_NOTE_BITS)
            while note >= _NOTES:
                note = bits(_NOTE_BITS)
            visit = (data.VISIT_NOTES[note], "水电气正常" if random_() < 0.6 else None,
                     self.worker_name[team[0]],  # the grid worker types in their own visits
                     *self.form_fields(day))
        else:
            visit = ("敲门无人应答", None, self.worker_name[team[0]], *_NO_FORM)
        visit_id = next(self.visit_ids)
        visits = self.visit_rows
        visits.append((visit_id, household_id, self.stored_days[day], self.visit_times[hour][quarter],
                       method, outcome, *visit))
        if len(visits) >= CHUNK:
            self.flush(Visit)
        worker = team[0]
        participants = self.participant_rows
        participants.append((next(self.participant_ids), visit_id, worker,
                             self.worker_name[worker], self.worker_duty[worker]))
        if random_() < 0.3:
            helper = team[1 + below(3)]
            participants.append((next(self.participant_ids), visit_id, helper,
                                 self.worker_name[helper], self.worker_duty[helper]))
            if met and day >= self.supervised_from:
                self.met_lately.append((visit_id, day, self.community_id, (worker, helper)))
        elif met and day >= self.supervised_from:
            self.met_lately.append((visit_id, day, self.community_id, (worker,)))
        if len(participants) >= CHUNK:
            self.flush(VisitParticipant)
        if met and random_() < 0.04:
            self.add_need(household_id, day, visit_id, team)

    def form_fields(self, day: date) -> tuple[Any, ...]:
        """What the visit log form asks beyond the notes (in _FORM_COLUMNS order): who was met,
        and now and then a difficulty with what was done about it and the follow-up planned."""
        forms = self.forms
        random_, below, bits = forms.random, forms._randbelow, forms.getrandbits
        drawn = bits(_MET_WITH_BITS)  # below(len(MET_WITH)), as in add_visit
        while drawn >= _MET_WITH:
            drawn = bits(_MET_WITH_BITS)
        met_with = data.MET_WITH[drawn]
        health = data.HEALTH_CHECKS[below(len(data.HEALTH_CHECKS))] if random_() < 0.25 else None
        if random_() < 0.08:
            difficulty, action, result, plan = data.DIFFICULTIES[below(len(data.DIFFICULTIES))]
            return (met_with, health, difficulty, action, result, plan,
                    self.stored_days[day + _DAYS[(7, 14, 30)[below(3)]]])
        return (met_with, health, None, None, None, None, None)

    def add_need(self, household_id: int | None, day: date, visit_id: int | None,
                 team: tuple[int, int, int, int], category: Any = None,
                 channel: str | None = None, rng: random.Random | None = None) -> None:
        rng = rng or self.rng
        drawn = rng.choice(self.need_categories)
        category = category or drawn
        received = datetime.combine(day, time(rng.randint(8, 17), rng.randrange(60)))
        age_days = (self.today - day).days
        deadline = day + timedelta(days=rng.choice((3, 7, 15, 30)))
        status = "open"
        responded = resolved = closed = None
        satisfaction = resolution = reason = None
        if age_days > 2 or rng.random() < 0.5:
            responded = received + timedelta(hours=rng.choice((2, 5, 20, 30, 60)))
            status = "in_progress"
            if age_days > 10 and rng.random() < 0.85:
                if rng.random() < 0.06:
                    status, reason = "rejected", "不属于社区职责范围，已告知居民向物业反映"
                else:
                    resolved = received + timedelta(days=rng.randint(1, 40))
                    status, resolution = "resolved", "已协调相关部门处理完毕"
                    if age_days > 20 and rng.random() < 0.8:
                        closed = resolved + timedelta(days=rng.randint(1, 5))
                        status = "closed"
                        satisfaction = rng.choices(
                            ("satisfied", "basically_satisfied", "unsatisfied"), (70, 22, 8))[0]
        if responded and responded.date() > self.today:
            responded = None
            status = "open"
        for moment in (resolved, closed):
            if moment and moment.date() > self.today:
                resolved = closed = satisfaction = resolution = None
                status = "in_progress" if responded else "open"
                break
        self.need_seq += 1
        channel = channel or ("visit" if visit_id else rng.choice(
            ("walk_in", "phone", "hotline_12345", "referred")))
        address = None if household_id else f"{rng.choice(data.ESTATES)}附近"
        if status in ("in_progress", "resolved") and age_days > 60 \
                and self.handling_rng.random() < 0.97:
            # an old need is rarely still open: most were seen through and called back
            resolved = resolved or received + timedelta(days=self.handling_rng.randint(2, 20))
            closed = resolved + timedelta(days=self.handling_rng.randint(1, 4))
            status, resolution = "closed", resolution or "已协调相关部门处理完毕"
            satisfaction = self.handling_rng.choices(
                ("satisfied", "basically_satisfied", "unsatisfied"), (72, 22, 6))[0]
        handling = self.handle_need(status, received, responded, resolved, closed, satisfaction)
        values = dict(
            community_id=self.community_id, number=f"SQ{day.year}-{self.need_seq:06d}",
            household_id=household_id, channel=channel, address=address,
            category_id=category.id, description=rng.choice(data.NEED_TEXTS[category.code]),
            received_at=received, deadline=deadline, handler_id=team[0],
            responded_at=responded, resolution=resolution, rejected_reason=reason,
            visit_id=visit_id,
            ticket_no=f"{day:%y%m%d}{self.need_seq:06d}" if channel == "hotline_12345" else None)
        values.update(handling["need"])  # how it went: status, times, callback, reopening
        need_id = self.add(Need, **values)
        handler = self.worker_name.get(team[0])
        for at, kind, party, text, rating in handling["history"]:
            self.add(NeedEvent, need_id=need_id, at=at, kind=kind, actor="demo",
                     party=party if party != "handler" else handler, text=text or (
                         reason if kind == "rejected" else resolution if kind == "resolved" else None),
                     rating=rating)

    def handle_need(self, status: str, received: datetime, responded: datetime | None,
                    resolved: datetime | None, closed: datetime | None,
                    satisfaction: str | None) -> dict[str, Any]:
        """How a need went as the 接诉即办 way records it (drawn from its own stream): sent on to
        a department now and then, escalated rarely, called back once resolved, reopened when
        the resident was not satisfied; and its history."""
        rng = self.handling_rng
        need: dict[str, Any] = {"status": status, "resolved_at": resolved, "closed_at": closed,
                                "satisfaction": satisfaction, "reopened": 0}
        history: list[tuple[datetime, str, str | None, str | None, str | None]] = [
            (received, "received", None, None, None), (received, "assigned", "handler", None, None)]
        if responded is not None:
            history.append((responded, "started", None, None, None))
        # what the community could not solve alone: sent on (more of what is still open)
        if responded is not None and status in ("in_progress", "resolved", "closed") \
                and rng.random() < (0.35 if status == "in_progress" else 0.12):
            department = rng.choice(data.DEPARTMENTS)
            sent = responded + timedelta(hours=rng.randint(1, 30))
            if sent <= (resolved or datetime.combine(self.today, time(18))):
                history.append((sent, "sent_on", department, None, None))
                if status == "in_progress" and rng.random() < 0.6:
                    need.update(status="sent_on", sent_to=department)
                elif rng.random() < 0.3 or status == "in_progress":
                    history.append((sent + timedelta(days=1), "returned", department,
                                    rng.choice(data.RETURN_REASONS), None))
        if responded is not None and need["status"] in ("in_progress", "sent_on") and rng.random() < 0.05:
            at = responded + timedelta(days=1)
            need.update(escalated_at=at, escalation_reason=rng.choice(data.ESCALATIONS))
            history.append((at, "escalated", None, need["escalation_reason"], None))
        if resolved is not None:
            history.append((resolved, "resolved", None, None, None))
            if status == "resolved":
                need["callback_due"] = add_working_days(resolved.date(), 2)
        if closed is not None:
            need["called_back_at"] = closed
            history.append((closed, "called_back", None, None, satisfaction))
            if satisfaction == "unsatisfied":  # 不满意 reopens: back to the handler
                need.update(status="in_progress", closed_at=None, resolved_at=None, reopened=1)
                history.append((closed, "reopened", None, None, None))
                again = closed + timedelta(days=rng.randint(2, 10))
                settled = 0.97 if again.date() < self.today - timedelta(days=30) else 0.7
                if again.date() < self.today - timedelta(days=3) and rng.random() < settled:
                    # handled again, and this time the resident was content
                    back = again + timedelta(days=rng.randint(1, 3))
                    rating = rng.choice(("satisfied", "basically_satisfied"))
                    need.update(status="closed", resolved_at=again, closed_at=back,
                                called_back_at=back, satisfaction=rating,
                                resolution="再次协调，问题已解决")
                    history += [(again, "resolved", None, "再次协调，问题已解决", None),
                                (back, "called_back", None, None, rating)]
        if status == "rejected":
            history.append(((responded or received) + timedelta(days=1), "rejected", None, None, None))
        return {"need": need, "history": history}


class _Stored(dict[date | None, Any]):
    """Days as the driver takes them (None as None), each turned once when first asked for."""

    def __init__(self, form: Callable[[date | None], Any]) -> None:
        super().__init__()
        self.form = form

    def __missing__(self, day: date | None) -> Any:
        stored = self[day] = self.form(day)
        return stored


def _supervised_months(today: date, history_start: date) -> list[Span]:
    """The last two whole months before today's, latest first, those within the history."""
    months = []
    month = span_of(Period.MONTH, today)
    for _ in range(2):
        month = span_of(Period.MONTH, month.start - timedelta(days=1))
        if month.start >= history_start:
            months.append(month)
    return months


@functools.lru_cache(maxsize=4096)
def _periods(start: date, end: date, months: int) -> tuple[tuple[date, date], ...]:
    """Calendar periods of ``months`` months (1, 3, 6) overlapping start..end (most of a
    street's households ask for the same few)."""
    periods = []
    first_month = ((start.month - 1) // months) * months + 1
    current = date(start.year, first_month, 1)
    while current <= end:
        month = current.month - 1 + months
        following = date(current.year + month // 12, month % 12 + 1, 1)
        periods.append((current, following - timedelta(days=1)))
        current = following
    return tuple(periods)

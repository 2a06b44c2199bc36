"""Drafts of a household and its residents as a user or an import gives them, and their checks.

The editor, the importer and the demo all go through :func:`check_household`, so a rule
about what a valid household is lives in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from gridkeeper.domain.enums import Gender, HouseholdStatus, ResidentStatus
from gridkeeper.domain.errors import ValidationError
from gridkeeper.domain.i18n import T
from gridkeeper.domain.idnumber import parse_id_number
from gridkeeper.domain.phone import normalise_phone
from gridkeeper.domain.text import clean

HEAD = "户主"


@dataclass(frozen=True)
class AssignmentDraft:
    """A manual category held from ``valid_from`` to ``valid_to`` (inclusive, None = open)."""

    category: str  # code
    valid_from: date
    valid_to: date | None = None
    disability_kind: int | None = None
    disability_grade: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class ResidentDraft:
    name: str
    id_number: str | None = None
    gender: str | None = None  # "M" / "F"; derived from the ID number when missing
    birth_date: date | None = None  # derived from the ID number when missing
    phone: str | None = None
    relation: str = HEAD
    is_head: bool = False
    status: str = ResidentStatus.ACTIVE
    categories: tuple[AssignmentDraft, ...] = ()
    id: int | None = None
    version: int | None = None
    # a masked view's birth (RegisterService.view): the year only, birth_date None, since the
    # masked digits of the ID number are the birth date (idnumber.shown_birth)
    birth_year: int | None = None


@dataclass(frozen=True)
class HouseholdDraft:
    """A household as edited; ``id``/``version`` are set when editing an existing one."""

    code: str
    grid: str
    estate: str
    building: str
    unit: int
    floor: int
    room: str
    # 登记日期; None: on the register before records began (visits of any date count, none
    # are owed before the day GridKeeper took the household in)
    registered_on: date | None = None
    phone: str | None = None
    notes: str | None = None
    worker: str | None = None
    community: str | None = None  # 社区, by name; None: the grid's (or the register's first)
    status: str = HouseholdStatus.ACTIVE
    status_until: date | None = None
    status_since: date | None = None
    residents: tuple[ResidentDraft, ...] = field(default_factory=tuple)
    id: int | None = None
    version: int | None = None


# the fields' names in messages (made once: a register import checks them 300,000 times)
_NAME, _RELATION, _BIRTH, _GENDER = T("姓名", "name"), T("与户主关系", "relation"), \
    T("出生日期", "birth date"), T("性别", "gender")
_ADDRESS_LABELS = {"code": T("户编号", "household code"), "grid": T("网格", "grid"),
                   "estate": T("小区", "estate"), "building": T("楼号", "building"),
                   "room": T("门牌号", "room")}
_UNIT, _FLOOR = T("单元", "unit"), T("楼层", "floor")
_NOTES, _WORKER, _COMMUNITY = T("备注", "notes"), T("责任人", "worker"), T("社区", "community")


def _missing(name: T, value: object = "") -> ValidationError:
    return ValidationError(name, value, T("不能为空", "is required"))


def check_resident(draft: ResidentDraft) -> ResidentDraft:
    """Normalise a resident: trim, validate ID and phone, derive birth date and gender."""
    name = clean(draft.name, _NAME, "name")
    if not name:
        raise _missing(_NAME)
    number, birth, gender = None, draft.birth_date, draft.gender
    if draft.id_number and str(draft.id_number).strip():
        facts = parse_id_number(draft.id_number)
        number = facts.number
        if birth is not None and birth != facts.birth_date:
            raise ValidationError(
                _BIRTH, birth.isoformat(),
                T(f"与身份证号中的{facts.birth_date.isoformat()}不一致",
                  f"differs from {facts.birth_date.isoformat()} in the ID number"),
            )
        if gender is not None and gender != facts.gender:
            raise ValidationError(
                _GENDER, Gender(gender).label,
                T("与身份证号不一致", "differs from the ID number"),
            )
        birth, gender = facts.birth_date, facts.gender
    if gender is not None and gender not in (Gender.MALE, Gender.FEMALE):
        raise ValidationError(_GENDER, gender, T("应为男或女", "must be M or F"))
    _check_categories(draft)
    phone = normalise_phone(draft.phone)
    relation = clean(draft.relation, _RELATION, "relation") or HEAD
    if (name, number, birth, gender, phone, relation) == (
            draft.name, draft.id_number, draft.birth_date, draft.gender, draft.phone, draft.relation):
        return draft  # already in its checked form
    return replace(draft, name=name, id_number=number, birth_date=birth, gender=gender,
                   phone=phone, relation=relation)


def _check_categories(draft: ResidentDraft) -> ResidentDraft:
    """The resident's categories: none ends before it starts, disability kind and grade in
    their ranges."""
    for a in draft.categories:
        if a.valid_to is not None and a.valid_to < a.valid_from:
            raise ValidationError(
                T("类别有效期", "category validity"), f"{a.valid_from} ~ {a.valid_to}",
                T("结束日期早于开始日期", "ends before it starts"),
            )
        if a.disability_kind is not None and not 1 <= a.disability_kind <= 7:
            raise ValidationError(T("残疾类别", "disability kind"), a.disability_kind,
                                  T("应为1-7", "must be 1-7"))
        if a.disability_grade is not None and not 1 <= a.disability_grade <= 4:
            raise ValidationError(T("残疾等级", "disability grade"), a.disability_grade,
                                  T("应为1-4", "must be 1-4"))
    return draft


def check_household(draft: HouseholdDraft, today: date | None = None, *,
                    checked_residents: int = 0) -> HouseholdDraft:
    """Normalise and validate a household and its residents, or raise ValidationError.

    The head is the resident marked as head, else the one whose relation is 户主, else
    the first; there is exactly one. ``checked_residents``: how many residents, from the
    first, have been through :func:`check_resident` already (an importer checks each row as
    it reads it, to name the row and column of a problem): of those only the categories are
    checked again.
    """
    today = today or date.today()
    cleaned = {}
    for key, label in _ADDRESS_LABELS.items():
        # no control characters, not longer than the field
        text = clean(getattr(draft, key), label, key)
        if not text:
            raise _missing(label)
        cleaned[key] = text
    for value, label in ((draft.unit, _UNIT), (draft.floor, _FLOOR)):
        if not isinstance(value, int) or value < -5 or value > 200 or value == 0:
            raise ValidationError(label, value, T("应为非零整数", "must be a whole number, not 0"))
    status = HouseholdStatus(draft.status)
    if status is HouseholdStatus.SUSPENDED and draft.status_until is None:
        raise _missing(T("暂停截止日期", "suspended-until date"))
    registered = draft.registered_on
    if registered is not None and registered > today:
        raise ValidationError(T("登记日期", "registered-on date"), registered.isoformat(),
                              T("不能晚于今天", "cannot be in the future"))
    residents = [_check_categories(r) if i < checked_residents else check_resident(r)
                 for i, r in enumerate(draft.residents)]
    if not residents:
        raise ValidationError(T("住户成员", "residents"), cleaned["code"],
                              T("至少需要一名成员", "at least one resident is needed"))
    heads = [i for i, r in enumerate(residents) if r.is_head]
    if len(heads) > 1:
        raise ValidationError(T("户主", "head of household"),
                              "、".join(residents[i].name for i in heads),
                              T("每户只能有一名户主", "a household has exactly one head"))
    if not heads:
        by_relation = [i for i, r in enumerate(residents) if r.relation == HEAD]
        heads = [by_relation[0] if by_relation else 0]
    residents = [r if r.is_head == (i == heads[0]) else replace(r, is_head=(i == heads[0]))
                 for i, r in enumerate(residents)]
    numbers = [r.id_number for r in residents if r.id_number]
    dupes = {n for n in numbers if numbers.count(n) > 1}
    if dupes:
        raise ValidationError(T("身份证号", "ID number"), next(iter(dupes)),
                              T("同一户中重复", "appears twice in this household"))
    return replace(
        draft, code=cleaned["code"], grid=cleaned["grid"], estate=cleaned["estate"],
        building=cleaned["building"], room=cleaned["room"], registered_on=registered,
        phone=normalise_phone(draft.phone),
        notes=clean(draft.notes, _NOTES, "notes", multiline=True) or None,
        worker=clean(draft.worker, _WORKER, "worker") or None,
        community=clean(draft.community, _COMMUNITY, 100) or None,
        residents=tuple(residents),
    )

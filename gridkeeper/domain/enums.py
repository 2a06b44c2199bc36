"""The closed vocabularies of the field, stored by their English code.

Each member has a Chinese and an English label (``.label``) for screens and printouts.
Codes are stable: they appear in CSV exports and in the database.
"""

from __future__ import annotations

from enum import StrEnum

from gridkeeper.domain.i18n import T

_label_tables: dict[type, dict[str, T]] = {}  # each vocabulary's labels, made once


class Labelled(StrEnum):
    """A string enum whose members carry a bilingual label."""

    @property
    def label(self) -> T:
        vocabulary = type(self)
        labels = _label_tables.get(vocabulary)
        if labels is None:  # made once: a printed roster asks for thousands of labels
            labels = _label_tables[vocabulary] = vocabulary._labels()
        return labels[self.value]

    @classmethod
    def _labels(cls) -> dict[str, T]:
        raise NotImplementedError

    @classmethod
    def parse(cls, text: str) -> Labelled:
        """Accept a code, a Chinese label or an English label."""
        key = str(text).strip()
        for member in cls:
            lab = member.label
            if key.lower() in (member.value, lab.en.lower()) or key == lab.zh:
                return member
        raise ValueError(key)


class HouseholdStatus(Labelled):
    ACTIVE = "active"
    MOVED_OUT = "moved_out"
    DECEASED = "deceased"
    SUSPENDED = "suspended"

    @classmethod
    def _labels(cls) -> dict[str, T]:
        return {"active": T("在册", "active"), "moved_out": T("迁出", "moved out"),
                "deceased": T("已故", "deceased"), "suspended": T("暂停", "suspended")}


class ResidentStatus(Labelled):
    ACTIVE = "active"
    MOVED_OUT = "moved_out"
    DECEASED = "deceased"

    @classmethod
    def _labels(cls) -> dict[str, T]:
        return {"active": T("在册", "active"), "moved_out": T("迁出", "moved out"),
                "deceased": T("已故", "deceased")}


class Gender(Labelled):
    MALE = "M"
    FEMALE = "F"

    @classmethod
    def _labels(cls) -> dict[str, T]:
        return {"M": T("男", "male"), "F": T("女", "female")}


class Period(Labelled):
    """Calendar periods a visit rule counts in."""

    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"

    @classmethod
    def _labels(cls) -> dict[str, T]:
        return {"week": T("周", "week"), "month": T("月", "month"),
                "quarter": T("季度", "quarter"), "half_year": T("半年", "half-year"),
                "year": T("年", "year")}


class CategoryKind(Labelled):
    """How a household comes to have a category."""

    UNIVERSAL = "universal"  # every active household (一般户)
    MANUAL = "manual"  # assigned with valid-from / valid-to dates
    DERIVED = "derived"  # computed from birth dates and composition on the day

    @classmethod
    def _labels(cls) -> dict[str, T]:
        return {"universal": T("全体", "everyone"), "manual": T("人工认定", "manual"),
                "derived": T("自动推算", "derived")}


class VisitMethod(Labelled):
    HOME = "home"
    DOOR = "door"
    PHONE = "phone"
    VIDEO = "video"

    @classmethod
    def _labels(cls) -> dict[str, T]:
        return {"home": T("入户", "in the home"), "door": T("门口", "at the door"),
                "phone": T("电话", "phone"), "video": T("视频", "video")}


class VisitOutcome(Labelled):
    MET = "met"
    ABSENT = "absent"
    REFUSED = "refused"
    AWAY = "away"
    DECEASED = "deceased"
    # set only by a spot check (抽查回访) that found the visit did not take place: it stops
    # counting, since everything that counts asks for outcome "met"
    DISPROVED = "disproved"

    @classmethod
    def _labels(cls) -> dict[str, T]:
        return {"met": T("见面", "met"), "absent": T("未遇", "nobody home"),
                "refused": T("拒访", "refused"), "away": T("外出/住院", "away or in hospital"),
                "deceased": T("死亡", "found deceased"),
                "disproved": T("核实未走访", "found not to have happened")}

    @classmethod
    def entered(cls) -> tuple[VisitOutcome, ...]:
        """The outcomes a person types in or imports (a disproved visit comes from a spot check)."""
        return tuple(o for o in cls if o is not cls.DISPROVED)


class SpotCheckResult(Labelled):
    """What a supervisor's confirming call (抽查回访) found."""

    CONFIRMED = "confirmed"
    NOT_CONFIRMED = "not_confirmed"
    UNREACHABLE = "unreachable"

    @classmethod
    def _labels(cls) -> dict[str, T]:
        return {"confirmed": T("属实", "confirmed"),
                "not_confirmed": T("不属实", "not confirmed"),
                "unreachable": T("未接通", "unreachable")}


class NeedChannel(Labelled):
    VISIT = "visit"
    WALK_IN = "walk_in"
    PHONE = "phone"
    HOTLINE = "hotline_12345"
    REFERRED = "referred"

    @classmethod
    def _labels(cls) -> dict[str, T]:
        return {"visit": T("入户发现", "found on a visit"), "walk_in": T("来访", "walk-in"),
                "phone": T("来电", "phone"), "hotline_12345": T("12345热线", "12345 hotline"),
                "referred": T("部门转办", "referred by a department")}


class NeedStatus(Labelled):
    """Where a need is in its life; docs/three-rates.md draws the steps between them."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    SENT_ON = "sent_on"  # 派单: with a department or the street office
    RESOLVED = "resolved"  # waiting for the callback (回访)
    CLOSED = "closed"
    REJECTED = "rejected"

    @classmethod
    def _labels(cls) -> dict[str, T]:
        return {"open": T("待办", "open"), "in_progress": T("办理中", "in progress"),
                "sent_on": T("已派单", "sent on"), "resolved": T("已解决待回访", "resolved"),
                "closed": T("已办结", "closed"), "rejected": T("不予受理", "rejected")}


class NeedEventKind(Labelled):
    """The steps of a need's history (each audited as well)."""

    RECEIVED = "received"
    UPDATED = "updated"  # a hotline ticket imported again with new details
    LINKED = "linked"  # matched to a household by a person
    ASSIGNED = "assigned"  # 主办
    HELPER_ADDED = "helper_added"  # 协办
    HELPER_REMOVED = "helper_removed"
    STARTED = "started"  # 受理: the response
    SENT_ON = "sent_on"  # 派单
    RETURNED = "returned"  # 退回
    ESCALATED = "escalated"  # 吹哨
    NOTE = "note"  # 办理进展
    RESOLVED = "resolved"  # with the 处理结果
    CALLED_BACK = "called_back"  # 回访, with the rating
    CALLBACK_MOVED = "callback_moved"  # the 回访 day put off or brought forward, with the reason
    REOPENED = "reopened"  # 不满意
    REJECTED = "rejected"  # 不予受理

    @classmethod
    def _labels(cls) -> dict[str, T]:
        return {"received": T("受理登记", "received"), "updated": T("工单更新", "ticket updated"),
                "linked": T("关联住户", "household linked"), "assigned": T("分派主办", "assigned"),
                "helper_added": T("增加协办", "helper added"),
                "helper_removed": T("取消协办", "helper removed"),
                "started": T("响应受理", "responded"), "sent_on": T("派单", "sent on"),
                "returned": T("退回", "returned"), "escalated": T("吹哨", "escalated"),
                "note": T("办理进展", "progress note"), "resolved": T("办理完成", "resolved"),
                "called_back": T("回访", "callback"),
                "callback_moved": T("改期回访", "callback moved"), "reopened": T("重新办理", "reopened"),
                "rejected": T("不予受理", "rejected")}


class Satisfaction(Labelled):
    SATISFIED = "satisfied"
    BASICALLY = "basically_satisfied"
    UNSATISFIED = "unsatisfied"

    @classmethod
    def _labels(cls) -> dict[str, T]:
        return {"satisfied": T("满意", "satisfied"),
                "basically_satisfied": T("基本满意", "basically satisfied"),
                "unsatisfied": T("不满意", "unsatisfied")}


class ContactRole(Labelled):
    """The standing contacts of a building or stairwell (组团式服务), in the order they print."""

    STAIRWELL_HEAD = "stairwell_head"
    LIAISON = "liaison"
    POLICE = "police"
    VOLUNTEER = "volunteer"
    PARTY_MEMBER = "party_member"

    @classmethod
    def _labels(cls) -> dict[str, T]:
        return {"stairwell_head": T("楼门长", "stairwell head"),
                "liaison": T("民情联络员", "community liaison"),
                "police": T("社区民警", "community police officer"),
                "volunteer": T("志愿者", "volunteer"), "party_member": T("党员", "party member")}


class Role(Labelled):
    ADMIN = "admin"
    STAFF = "staff"
    GRID_LEADER = "grid_leader"
    SUPERVISOR = "supervisor"

    @classmethod
    def _labels(cls) -> dict[str, T]:
        return {"admin": T("管理员", "administrator"), "staff": T("社区工作者", "office staff"),
                "grid_leader": T("网格长", "grid leader"), "supervisor": T("督导", "supervisor")}

"""A household's history (户档案变动): the kinds of change the register records, and how each
line reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gridkeeper.domain.enums import HouseholdStatus, Labelled
from gridkeeper.domain.i18n import T


class HouseholdChange(Labelled):
    REGISTERED = "registered"  # 登记: the first line, from the household's registration date
    MOVED = "moved"  # 迁址: the household moved to another address
    JOINED = "joined"  # 迁入: a member came (new, or from another household of the register)
    LEFT = "left"  # 迁出: a member moved to another household or away
    DIED = "died"  # 去世
    RETURNED = "returned"  # 回迁: a member who had left, or was recorded dead, is back
    STATUS = "status"  # the household's status changed
    HANDOVER = "handover"  # another worker (责任人) took the household over

    @classmethod
    def _labels(cls) -> dict[str, T]:
        return {"registered": T("登记", "registered"), "moved": T("迁址", "moved"),
                "joined": T("迁入", "joined"), "left": T("迁出", "left"),
                "died": T("去世", "died"), "returned": T("回迁", "came back"),
                "status": T("状态变更", "status changed"), "handover": T("责任人变更", "handed over")}


@dataclass(frozen=True)
class HistoryLine:
    """One line of a household's history, as shown in its detail and printed."""

    day: date
    kind: HouseholdChange
    resident: str | None  # the member it is about
    before: str | None
    after: str | None
    other_household: str | None  # the code of the household a member came from or went to
    recorded_by: str | None

    @property
    def text(self) -> T:
        """The line in words: 张伟 迁入（来自 0100032）, 迁址：阳光小区 1-1-101 → 阳光小区 3-2-502 ..."""
        who = self.resident or ""
        other = self.other_household
        kind = self.kind
        if kind is HouseholdChange.REGISTERED:
            if self.before == "before_records":
                return T("记录开始前已在册", "on the register before records began")
            return T("登记入册", "registered")
        if kind is HouseholdChange.MOVED:
            return T(f"迁址：{self.before} → {self.after}", f"moved: {self.before} → {self.after}")
        if kind is HouseholdChange.JOINED:
            if other:
                return T(f"{who} 迁入（来自 {other}）", f"{who} moved in (from {other})")
            return T(f"新增成员 {who}", f"{who} joined")
        if kind is HouseholdChange.LEFT:
            if other:
                return T(f"{who} 迁出（迁往 {other}）", f"{who} moved out (to {other})")
            return T(f"{who} 迁出", f"{who} moved away")
        if kind is HouseholdChange.DIED:
            return T(f"{who} 去世", f"{who} died")
        if kind is HouseholdChange.RETURNED:
            if other:
                return T(f"{who} 重新登记（原在 {other}）", f"{who} registered again (was in {other})")
            return T(f"{who} 回到本户", f"{who} came back")
        if kind is HouseholdChange.STATUS:
            before, after = _status(self.before), _status(self.after)
            return T(f"户状态：{before.zh} → {after.zh}", f"status: {before.en} → {after.en}")
        before_name = self.before or "无"
        after_name = self.after or "无"
        return T(f"责任人：{before_name} → {after_name}",
                 f"worker: {self.before or 'none'} → {self.after or 'none'}")


def _status(code: str | None) -> T:
    try:
        return HouseholdStatus(code or "").label
    except ValueError:
        return T(code or "", code or "")

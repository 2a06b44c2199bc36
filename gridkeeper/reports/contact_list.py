"""The contact list of a campaign (联系名单): who to call or knock on for a storm, a heat wave
or the heating season, stairwell by stairwell, with the standing contacts of each stairwell
to ring first. Phones are masked unless the list was printed in full (needs permission)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from gridkeeper.domain.progress import Progress, no_progress
from gridkeeper.fonts import find_cjk_font
from gridkeeper.reports.layout import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE,
    WIDTH,
    data_tables,
    escape,
    running_header,
)
from gridkeeper.reports.pdf import Styles, register_font, write_pdf


@dataclass(frozen=True)
class ContactLine:
    """One household to reach."""

    code: str
    room: str
    floor: int
    head: str
    people: str  # the residents to ask after: 张秀英(86)、李强(88)
    categories: str  # 高龄、悬空老人 ...
    phones: str  # masked or full, as printed


@dataclass(frozen=True)
class Stairwell:
    """A stairwell of a building with its standing contacts and the households to reach."""

    place: str  # 阳光花园 3号楼 2单元
    grid: str
    contacts: str  # 楼门长 王秀英 139****1234；社区民警 ...
    lines: tuple[ContactLine, ...]


@dataclass(frozen=True)
class ContactList:
    name: str
    criteria: str  # what the list holds, in words
    day: date
    printed_at: datetime
    stairwells: tuple[Stairwell, ...]
    households: int


def render_contact_list(contact_list: ContactList, target: Path | str | BinaryIO, *,
                        font: str | None = None, unmasked: bool = False,
                        progress: Progress = no_progress) -> int:
    """Write the list as a portrait A4 PDF; return its pages."""
    font_name = register_font(find_cjk_font(font))
    styles = Styles(font_name)
    title = f"{contact_list.name} 联系名单"
    story: list[Flowable] = [
        Paragraph(escape(title), styles.title),
        Paragraph(escape(f"{contact_list.criteria} · {contact_list.households} 户 · "
                         f"{contact_list.day.isoformat()}"), styles.subtitle),
    ]
    if not contact_list.stairwells:
        story.append(Paragraph("没有符合条件的住户。", styles.body))
    widths = (34.0, 30.0, 56.0, 58.0, 150.0, 90.0, WIDTH - 34 - 30 - 56 - 58 - 150 - 90 - 40, 40.0)
    header = ("门牌", "楼层", "户编号", "户主", "成员", "类别", "电话", "已联系")
    for stairwell in contact_list.stairwells:
        heading: list[Flowable] = [
            Paragraph(escape(f"{stairwell.place}（{stairwell.grid}）"), styles.small_heading),
            Paragraph(escape(stairwell.contacts or "本单元未登记楼门长等联系人"), styles.muted),
            Spacer(1, 3),
        ]
        rows: Sequence[Sequence[object]] = [
            (line.room, str(line.floor), line.code, line.head, line.people, line.categories,
             line.phones, "") for line in stairwell.lines]
        tables = data_tables(styles, header, rows, widths, wrap=(3, 4, 5, 6))
        # a stairwell's heading stays with the start of its table
        story.append(KeepTogether([*heading, tables[0]]))
        story.extend(tables[1:])
        story.append(Spacer(1, 6))
    decorate = running_header(title, contact_list.criteria, contact_list.printed_at, unmasked)
    return write_pdf(target, story, pagesize=PAGE, margins=(MARGIN_X, MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM),
                     decorate=decorate, font=font_name, title=title, progress=progress)

"""The three documents rendered from plain data and checked with poppler's tools: pages,
text in the right order, the embedded CJK font, masking, progress and cancelling."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib import colors

from gridkeeper.domain.progress import Cancelled
from gridkeeper.reports.completion import (
    CompletionLine,
    CompletionReport,
    MissedHousehold,
    NeedRates,
    render_completion,
)
from gridkeeper.reports.pdf import INK, PrintOptions
from gridkeeper.reports.roster import (
    CategoryMark,
    GridBody,
    Reason,
    RosterLine,
    RosterSheet,
    _sections,
    render_rosters,
    render_rosters_per_grid,
)
from gridkeeper.reports.visitlog import (
    HouseholdCard,
    LogCategory,
    LogNeed,
    LogResident,
    LogVisit,
    VisitLog,
    render_visit_log,
)
from tests.reports import pdftools

SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
LOW_INCOME = CategoryMark("低保", "#388E3C")
ELDERLY = CategoryMark("高龄", "#7B1FA2")
PHONE = "13912345678"
ID_NUMBER = "11010519491231002X"


def head_name(grid: int, i: int) -> str:
    return f"{SURNAMES[(grid * 7 + i) % len(SURNAMES)]}{'伟芳娜敏静丽强磊军洋'[i % 10]}{grid}{i}"


def sheet(grid: int, households: int, *, units: int = 3, sizes: tuple[int, ...] = ()) -> RosterSheet:
    """A grid's roster of ``households`` in ``units`` stairwells of equal size (or of the
    given ``sizes``)."""
    per_unit = -(-households // units) if households else 1
    unit_of = [u for u, n in enumerate(sizes, 1) for _ in range(n)] if sizes else \
        [i // per_unit + 1 for i in range(households)]
    lines = tuple(
        RosterLine(
            household_id=grid * 1000 + i, code=f"G{grid}-{i:04d}", estate="阳光小区", building=str(grid),
            unit=unit_of[i], room=f"{(i % per_unit) // 4 + 1}{i % 4 + 1:02d}",
            head=head_name(grid, i), residents=1 + i % 5,
            categories=((LOW_INCOME,) if i % 3 == 0 else ()) + ((ELDERLY,) if i % 4 == 0 else ()),
            reason=(Reason.OVERDUE, Reason.DUE, Reason.PLANNED)[i % 3],
            reason_date=date(2026, 11, 1) if i % 3 < 2 else date(2026, 12, 31),
            last_visit=date(2026, 8, 1) if i % 5 else None, phone=PHONE, seq=i + 1)
        for i in range(len(unit_of) if sizes else households))
    return RosterSheet(community="阳光社区", grid=f"第{grid}网格", week="2026-W48",
                       week_start=date(2026, 11, 23), week_end=date(2026, 11, 29),
                       number=f"2026W48-{grid:03d}", printed_at=datetime(2026, 11, 22, 9, 30),
                       lines=lines, leader=f"网格长{grid}")


def grid_pages(texts: list[str], grid: int) -> list[int]:
    return [i for i, t in enumerate(texts) if f"网格：第{grid}网格" in t]


def test_roster_puts_each_grid_on_its_own_pages_in_walking_order(tmp_path: Path) -> None:
    sheets = [sheet(1, 70), sheet(2, 12)]
    target = tmp_path / "roster.pdf"
    pages = render_rosters(sheets, target)
    assert pdftools.pages(target) == pages >= 4
    texts = pdftools.page_texts(target)
    assert "走访花名册 目录" in texts[0]  # several grids: the index comes first
    one, two = grid_pages(texts, 1), grid_pages(texts, 2)
    assert one and two and one + two == list(range(1, len(texts)))
    assert "第1网格" not in texts[two[0]].replace("网格：第2网格", "")
    # every household once, in walking order, across page breaks
    full = "".join(texts[1:])
    positions = [full.find(line.head) for s in sheets for line in s.lines]
    assert -1 not in positions and positions == sorted(positions)
    for s in sheets:
        for line in s.lines:
            assert full.count(line.head) == 1


def test_an_all_grids_print_opens_with_an_index_of_grids_numbers_households_and_pages(
        tmp_path: Path) -> None:
    sheets = [sheet(1, 70), sheet(2, 12), sheet(3, 0)]
    target = tmp_path / "roster.pdf"
    render_rosters(sheets, target)
    texts = pdftools.page_texts(target)
    index = texts[0]
    assert "共 3 个网格、82 户" in index
    for s in sheets:
        pages = grid_pages(texts, int(s.grid[1]))
        row = re.search(rf"{s.grid}\s+网格长\d\s+{s.number}\s+(\d+)\s+(\d+)\s+(\d+)", index)
        assert row, s.grid
        assert (int(row[1]), int(row[2]), int(row[3])) == (len(s.lines), len(pages), pages[0] + 1)


def test_roster_pages_repeat_the_header_and_number_pages_per_grid(tmp_path: Path) -> None:
    target = tmp_path / "roster.pdf"
    render_rosters([sheet(1, 70), sheet(2, 12)], target)
    texts = pdftools.page_texts(target)[1:]
    for t in texts:
        assert "走访花名册" in t and "内部资料 注意保密" in t
        for title in ("序号", "地址 / 户编号", "户主 / 电话", "走访原因", "走访日期", "走访结果",
                      "走访方式", "走访人 / 同行", "情况记录", "诉求"):
            assert title in t, title
        for box in ("见面", "未遇", "拒访", "外出", "入户", "门口", "电话"):
            assert box in t, box
        assert "2026年第48周（2026-11-23 至 2026-11-29）" in t
    grid1 = [t for t in texts if "网格：第1网格" in t]
    assert "花名册编号：2026W48-001" in grid1[0] and "第1次打印" in grid1[0]
    numbers = [re.search(r"第\s*(\d+)\s*页\s*/\s*共\s*(\d+)\s*页", t) for t in texts]
    assert all(numbers)
    pairs = [(int(m[1]), int(m[2])) for m in numbers if m]
    assert pairs[0] == (1, len(grid1)) and pairs[len(grid1)] == (1, len(texts) - len(grid1))


def test_roster_shows_stairwells_reasons_deadlines_and_category_marks(tmp_path: Path) -> None:
    target = tmp_path / "roster.pdf"
    render_rosters([sheet(1, 30)], target)
    content = pdftools.text(target)
    assert "阳光小区 1号楼 1单元（10户）" in content
    assert "阳光小区 1号楼 3单元（10户）" in content
    assert "逾期 自2026-11-01" in content and "应访 2026-11-01前" in content
    assert "计划 · 2026-12-31前" in content  # a planned row shows its deadline too
    assert "低保" in content and "高龄" in content
    assert "从未走访" in content and "上次 2026-08-01" in content
    assert "G1-0007" in content  # the household code on every row


def test_every_word_on_the_roster_is_at_least_nine_points(tmp_path: Path) -> None:
    target = tmp_path / "roster.pdf"
    render_rosters([sheet(1, 40), sheet(2, 5)], target)
    heights = pdftools.word_heights(target)
    assert heights and min(heights) >= 9 * 0.99


def test_tags_stay_legible_on_a_black_and_white_copy() -> None:
    from gridkeeper.reports.roster import _tint
    from gridkeeper.services.catalogue import DEFAULT_CATEGORIES

    def grey(c: object) -> float:  # the grey a black-and-white printer makes of a colour
        value = 0.299 * c.red + 0.587 * c.green + 0.114 * c.blue  # type: ignore[attr-defined]
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    def contrast(a: float, b: float) -> float:  # as WCAG measures it; 7 is its highest grade
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)

    ink = grey(INK)
    for category in DEFAULT_CATEGORIES:
        assert contrast(grey(_tint(category.colour)), ink) >= 7, category.code
        # a full-strength fill behind dark text would fail: the test can tell
    assert contrast(grey(colors.HexColor("#7B1FA2")), ink) < 7


def test_a_long_stairwell_continues_on_the_next_page_under_its_heading(tmp_path: Path) -> None:
    target = tmp_path / "roster.pdf"
    render_rosters([sheet(1, 80, units=1)], target)
    texts = pdftools.page_texts(target)
    assert len(texts) >= 3
    assert all("1单元（80户）（续）" in t for t in texts[1:])


def test_each_grid_ends_with_the_closing_block_on_its_last_page(tmp_path: Path) -> None:
    target = tmp_path / "roster.pdf"
    render_rosters([sheet(1, 30), sheet(2, 3)], target)
    texts = pdftools.page_texts(target)[1:]
    for grid in (1, 2):
        pages = [t for t in texts if f"网格：第{grid}网格" in t]
        assert [("走访人签字" in t) for t in pages] == [False] * (len(pages) - 1) + [True]
        last = pages[-1]
        for words in ("见面 ______ 户", "未遇 ______ 户", "拒访 ______ 户", "外出 ______ 户",
                      "走访人签字（网格员本人签名）", "社区审核（社区书记或主任签名）", "日期"):
            assert words in last, words
    assert "本表共 30 户" in texts[-2] or "本表共 30 户" in "".join(texts)


def test_roster_is_one_body_per_grid_broken_only_between_rows() -> None:
    sections = _sections([sheet(1, 300, units=6)], "Helvetica")
    bodies = [part for _sheet, parts in sections for part in parts if isinstance(part, GridBody)]
    assert len(bodies) == 1 and [len(g.lines) for g in bodies[0].groups] == [50] * 6


def test_roster_masks_phones_unless_asked_and_embeds_the_cjk_font(tmp_path: Path) -> None:
    masked, full = tmp_path / "masked.pdf", tmp_path / "full.pdf"
    render_rosters([sheet(1, 10)], masked)
    render_rosters([sheet(1, 10)], full, PrintOptions(unmasked=True))
    pdftools.assert_masked(pdftools.text(masked))
    assert "139****5678" in pdftools.text(masked)
    assert PHONE in pdftools.text(full)
    pdftools.assert_cjk_font_embedded(masked)


def test_roster_reports_progress_and_cancelling_writes_nothing(tmp_path: Path) -> None:
    seen: list[float] = []
    render_rosters([sheet(1, 60)], tmp_path / "ok.pdf", progress=lambda f, t: seen.append(f))
    assert seen[-1] == 1.0 and seen == sorted(seen)

    def cancel(fraction: float, text: str) -> None:
        if fraction > 0.3:
            raise Cancelled()

    with pytest.raises(Cancelled):
        render_rosters([sheet(1, 60)], tmp_path / "cancelled.pdf", progress=cancel)
    assert not list(tmp_path.glob("cancelled.pdf*"))


def test_rosters_can_be_written_one_file_per_grid(tmp_path: Path) -> None:
    files = render_rosters_per_grid([sheet(1, 5), sheet(2, 5)], tmp_path / "out")
    assert [f.name for f in files] == ["走访花名册_2026W48-001_第1网格.pdf",
                                       "走访花名册_2026W48-002_第2网格.pdf"]
    assert "第2网格" in pdftools.text(files[1]) and "第1网格" not in pdftools.text(files[1])
    assert "目录" not in pdftools.text(files[0])


def test_an_empty_grid_still_gets_a_sheet_saying_so(tmp_path: Path) -> None:
    target = tmp_path / "empty.pdf"
    render_rosters([sheet(1, 0)], target)
    assert pdftools.pages(target) == 1
    assert "没有应访住户" in pdftools.text(target) and "走访人签字" in pdftools.text(target)


def card() -> HouseholdCard:
    need = LogNeed("XQ-0012", "房屋维修", "厨房顶棚漏水", "办理中", date(2026, 11, 3))
    return HouseholdCard(
        code="H0001", address="阳光小区 3号楼 2单元 1201", grid="第三网格", phone=PHONE, worker="王芳",
        status="在册",
        residents=(LogResident("张建国", "户主", "男", date(1949, 12, 31), ID_NUMBER, PHONE, "在册"),
                   LogResident("李秀英", "配偶", "女", date(1952, 5, 2), "440524188001010014", None, "在册")),
        categories=(LogCategory("高龄", "#7B1FA2", "", None, None, "自动推算"),
                    LogCategory("残疾", "#1976D2", "李秀英", date(2021, 1, 1), date(2026, 12, 31),
                                "肢体 二级")),
        visits=(LogVisit(date(2026, 11, 3), "入户", "见面", ("王芳（网格员）", "刘强（民警）"),
                         "老人身体尚可，厨房顶棚漏水。", (need,), time(9, 30)),
                LogVisit(date(2026, 11, 18), "电话", "未遇", ("王芳",), "电话无人接听")))


def test_household_card_lists_residents_categories_and_visits_masked(tmp_path: Path) -> None:
    log = VisitLog("阳光社区", "户 H0001", "2026-11", date(2026, 11, 1), date(2026, 11, 30),
                   datetime(2026, 11, 30, 17, 0), cards=(card(),))
    target = tmp_path / "card.pdf"
    render_visit_log(log, target)
    content = pdftools.text(target)
    for heading in ("民情日志", "家庭成员", "人员类别", "本期走访", "记录人", "审核人"):
        assert heading in content
    assert "110105********002X" in content and "139****5678" in content
    pdftools.assert_masked(content)
    assert content.index("张建国") < content.index("李秀英")
    assert content.index("2026-11-03") < content.index("2026-11-18")
    assert "XQ-0012" in content and "办理中" in content and "刘强（民警）" in content
    assert "2026-12-31" in content and "长期" in content
    pdftools.assert_cjk_font_embedded(target)


def test_household_card_shows_full_numbers_only_when_asked(tmp_path: Path) -> None:
    log = VisitLog("阳光社区", "户 H0001", "2026-11", date(2026, 11, 1), date(2026, 11, 30),
                   datetime(2026, 11, 30, 17, 0), cards=(card(),))
    target = tmp_path / "card.pdf"
    render_visit_log(log, target, PrintOptions(unmasked=True))
    content = pdftools.text(target)
    assert ID_NUMBER in content and PHONE in content and "含完整证件号码" in content


def test_grid_log_lists_visits_by_date_over_several_pages(tmp_path: Path) -> None:
    visits = tuple(
        LogVisit(date(2026, 11, 1 + i // 5), "入户", "见面" if i % 4 else "未遇", ("王芳",),
                 "情况良好。" * (1 + i % 6), household_code=f"H{i}", address=f"3-2-{i + 1}01",
                 head=head_name(3, i))
        for i in range(120))
    log = VisitLog("阳光社区", "第三网格", "2026-11", date(2026, 11, 1), date(2026, 11, 30),
                   datetime(2026, 11, 30, 17, 0), visits=visits)
    target = tmp_path / "grid.pdf"
    pages = render_visit_log(log, target)
    assert pdftools.pages(target) == pages > 1
    content = pdftools.text(target)
    assert "第三网格 走访记录（按日期）" in content and "本期走访 120 次" in content
    positions = [content.find(v.head) for v in visits]
    assert -1 not in positions and positions == sorted(positions)


@pytest.mark.parametrize("length", [900, 5000])  # 5000: the longest visit record taken
def test_a_visit_record_longer_than_a_page_prints_whole_in_the_grid_log_and_on_the_card(
        tmp_path: Path, length: int) -> None:
    # a row is never split across pages: one taller than a page used to stop the whole log.
    # The record is numbered in letters nothing else on the page uses, so what prints of it
    # reads back whole and in order around the pages' headers and footers.
    digits = "零壹贰叁肆伍陆柒捌玖"
    record = "".join(f"〔{''.join(digits[int(d)] for d in f'{i:04d}')}〕" for i in range(length // 6))
    long = LogVisit(date(2026, 11, 9), "入户", "见面", ("王芳",), record,
                    household_code="H0001", address="3-2-1201", head="张建国")
    visits = (*card().visits, long)
    for name, log in (
            ("grid", VisitLog("阳光社区", "第三网格", "2026-11", date(2026, 11, 1), date(2026, 11, 30),
                              datetime(2026, 11, 30, 17, 0), visits=visits)),
            ("card", VisitLog("阳光社区", "户 H0001", "2026-11", date(2026, 11, 1), date(2026, 11, 30),
                              datetime(2026, 11, 30, 17, 0), cards=(replace(card(), visits=visits),)))):
        target = tmp_path / f"{name}.pdf"
        render_visit_log(log, target)
        assert re.sub(f"[^{digits}〔〕]", "", pdftools.text(target)) == record, name
        assert pdftools.crowded_words(target) == [], name


def completion_report(missed: int = 40, by: str = "grid") -> CompletionReport:
    grids = tuple(CompletionLine(f"第{i}网格", 100 + i, 80 + i, 60 + i, households=90, community="阳光社区",
                                 standing="red" if i % 5 == 0 else "green") for i in range(1, 13))
    households = tuple(
        MissedHousehold(f"第{1 + i % 12}网格", f"H{i:04d}", f"阳光小区 {i % 12 + 1}号楼 1单元 {i + 1}01",
                        head_name(5, i), "高龄", date(2026, 3, 1) if i % 2 else None, i % 3)
        for i in sorted(range(missed), key=lambda i: (i % 12, i)))
    total = CompletionLine("合计", sum(g.required for g in grids), sum(g.done for g in grids),
                           sum(g.on_time for g in grids), standing="red")
    return CompletionReport("阳光社区", "2026Q3", date(2026, 7, 1), date(2026, 9, 30), "全部网格",
                            datetime(2026, 10, 8, 10, 0), by=by, lines=grids, total=total,
                            exceptions=tuple(g for g in grids if g.standing == "red"), missed=households,
                            missed_count=missed,
                            needs=NeedRates(received=50, responded_on_time=48, counted_for_resolution=45,
                                            resolved=42, resolved_on_time=40, called_back=30, satisfied=27))


def test_a_long_scope_and_community_name_stay_clear_of_the_print_time_and_the_middle(
        tmp_path: Path) -> None:
    # a grid leader of forty grids, a community's formal name: the running header and the
    # footer cut them rather than print over the print time and 内部资料 注意保密
    report = replace(completion_report(), community="北京市朝阳区幸福里街道幸福里社区居民委员会" * 2,
                     scope="、".join(f"幸福里第{i}网格" for i in range(1, 41)))
    target = tmp_path / "completion.pdf"
    render_completion(report, target)
    assert pdftools.crowded_words(target) == []
    assert all("打印时间：2026-10-08 10:00" in page for page in pdftools.page_texts(target))


def test_completion_report_has_tables_chart_missed_households_rates_and_signatures(tmp_path: Path) -> None:
    target = tmp_path / "completion.pdf"
    pages = render_completion(completion_report(), target)
    assert pdftools.pages(target) == pages >= 2
    content = pdftools.text(target)
    for heading in ("走访完成情况报告（按网格）", "一、未达标与预警的网格", "二、按网格统计",
                    "三、诉求办理“三率”", "五、未完成走访的住户（40 户）", "制表人", "审核人"):
        assert heading in content
    assert "统计期间 2026Q3（2026-07-01 至 2026-09-30）" in content
    assert "合计" in content
    assert "96.0%" in content and "88.9%" in content and "90.0%" in content  # the three rates
    assert "各网格完成率" in content
    table = content[content.index("二、按网格统计"):content.index("各网格完成率")]
    positions = [table.find(f"第{i}网格") for i in (1, 2, 3, 10, 11, 12)]
    assert positions == sorted(positions)
    missed = content[content.index("五、未完成走访"):]
    assert all(head_name(5, i) in missed for i in range(40))
    pdftools.assert_cjk_font_embedded(target)


def test_the_needs_section_shows_resolved_and_resolved_on_time_each_labelled(tmp_path: Path) -> None:
    """108 received, 94 resolved of which 28 by their deadline: both shown, named for what
    they count, with the definitions under the table."""
    report = replace(completion_report(), needs=NeedRates(
        received=108, responded_on_time=100, counted_for_resolution=108, resolved=94,
        resolved_on_time=28, called_back=60, satisfied=51))
    target = tmp_path / "completion.pdf"
    render_completion(report, target)
    content = " ".join(pdftools.text(target).split())
    assert "按期解决率（按期解决 / 受理，不含不予受理） 28 108 25.9%" in content
    assert "已解决（含超期解决 / 受理，不含不予受理） 94 108 87.0%" in content
    assert "满意率（满意与基本满意 / 已回访） 51 60 85.0%" in content
    assert "已解决或办结" not in content  # the old label that did not say what was counted
    assert "按期解决率：在办理时限当天或之前解决的诉求" in content


def test_completion_report_says_when_nobody_missed(tmp_path: Path) -> None:
    target = tmp_path / "completion.pdf"
    render_completion(completion_report(missed=0), target)
    assert "本期没有未完成走访的住户" in pdftools.text(target)


def test_completion_report_for_a_street_with_hundreds_of_grids(tmp_path: Path) -> None:
    grids = tuple(CompletionLine(f"第{i}网格", 100, 90, 80, community=f"第{1 + (i - 1) // 40}社区")
                  for i in range(1, 241))
    report = CompletionReport("全街道", "2026Q3", date(2026, 7, 1), date(2026, 9, 30), "全部网格",
                              datetime(2026, 10, 8, 10, 0), lines=grids,
                              total=CompletionLine("合计", 24000, 21600, 19200))
    target = tmp_path / "street.pdf"
    render_completion(report, target)
    content = pdftools.text(target)
    assert "第240网格" in content and "24000" in content  # the totals row after the last grid
    assert content.index("第240网格") < content.index("合计")


def test_printed_need_rates_equal_the_needs_screen(demo_gk) -> None:
    """The completion report and the needs board must never show different 三率."""
    from datetime import date

    from gridkeeper.domain.periods import span_of
    from gridkeeper.services import documents

    span = span_of("year", date(2026, 6, 1))
    with demo_gk.db.reading() as session:
        printed = documents.need_rates(session, demo_gk.actor, None, span)
    shown = demo_gk.needs.rates(span.start, span.end)
    assert printed.received == shown.received > 0
    assert (printed.responded_on_time, printed.counted_for_resolution, printed.resolved,
            printed.resolved_on_time, printed.called_back, printed.satisfied) == (
        shown.responded_on_time, shown.counted_for_resolution, shown.resolved,
        shown.resolved_on_time, shown.called_back, shown.satisfied)


def paginate(body: GridBody, first: float, page: float) -> list[GridBody]:
    """Place ``body`` as roster.paginate does (what fits on the page, split, the rest further
    on), with only ``first`` points of room on the first page."""
    pages: list[GridBody] = []
    avail = first
    while True:
        if body.height <= avail:
            return [*pages, body]
        parts = body.split(avail)
        if not parts:
            assert avail < page, "a fresh page must always take something"
            pages.append(GridBody([], None))  # this page stays empty
            avail = page
            continue
        assert parts[0].height <= avail
        pages.append(parts[0])  # type: ignore[arg-type]
        body = parts[1]  # type: ignore[assignment]
        avail = page


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(1, 30), min_size=1, max_size=8), st.floats(0.05, 1.0))
def test_no_page_ends_with_a_lone_row_and_the_closing_block_keeps_two_rows(
        sizes: list[int], room: float) -> None:
    from gridkeeper.reports.roster import MARGIN_BOTTOM, MARGIN_TOP, PAGE, Closing, stairwells

    page = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM
    grid = sheet(1, 0, sizes=tuple(sizes))
    body = GridBody(stairwells(grid, "Helvetica"), Closing(len(grid.lines)))
    pages = paginate(body, page * room, page)
    printed = [line.seq for part in pages for group in part.groups for line in group.lines]
    assert printed == list(range(1, sum(sizes) + 1))  # every row once, in order
    for part in pages:
        for group in part.groups:
            whole = sizes[group.lines[0].unit - 1]
            assert len(group.lines) >= min(2, whole)  # never one row of a stairwell alone
    assert pages[-1].closing is not None and all(p.closing is None for p in pages[:-1])
    assert sum(len(g.lines) for g in pages[-1].groups) >= min(2, sum(sizes))


def form_visit(day: int, **extra: object) -> LogVisit:
    values: dict[str, object] = dict(
        visit_date=date(2026, 11, day), method="入户", outcome="见面", team=("王芳（网格员）",),
        notes="老人独自在家，精神状态良好", met_with="户主张建国", recorded_by="王芳",
        checks=(("安全", "水电气正常"),), household_code="H0001", address="阳光小区 3号楼 2单元 1201",
        head="张建国")
    values.update(extra)
    return LogVisit(**values)  # type: ignore[arg-type]


# short texts: each fits one line of its column, so pdftotext gives it back whole
FULL_FORM = form_visit(
    3, difficulties="下楼取餐难", actions_taken="助餐送上门", action_result="每日送午餐",
    follow_up_plan="回访送餐", follow_up_on=date(2026, 11, 17), review_comment="记录完整",
    reviewed_by="赵督导", spot_check="属实",
    needs=(LogNeed("XQ-0012", "房屋维修", "顶棚漏水", "已办结", date(2026, 11, 3), "已修复"),))


@pytest.mark.parametrize("shape", ["card", "grid"])
def test_the_log_prints_every_field_of_the_paper_form(tmp_path: Path, shape: str) -> None:
    visits = (FULL_FORM, form_visit(9))
    log = VisitLog("阳光社区", "户 H0001" if shape == "card" else "第三网格", "2026-11", date(2026, 11, 1),
                   date(2026, 11, 30), datetime(2026, 11, 30, 17, 0),
                   cards=(replace(card(), visits=visits),) if shape == "card" else (),
                   visits=visits if shape == "grid" else ())
    target = tmp_path / "log.pdf"
    render_visit_log(log, target)
    content = " ".join(pdftools.text(target).split())
    for text in ("户主张建国", "王芳", "水电气正常", "下楼取餐难", "助餐送上门", "每日送午餐", "回访送餐",
                 "2026-11-17", "记录完整", "赵督导", "抽查回访：属实", "处理结果：已修复"):
        assert text in content, text
    for label in (("走访对象", "记录人", "困难", "处理措施", "处理结果", "后续计划", "审核意见")
                  if shape == "card" else ("走访对象", "记录人", "困难", "后续计划", "审核意见")):
        assert label in content, label


def test_a_masked_id_number_is_printed_with_the_birth_year_only(tmp_path: Path) -> None:
    log = VisitLog("阳光社区", "户 H0001", "2026-11", date(2026, 11, 1), date(2026, 11, 30),
                   datetime(2026, 11, 30, 17, 0), cards=(card(),))
    masked, full = tmp_path / "masked.pdf", tmp_path / "full.pdf"
    render_visit_log(log, masked)
    render_visit_log(log, full, PrintOptions(unmasked=True))
    shown = pdftools.text(masked)
    assert "110105********002X" in shown
    assert "1949-12-31" not in shown and "12-31" not in shown.split("人员类别")[0]
    residents = shown.split("家庭成员")[1].split("人员类别")[0]
    assert "出生年份" in residents and "出生日期" not in residents
    assert re.search(r"张建国\s+户主\s+男\s+1949\s+110105", residents)
    assert "1949-12-31" in pdftools.text(full)


@pytest.mark.parametrize("shape", ["card", "grid"])
def test_the_signature_lines_stay_with_the_last_entry(tmp_path: Path, shape: str) -> None:
    for count in range(1, 24):
        visits = tuple(form_visit(1 + i % 28, notes=f"第{i}次走访记录") for i in range(count))
        log = VisitLog("阳光社区", "户 H0001" if shape == "card" else "第三网格", "2026-11",
                       date(2026, 11, 1), date(2026, 11, 30), datetime(2026, 11, 30, 17, 0),
                       cards=(replace(card(), visits=visits),) if shape == "card" else (),
                       visits=visits if shape == "grid" else ())
        target = tmp_path / f"{shape}{count}.pdf"
        render_visit_log(log, target)
        last = pdftools.page_texts(target)[-1]
        assert "审核人" in last and f"第{count - 1}次走访记录" in last, (shape, count)


def test_a_visit_form_is_never_split_across_pages(tmp_path: Path) -> None:
    # forms of different heights, so that page ends fall inside a form at some count
    visits = tuple(form_visit(1 + i % 28, notes=f"第{i}次走访记录",
                              **(dict(difficulties="下楼取餐难", actions_taken="助餐送上门",
                                      follow_up_plan="回访送餐") if i % 3 == 0 else {}))
                   for i in range(30))
    log = VisitLog("阳光社区", "户 H0001", "2026-11", date(2026, 11, 1), date(2026, 11, 30),
                   datetime(2026, 11, 30, 17, 0), cards=(replace(card(), visits=visits),))
    target = tmp_path / "card.pdf"
    render_visit_log(log, target)
    pages = pdftools.page_texts(target)
    assert len(pages) > 2
    for number, page in enumerate(pages, 1):
        # each form opens with its date row and always has a 情况记录 row further down
        assert page.count("方式 / 结果") == page.count("情况记录"), number
    assert sum(p.count("方式 / 结果") for p in pages) == 30


def test_a_stairwell_s_contacts_print_whole_on_as_many_lines_as_they_take(tmp_path: Path) -> None:
    contacts = ["楼门长 欧阳娜仁其其格 138****5678", "民情联络员 司马慕容长风 139****4321",
                "社区民警 爱新觉罗·海兰珠 136****1111", "志愿者 阿卜杜热依木·买买提 150****2222",
                "党员 诸葛明月清风 186****3333", "志愿者 上官婉儿 137****4444"]
    grid = replace(sheet(1, 30, units=3), stairwells={
        ("阳光小区", "1", 1): " · ".join(contacts), ("阳光小区", "1", 2): contacts[0]})
    target = tmp_path / "roster.pdf"
    render_rosters([grid], target)
    printed = re.sub(r"\s+", "", "".join(pdftools.page_texts(target)))
    assert "…" not in printed
    for contact in contacts:
        assert contact.replace(" ", "") in printed  # every contact whole, phone included
    # a short line stays beside the heading; the long one wraps and the rows move down for it
    from gridkeeper.reports.roster import STAIRWELL_HEIGHT, stairwells

    first, second, _third = stairwells(grid, "Helvetica")
    assert second.note == contacts[0] and second.heading_height == STAIRWELL_HEIGHT
    assert first.note.count("\n") >= 1 and first.heading_height > STAIRWELL_HEIGHT
    assert first.note.replace("\n", " · ") == " · ".join(contacts)  # broken between contacts


def test_a_long_estate_name_prints_whole_in_its_heading_beside_its_contacts(tmp_path: Path) -> None:
    # an estate's name may be 100 characters (the register's limit): the heading wraps it
    # instead of running off the page, and its contacts keep clear of it
    estate = ("幸福里一二三四五六七八九十小区东区" * 6)[:100]
    contacts = ["楼门长 欧阳娜仁其其格 138****5678", "民情联络员 司马慕容长风 139****4321",
                "社区民警 爱新觉罗·海兰珠 136****1111", "志愿者 阿卜杜热依木·买买提 150****2222"]
    grid = sheet(1, 12, units=2)
    grid = replace(grid, lines=tuple(replace(line, estate=estate) if line.unit == 1 else line
                                     for line in grid.lines),
                   stairwells={(estate, "1", 1): " · ".join(contacts),
                               ("阳光小区", "1", 2): " · ".join(contacts)})
    target = tmp_path / "roster.pdf"
    render_rosters([grid], target)
    assert pdftools.crowded_words(target) == []
    printed = re.sub(r"\s+", "", "".join(pdftools.page_texts(target)))
    assert f"{estate}1号楼1单元（6户）" in printed
    for contact in contacts:
        assert printed.count(contact.replace(" ", "")) >= 2  # both stairwells', whole


def test_a_stairwell_heading_of_many_lines_still_fits_its_page(tmp_path: Path) -> None:
    # the heading grows with the title and its contacts; a heading taller than a page used to
    # stop the whole print ("fits no page")
    estate = "长" * 100
    contacts = " · ".join(f"志愿者 买买提·阿卜杜热依木{i} 150****{i:04d}" for i in range(40))
    grid = sheet(1, 4, units=1)
    grid = replace(grid, lines=tuple(replace(line, estate=estate) for line in grid.lines),
                   stairwells={(estate, "1", 1): contacts})
    target = tmp_path / "roster.pdf"
    render_rosters([grid], target)
    assert pdftools.crowded_words(target) == []


@pytest.mark.parametrize("community, grid, leader", [
    # a community's formal name and a grid named after its buildings, as offices write them
    ("北京市朝阳区幸福里街道幸福里社区居民委员会", "幸福里社区第一网格（幸福里小区东区1-12号楼及底商）",
     "阿卜杜热合曼·买买提"),
    ("社" * 100, "网" * 50, "长" * 50),  # the longest names the register takes
], ids=["formal names", "longest names"])
def test_long_names_in_a_roster_s_header_and_footer_never_print_over_each_other(
        tmp_path: Path, community: str, grid: str, leader: str) -> None:
    first = replace(sheet(1, 12), community=community, grid=grid, leader=leader, worker="欧阳娜仁其其格")
    target = tmp_path / "roster.pdf"
    render_rosters([first, replace(sheet(2, 3), community=community, grid=grid[:-1] + "二")], target)
    assert pdftools.crowded_words(target) == []
    for page in pdftools.page_texts(target)[1:]:
        flat = re.sub(r"\s+", "", page)
        assert "走访花名册" in flat and re.search(r"花名册编号：2026W48-00[12]", flat)
        assert re.search(r"花名册编号2026W48-00[12]内部资料注意保密", flat)  # the footer's number whole

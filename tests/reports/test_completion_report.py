"""The completion report per grouping and the worker's evidence pack, from demo data through
the command line, read back with poppler's tools as a supervisor would."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from reportlab.graphics.shapes import String
from reportlab.pdfbase import pdfmetrics

from gridkeeper.cli import build_parser, main
from gridkeeper.domain.enums import Role, SpotCheckResult
from gridkeeper.domain.roles import Actor
from gridkeeper.fonts import find_cjk_font
from gridkeeper.reports.completion import (
    CompletionLine,
    CompletionReport,
    MissedHousehold,
    bar_chart,
    render_completion,
)
from gridkeeper.reports.pdf import register_font
from gridkeeper.services import demo
from gridkeeper.services.demo import DemoOptions
from gridkeeper.services.facade import GridKeeper, open_gridkeeper
from tests.reports import pdftools
from tests.reports.conftest import TODAY

SUPERVISOR = Actor("zhao", Role.SUPERVISOR)


@pytest.fixture(scope="module")
def street(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GridKeeper]:
    """A small street office: 600 households in three communities."""
    patch = pytest.MonkeyPatch()
    patch.setattr(demo, "HOUSEHOLDS_PER_COMMUNITY", 200)
    keeper = open_gridkeeper(str(tmp_path_factory.mktemp("street") / "street.db"))
    keeper.demo.generate(DemoOptions(households=600, seed=11, today=TODAY))
    patch.undo()
    yield keeper
    keeper.close()


def report_text(gk: GridKeeper, tmp_path: Path, *options: str) -> str:
    target = tmp_path / f"r{'-'.join(options)}.pdf"
    assert main(["--db", str(gk.db.path), "report", "--period", "2026Q3", "--date", TODAY.isoformat(),
                 *options, "--pdf", str(target)]) == 0
    return pdftools.text(target)


def test_each_grouping_is_its_own_document_with_its_own_table(demo_gk: GridKeeper, tmp_path: Path) -> None:
    grid, worker, category = (report_text(demo_gk, tmp_path, "--by", by)
                              for by in ("grid", "worker", "category"))
    assert len({grid, worker, category}) == 3
    assert "（按网格）" in grid and "二、按网格统计" in grid
    assert "（按工作人员）" in worker and "二、按工作人员统计" in worker
    assert "（按人员类别）" in category and "二、按人员类别统计" in category
    # each carries its own columns
    assert "抽查回访" in worker and "核实率" in worker and "负责户数" in worker
    assert "负责户数" not in grid and "负责户数" not in category
    assert "目标" in category.split("二、按人员类别统计")[1][:400]
    figures = demo_gk.completion.figures("2026Q3", by="worker", as_of=TODAY)
    for g in figures.groups:
        assert g.label in worker
    for g in demo_gk.completion.figures("2026Q3", by="category", as_of=TODAY).groups:
        assert g.label in category


def test_communities_in_order_each_with_its_subtotal(street: GridKeeper, tmp_path: Path) -> None:
    content = report_text(street, tmp_path, "--by", "grid")
    table = content[content.index("二、按网格统计"):content.index("合计")]
    figures = street.completion.figures("2026Q3", by="grid", as_of=TODAY)
    communities = [name for name, _ in figures.communities()]
    assert len(communities) == 3
    starts = [table.index(f"{name} 小计") for name in communities]
    assert starts == sorted(starts)
    for (name, groups), end in zip(figures.communities(), starts, strict=True):
        begin = table.rfind(name, 0, end - 1)  # the community's heading row
        for g in groups:
            assert begin < table.index(g.label, begin) < end, (name, g.label)
    # a subtotal adds up its grids
    first_name, first = figures.communities()[0]
    line = next(row for row in table.splitlines() if f"{first_name} 小计" in row)
    assert str(sum(g.required_visits for g in first)) in line.split()
    worker = report_text(street, tmp_path, "--by", "worker")
    assert all(f"{name} 小计" in worker for name in communities)


def test_exceptions_come_first_and_name_the_categories_behind(demo_gk: GridKeeper, tmp_path: Path) -> None:
    content = report_text(demo_gk, tmp_path, "--by", "grid")
    figures = demo_gk.completion.figures("2026Q3", by="grid", as_of=TODAY)
    short = [g for g in figures.exceptions_first() if g.standing in ("red", "amber")]
    assert short, "the demo should have a grid behind target"
    section = content[content.index("一、未达标与预警"):content.index("二、按网格统计")]
    positions = [section.index(g.label + " ") for g in short]
    assert positions == sorted(positions)
    worst = short[0]
    assert worst.behind[0].label in section and f"/{worst.behind[0].target}%" in section


def test_missed_list_per_grid_only_when_asked(demo_gk: GridKeeper, tmp_path: Path) -> None:
    figures = demo_gk.completion.figures("2026Q3", by="grid", as_of=TODAY)
    codes = figures.total.missed_households
    assert codes
    without = report_text(demo_gk, tmp_path)
    assert f"未完成走访的住户（{len(codes)} 户）" in without and "--missed" in without
    assert not any(code in without for code in codes)
    with_list = report_text(demo_gk, tmp_path, "--missed")
    assert all(code in with_list for code in codes)
    for g in figures.groups:  # a heading per grid with its count
        if g.missed_households:
            assert f"{g.label}（{len(g.missed_households)} 户）" in with_list


def test_signature_lines_share_the_last_page_with_the_last_rows(tmp_path: Path) -> None:
    # every count around where the first page fills (62-64 rows used to leave them alone)
    for missed in (0, *range(56, 70)):
        rows = tuple(MissedHousehold("第1网格", f"H{i:04d}", f"阳光小区 1号楼 1单元 {i + 1}01", "张三",
                                     "高龄") for i in range(missed))
        report = CompletionReport(
            "阳光社区", "2026Q3", date(2026, 7, 1), date(2026, 9, 30), "全部网格", datetime(2026, 10, 8),
            lines=tuple(CompletionLine(f"第{i}网格", 10, 9, 9) for i in range(1, 6)),
            total=CompletionLine("合计", 50, 45, 45), missed=rows, missed_count=missed)
        target = tmp_path / f"s{missed}.pdf"
        render_completion(report, target)
        last = pdftools.page_texts(target)[-1]
        assert "制表人" in last
        assert ("H00" in last) if missed else ("未完成走访的住户" in last), (missed, last)


def test_chart_names_every_bar_and_no_two_labels_meet() -> None:
    font = register_font(find_cjk_font())
    names = ["金顶街第1网格", "阳光第1网格", "金顶街第12网格（含3号楼、5号楼）",
             *(f"第{i}网格" for i in range(4, 46))]
    lines = [CompletionLine(name, 100, 100 - i, 90 - i, standing=("red", "amber", "green")[i % 3])
             for i, name in enumerate(names)]
    drawing = bar_chart(lines, font, "各网格完成率")
    strings = [s for s in drawing.contents if isinstance(s, String)]
    for name in names[:2]:
        assert name in {s.text for s in strings}  # whole names, not bare numbers

    def box(s: String) -> tuple[float, float, float, float]:
        width = pdfmetrics.stringWidth(s.text, s.fontName, s.fontSize)
        left = s.x - (width if s.textAnchor == "end" else width / 2 if s.textAnchor == "middle" else 0)
        return left, s.y, left + width, s.y + s.fontSize * 0.9

    for a, b in itertools.combinations(strings, 2):
        ax0, ay0, ax1, ay1 = box(a)
        bx0, by0, bx1, by1 = box(b)
        assert ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0, (a.text, b.text)


def test_help_names_only_options_that_exist() -> None:
    parser = build_parser()
    report = next(a for a in parser._actions if hasattr(a, "choices") and a.choices and "report" in a.choices)
    text = report.choices["report"].format_help()
    assert "--per-grid" not in text
    for option in ("--by", "--worker", "--missed", "--pdf"):
        assert option in text


def test_a_year_of_a_3000_household_community_fits_in_20_pages(tmp_path: Path) -> None:
    gk = open_gridkeeper(str(tmp_path / "big.db"))
    gk.demo.generate(DemoOptions(households=3000, seed=3, today=date(2026, 12, 20)))
    for by in ("grid", "worker", "category"):
        result = gk.printing.completion("2026", tmp_path / f"{by}.pdf", by=by, as_of=date(2026, 12, 20))
        assert result.pages <= 20, (by, result.pages)
    gk.close()


def test_the_evidence_pack_holds_what_assessment_asks(demo_gk: GridKeeper, tmp_path: Path) -> None:
    supervisor = demo_gk.acting_as(SUPERVISOR)
    supervisor.spot_checks.draw("2026-10", today=TODAY)
    calls = supervisor.spot_checks.calls("2026-10")
    worker = calls[0].worker
    mine = [c for c in calls if c.worker == worker]
    supervisor.spot_checks.record(mine[0].id, SpotCheckResult.CONFIRMED, "户主确认当天见面")
    supervisor.visits.review(mine[0].visit_id, "记录完整，已电话核实")
    target = tmp_path / "pack.pdf"
    assert main(["--db", str(demo_gk.db.path), "report", "--period", "2026Q4", "--worker", worker,
                 "--date", TODAY.isoformat(), "--pdf", str(target)]) == 0
    content = pdftools.text(target)
    for heading in ("工作人员考评材料", "一、走访完成情况", "二、走访记录审核", "三、抽查回访核实",
                    "四、诉求办结与满意度", "被考评人", "考评人"):
        assert heading in content
    assert worker in content and "记录完整，已电话核实" in content and "户主确认当天见面" in content
    figures = demo_gk.completion.figures("2026Q4", by="worker", as_of=TODAY)
    group = next(g for g in figures.groups if g.label == worker)
    assert str(group.required_visits) in content.split("合计")[1].split()[:3]
    pdftools.assert_masked(content)
    assert "制表人" not in content


def test_the_worker_figures_are_their_households_per_category(demo_gk: GridKeeper, capsys) -> None:  # noqa: ANN001
    figures = demo_gk.completion.figures("2026Q3", by="worker", as_of=TODAY)
    group = next(g for g in figures.groups if g.key)
    assert main(["--db", str(demo_gk.db.path), "report", "--period", "2026Q3", "--worker", group.label,
                 "--date", TODAY.isoformat(), "--csv", "-"]) == 0
    rows = capsys.readouterr().out.splitlines()
    total = rows[-1].split(",")
    assert total[:4] == ["合计", str(group.households_required), str(group.required_visits),
                         str(group.visits_done)]
    assert {r.split(",")[0] for r in rows[1:-1]} == {c.label for c in group.categories}
    assert main(["--db", str(demo_gk.db.path), "report", "--period", "2026Q3", "--worker", "没有此人",
                 "--csv", "-"]) == 1

"""The 走访记录 page lists visits by the filters and opens one with its review comment."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gridkeeper.domain.enums import Role, SpotCheckResult, VisitMethod, VisitOutcome
from gridkeeper.domain.roles import Actor
from gridkeeper.domain.visits import VisitDraft
from gridkeeper.services.facade import GridKeeper
from tests.conftest import household
from ui.context import Context
from ui.pages.visits import HOUSEHOLD, REVIEWED, VisitsPage


@pytest.fixture
def context(gk: GridKeeper, tmp_path: Path) -> Context:
    gk.register.save_household(household("A001"))
    gk.register.save_household(household("A002", room="102"))
    day = date.today()
    met = gk.visits.record_visit(VisitDraft(day, VisitMethod.HOME, VisitOutcome.MET, ("张伟",),
                                            household_code="A001", notes="身体很好"))
    gk.visits.record_visit(VisitDraft(day - timedelta(days=1) if day.day > 1 else day, VisitMethod.PHONE,
                                      VisitOutcome.ABSENT, ("李娜",), household_code="A002"))
    gk.visits.review(met, "记录完整")
    return Context(gk, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), "test.db", "tester")


def test_outcome_filter_and_opening_a_visit_shows_the_review(qtbot, context: Context) -> None:  # noqa: ANN001
    page = VisitsPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: len(page.rows) == 2)
    page.outcome_box.setCurrentIndex(page.outcome_box.findData("met"))
    qtbot.waitUntil(lambda: len(page.rows) == 1)
    assert page.table.item(0, HOUSEHOLD).text() == "A001"
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: "记录完整" in page.detail.toPlainText())
    assert "身体很好" in page.detail.toPlainText()
    assert "张伟" in page.detail.toPlainText()


def page_as(qtbot, context: Context, actor: Actor) -> VisitsPage:  # noqa: ANN001
    shown = VisitsPage(replace(context, gk=context.gk.acting_as(actor)))
    qtbot.addWidget(shown)
    qtbot.waitUntil(lambda: len(shown.rows) == 2)
    shown.table.selectRow(next(i for i, r in enumerate(shown.rows) if r.household_code == "A002"))
    qtbot.waitUntil(lambda: shown.shown is not None)
    return shown


def test_a_supervisor_reviews_a_visit_on_the_page(qtbot, context: Context) -> None:  # noqa: ANN001
    page = page_as(qtbot, context, Actor("zhao", Role.SUPERVISOR))
    assert page.review.save_button.isEnabled() and not page.correction.save_button.isEnabled()
    assert "无权" in page.correction.save_button.toolTip()
    page.review.comment.setPlainText("未遇也要留下联系卡")
    assert page.review.save()
    page.context.operations.wait()
    qtbot.waitUntil(lambda: page.shown is not None and page.shown.review_comment == "未遇也要留下联系卡")
    qtbot.waitUntil(lambda: "点评" in page.detail.toPlainText() and "zhao" in page.detail.toPlainText())
    reviewed = next(i for i, r in enumerate(page.rows) if r.household_code == "A002")
    assert page.table.item(reviewed, REVIEWED).text() == "是"


def test_staff_correct_a_wrongly_saved_result_and_it_shows_in_the_history(qtbot, context: Context) -> None:  # noqa: ANN001
    page = page_as(qtbot, context, Actor("wang", Role.STAFF))
    assert not page.review.save_button.isEnabled()
    form = page.correction
    form.outcome.setCurrentIndex(form.outcome.findData("met"))
    form.texts["met_with"].setText("户主本人")
    form.texts["check_safety"].setText("水电气正常")
    assert form.save()
    context.operations.wait()
    qtbot.waitUntil(lambda: page.shown is not None and page.shown.outcome == "met")
    history = context.gk.visits.visit_history(page.shown.id)[-1]
    assert (history.username, history.action) == ("wang", "update")
    assert history.before["outcome"] == "absent" and history.after["met_with"] == "户主本人"
    qtbot.waitUntil(lambda: "更正" in page.detail.toPlainText()
                    and "未遇 → 见面" in page.detail.toPlainText())
    assert not form.save()  # nothing differs now


def test_the_spot_check_tab_draws_calls_and_records(qtbot, context: Context) -> None:  # noqa: ANN001
    page = page_as(qtbot, context, Actor("zhao", Role.SUPERVISOR))
    panel = page.spot_checks
    assert panel.draw()
    context.operations.wait()
    qtbot.waitUntil(lambda: len(panel.calls) == 1)  # one counted visit this month: 张伟's
    panel.table.selectRow(0)
    panel.note_edit.setText("户主说没人来过")
    assert panel.record(SpotCheckResult.NOT_CONFIRMED)
    context.operations.wait()
    qtbot.waitUntil(lambda: panel.calls and panel.calls[0].result == "not_confirmed")
    assert panel.table.item(0, 6).text() == "不属实" and "核实率 0.0%" in panel.summary.text()
    visit = context.gk.visits.visit_detail(panel.calls[0].visit_id)
    assert visit.outcome == "disproved"
    staff = VisitsPage(replace(context, gk=context.gk.acting_as(Actor("wang", Role.STAFF))))
    qtbot.addWidget(staff)
    assert not staff.spot_checks.draw_button.isEnabled() and "督导" in staff.spot_checks.summary.text()

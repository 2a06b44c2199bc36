"""The visit log printed from the demo community: what the office recorded on each visit is on
paper, as the form has it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import Household, Need, Resident, Visit
from tests.reports import pdftools


def test_the_demo_records_the_form_and_the_log_prints_it(demo_gk: GridKeeper, tmp_path: Path) -> None:
    with demo_gk.db.reading() as session:
        met = session.scalar(select(func.count()).select_from(Visit).where(Visit.outcome == "met"))
        filled = session.scalar(select(func.count()).select_from(Visit).where(
            Visit.outcome == "met", Visit.met_with.is_not(None)))
        safety = session.scalar(select(func.count()).select_from(Visit).where(
            Visit.check_safety.is_not(None)))
        assert met and filled == met and safety
        # a household with a need raised on a visit and resolved, and a resident with a birth date
        code, resolution = session.execute(
            select(Household.code, Need.resolution).join(Visit, Visit.household_id == Household.id)
            .join(Need, Need.visit_id == Visit.id)
            .join(Resident, Resident.household_id == Household.id)
            .where(Need.resolution.is_not(None), Resident.birth_date.is_not(None))
            .order_by(Visit.visit_date.desc()).limit(1)).one()
        births = session.scalars(select(Resident.birth_date).join(Household).where(
            Household.code == code, Resident.birth_date.is_not(None))).all()
    result = demo_gk.printing.visit_log("2026", tmp_path / "card.pdf", household=code)
    content = pdftools.text(result.files[0])
    for label in ("走访对象", "记录人", "出生年份", f"处理结果：{resolution}"):
        assert label in content, label
    assert "demo" not in content  # the recorder is named, not an account code
    pdftools.assert_masked(content)
    for born in births:  # masked ID numbers: the birth year, never the date beside them
        assert born.isoformat() not in content and str(born.year) in content

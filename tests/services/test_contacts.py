"""The standing team of a building and its stairwells, and who a visit's team is picked from."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from gridkeeper.domain.enums import Role, VisitMethod, VisitOutcome
from gridkeeper.domain.errors import PermissionDenied, ValidationError
from gridkeeper.domain.roles import Actor
from gridkeeper.domain.visits import VisitDraft
from gridkeeper.services.contacts import ContactDraft
from gridkeeper.services.facade import GridKeeper
from gridkeeper.storage.models import AuditEntry, Building, VisitParticipant
from tests.conftest import household

TODAY = date(2026, 11, 20)


def building_of(gk: GridKeeper, code: str) -> int:
    with gk.db.reading() as session:
        return session.scalar(select(Building.id)) or 0


def test_contacts_are_kept_per_building_and_stairwell_with_masked_phones(gk: GridKeeper) -> None:
    gk.register.save_household(household("H1", unit=2))
    building = building_of(gk, "H1")
    gk.contacts.set_contacts(building, [
        ContactDraft("王秀英", "楼门长", unit=2, phone="13912341234"),
        ContactDraft("李警官", "社区民警", phone="13800001111"),
        ContactDraft("赵志愿", "volunteer", unit=1),
    ])
    shown = gk.contacts.contacts(building)
    assert [(c.unit, c.role_label.zh, c.name) for c in shown] == [
        (None, "社区民警", "李警官"), (1, "志愿者", "赵志愿"), (2, "楼门长", "王秀英")]
    assert shown[2].phone == "139****1234"
    assert gk.contacts.contacts(building, unmasked=True)[2].phone == "13912341234"
    with gk.db.reading() as session:
        actions = [a for (a,) in session.execute(select(AuditEntry.action).where(
            AuditEntry.table_name.in_(("stairwell_contact", "building"))).order_by(AuditEntry.id))]
    assert actions == ["update", "unmask"]


def test_an_unknown_role_or_a_stairwell_the_building_lacks_is_refused(gk: GridKeeper) -> None:
    gk.register.save_household(household("H1"))
    building = building_of(gk, "H1")
    with pytest.raises(ValidationError, match="角色"):
        gk.contacts.set_contacts(building, [ContactDraft("王秀英", "物业经理")])
    with gk.db.transaction() as session:
        session.get(Building, building).units = 2  # type: ignore[union-attr]
    with pytest.raises(ValidationError, match="2个单元"):
        gk.contacts.set_contacts(building, [ContactDraft("王秀英", "楼门长", unit=3)])


def test_a_supervisor_may_read_but_not_change_contacts(gk: GridKeeper) -> None:
    gk.register.save_household(household("H1"))
    building = building_of(gk, "H1")
    supervisor = gk.acting_as(Actor("督导", Role.SUPERVISOR))
    assert supervisor.contacts.contacts(building) == []
    with pytest.raises(PermissionDenied):
        supervisor.contacts.set_contacts(building, [ContactDraft("王秀英", "楼门长")])


def test_a_visit_team_is_picked_from_the_stairwell_and_the_grid_staff_and_printed_with_roles(
        gk: GridKeeper) -> None:
    hid = gk.register.save_household(household("H1", unit=1, worker="张网格"))
    building = building_of(gk, "H1")
    gk.contacts.set_contacts(building, [
        ContactDraft("王秀英", "楼门长", unit=1), ContactDraft("孙楼长", "楼门长", unit=2),
        ContactDraft("李警官", "社区民警")])
    team = gk.contacts.team_for(hid)
    names = [m.name for m in team]
    assert names[:1] == ["张网格"] and "王秀英" in names and "李警官" in names
    assert "孙楼长" not in names  # another stairwell's
    gk.visits.record_visit(VisitDraft(visit_date=TODAY, method=VisitMethod.HOME,
                                      outcome=VisitOutcome.MET, household_id=hid,
                                      team=("张网格", "王秀英", "李警官")), today=TODAY)
    with gk.db.reading() as session:
        duties = dict(session.execute(select(VisitParticipant.name, VisitParticipant.duty)).all())
    assert duties["王秀英"] == "楼门长" and duties["李警官"] == "社区民警"


def test_a_building_records_whether_it_has_a_lift(gk: GridKeeper) -> None:
    gk.register.save_household(household("H1"))
    building = building_of(gk, "H1")
    gk.contacts.set_lift(building, False)
    with gk.db.reading() as session:
        assert session.get(Building, building).has_lift is False  # type: ignore[union-attr]


def test_the_printed_roster_names_each_stairwell_s_contacts_masked_unless_in_full(
        gk: GridKeeper, tmp_path) -> None:  # noqa: ANN001
    from tests.reports.pdftools import text as pdf_text

    gk.register.save_household(household("H1", unit=1, registered_on=date(2020, 1, 1)))
    gk.register.save_household(household("H2", unit=2, room="102", registered_on=date(2020, 1, 1)))
    building = building_of(gk, "H1")
    gk.contacts.set_contacts(building, [
        ContactDraft("王秀英", "楼门长", unit=1, phone="13912341234"),
        ContactDraft("孙楼长", "楼门长", unit=2),
        ContactDraft("李警官", "社区民警", phone="13800001111")])
    gk.printing.rosters("2026-W48", tmp_path / "r.pdf", as_of=TODAY, unmasked=False)
    content = pdf_text(tmp_path / "r.pdf")
    assert "楼门长 王秀英 139****1234 · 社区民警 李警官 138****1111" in content
    assert "楼门长 孙楼长 · 社区民警 李警官" in content
    gk.printing.rosters("2026-W48", tmp_path / "full.pdf", as_of=TODAY, unmasked=True)
    assert "楼门长 王秀英 13912341234" in pdf_text(tmp_path / "full.pdf")


def test_the_printed_visit_log_names_every_member_of_the_team_with_their_role(
        gk: GridKeeper, tmp_path) -> None:  # noqa: ANN001
    from tests.reports.pdftools import text as pdf_text

    hid = gk.register.save_household(household("H1", unit=1, worker="张网格"))
    gk.contacts.set_contacts(building_of(gk, "H1"), [ContactDraft("王秀英", "楼门长", unit=1),
                                                    ContactDraft("李警官", "社区民警")])
    gk.visits.record_visit(VisitDraft(visit_date=TODAY, method=VisitMethod.HOME,
                                      outcome=VisitOutcome.MET, household_id=hid,
                                      team=("王秀英", "李警官")), today=TODAY)
    gk.printing.visit_log("2026-11", tmp_path / "log.pdf", household="H1")
    content = pdf_text(tmp_path / "log.pdf")
    assert "王秀英（楼门长）" in content and "李警官（社区民警）" in content

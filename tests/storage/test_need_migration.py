"""Needs recorded before handling steps existed keep their story after the upgrade."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from gridkeeper.services.facade import open_database
from gridkeeper.storage import migrate
from gridkeeper.storage.database import Database


def test_old_needs_get_their_history_and_count_as_called_back(tmp_path: Path) -> None:
    db = Database("sqlite:///" + str(tmp_path / "old.db"))
    migrate.upgrade(db, target="0005")
    with db.engine.begin() as c:
        c.execute(text("insert into community (id, name, version) values (1, '阳光社区', 1)"))
        c.execute(text("insert into need_category (id, code, name_zh, name_en, sort_order, version) "
                       "values (1, 'parking', '停车', 'parking', 0, 1)"))
        c.execute(text(
            "insert into need (id, community_id, number, address, channel, category_id, description, "
            "received_at, status, responded_at, resolved_at, closed_at, resolution, satisfaction, "
            "version) values (1, 1, 'SQ2026-000001', '阳光小区', 'phone', 1, '车位被占', "
            "'2026-11-02 09:00:00', 'closed', '2026-11-02 10:00:00', '2026-11-04 10:00:00', "
            "'2026-11-05 10:00:00', '已清理', 'satisfied', 1)"))
    db.dispose()
    upgraded = open_database(str(tmp_path / "old.db"))
    assert migrate.current_revision(upgraded) == migrate.HEAD
    with upgraded.reading() as s:
        kinds = s.execute(text("select kind, text, rating from need_event order by at, id")).all()
        called, reopened = s.execute(text("select called_back_at, reopened from need")).one()
        days = s.execute(text("select deadline_days from need_category where code = 'parking'")).scalar()
    assert [tuple(k) for k in kinds] == [("received", None, None), ("started", None, None),
                                         ("resolved", "已清理", None), ("called_back", None, "satisfied")]
    assert str(called).startswith("2026-11-05 10:00") and reopened == 0
    assert days == 15

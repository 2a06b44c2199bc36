"""The 走访记录 page: the visits list with review (点评) and correction (page.py), and the
month's spot checks (抽查回访) as a phone-call list (spot_checks.py)."""

from ui.pages.visits.page import (
    DAY,
    GRID,
    HOUSEHOLD,
    METHOD,
    NOTES,
    OUTCOME,
    REVIEWED,
    TEAM,
    Page,
    VisitsPage,
)

__all__ = ["DAY", "GRID", "HOUSEHOLD", "METHOD", "NOTES", "OUTCOME", "REVIEWED", "TEAM", "Page", "VisitsPage"]

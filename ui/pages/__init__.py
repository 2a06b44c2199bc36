"""One module per page of the main window, so part 2 can replace them one by one.

Each module exposes ``Page(context)``: a QWidget with ``title()``, ``icon_name`` and
``set_scope(grid_id, building_id)``. :data:`PAGES` is the navigation order.
"""

from __future__ import annotations

PAGES = ("dashboard", "households", "this_week", "visits", "needs", "reports", "building_chart", "settings")

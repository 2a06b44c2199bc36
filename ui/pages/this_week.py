"""The 本周走访 page: built in part 2 (ui/part2)."""

from ui.part2.this_week import Page  # noqa: F401 - the page registry loads ui.pages.<name>.Page

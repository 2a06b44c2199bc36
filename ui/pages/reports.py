"""The 统计报表 page: built in part 2 (ui/part2)."""

from ui.part2.reports import Page  # noqa: F401 - the page registry loads ui.pages.<name>.Page

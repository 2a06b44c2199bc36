"""The 审计日志 page: built in part 2 (ui/part2)."""

from ui.part2.audit import Page  # noqa: F401 - the page registry loads ui.pages.<name>.Page

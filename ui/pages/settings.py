"""The 设置 page: built in part 2 (ui/part2)."""

from ui.part2.settings import Page  # noqa: F401 - the page registry loads ui.pages.<name>.Page

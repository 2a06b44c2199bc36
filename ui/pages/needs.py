"""The 民情诉求 page: built in part 2 (ui/part2)."""

from ui.part2.needs import Page  # noqa: F401 - the page registry loads ui.pages.<name>.Page

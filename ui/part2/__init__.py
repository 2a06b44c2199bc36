"""Part 2 pages of the desktop GUI (issue 7): one module per page."""

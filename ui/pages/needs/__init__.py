"""The 民情诉求 page: the board of needs with each need's history and steps (page.py), the
three rates per grid, category or handler (rates.py), and the dialogs of the steps (steps.py)."""

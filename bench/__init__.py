"""GridKeeper's benchmark suite: ``python -m bench`` times what an office worker waits for
(start-up, rosters, reports, search, PDFs, import/export, demo generation) at street scale.
"""

"""GridKeeper's desktop interface (PySide6): main window, pages, dialogs, Qt models."""

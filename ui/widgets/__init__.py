"""Widgets, delegates and dialogs shared by several pages."""

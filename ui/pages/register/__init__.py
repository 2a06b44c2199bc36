"""The household register page: the list, its table model, the detail pane, the editor and
the import wizard."""

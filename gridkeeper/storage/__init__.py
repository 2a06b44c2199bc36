"""Persistence: SQLAlchemy 2 mappings, the engine and session factory, and migrations."""

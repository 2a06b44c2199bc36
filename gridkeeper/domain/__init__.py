"""Plain domain values: enums, typed errors and pure rules (no database, no Qt)."""

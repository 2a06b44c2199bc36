"""Use cases over the register: one transaction per user action, plain data in and out."""

"""The printed documents (reportlab, no Qt): weekly roster (走访花名册), visit log (民情日志)
and completion report, built from plain dataclasses; :mod:`.printing` is the use case that
gathers the data, records the print and writes the file (``gk.printing``)."""

"""Tests of the printed documents, checked with poppler-utils (pdfinfo, pdftotext, pdffonts)."""

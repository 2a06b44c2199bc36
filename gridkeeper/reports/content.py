"""A page's content stream written as PDF operators by our own code, for documents of
thousands of rows where reportlab's canvas costs more per string than the page is worth.

reportlab still writes the document: its objects, the embedded TrueType font (it assigns each
character a code in one of the font's 256-glyph subsets and embeds those subsets) and the form
XObjects. What is written here goes into the canvas's current page as operators:

- numbers are formatted once per value (a roster repeats its columns and row positions on
  every page);
- each (string, size) is encoded once into the subsets' codes, with the font selections it
  needs, and written again from that cache; a string only selects a subset that is not the one
  already selected in its text block.
"""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas


def fill(colour: Color) -> str:
    """The operator that sets the fill colour, as the canvas writes it."""
    return f"{fp_str(colour.red, colour.green, colour.blue)} rg"


def stroke(colour: Color) -> str:
    """The operator that sets the stroke colour, as the canvas writes it."""
    return f"{fp_str(colour.red, colour.green, colour.blue)} RG"


class Content:
    """Operators appended to ``canv``'s current page, in the document's TrueType ``font``.

    Text goes between :meth:`begin_text` and :meth:`end_text`; each string is placed at its
    own origin (no cursor is kept). Graphics operators go in by :meth:`add`. Mixing this with
    the canvas's own drawing calls is fine: both append to the same page in call order.
    """

    def __init__(self, canv: Canvas, font: str) -> None:
        self.canv = canv
        self.font = pdfmetrics.getFont(font)
        self.font_name = font
        self._numbers: dict[float, str] = {}
        # (string, size) -> (subset selected first, subset selected last, operators when the
        # first subset is already selected, operators selecting it)
        self._texts: dict[tuple[str, float], tuple[tuple[int, float], tuple[int, float], str, str]] = {}
        self._selects: dict[tuple[int, float], str] = {}
        self._widths: dict[tuple[str, float], float] = {}
        self._forms: dict[str, str] = {}
        self._selected: tuple[int, float] = (-1, 0.0)

    def add(self, operators: str) -> None:
        self.canv._code.append(operators)

    def number(self, value: float) -> str:
        text = self._numbers.get(value)
        if text is None:
            text = self._numbers[value] = fp_str(value)
        return text

    def width(self, string: str, size: float) -> float:
        key = (string, size)
        found = self._widths.get(key)
        if found is None:
            found = self._widths[key] = pdfmetrics.stringWidth(string, self.font_name, size)
        return found

    def form(self, name: str) -> str:
        """The operator that draws the form ``name``; the page lists the form as used (the
        caller draws it on the page it asked on)."""
        self.canv._formsinuse.append(name)
        found = self._forms.get(name)
        if found is None:
            found = self._forms[name] = f"/{self.canv._doc.getXObjectName(name)} Do"
        return found

    def place_form(self, name: str, x: float, y: float) -> None:
        """The form ``name`` drawn with its origin at (x, y)."""
        self.add(f"q 1 0 0 1 {self.number(x)} {self.number(y)} cm {self.form(name)} Q")

    def begin_text(self, colour: Color) -> None:
        self.add(f"BT {fill(colour)}")
        self._selected = (-1, 0.0)

    def end_text(self) -> None:
        self.add("ET")

    def text(self, x: float, y: float, string: str, size: float) -> None:
        """``string`` at size ``size`` with its origin at (x, y), inside a text block."""
        if not string:
            return
        key = (string, size)
        encoded = self._texts.get(key)
        if encoded is None:
            encoded = self._texts[key] = self._encode(string, size)
        first, last, plain, selecting = encoded
        self.add(f"1 0 0 1 {self.number(x)} {self.number(y)} Tm "
                 + (plain if first == self._selected else selecting))
        self._selected = last

    def right_text(self, right: float, y: float, string: str, size: float) -> None:
        self.text(right - self.width(string, size), y, string, size)

    def centred_text(self, middle: float, y: float, string: str, size: float) -> None:
        self.text(middle - self.width(string, size) / 2, y, string, size)

    def _select(self, subset: int, size: float) -> str:
        key = (subset, size)
        found = self._selects.get(key)
        if found is None:
            name = self.font.getSubsetInternalName(subset, self.canv._doc)
            found = self._selects[key] = f"{name} {fp_str(size)} Tf"
        return found

    def _encode(self, string: str, size: float) -> tuple[tuple[int, float], tuple[int, float], str, str]:
        escape = self.canv._escape
        parts = self.font.splitString(string, self.canv._doc)
        code = []
        for k, (subset, part) in enumerate(parts):
            if k:
                code.append(self._select(subset, size))
            code.append(f"({escape(part)}) Tj")
        plain = " ".join(code)
        first, last = (parts[0][0], size), (parts[-1][0], size)
        return first, last, plain, f"{self._select(parts[0][0], size)} {plain}"

"""A page's content stream written as PDF operators by our own code, in a font subset of our
own, for documents of thousands of rows where reportlab's canvas costs more per string than
the page is worth.

reportlab still writes the document (its objects, the form XObjects) and makes the embedded
TrueType subset (``TTFontFile.makeSubset``); what is here:

- :class:`GlyphFont`: the document's CJK TrueType face embedded once as a Type 0 font with
  two-byte codes (Identity-H, CIDFontType2). Each character gets its code the first time it is
  printed, in one dictionary lookup, so a string is encoded by ``str.translate`` in one C call
  (reportlab's own subsets split every string into runs of 256-glyph subsets, character by
  character, and switch fonts between the runs). A ToUnicode map keeps the text searchable and
  copyable.
- :class:`Content`: operators appended to the canvas's current page or form, with numbers and
  each string's codes formatted once per value.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN
from reportlab.pdfgen.canvas import Canvas


def fill(colour: Color) -> str:
    """The operator that sets the fill colour, as the canvas writes it."""
    return f"{fp_str(colour.red, colour.green, colour.blue)} rg"


def stroke(colour: Color) -> str:
    """The operator that sets the stroke colour, as the canvas writes it."""
    return f"{fp_str(colour.red, colour.green, colour.blue)} RG"


# The most glyphs one subset embeds: reportlab writes the subset's character map with its
# length (10 + 2 bytes a glyph) in 16 bits. A print needing more (tens of thousands of
# different characters, only a hostile register has them) prints the rest as the font's
# missing-glyph box rather than failing whole.
MOST_GLYPHS = (0xFFFF - 10) // 2


class _Codes(dict[int, str]):
    """A ``str.translate`` table from a character to its two-byte code as four hex digits
    (so one ``translate`` writes the PDF string's text): a character not seen yet gets the
    next code of a glyph not embedded yet (code 0, the missing glyph, past
    :data:`MOST_GLYPHS`)."""

    def __init__(self, char_to_glyph: dict[int, int]) -> None:
        super().__init__()
        self.char_to_glyph = char_to_glyph
        self.glyphs: dict[int, int] = {0: 0}  # the face's glyph -> its code here
        self.chars: list[int] = []  # the character of each code from 1 on, in code order

    def __missing__(self, char: int) -> str:
        looked_up = 32 if char == 0xA0 else char  # a no-break space prints as a space
        glyph = self.char_to_glyph.get(looked_up, 0)
        code = self.glyphs.get(glyph)
        if code is None and len(self.chars) >= MOST_GLYPHS:
            code = 0
        elif code is None:
            code = self.glyphs[glyph] = len(self.glyphs)
            self.chars.append(looked_up)
        self[char] = found = f"{code:04x}"
        return found


class GlyphFont:
    """A TrueType face registered with reportlab, embedded in one document as one subset of
    the glyphs printed with two-byte codes. Write text with :meth:`encode`; call
    :meth:`add_to` once the document's text is all written, before the canvas saves."""

    def __init__(self, font: str, resource: str = "GK1") -> None:
        self.face = pdfmetrics.getFont(font).face
        self.resource = resource  # the name pages and forms select it by
        self.codes = _Codes(self.face.charToGlyph)  # the translate table writing its codes

    def encode(self, string: str) -> str:
        """``string`` as a PDF string of this font's codes."""
        return f"<{string.translate(self.codes)}>"

    def add_to(self, doc: pdfdoc.PDFDocument) -> None:
        """Embed the glyphs used (the subset made by reportlab: its glyph n is our code n)
        and list the font among the fonts every page and form can use."""
        face, chars = self.face, self.codes.chars
        name = (b"".join((SUBSETN(0), b"+", face.name, face.subfontNameX))).decode("pdfdoc")
        descriptor = face.addSubsetObjects(doc, name, chars)
        widths = [face.defaultWidth] + [face.getCharWidth(char) for char in chars]
        descendant = pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("Font"),
            "Subtype": pdfdoc.PDFName("CIDFontType2"),
            "BaseFont": pdfdoc.PDFName(name),
            "CIDSystemInfo": pdfdoc.PDFDictionary({
                "Registry": pdfdoc.PDFString("Adobe"), "Ordering": pdfdoc.PDFString("Identity"),
                "Supplement": 0}),
            "FontDescriptor": descriptor,
            "DW": face.defaultWidth,
            "W": pdfdoc.PDFArray([0, pdfdoc.PDFArray(widths)]),
            "CIDToGIDMap": pdfdoc.PDFName("Identity"),
        })
        to_unicode = pdfdoc.PDFStream(content=_to_unicode(name, chars))
        if doc.compression:
            to_unicode.filters = [pdfdoc.PDFZCompress]
        font = pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("Font"),
            "Subtype": pdfdoc.PDFName("Type0"),
            "BaseFont": pdfdoc.PDFName(name),
            "Encoding": pdfdoc.PDFName("Identity-H"),
            "DescendantFonts": pdfdoc.PDFArray([doc.Reference(descendant)]),
            "ToUnicode": doc.Reference(to_unicode),
        })
        doc.idToObject[pdfdoc.BasicFonts].dict[self.resource] = doc.Reference(font)


def _to_unicode(name: str, chars: list[int]) -> str:
    """The map from our codes back to the characters, for search and copy."""
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             f"/CMapName /{name}-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    pairs = [f"<{code:04X}> <{chr(char).encode('utf-16-be', 'surrogatepass').hex().upper()}>"
             for code, char in enumerate(chars, 1)]
    for start in range(0, len(pairs), 100):  # at most 100 to a block
        block = pairs[start:start + 100]
        lines += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


class _Numbers(dict[float, str]):
    """Numbers as the canvas writes them, each value formatted once per document."""

    def __missing__(self, value: float) -> str:
        self[value] = text = fp_str(value)
        return text


class Content:
    """Operators appended to ``canv``'s current page (or the form being defined), text in
    ``font``.

    Text goes between :meth:`begin_text` and :meth:`end_text`; each string is placed at its
    own origin (no cursor is kept). Graphics operators go in by :meth:`add`. Mixing this with
    the canvas's own drawing calls is fine: both append to the same page in call order.
    """

    def __init__(self, canv: Canvas, font: GlyphFont, font_name: str) -> None:
        self.canv = canv
        self.font = font
        self.font_name = font_name  # the face as registered with reportlab, for measuring
        # ``number(value)``: the value as the canvas writes it; a dictionary's own lookup, as
        # a roster formats some 60,000 coordinates
        self.number = _Numbers().__getitem__
        self._codes = font.codes
        self._sizes: dict[float, str] = {}
        self._widths: dict[tuple[str, float], float] = {}
        self._forms: dict[str, str] = {}
        self._size = 0.0  # the size selected in the open text block
        self._leading = 0.0  # and its leading

    def add(self, operators: str) -> None:
        self.canv._code.append(operators)

    def width(self, string: str, size: float) -> float:
        key = (string, size)
        found = self._widths.get(key)
        if found is None:
            found = self._widths[key] = pdfmetrics.stringWidth(string, self.font_name, size)
        return found

    def form(self, name: str) -> str:
        """The operator that draws the form ``name``. Pages and forms are not given their
        own lists of the forms they draw: they share one list of every form of the document
        (:func:`gridkeeper.reports.pdf.share_page_resources`)."""
        found = self._forms.get(name)
        if found is None:
            found = self._forms[name] = f"/{self.canv._doc.getXObjectName(name)} Do"
        return found

    def define_form(self, name: str, operators: str, bbox: tuple[float, float, float, float]) -> None:
        """Define the form ``name`` as ``operators`` (ASCII) in the box ``bbox``, without the
        canvas: nothing of its graphics state is set up around them."""
        form = pdfdoc.PDFFormXObject(*bbox)
        form.stream = operators.encode("ascii")
        self.canv._doc.addForm(name, form)

    def place_form(self, name: str, x: float, y: float) -> None:
        """The form ``name`` drawn with its origin at (x, y)."""
        self.add(f"q 1 0 0 1 {self.number(x)} {self.number(y)} cm {self.form(name)} Q")

    def begin_text(self, colour: Color) -> None:
        self.add(f"BT {fill(colour)}")
        self._size = 0.0
        self._leading = 0.0

    def end_text(self) -> None:
        self.add("ET")

    def _select(self, size: float) -> str:
        """The operator selecting the font at ``size``, which is then the open block's size."""
        self._size = size
        select = self._sizes.get(size)
        if select is None:
            select = self._sizes[size] = f"/{self.font.resource} {fp_str(size)} Tf"
        return select

    def text(self, x: float, y: float, string: str, size: float) -> None:
        """``string`` at size ``size`` with its origin at (x, y), inside a text block."""
        if string:
            move = f"1 0 0 1 {self.number(x)} {self.number(y)} Tm"
            if size != self._size:
                move = f"{self._select(size)} {move}"
            self.canv._code.append(f"{move} <{string.translate(self._codes)}> Tj")

    def lines(self, x: float, y: float, strings: Sequence[str], size: float, leading: float) -> None:
        """``strings`` one under the other from the baseline at (x, y), ``leading`` apart (an
        empty string leaves its line empty), inside a text block. The first line is placed,
        each further line one ``T*`` (or more) down from the one before."""
        # written out in full (no call per line): a roster has some 60,000 of these lines
        number, codes = self.number, self._codes
        shown: list[str] = []
        down = 0
        for string in strings:
            if not string:
                down += 1
                continue
            if not shown or self._leading != leading:
                move = f"1 0 0 1 {number(x)} {number(y - down * leading)} Tm"
            else:
                move = " T*" * down
            if size != self._size:
                move = f"{self._select(size)} {move}"
            shown.append(f"{move} <{string.translate(codes)}> Tj")
            if self._leading != leading:
                self._leading = leading
                shown.append(f"{number(leading)} TL")
            down = 1
        self.canv._code.extend(shown)

    def right_text(self, right: float, y: float, string: str, size: float) -> None:
        self.text(right - self.width(string, size), y, string, size)

    def centred_text(self, middle: float, y: float, string: str, size: float) -> None:
        self.text(middle - self.width(string, size) / 2, y, string, size)

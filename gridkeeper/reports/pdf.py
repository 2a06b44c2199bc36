"""What every printed document shares: the embedded CJK font, styles, masking, the page
frame with "page X of Y" per section, progress and cancellation, and writing the file.

Documents are built with reportlab's platypus. A document is a list of sections (one per
grid for rosters); each page belongs to the section whose :class:`SectionStart` was drawn
last, so headers name the right grid and page numbers restart per section. The totals
("of Y") are form XObjects filled in after the last page, which keeps the build one pass
and linear in pages, unlike the common trick of keeping every page in memory and redrawing.
"""

from __future__ import annotations

import io
import os
import threading
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from queue import SimpleQueue
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import (
    PDFDocument,
    PDFFormXObject,
    PDFObject,
    PDFObjectReference,
    PDFResourceDictionary,
)
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from gridkeeper.domain.idnumber import mask_id_number
from gridkeeper.domain.phone import mask_phone
from gridkeeper.domain.progress import Progress, no_progress
from gridkeeper.fonts import FontChoice

CONFIDENTIAL = "内部资料 注意保密"
INK = colors.HexColor("#222222")
RULE = colors.HexColor("#666666")
SHADE = colors.HexColor("#EEEEEE")
MUTED = colors.HexColor("#555555")

_registered: dict[tuple[str, int], str] = {}


def register_font(choice: FontChoice) -> str:
    """Register the CJK face with reportlab (once) and return its font name.

    The name is the face's own family without spaces, so ``pdffonts`` names the font that
    was really used ("WenQuanYiMicroHei", "MicrosoftYaHei").
    """
    key = (str(choice.path), choice.index)
    if key not in _registered:
        name = "".join(choice.family.split()) or f"CJK{len(_registered)}"
        if name in pdfmetrics.getRegisteredFontNames():
            name = f"{name}-{len(_registered)}"
        pdfmetrics.registerFont(TTFont(name, str(choice.path), subfontIndex=choice.index))
        # the CJK fonts offices have carry no bold face: <b> falls back to the same face
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
        _registered[key] = name
    return _registered[key]


@dataclass(frozen=True)
class PrintOptions:
    """Choices every document takes.

    ``unmasked`` prints ID numbers and phones in full (needs Permission.UNMASK and is
    audited by the caller); ``font`` is the office's font choice (path or family).
    """

    unmasked: bool = False
    font: str | None = None


DEFAULT_OPTIONS = PrintOptions()


def shown_id(number: str | None, unmasked: bool) -> str:
    return (number or "") if unmasked else mask_id_number(number)


def shown_phone(phone: str | None, unmasked: bool) -> str:
    return (phone or "") if unmasked else mask_phone(phone)


class Styles:
    """Paragraph styles in the CJK font (``wordWrap='CJK'`` breaks lines between characters)."""

    def __init__(self, font: str) -> None:
        self.font = font

        def style(name: str, size: float, leading: float | None = None, **kw: Any) -> ParagraphStyle:
            kw.setdefault("textColor", INK)
            return ParagraphStyle(name, fontName=font, fontSize=size,
                                  leading=leading or size * 1.3, wordWrap="CJK", **kw)

        self.title = style("title", 16, 20, alignment=1, spaceAfter=4)
        self.subtitle = style("subtitle", 9, 12, alignment=1, textColor=MUTED, spaceAfter=6)
        self.heading = style("heading", 12, 16, spaceBefore=8, spaceAfter=4)
        self.small_heading = style("small_heading", 10, 13, spaceBefore=4, spaceAfter=2)
        self.body = style("body", 9, 12)
        self.cell = style("cell", 8, 10)
        self.cell_small = style("cell_small", 7, 9)
        self.muted = style("muted", 8, 10, textColor=MUTED)


_widest: dict[str, tuple[float, float]] = {}  # font -> its widest glyph and widest ASCII glyph, per point


def widest(font: str) -> float:
    """The advance of ``font``'s widest glyph per point of size (infinite when unknown): no
    text of n characters is wider than n times it."""
    found = _widest.get(font)
    if found is None:
        found = _widest[font] = _widest_glyphs(font)
    return found[0]


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so it fits ``width`` points (fixed-height rows never wrap)."""
    advances = _widest.get(font)
    if advances is None:
        advances = _widest[font] = _widest_glyphs(font)
    # fits whatever its letters (codes and addresses are ASCII): nothing to measure
    if len(text) * advances[text.isascii()] * size <= width:
        return text
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _widest_glyphs(font: str) -> tuple[float, float]:
    """The widest advance of any glyph of ``font`` and of its ASCII glyphs, per point of size."""
    face = getattr(pdfmetrics.getFont(font), "face", None)
    if not hasattr(face, "charWidths"):  # not a TrueType face: measure every text
        return float("inf"), float("inf")
    widest = max([*face.charWidths.values(), face.defaultWidth])
    widest_ascii = max(face.getCharWidth(char) for char in range(128))
    return widest / 1000, widest_ascii / 1000


def new_canvas(target: BinaryIO, *, pagesize: tuple[float, float], title: str, font: str,
               author: str = "GridKeeper") -> Canvas:
    """A canvas for a document drawn page by page, with the metadata every document carries
    and the CJK font from the start (no unembedded Helvetica in the PDF)."""
    canv = Canvas(target, pagesize=pagesize, initialFontName=font)
    canv.setAuthor(author)
    canv.setTitle(title)
    canv.setSubject(title)
    canv.setCreator("GridKeeper")
    return canv


def share_page_resources(canv: Canvas) -> None:
    """Give every page and every form of ``canv`` one resource dictionary, written once: the
    fonts and every form the document defines (a page may name forms it does not draw),
    instead of a dictionary per page and per form. Forms are written from their packed
    content, and pages packed by :class:`PagePacker` as plain page dictionaries. Call it after
    the last page and :meth:`PagePacker.finish`, before saving."""
    doc = canv._doc
    forms = {name: PDFObjectReference(name) for name, form in doc.idToObject.items()
             if isinstance(form, PDFFormXObject)}
    resources = PDFResourceDictionary()
    resources.basicFonts()
    resources.XObject = forms
    shared = doc.Reference(resources, "PageResources")
    for name in forms:
        form = doc.idToObject[name]
        _replace(doc, form, PackedForm(form.BBoxList(), _packed(form.stream), shared))
    pages = doc.Pages.pages
    for number, page in enumerate(pages):
        if isinstance(page.Contents, PackedStream):
            pages[number] = _replace(doc, page, SharedPage(
                page.Contents, (page.pagewidth, page.pageheight), shared))
        else:
            page.Resources = shared


def _replace(doc: PDFDocument, old: PDFObject, new: PDFObject) -> PDFObject:
    """Put ``new`` in the document where ``old`` was registered (its name and number)."""
    name = old.__InternalName__  # set by reportlab when it registered the object
    new.__InternalName__ = name
    doc.idToObject[name] = new
    return new


# zlib's level 3 packs a roster's page text 13 % larger than reportlab's level 6 in half the
# time; left binary (no ASCII85, which adds a quarter) the file is still smaller than before.
PAGE_ZLIB_LEVEL = 3


def _packed(stream: str | bytes) -> bytes:
    """A page's content packed for its stream (FlateDecode)."""
    return zlib.compress(stream.encode("utf8") if isinstance(stream, str) else stream, PAGE_ZLIB_LEVEL)


class PackedStream(PDFObject):
    """A page's packed content stream, written as reportlab's ``PDFStream`` writes a
    FlateDecode stream, byte for byte, without building and formatting a dictionary, an array
    and names for each (a roster of 847 pages has 847 of them among its 2,164 objects)."""

    __RefOnly__ = 1
    __Comment__ = "page stream"

    def __init__(self, content: bytes) -> None:
        self.content = content

    def format(self, document: Any) -> bytes:
        content = document.encrypt.encode(self.content)
        return b"".join((b"<<\n/Filter [ /FlateDecode ] /Length ", str(len(content)).encode(),
                         b"\n>>\nstream\n", content, b"endstream\n"))


class PackedForm(PDFObject):
    """A form XObject written from its packed content (FlateDecode) with a resource dictionary
    it shares with the pages, without the dictionaries and names reportlab formats for each
    form (a roster has some 460 of them: grid headers, QR codes, sets of category tags)."""

    __RefOnly__ = 1

    def __init__(self, bbox: Sequence[float], content: bytes, resources: PDFObjectReference) -> None:
        self.bbox = bbox
        self.content = content
        self.resources = resources

    def format(self, document: Any) -> bytes:
        content = document.encrypt.encode(self.content)
        bbox = " ".join(fp_str(value) for value in self.bbox)
        return b"".join((
            f"<<\n/BBox [ {bbox} ] /Filter [ /FlateDecode ] /FormType 1 /Length {len(content)} "
            "/Matrix [ 1 0 0 1 0 0 ] /Resources ".encode(), self.resources.format(document),
            b" /Subtype /Form /Type /XObject\n>>\nstream\n", content, b"endstream\n"))


class SharedPage(PDFObject):
    """A page dictionary written directly: its packed content stream and the document's
    shared resources (reportlab formats some twenty entries and defaults for each page)."""

    __RefOnly__ = 1

    def __init__(self, contents: PackedStream, size: tuple[float, float],
                 resources: PDFObjectReference) -> None:
        self.contents = contents
        self.size = size
        self.resources = resources

    def format(self, document: Any) -> bytes:
        width, height = (fp_str(value) for value in self.size)
        return b"".join((
            b"<<\n/Contents ", document.Reference(self.contents).format(document),
            f" /MediaBox [ 0 0 {width} {height} ] /Parent ".encode(),
            document.Reference(document.Pages).format(document), b" /Resources ",
            self.resources.format(document), b" /Type /Page\n>>"))


class PagePacker:
    """Compresses each page's content once the page is shown (so a
    document of 800 pages holds a few megabytes of packed pages, not every page's drawing
    operators as text until the end), on a thread of its own: zlib lets go of Python's lock,
    so the shown pages are packed on another core while the next ones are drawn. The pages go
    over by a plain queue (a future per page cost more than a roster's page takes to pack).

    Call :meth:`pack` after each page, :meth:`finish` once before saving; :meth:`close` (or
    leaving the ``with`` block) lets the thread go, also when drawing failed.
    """

    def __init__(self, canv: Canvas) -> None:
        self.canv = canv
        self._shown = 0
        self._pages: list[Any] = []  # the pages handed to the thread, in order
        self._packed: list[bytes] = []  # their packed content, in the same order
        self._queue: SimpleQueue[str | bytes | None] = SimpleQueue()  # None: no more pages
        self._failure: BaseException | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._work, name="page packer", daemon=True)
        self._thread.start()

    def __enter__(self) -> PagePacker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _work(self) -> None:
        try:
            while (stream := self._queue.get()) is not None:
                if not self._closed:
                    self._packed.append(_packed(stream))
        except BaseException as error:  # noqa: BLE001 - raised again by finish()
            self._failure = error

    def pack(self) -> None:
        pages = self.canv._doc.Pages.pages
        for page in pages[self._shown:]:
            if page.stream and not page.Contents and page.compression:
                self._pages.append(page)
                self._queue.put(page.stream)
                page.stream = None  # the queue holds it until packed
        self._shown = len(pages)

    def finish(self) -> None:
        """Give every packed page its content (waiting for the last ones)."""
        self._queue.put(None)
        self._thread.join()
        if self._failure is not None:
            raise self._failure
        for page, content in zip(self._pages, self._packed, strict=True):
            page.Contents = PackedStream(content)
        self._pages.clear()
        self._packed.clear()

    def close(self) -> None:
        self._closed = True  # pages still queued are dropped
        self._queue.put(None)


class SectionStart(Flowable):
    """An invisible marker: pages from here on belong to ``section`` (e.g. one grid's roster)."""

    def __init__(self, section: Any) -> None:
        super().__init__()
        self.section = section

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        doc = self.canv._doctemplate  # type: ignore[attr-defined]
        doc.begin_section(self.section)


PageDecorator = Callable[[Canvas, "SectionedDoc", Any, int, str], None]


class SectionedDoc(BaseDocTemplate):
    """A document whose pages are decorated per section, with per-section page totals.

    ``decorate(canvas, doc, section, page_in_section, total_form)`` draws header and footer
    after the page's content (so the section marker on the page has been seen); it prints
    the total by ``canvas.doForm(total_form)``.
    """

    def __init__(self, target: BinaryIO, *, pagesize: tuple[float, float], margins: Sequence[float],
                 decorate: PageDecorator, progress: Progress, title: str, font: str,
                 author: str = "GridKeeper"):
        left, right, top, bottom = margins
        super().__init__(target, pagesize=pagesize, leftMargin=left, rightMargin=right,
                         topMargin=top, bottomMargin=bottom, title=title, author=author,
                         creator="GridKeeper", subject=title,
                         # the canvas starts in the CJK font: no unembedded Helvetica in the PDF
                         initialFontName=font)
        frame = Frame(left, bottom, pagesize[0] - left - right, pagesize[1] - top - bottom,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([PageTemplate("page", [frame], onPageEnd=self._end_page)])
        self._decorate = decorate
        self.font_name = font  # the registered CJK font, for the decorators
        self._progress = progress
        self._section: Any = None
        self._section_no = 0
        self._page_in_section = 0
        self._totals: dict[int, int] = {}
        self._firsts: dict[int, int] = {}  # section -> its first page in the whole document
        self._flowables = 1
        self._last_percent = -1
        self._doSave = 0  # we save ourselves once the page totals are known
        self.packer: PagePacker | None = None  # set while the document is built
        self.setProgressCallBack(self._on_progress)

    def handle_documentBegin(self) -> None:  # noqa: N802 - reportlab's name
        super().handle_documentBegin()
        self.packer = PagePacker(self.canv)

    def handle_pageEnd(self) -> None:  # noqa: N802 - reportlab's name
        super().handle_pageEnd()
        if self.packer is not None:
            self.packer.pack()

    def begin_section(self, section: Any) -> None:
        if self._section is not None or self._page_in_section:
            self._section_no += 1
        self._section = section
        # the marker sits at the top of its first page: that page is page 1 of the section
        self._page_in_section = 1

    def _end_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        if self._page_in_section == 0:
            self._page_in_section = 1
        form = f"total{self._section_no}"
        self._totals[self._section_no] = self._page_in_section
        self._firsts.setdefault(self._section_no, canv.getPageNumber())
        canv.saveState()
        self._decorate(canv, self, self._section, self._page_in_section, form)
        canv.restoreState()
        self._page_in_section += 1

    def _on_progress(self, kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            self._flowables = max(1, value)
        elif kind == "PROGRESS":
            percent = int(100 * value / self._flowables)
            if percent != self._last_percent:
                self._last_percent = percent
                # raising Cancelled here stops the build; nothing is written
                self._progress(0.05 + 0.9 * value / self._flowables, "排版 / laying out pages")

    def finish(self, font: str, size: float, figure_size: float | None = None) -> None:
        """Fill in every section's page total, then write the PDF.

        Besides ``total{n}`` ("12 页", for footers) every section n gets the forms
        ``pages{n}`` (its page count) and ``first{n}`` (its first page in the document),
        bare numbers at ``figure_size``, for an index drawn before the sections it lists.
        """
        canv = self.canv
        figures = figure_size or size
        for section_no, total in self._totals.items():
            for name, text, at in ((f"total{section_no}", f"{total} 页", size),
                                   (f"pages{section_no}", str(total), figures),
                                   (f"first{section_no}", str(self._firsts[section_no]), figures)):
                canv.beginForm(name)
                canv.setFont(font, at)
                canv.setFillColor(INK)
                canv.drawString(0, 0, text)
                canv.endForm()
        if self.packer is not None:
            self.packer.finish()
        canv.save()


def write_pdf(
    target: Path | str | BinaryIO,
    story: list[Flowable],
    *,
    pagesize: tuple[float, float],
    margins: Sequence[float],
    decorate: PageDecorator,
    font: str,
    title: str,
    progress: Progress = no_progress,
    footer_size: float = 8,
    figure_size: float | None = None,
) -> int:
    """Lay out ``story`` and write the PDF to ``target``; return the number of pages.

    A file is written only when the whole document was built: a cancelled or failed build
    leaves no half-written PDF behind.
    """
    buffer = io.BytesIO()
    doc = SectionedDoc(buffer, pagesize=pagesize, margins=margins, decorate=decorate,
                       progress=progress, title=title, font=font)
    try:
        doc.build(story)
        doc.finish(font, footer_size, figure_size)
    finally:
        if doc.packer is not None:
            doc.packer.close()
    pages = doc.page
    progress(0.98, "写入文件 / writing the file")
    save_pdf(target, buffer.getvalue())
    progress(1.0, "完成 / done")
    return int(pages)


def save_pdf(target: Path | str | BinaryIO, data: bytes) -> None:
    """Write a finished document: to a file under a temporary name that takes the file's
    name only when written whole, or to an open binary stream."""
    if isinstance(target, str | Path):
        path = Path(target)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".part")
        temporary.write_bytes(data)
        os.replace(temporary, path)
    else:
        target.write(data)


def page_footer(canv: Canvas, *, font: str, width: float, margin: float, y: float, page: int,
                total_form: str, left_text: str, size: float = 8) -> None:
    """The footer every document shares: what the sheet is, confidentiality, page X of Y."""
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    canv.line(margin, y + size + 3, width - margin, y + size + 3)
    canv.setFont(font, size)
    canv.setFillColor(INK)
    # what the sheet is, cut before it reaches the middle (a community's long formal name)
    room = (width - pdfmetrics.stringWidth(CONFIDENTIAL, font, size)) / 2 - 12 - margin
    canv.drawString(margin, y, fit(left_text, font, size, room))
    canv.drawCentredString(width / 2, y, CONFIDENTIAL)
    prefix = f"第 {page} 页 / 共 "
    # room for "9999 页" after the prefix, so the line ends at the right margin
    x = width - margin - pdfmetrics.stringWidth(prefix + "9999 页", font, size)
    canv.drawString(x, y, prefix)
    canv.saveState()
    canv.translate(x + pdfmetrics.stringWidth(prefix, font, size), y)
    canv.doForm(total_form)
    canv.restoreState()

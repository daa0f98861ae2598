"""The pdfminer.six engine (its sole importer): layout analysis, with a watch for text a
reader may not see while the file is read."""

from __future__ import annotations

import io
import logging
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from pdfminer.converter import TextConverter
from pdfminer.layout import LAParams, LTChar, LTTextLine
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import dict_value, resolve1
from pdfminer.psexceptions import PSException
from pdfminer.psparser import literal_name

from kwmatch.errors import InputError, short_reason
from kwmatch.ingest.hidden_text import (
    MAX_CHANNEL,
    SAME_COLOUR,
    SAMPLE_STRIDE,
    TINY_SAMPLE_MARGIN,
    TINY_TEXT,
    TRANSPARENT,
    Rect,
)
from kwmatch.ingest.pdfbase import (
    TRUNCATED_WARNING,
    PdfText,
    corrupt_message,
    encrypted_message,
    looks_truncated,
    too_many_pages,
    written_on,
)
from kwmatch.limits import Limits

#: What malformed input makes pdfminer raise, besides its own PSException tree; its fuzz
#: harness counts the same families as the expected failures of a bad file.
_PDFMINER_FAILURES: tuple[type[BaseException], ...] = (
    PSException,
    AssertionError,
    ArithmeticError,
    AttributeError,
    EOFError,
    LookupError,
    NotImplementedError,
    RecursionError,
    TypeError,
    ValueError,
    struct.error,
    zlib.error,
)
#: Colour spaces of four components (CMYK): a channel is an ink, and white is no ink.
_INK_COMPONENTS = 4


@contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """pdfminer logs a warning for every oddity of a malformed file; while kwmatch reads
    one, only its errors pass (then the level is what the host application had set)."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def read(path: Path, data: bytes, password: str | None, limits: Limits) -> PdfText:
    """The text of every page, by pdfminer's layout analysis.

    These are ``extract_text``'s own steps (the same text), so that the page count is
    checked before any layout analysis and the file is parsed once. The failure net
    covers pdfminer's calls only: the converter is built outside it, and its probe
    for hidden text catches its own errors.
    """
    output = io.StringIO()
    converter_class, interpreter_class = _probing_classes()
    with _quiet_pdfminer():
        try:
            document = PDFDocument(PDFParser(io.BytesIO(data)), password=password or "")
            tree = resolve1(document.catalog.get("Pages"))
            declared = resolve1(tree.get("Count")) if isinstance(tree, dict) else None
            if isinstance(declared, int) and declared > limits.max_pages:
                raise InputError(path, too_many_pages(declared, limits))
            resources = PDFResourceManager(caching=True)
            device = converter_class(resources, output, codec="utf-8", laparams=LAParams())
            interpreter = interpreter_class(resources, device)
            info = resolve1(document.info[0]) if document.info else {}
            if not isinstance(info, dict):
                info = {}
            date = written_on(resolve1(info.get("ModDate")), resolve1(info.get("CreationDate")))
            count = 0
            for page in PDFPage.create_pages(document):
                count += 1
                if count > limits.max_pages:
                    raise InputError(path, too_many_pages(None, limits))
                interpreter.process_page(page)
        except PDFPasswordIncorrect:
            raise InputError(path, encrypted_message(password)) from None
        except PDFEncryptionError as exc:
            raise InputError(
                path, f"encrypted PDF that cannot be opened ({short_reason(exc)})"
            ) from None
        except _PDFMINER_FAILURES as exc:
            raise InputError(path, corrupt_message(data, type(exc).__name__)) from None
    text = output.getvalue()
    pages = text.split("\f")[:count] if "\f" in text else [text]
    warnings = (TRUNCATED_WARNING,) if looks_truncated(data) else ()
    return PdfText(tuple(pages), warnings, date=date, may_hide_text=bool(device.may_hide_text))


#: Text render modes that draw nothing: invisible, and invisible with clipping.
_INVISIBLE_MODES = (3, 7)


@lru_cache(maxsize=1)
def _probing_classes() -> tuple[Any, Any]:
    """pdfminer's text converter and page interpreter, extended to notice text that a
    reader may not see while the file is read (the pdfium engine's quick test, done on
    pdfminer's own layout objects instead of a second reading of the file)."""

    def may_hide(container: Any, page_box: Rect) -> bool:
        # One character in SAMPLE_STRIDE of each line (or other container), as the pdfium
        # engine samples its glyphs: a hidden run that long or longer is always seen.
        # A text line holds characters only: its sample is all that is looked at.
        items = list(container)
        if any(
            isinstance(item, LTChar) and _char_may_hide(item, page_box)
            for item in items[::SAMPLE_STRIDE]
        ):
            return True
        if isinstance(container, LTTextLine):
            return False
        return any(
            may_hide(item, page_box)
            for item in items
            if not isinstance(item, LTChar) and hasattr(item, "__iter__")
        )

    class ProbingConverter(TextConverter):
        may_hide_text = False

        def receive_layout(self, ltpage: Any) -> None:
            if not self.may_hide_text:
                try:
                    self.may_hide_text = may_hide(ltpage, ltpage.bbox)
                except Exception:  # odd layout objects: let the thorough check decide
                    self.may_hide_text = True
            super().receive_layout(ltpage)

    class ProbingInterpreter(PDFPageInterpreter):
        def do_Tr(self, render: Any) -> None:
            super().do_Tr(render)
            if self.textstate.render in _INVISIBLE_MODES:
                setattr(self.device, "may_hide_text", True)  # noqa: B010 (our converter)

        def do_gs(self, name: Any) -> None:
            # pdfminer ignores graphics state dictionaries; their fill alpha ("ca") is how
            # a PDF draws fully transparent text.
            super().do_gs(name)
            try:
                states = dict_value(self.resources.get("ExtGState")) if self.resources else {}
                alpha = resolve1(dict_value(states.get(literal_name(name))).get("ca"))
            except Exception:
                return
            if isinstance(alpha, (int, float)) and alpha * MAX_CHANNEL < TRANSPARENT:
                setattr(self.device, "may_hide_text", True)  # noqa: B010 (our converter)

    return ProbingConverter, ProbingInterpreter


def _char_may_hide(char: Any, page_box: Rect) -> bool:
    """Whether a character pdfminer laid out may be hidden: tiny, centred off the page, or
    filled near-white (the render mode and transparency are watched as they are set)."""
    if 0 < char.size < TINY_TEXT * TINY_SAMPLE_MARGIN:
        return True
    x0, y0, x1, y1 = page_box
    x, y = (char.x0 + char.x1) / 2, (char.y0 + char.y1) / 2
    if not (x0 <= x <= x1 and y0 <= y <= y1):
        return True
    state = char.graphicstate
    space = getattr(state.ncs, "name", "")
    if space in ("Indexed", "Pattern"):
        return True  # no plain colour to compare: let the thorough check decide
    colour = state.ncolor
    channels = [float(colour)] if isinstance(colour, (int, float)) else list(colour or ())
    if not channels or not all(isinstance(c, (int, float)) for c in channels):
        return True
    near = SAME_COLOUR / MAX_CHANNEL
    if state.ncs.ncomponents == _INK_COMPONENTS or space in ("Separation", "DeviceN"):
        return all(c <= near for c in channels)  # inks and tints: white is no ink at all
    return all(c >= 1 - near for c in channels)

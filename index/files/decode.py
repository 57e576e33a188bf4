"""Turning an article file's bytes into clean text, or a clear reason why not.

Order of trust: a BOM (UTF-8, UTF-16, UTF-32), UTF-16 without BOM (detected by
its NUL pattern), strict UTF-8, UTF-8 with a few broken bytes, then the legacy
single-byte fallback cp1252 (Latin-1 for the five bytes cp1252 leaves undefined).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from index.errors import ArticleError

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Larger files are skipped, judged by size alone before a byte is read.

News articles are 2-20 KB; a bigger file is a dump or an archive of many
articles, which as one "article" would be useless to read and to rank. The
limit bounds memory and time per file: indexing a file just under it peaks
about 75 MB above a build's baseline and takes under ten seconds
(tests/robustness/test_rob_memory.py prints the figures)."""

_BINARY_MAGIC = (
    b"\x89PNG",
    b"PK\x03\x04",
    b"%PDF",
    b"\x1f\x8b",
    b"GIF8",
    b"\xff\xd8\xff",
    b"BZh",
    b"\x7fELF",
    b"7z\xbc\xaf",
    b"Rar!",
    b"SQLite format 3",
)

# C0/C1 controls except tab and newline, the ESC of every terminal sequence among
# them; bidirectional marks, overrides and isolates (with the Arabic letter
# mark); zero-width characters and BOMs; Unicode tag characters (invisible
# copies of ASCII, used to smuggle hidden text). Text is German news: the
# joiners some other scripts need are not worth a terminal-spoofing risk.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000e0000-\U000e007f"
    # The remaining invisible format characters (Unicode category Cf) of other
    # scripts; a test checks that no Cc/Cf character but the soft hyphen is left.
    "\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u180e\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a]"
)
# What remains of an escape sequence once its ESC is gone: "[2J", "]52;c;…".
_ESCAPE_SEQ = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    repaired: bool = False
    """True when some bytes could not be decoded and were replaced."""


# Bytes that may occur in text: everything but the C0 controls other than
# tab, newline, form feed, carriage return and ESC (counted by deleting them).
_TEXT_BYTES = bytes([9, 10, 12, 13, 27, *range(32, 256)])
_HIGH_BYTES = bytes(range(128, 256))


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


# cp1252 as a translation of Latin-1: the 0x80-0x9F range gets cp1252's
# typographic characters; the five bytes cp1252 leaves undefined stay Latin-1.
_CP1252_TABLE = {
    i: (bytes([i]).decode("cp1252", errors="ignore") or chr(i)) for i in range(0x80, 0xA0)
}


def _cp1252(data: bytes) -> str:
    return data.decode("latin-1").translate(_CP1252_TABLE)


def decode_bytes(data: bytes) -> Decoded:
    """Decode an article file. Raises ArticleError for empty or binary data."""
    if not data.strip():
        raise ArticleError("empty", "empty file")
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            text = data.decode(enc, errors="replace")
            return Decoded(text, enc, repaired="\ufffd" in text)
    if data.startswith(_BINARY_MAGIC):
        raise ArticleError("binary", "binary file (not text)")
    utf16 = _looks_utf16(data)
    if utf16:
        text = data.decode(utf16, errors="replace")
        return Decoded(text, utf16, repaired="\ufffd" in text)
    head = data[:65536]
    if head.count(0) > max(8, len(head) // 100):
        raise ArticleError("binary", "binary file (contains NUL bytes)")
    # Text has next to no C0 control bytes (a hostile article's few ESCs are
    # far below this); compressed or random data has about 11 %.
    if len(head.translate(None, _TEXT_BYTES)) > max(8, len(head) * 3 // 100):
        raise ArticleError("binary", "binary file (control bytes)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    # Real UTF-8 with a few broken bytes in the middle: keep it, mark the damage.
    if multibyte >= 2 * bad:
        return Decoded(text, "utf-8", repaired=True)
    # Legacy single-byte text is mostly ASCII (German: 1-3 % umlauts and ß);
    # data that is largely high bytes is binary or an encoding we can't name.
    high = len(head) - len(head.translate(None, _HIGH_BYTES))
    if high > len(head) * 3 // 10:
        raise ArticleError("binary", "not text in any supported encoding")
    return Decoded(_cp1252(data), "cp1252")


def sanitize(text: str) -> str:
    """Unicode NFC, unified line ends, no control, bidi-override or zero-width
    characters: article text can never act on a terminal."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQ.sub("", text)
    text = _CONTROL.sub("", text)
    text = text.replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.replace("\ufffd", "")
    return unicodedata.normalize("NFC", text)


# In names even tab and line breaks are out: a name is shown on one line.
_UNSAFE_IN_NAME = re.compile("[\t\n\r" + _CONTROL.pattern[1:-1] + "\ud800-\udfff\u2028\u2029]")


_SURROGATE = re.compile("[\ud800-\udfff]")
"""Undecodable bytes of a name (surrogateescape); a regex: every file, every start."""


def unsafe_name(name: str) -> str | None:
    """Why a file or folder name cannot be shown safely, or None when it can.

    Names are shown in every front end and stored as article ids, so they obey
    the same rule as article text: no control, bidi or zero-width characters.
    Bytes that are not UTF-8 arrive as lone surrogates (surrogateescape)."""
    if name.isascii() and name.isprintable():
        return None  # the common case, checked for every file on every start
    if _SURROGATE.search(name):
        return "file name is not valid UTF-8 (rename the file)"
    if _UNSAFE_IN_NAME.search(name):
        return "file name contains control or invisible characters (rename the file)"
    return None


def printable(text: str) -> str:
    """`text` with every unsafe character written as an escape (`\\x1b`,
    `\\u202e`, undecodable bytes as `\\xe9`): safe to print, still recognisable."""

    def escape(m: re.Match[str]) -> str:
        ch = m.group()
        if "\udc80" <= ch <= "\udcff":  # surrogateescape'd byte
            return f"\\x{ord(ch) - 0xDC00:02x}"
        return ascii(ch)[1:-1]

    return _UNSAFE_IN_NAME.sub(escape, text)


_NOT_LETTERS = re.compile(r"[\W\d_]+")


def check_text(text: str) -> None:
    """Reject decoded text that is not prose (e.g. binary without magic bytes)."""
    if not text.strip():
        raise ArticleError("empty", "no text")
    sample = text[:20000]
    letters = len(_NOT_LETTERS.sub("", sample))
    visible = sum(map(len, sample.split()))  # the characters that are not white space
    if visible and letters / visible < 0.5:
        raise ArticleError("not-text", "does not look like text (too few letters)")

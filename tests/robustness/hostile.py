"""A hostile article: markup, terminal escapes, bidi and zero-width characters.

Shared fixture text for the CLI tests here and the TUI tests in tests/reader
(import it as `tests.robustness.hostile`; it imports only the standard library).
Everything in it must reach the screen literally or be neutralised: no ESC,
no bidi control, no zero-width character may reach the terminal, and markup
must appear as the characters it is made of.
"""

from __future__ import annotations

import unicodedata

MARKUP_SNIPPETS: tuple[str, ...] = (
    "[bold red]",
    "[link=file:///etc/passwd]",
    "[@click=app.quit]",
    "[/]",
)
"""Rich/Textual markup that must be shown as text, never interpreted."""

ESCAPES: tuple[str, ...] = (
    "\x1b[2J",  # clear screen
    "\x1b[31m",  # red foreground
    "\x1b]52;c;ZWNobyBwd25lZA==\x07",  # OSC 52: write the clipboard
    "\x1b]8;;https://evil.example/\x1b\\",  # OSC 8: hyperlink start
    "\x1b]8;;\x1b\\",  # OSC 8: hyperlink end
    "\x1b]0;pwned title\x07",  # OSC 0: window title
    "\x9b2J",  # C1 CSI: clear screen without ESC
)

BIDI_AND_ZERO_WIDTH: tuple[str, ...] = (
    "\u202e",  # RIGHT-TO-LEFT OVERRIDE
    "\u202d",  # LEFT-TO-RIGHT OVERRIDE
    "\u2066",  # LEFT-TO-RIGHT ISOLATE
    "\u2067",  # RIGHT-TO-LEFT ISOLATE
    "\u2069",  # POP DIRECTIONAL ISOLATE
    "\u200b",  # ZERO WIDTH SPACE
    "\u200d",  # ZERO WIDTH JOINER
    "\u2060",  # WORD JOINER
    "\ufeff",  # ZERO WIDTH NO-BREAK SPACE (BOM inside text)
    "\u061c",  # ARABIC LETTER MARK (a bidi control)
    "\U000e0041",  # TAG LATIN CAPITAL LETTER A (invisible "ASCII smuggling")
)

FORBIDDEN_CHARS: frozenset[str] = frozenset({"\x1b", "\x07", "\x9b", "\x9d", *BIDI_AND_ZERO_WIDTH})
"""Characters that must never appear in anything written to the terminal."""

HOSTILE_ID = "hostile"
"""File stem (article id) used for the hostile article in tests."""

HOSTILE_TITLE = "Gipfel in Genf: [bold red]Alarm[/] für die Außenminister"

HOSTILE_TEXT = (
    f"{HOSTILE_TITLE}\n\n"
    "Die Außenministerin traf in Genf ihren Amtskollegen, um über Sicherheitsgarantien "
    "zu sprechen [link=file:///etc/passwd]hier klicken[/link] und [@click=app.quit]Beenden[/]. "
    "Die Gespräche dauerten länger als geplant.\x1b[2J\x1b[31m Der Bildschirm bleibt "
    "unverändert, versicherte ein Sprecher.\n\n"
    "Ein Zitat aus der Zwischenablage \x1b]52;c;ZWNobyBwd25lZA==\x07 darf nie geschrieben "
    "werden, ebenso wenig ein \x1b]8;;https://evil.example/\x1b\\Link\x1b]8;;\x1b\\ oder ein "
    "Fenstertitel \x1b]0;pwned title\x07 während der Verhandlungen in Brüssel.\n\n"
    "Umgekehrter Text \u202eeztäsnefigeB\u202c und \u2066isolierte\u2069 Wörter mit "
    "Null\u200bbreiten\u200dZeichen\u2060 und \ufeffBOM, \u061cMarken und "
    "\U000e0041\U000e0042 Etiketten sowie \x9b2J bleiben harmlos, "
    "sagte die Ministerin über die Gespräche.\n"
)
"""A German article (title, three paragraphs) carrying every hostile sequence."""


def is_forbidden(ch: str) -> bool:
    """A character that may not reach a terminal: the ones above, and in general
    every control (Cc) but tab and newline and every invisible format character
    (Cf: bidi controls, zero-width, tags) but the soft hyphen."""
    if ch in FORBIDDEN_CHARS:
        return True
    category = unicodedata.category(ch)
    return (category == "Cc" and ch not in "\t\n") or (category == "Cf" and ch != "\u00ad")


def forbidden_in(text: str) -> list[str]:
    """The forbidden characters found in `text`, as escapes (for assertion messages)."""
    return sorted({ascii(ch) for ch in text if is_forbidden(ch)})

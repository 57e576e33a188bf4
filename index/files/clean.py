"""Cleaning scraped article text: page furniture off, headline and structure found.

Scraped news comes with navigation breadcrumbs, stray site dates, share and ad
lines at the head and tail, and sentences glued together by lost line breaks.
Nothing here knows a particular site: it works from the shape of lines
(sentence or not, how long, where) rather than from lists of strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from index.text.months import month_pattern

_SENT_END = re.compile(r"[.!?…][\"'“”«»„)]*$|[\"“”»]$")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# "Ukraine.Blinken", "gefasst.„Wir", "Aggression.“Lawrow", "habe:„Den"
_GLUED = re.compile(r"(?<=[a-zäöüß0-9)]{2})([.!?:][“”\"»]?|[“”\"»])(?=[„\"“«]?[A-ZÄÖÜ][a-zäöüß])")
_GLUED_QUOTE = re.compile(r"(?<=[a-zäöüß]{2}[.!?:])(?=„[A-ZÄÖÜa-zäöüß])")
# " date 2025-01 Rest" as some scrapers prefix the article.
_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*(.*)$", re.I)
_BYLINE = re.compile(r"^(?:von|by|autor(?:in)?:?)\s+\S", re.I)
_MONTHS = month_pattern()
_DATEISH = re.compile(
    rf"\b(?:\d{{1,2}}\.\s*(?:{_MONTHS})\b|(?:{_MONTHS})\.?\s+\d{{1,2}}\b|\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}"
    rf"|\d{{4}}-\d{{2}}(?:-\d{{2}})?|(?:{_MONTHS})\s+\d{{4}}|\d{{1,2}}:\d{{2}}\s*(?:uhr)?)",
    re.I,
)
_WEEKDAY = re.compile(
    r"^(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
# A navigation trail whose separators were lost: three or more capitalised
# words glued into one token, "StartPolitikGesetzgebung". Only a whole token
# counts: inside prose such runs also occur in links (pic.twitter.com/lmceQwMbYP)
# and hashtags, which are article text.
_GLUED_TRAIL = re.compile(r"(?:[A-ZÄÖÜ][a-zäöüß]{2,}){3,}")
_GLUED_PREFIX = re.compile(r"^(?:[A-ZÄÖÜ][a-zäöüß]{2,}){2,}(?=[A-ZÄÖÜ][a-zäöüß])")
# A trail with its separators: "Start > Politik > Ausland", "Home | Welt | Europa".
_TRAIL_SEP = re.compile(r"\s[>»›|/]\s")
_AD_LINE = re.compile(
    r"^[\W_]*(anzeige|werbung|advertisement|advertisment|sponsored|teilen|share)[\W_]*$", re.I
)


@dataclass
class Cleaned:
    """The result of cleaning: headline, structured blocks, and what was taken off."""

    title: str | None
    blocks: list[tuple[str, str]] = field(default_factory=list)
    """("p", paragraph) or ("h", subheading), in order; the title is not among them."""
    header_lines: list[str] = field(default_factory=list)
    """Lines taken off the head/tail that may carry date, source or author."""
    furniture: list[str] = field(default_factory=list)
    """Lines dropped as page furniture (breadcrumbs, share/ad lines …)."""


# What every match of _GLUED or _GLUED_QUOTE contains (without their
# lookbehinds, which the regex engine would test at every position): most
# lines have none, and are left as they are at a quick scan.
_GLUED_HINT = re.compile(r"[.!?:“”\"»][„\"“«]?[A-ZÄÖÜ][a-zäöüß]|[.!?:]„[A-ZÄÖÜa-zäöüß]")


def repair_glued(line: str) -> str:
    """Put back the space lost between sentences: "Ukraine.Blinken" -> "Ukraine. Blinken"."""
    if not _GLUED_HINT.search(line):
        return line
    line = _GLUED.sub(lambda m: m.group(1) + " ", line)
    return _GLUED_QUOTE.sub(" ", line)


def _words(line: str) -> int:
    return len(_WORD.findall(line))


words = lru_cache(maxsize=1024)(_words)
"""The number of words in `line`; cleaning asks it several times of each
line of an article (a small cache: the lines of the article at hand)."""

_CLOSERS = "\"'“”«»„)"
"""What may follow a sentence's final mark (`_SENT_END`)."""


def ends_sentence(line: str) -> bool:
    """`_SENT_END.search(line)`, from the line's end instead of a scan of
    every position (a paragraph is hundreds of characters)."""
    if line.endswith("\n"):  # `$` also matches before a final line break
        return bool(_SENT_END.search(line))
    return line.rstrip(_CLOSERS)[-1:] in _MARKS or line[-1:] in _END_QUOTES


_MARKS = frozenset(".!?…")
_END_QUOTES = frozenset('"“”»')


def is_sentence(line: str) -> bool:
    """A body paragraph: prose that ends like a sentence, or simply long."""
    n = words(line)
    return (n >= 6 and ends_sentence(line)) or n >= 40


def _units(text: str) -> list[str]:
    """Split into paragraphs: blank-line blocks; inside a block, one line per
    unit unless the block is hard-wrapped prose (then its lines are joined)."""
    units: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        inner = lines[:-1]
        wrapped = len(lines) >= 3 and sum(
            30 <= len(ln) <= 100 and not ends_sentence(ln) for ln in inner
        ) >= 0.6 * len(inner)
        if wrapped:
            units.append(" ".join(lines))
        else:
            units.extend(lines)
    return units


def _is_dateline(line: str) -> bool:
    if _WEEKDAY.match(line) and words(line) <= 8:
        return True
    rest = _DATEISH.sub("", line)
    return bool(_DATEISH.search(line)) and words(rest) <= 4


def is_breadcrumb(line: str) -> bool:
    """A navigation trail, judged by the shape of the whole line: short, no
    sentence punctuation, and made of words glued by lost separators or joined
    by trail separators. A line that carries a sentence is never one."""
    if is_sentence(line) or words(line) > 12 or re.search(r"[.!?,;:“”„\"]", line):
        return False
    tokens = line.split()
    glued = sum(bool(_GLUED_TRAIL.fullmatch(t)) for t in tokens)
    return glued * 3 >= len(tokens) or len(_TRAIL_SEP.findall(line)) >= 2


def split_glued_trail(line: str) -> tuple[str | None, str]:
    """("StartPolitikAusland", "Der Minister …") from a prose line that a glued
    breadcrumb was put in front of; (None, line) when there is none."""
    first, sep, rest = line.partition(" ")
    if sep and _GLUED_TRAIL.fullmatch(first) and is_sentence(rest):
        return first, rest
    return None, line


def _is_furniture(line: str, later: list[str] | None = None) -> bool:
    """Ad/share lines, breadcrumbs, and teasers that are a truncated copy ("…")
    of a later line. Each is recognised by the shape of the whole line."""
    if _AD_LINE.match(line) or is_breadcrumb(line):
        return True
    if line.endswith(("...", "…")):
        # A glued trail in front ("StartWeltEuropaMinister reist …") is not part of the copy.
        copy = _GLUED_PREFIX.sub("", line.rstrip(".… "))
        stem = _norm(copy)[-40:]
        return not is_sentence(line) or any(stem and stem in _norm(u) for u in later or ())
    return False


def _is_tail_furniture(line: str) -> bool:
    """A short closing line that is no sentence ("Teilen", "Quelle!:", "Mehr »");
    a short real sentence ("Die Lage bleibt ernst.") stays."""
    if is_sentence(line) or words(line) > 4:
        return False
    return not re.search(r"\w[.!?][\"“”»)]*$", line)


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def clean_text(text: str) -> Cleaned:
    """Find headline, header lines, furniture and body blocks in sanitized text."""
    out = Cleaned(title=None)
    units = []
    for unit in _units(text):
        trail, unit = split_glued_trail(repair_glued(unit))
        if trail:
            out.furniture.append(trail)
        units.append(unit)
    # Head: everything before the first body paragraph.
    first_body = next(
        (i for i, u in enumerate(units) if is_sentence(u) and not _is_furniture(u, units[i + 1 :])),
        len(units),
    )
    head, rest = units[:first_body], units[first_body:]
    candidates: list[str] = []
    for i, unit in enumerate(head):
        m = _DATE_PREFIX.match(unit)
        if m:
            out.header_lines.append(f"date {m.group(1)}")
            unit = m.group(2).strip()
            if not unit:
                continue
        if (_BYLINE.match(unit) and words(unit) <= 10) or _is_dateline(unit):
            out.header_lines.append(unit)
        elif _is_furniture(unit, units[i + 1 :]):
            out.furniture.append(unit)
        else:
            candidates.append(unit)
    # Tail: short lines that are not sentences (share bars, "Quelle:", ads).
    tail_cut = len(rest)
    while tail_cut > 1 and _is_tail_furniture(rest[tail_cut - 1]):
        tail_cut -= 1
    for unit in rest[tail_cut:]:
        (out.header_lines if _is_dateline(unit) or _BYLINE.match(unit) else out.furniture).append(
            unit
        )
    rest = rest[:tail_cut]
    if candidates:
        out.title = candidates[0]
        out.blocks.extend(("h", c) for c in candidates[1:])
    for unit in rest:
        if _is_furniture(unit) and not is_sentence(unit):
            out.furniture.append(unit)
        elif out.title and _norm(unit) == _norm(out.title):
            continue
        elif is_sentence(unit) or words(unit) > 14 or re.search(r"[.!?…][\"'“”»)]*$", unit):
            out.blocks.append(("p", unit))
        elif _BYLINE.match(unit) and words(unit) <= 10 and len(out.blocks) <= 2:
            out.header_lines.append(unit)
        else:
            out.blocks.append(("h", unit))
    return out


def lead_title(paragraph: str, limit: int = 120) -> str:
    """A title from the lead: its first sentence, cut at a word boundary."""
    m = re.search(r"(?<=[a-zäöüß0-9\"“”)][.!?])\s+(?=[A-ZÄÖÜ„\"])", paragraph)
    sentence = paragraph[: m.start()] if m else paragraph
    sentence = sentence.rstrip(".")
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return cut + " …"

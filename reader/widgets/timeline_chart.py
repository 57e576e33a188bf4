"""A bar chart of hits per period, drawn with Unicode blocks, with a cursor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widget import Widget

from index import Filter
from reader.archive_messages import BucketingWanted, FilterWanted
from reader.i18n import language, t
from reader.i18n_archive import SHORT_MONTHS

if TYPE_CHECKING:
    from index import Bucket, Bucketing, Timeline

BUCKETINGS: tuple[Bucketing | None, ...] = (None, "week", "month", "year")
"""What `g` steps through: automatic (from the span), then each in turn."""

BLOCKS = " ▁▂▃▄▅▆▇█"
AXIS_WIDTH = 6
MIN_SIZE = (80, 24)


def period_label(period: str, short: bool = False) -> str:
    """ "2016-03" -> "März 2016" (short: "Mär 16"); weeks as KW/week; years as is."""
    lang = language()
    if "-W" in period:
        year, week = period.split("-W")
        return f"{int(week)}/{year[2:]}" if short else t("timeline.week", w=int(week), y=year)
    if len(period) == 7:
        year, month = period.split("-")
        if short:
            return f"{SHORT_MONTHS[lang][int(month) - 1]} {year[2:]}"
        from reader.i18n import _MONTHS

        return f"{_MONTHS[lang][int(month) - 1]} {year}"
    return period


def chip_value(by: str, first: Bucket, last: Bucket | None = None) -> str:
    """The date chip for one bucket or a range of them ("2016-01..2016-03")."""
    if last is None or last is first:
        return f"{first.start}..{first.end}" if by == "week" else first.period
    lo, hi = (first, last) if first.start <= last.start else (last, first)
    if by == "week":
        return f"{lo.start}..{hi.end}"
    return f"{lo.period}..{hi.period}"


def chip_span(value: str) -> tuple[str, str] | None:
    """(first, last) ISO day a date chip covers ("2016-03" -> 2016-03-01,
    2016-03-31), as strings that compare like the buckets' start and end; None
    when unreadable. A month's last day is written "-31" (compares right)."""
    lo, sep, hi = value.partition("..")
    first, last = _side(lo, False), _side(hi if sep else lo, True)
    if first is None or last is None:
        return None
    return (first, last) if first <= last else (last, first)


def _side(text: str, end: bool) -> str | None:
    parts = text.strip().split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        return None
    year, month, day = [*parts, "", ""][:3]
    if len(year) != 4:
        return None
    month = month or ("12" if end else "01")
    day = day or ("31" if end else "01")
    return f"{year}-{int(month):02d}-{int(day):02d}"


def chip_marks(chips: Sequence[Filter], buckets: Sequence[Bucket]) -> list[str]:
    """Per bucket: "in" when a date chip keeps (part of) its period, "out"
    when a NOT date chip removes it, else "". Several date chips: AND."""
    spans = [(f.exclude, chip_span(f.value)) for f in chips if f.field == "date"]
    marks = []
    for b in buckets:
        mark = ""
        for exclude, span in spans:
            if span is None:
                continue
            overlaps = b.start <= span[1] and b.end >= span[0]
            if exclude and overlaps:
                mark = "out"
                break
            if not exclude:
                if not overlaps:
                    mark = "out"
                    break
                mark = "in"
        marks.append(mark)
    return marks


def too_small(widget: Widget) -> Content | None:
    w, h = widget.app.size
    if w < MIN_SIZE[0] or h < MIN_SIZE[1]:
        return Content.styled(t("small.terminal", w=w, h=h), "bold $text-warning")
    return None


class TimelineChart(Widget, can_focus=True):
    """Bars oldest to newest; ←/→ move the cursor, Enter makes a date chip and
    a second Enter on another bar widens it to a range."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Previous period (also h).
        Binding("left,h", "move(-1)", "b.left", show=False),
        # Next period (also l).
        Binding("right,l", "move(1)", "b.right", show=False),
        # First period.
        Binding("home", "move(-100000)", "b.first", show=False),
        # Last period.
        Binding("end", "move(100000)", "b.last", show=False),
        # Filter by this period; a second Enter on another bar: the range.
        Binding("enter", "choose", "b.period"),
        # By week, month, year, or chosen from the span (in turn).
        Binding("g", "bucketing", "b.bucketing"),
    ]

    DEFAULT_CSS = """
    TimelineChart { height: 1fr; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.timeline: Timeline | None = None
        self.chips: tuple[Filter, ...] = ()
        """The active chips: bars of the chosen period stand out."""
        self.cursor = 0
        self.range_start: int | None = None
        """The bar of the first Enter (a second one makes a range)."""
        self.by: Bucketing | None = None
        """The bucketing asked for by `g` (None: automatic)."""
        self.follows_keys = True
        """False for a timeline whose counts `g` cannot change (the dossier's)."""

    def show_timeline(self, timeline: Timeline | None, chips: Sequence[Filter] = ()) -> None:
        old = self.timeline
        self.timeline, self.chips = timeline, tuple(chips)
        n = len(timeline.buckets) if timeline else 0
        if old is None or not old.buckets or timeline is None or old.by != timeline.by:
            self.cursor = max(0, n - 1)
            self.range_start = None
        self.cursor = min(self.cursor, max(0, n - 1))
        self.refresh()

    @property
    def bucket(self) -> Bucket | None:
        tl = self.timeline
        return tl.buckets[self.cursor] if tl and tl.buckets else None

    def action_move(self, delta: int) -> None:
        if self.timeline and self.timeline.buckets:
            self.cursor = max(0, min(len(self.timeline.buckets) - 1, self.cursor + delta))
            self.refresh()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.follows_keys if action == "bucketing" else True

    def on_click(self, event: events.Click) -> None:
        """A click on a bar puts the cursor there; on the bar under the
        cursor it filters, as Enter does."""
        tl = self.timeline
        if tl is None or not tl.buckets or event.x < AXIS_WIDTH:
            return
        start, bw, shown = bar_layout(len(tl.buckets), self.cursor, self.size.width)
        i = (event.x - AXIS_WIDTH) // bw
        if i >= shown:
            return
        if start + i == self.cursor:
            self.action_choose()
        else:
            self.cursor = start + i
            self.refresh()

    def action_bucketing(self) -> None:
        if not self.follows_keys:
            return
        self.by = BUCKETINGS[(BUCKETINGS.index(self.by) + 1) % len(BUCKETINGS)]
        self.post_message(BucketingWanted(self.by))
        self.refresh()

    def action_choose(self) -> None:
        tl, bucket = self.timeline, self.bucket
        if tl is None or bucket is None:
            return
        if self.range_start is None or self.range_start == self.cursor:
            self.range_start = self.cursor
            self.post_message(FilterWanted(Filter("date", chip_value(tl.by, bucket))))
        else:
            first = tl.buckets[self.range_start]
            self.range_start = None
            value = chip_value(tl.by, first, bucket)
            self.post_message(FilterWanted(Filter("date", value), replace_last=True))

    def info_line(self) -> Content:
        tl, bucket = self.timeline, self.bucket
        if tl is None or bucket is None:
            return Content.styled(t("timeline.empty"), "$text-muted")
        parts = [
            Content.styled(
                t("timeline.cursor", period=period_label(bucket.period), n=bucket.count), "bold"
            ),
            Content(f"  ·  {t('timeline.by.' + tl.by)}"),
        ]
        if self.by is None and self.follows_keys:
            parts.append(Content.styled(f" {t('timeline.auto')}", "$text-muted"))
        if tl.undated:
            parts.append(Content(f"  ·  {t('timeline.undated', n=tl.undated)}"))
        if tl.imprecise:
            parts.append(Content(f"  ·  {t('timeline.imprecise', n=tl.imprecise)}"))
        chosen = [f for f in self.chips if f.field == "date"]
        if chosen:
            labels = ", ".join(("−" if f.exclude else "") + chip_label(f.value) for f in chosen)
            parts.append(Content.styled(f"  ·  {t('timeline.chosen', p=labels)}", "bold $success"))
        if self.range_start is not None:
            parts.append(Content.styled(f"  ·  {t('timeline.range')}", "$text-muted"))
        return Content.assemble(*parts)

    def render(self) -> Content:
        small = too_small(self)
        if small is not None:
            return small
        width, height = self.size
        lines = [self.info_line().truncate(width, ellipsis=True)]
        tl = self.timeline
        if tl is None or not tl.buckets:
            return Content("\n").join(lines)
        lines.extend(
            bar_lines(tl, self.cursor, width, max(3, height - 1), self.has_focus, self.chips)
        )
        return Content("\n").join(lines)


def chip_label(value: str) -> str:
    """A date chip in short words: "Mär 16 – Mai 16", "5/16" (a week)."""
    lo, sep, hi = value.partition("..")
    if sep and len(lo) == 10 and len(hi) == 10:  # days: one ISO week, or as written
        try:
            first, last = dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)
        except ValueError:
            return f"{lo} – {hi}"
        if first.isoweekday() == 1 and (last - first).days == 6:
            iso = first.isocalendar()
            return period_label(f"{iso.year}-W{iso.week:02d}", short=True)
        return f"{lo} – {hi}"
    short = [period_label(p, short=True) for p in (lo, hi)]
    return f"{short[0]} – {short[1]}" if sep else short[0]


MARK_STYLE = {"in": "$success", "out": "$primary-muted"}
MARK_AXIS = {"": "─", "in": "━", "out": "┄"}
MARK_AXIS_STYLE = {"": "$text-muted", "in": "$success", "out": "$text-muted"}


def bar_layout(n: int, cursor: int, width: int) -> tuple[int, int, int]:
    """(first bucket shown, bar width, bars shown) for `n` buckets in `width`
    cells, the cursor's bar kept in view (centred when they do not all fit)."""
    room = max(1, width - AXIS_WIDTH)
    bw = max(1, min(6, room // max(1, n)))
    shown = min(n, room // bw)
    start = max(0, min(n - shown, cursor - shown // 2))
    return start, bw, shown


def bar_lines(
    tl: Timeline,
    cursor: int,
    width: int,
    height: int,
    focused: bool,
    chips: Sequence[Filter] = (),
) -> list[Content]:
    """Bar rows, the axis and its labels for `width` x `height` cells; the
    periods the date chips keep in the success colour over a heavy axis, those
    they leave out muted over a dotted one."""
    rows = max(1, height - 2)
    start, bw, shown = bar_layout(len(tl.buckets), cursor, width)
    buckets = tl.buckets[start : start + shown]
    marks = chip_marks(chips, buckets)
    top = max((b.count for b in tl.buckets), default=0) or 1
    gap = 1 if bw >= 3 else 0
    out: list[Content] = []
    for r in range(rows):
        level_top = (rows - r) * 8
        parts: list[tuple[str, str] | str] = [
            (f"{top if r == 0 else '':>{AXIS_WIDTH - 1}} ", "$text-muted")
        ]
        for i, b in enumerate(buckets):
            eighths = round(b.count / top * rows * 8)
            fill = max(0, min(8, eighths - (level_top - 8)))
            if b.count and r == rows - 1 and fill == 0:
                fill = 1  # a period with hits is never invisible
            char = BLOCKS[fill]
            style = "$accent" if start + i == cursor else MARK_STYLE.get(marks[i], "$primary")
            if start + i == cursor and not focused:
                style = "$secondary"
            parts.append((char * (bw - gap) + " " * gap, style))
        out.append(Content.assemble(*parts))
    axis: list[tuple[str, str] | str] = []
    for mark, run in groupby(marks):
        axis.append((MARK_AXIS[mark] * bw * len(list(run)), MARK_AXIS_STYLE[mark]))
    if all(not m for m in marks):  # no date chip: one plain axis
        out.append(Content.styled(" " * AXIS_WIDTH + "─" * (bw * len(buckets)), "$text-muted"))
    else:
        out.append(Content.assemble(" " * AXIS_WIDTH, *axis))
    labels = [" "] * (AXIS_WIDTH + bw * len(buckets) + 12)
    free = 0
    for i, b in enumerate(buckets):
        x = AXIS_WIDTH + i * bw
        text = period_label(b.period, short=True)
        if x >= free and x + len(text) <= len(labels):
            labels[x : x + len(text)] = list(text)
            free = x + len(text) + 1
    out.append(Content.styled("".join(labels)[:width].rstrip(), "$text-muted"))
    return out

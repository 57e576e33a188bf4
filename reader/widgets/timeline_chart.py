"""A bar chart of hits per period, drawn with Unicode blocks, with a cursor."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widget import Widget

from index import Filter
from reader.archive_messages import FilterWanted
from reader.i18n import language, t
from reader.i18n_archive import SHORT_MONTHS

if TYPE_CHECKING:
    from index import Bucket, Timeline

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
    ]

    DEFAULT_CSS = """
    TimelineChart { height: 1fr; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.timeline: Timeline | None = None
        self.cursor = 0
        self.range_start: int | None = None
        """The bar of the first Enter (a second one makes a range)."""

    def show_timeline(self, timeline: Timeline | None) -> None:
        old = self.timeline
        self.timeline = timeline
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
        if tl.undated:
            parts.append(Content(f"  ·  {t('timeline.undated', n=tl.undated)}"))
        if tl.imprecise:
            parts.append(Content(f"  ·  {t('timeline.imprecise', n=tl.imprecise)}"))
        if self.range_start is not None:
            parts.append(Content.styled(f"  ·  {t('timeline.range')}", "$text-muted"))
        return Content.assemble(*parts)

    def render(self) -> Content:
        small = too_small(self)
        if small is not None:
            return small
        width, height = self.size
        lines = [self.info_line()]
        tl = self.timeline
        if tl is None or not tl.buckets:
            return Content("\n").join(lines)
        lines.extend(bar_lines(tl, self.cursor, width, max(3, height - 1), self.has_focus))
        return Content("\n").join(lines)


def bar_lines(tl: Timeline, cursor: int, width: int, height: int, focused: bool) -> list[Content]:
    """Bar rows, the axis and its labels for `width` x `height` cells."""
    rows = max(1, height - 2)
    room = max(1, width - AXIS_WIDTH)
    n = len(tl.buckets)
    bw = max(1, min(6, room // n))
    shown = min(n, room // bw)
    start = max(0, min(n - shown, cursor - shown // 2))
    buckets = tl.buckets[start : start + shown]
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
            style = "$accent" if start + i == cursor else "$primary"
            if start + i == cursor and not focused:
                style = "$secondary"
            parts.append((char * (bw - gap) + " " * gap, style))
        out.append(Content.assemble(*parts))
    out.append(Content.styled(" " * AXIS_WIDTH + "─" * (bw * len(buckets)), "$text-muted"))
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

"""A bar chart of hits per period, drawn with Unicode blocks, with a cursor
(periods and date chips: reader/widgets/timeline_periods.py)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widget import Widget

from index import Filter
from reader.archive_messages import BucketingWanted, FilterWanted
from reader.i18n import t
from reader.widgets.timeline_periods import chip_label, chip_marks, chip_value, period_label

if TYPE_CHECKING:
    from index import Bucket, Bucketing, Timeline

__all__ = ["TimelineChart", "bar_layout", "bar_lines", "chip_marks", "too_small"]

BUCKETINGS: tuple[Bucketing | None, ...] = (None, "week", "month", "year")
"""What `g` steps through: automatic (from the span), then each in turn."""

BLOCKS = " ▁▂▃▄▅▆▇█"
AXIS_WIDTH = 6
MIN_SIZE = (80, 24)


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

"""The feeds the user follows (`feeds.toml`, edited by hand too) and what
`fetch` remembers about each (`feeds-state.json`, machine-written).

The two are apart on purpose: a person edits the list of feeds, and a fetch
rewriting seen-item lists and ETags must never reformat or lose those edits.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from index import paths
from index.files.atomic import write_atomic
from index.ingest.http import FetchError, check_url

MAX_SEEN = 20_000
"""Remembered item ids per feed; far more than any feed carries at once."""

HEADER = """\
# Feeds diplo-reader follows; edit freely (`diplo-reader feeds add/remove` too).
# One [[feed]] block per feed:
#   name   = what `diplo-reader fetch NAME` and `feeds remove NAME` call it
#   url    = the RSS or Atom address
#   filter = keep only items naming one of these words (folded like search:
#            "Außenminister" also finds "aussenminister", "Außenministerin");
#            leave it out or empty to keep every item
"""

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$")


class FeedStoreError(Exception):
    """The feeds file cannot be read or the change makes no sense; str() says why."""


@dataclass(frozen=True)
class Feed:
    name: str
    url: str
    filter: tuple[str, ...] = ()


@dataclass
class FeedState:
    etag: str | None = None
    last_modified: str | None = None
    last_fetch: str | None = None
    """When the last fetch finished (UTC, ISO), successful or not."""
    items: int = 0
    """Items in the feed at the last successful fetch."""
    new: int = 0
    """Articles the last fetch added."""
    error: str | None = None
    """Why the last fetch failed, or None."""
    seen: list[str] = field(default_factory=list)


def _toml_string(value: str) -> str:
    """A TOML basic string (JSON escapes are valid TOML for these characters)."""
    return json.dumps(value, ensure_ascii=False)


def default_name(url: str) -> str:
    host = (urlsplit(url).hostname or "feed").lower().removeprefix("www.")
    return re.sub(r"[^a-z0-9_.-]+", "-", host).strip("-.")[:60] or "feed"


class FeedStore:
    def __init__(self, config: Path | None = None, state: Path | None = None) -> None:
        self.config_path = config or paths.feeds_file()
        self.state_path = state or paths.feeds_state_file()

    # -- the list of feeds (TOML) -------------------------------------------

    def feeds(self) -> list[Feed]:
        try:
            raw = self.config_path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise FeedStoreError(f"cannot read {self.config_path}: {exc.strerror}") from exc
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise FeedStoreError(f"{self.config_path} is not valid TOML: {exc}") from exc
        feeds: list[Feed] = []
        for i, entry in enumerate(data.get("feed", []), 1):
            if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
                raise FeedStoreError(f"{self.config_path}: feed number {i} has no url")
            words = entry.get("filter", [])
            if isinstance(words, str):
                words = words.split()
            name = str(entry.get("name") or default_name(entry["url"]))
            feeds.append(Feed(name, entry["url"], tuple(str(w) for w in words)))
        return feeds

    def _write_feeds(self, feeds: list[Feed]) -> None:
        blocks = [HEADER]
        for feed in feeds:
            lines = ["[[feed]]", f"name = {_toml_string(feed.name)}"]
            lines.append(f"url = {_toml_string(feed.url)}")
            if feed.filter:
                lines.append(f"filter = [{', '.join(_toml_string(w) for w in feed.filter)}]")
            blocks.append("\n".join(lines) + "\n")
        _atomic_write(self.config_path, "\n".join(blocks))

    def add(self, url: str, name: str | None = None, words: tuple[str, ...] = ()) -> Feed:
        try:
            check_url(url)
        except FetchError as exc:
            raise FeedStoreError(f"{url!r}: {exc}") from exc
        feeds = self.feeds()
        if any(f.url == url for f in feeds):
            raise FeedStoreError(f"already following {url}")
        if name is None:
            base = name = default_name(url)
            n = 2
            while any(f.name == name for f in feeds):
                name, n = f"{base}-{n}", n + 1
        elif not _NAME.match(name):
            raise FeedStoreError(
                "a feed name is letters, digits, '-', '_' or '.' (at most 60), e.g. tagesschau"
            )
        elif any(f.name == name for f in feeds):
            raise FeedStoreError(f"a feed named {name!r} exists already")
        feed = Feed(name, url, tuple(words))
        self._write_feeds([*feeds, feed])
        return feed

    def remove(self, name: str) -> Feed:
        feeds = self.feeds()
        kept = [f for f in feeds if f.name != name]
        if len(kept) == len(feeds):
            known = ", ".join(f.name for f in feeds) or "none"
            raise FeedStoreError(f"no feed named {name!r} (feeds: {known})")
        self._write_feeds(kept)
        states = self._states()
        if states.pop(name, None) is not None:
            _atomic_write(self.state_path, json.dumps(states, ensure_ascii=False))
        return next(f for f in feeds if f.name == name)

    # -- what fetch remembers (JSON) ------------------------------------------

    def _states(self) -> dict[str, dict[str, object]]:
        try:
            data = json.loads(self.state_path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}  # lost or damaged: the next fetch re-checks every item
        return data if isinstance(data, dict) else {}

    def state(self, name: str) -> FeedState:
        raw = self._states().get(name)
        if not isinstance(raw, dict):
            return FeedState()
        known = {k: v for k, v in raw.items() if k in FeedState.__dataclass_fields__}
        try:
            return FeedState(**known)  # type: ignore[arg-type]
        except TypeError:
            return FeedState()

    def save_state(self, name: str, state: FeedState) -> None:
        state.seen = state.seen[-MAX_SEEN:]
        states = self._states()
        states[name] = asdict(state)
        _atomic_write(self.state_path, json.dumps(states, ensure_ascii=False))


def _atomic_write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
    except OSError as exc:
        raise FeedStoreError(f"cannot write {path}: {exc.strerror or exc}") from exc

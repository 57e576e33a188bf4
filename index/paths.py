"""Every path diplo-reader uses, in one place.

The index lives in the user's cache directory (never inside the articles folder
or the package); user state in the state directory; the feeds the user follows
in the config directory. `DIPLO_CACHE_DIR`, `DIPLO_STATE_DIR` and
`DIPLO_CONFIG_DIR` override them (tests and benchmarks use them).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

APP_NAME = "diplo-reader"


def cache_dir() -> Path:
    override = os.environ.get("DIPLO_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_path  # here: each command's start-up pays for imports

    return user_cache_path(APP_NAME)


def state_dir() -> Path:
    override = os.environ.get("DIPLO_STATE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_state_path

    return user_state_path(APP_NAME)


def config_dir() -> Path:
    override = os.environ.get("DIPLO_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path(APP_NAME)


def feeds_file() -> Path:
    """The feeds the user follows (TOML, meant to be edited by hand too)."""
    return config_dir() / "feeds.toml"


def feeds_state_file() -> Path:
    """What `fetch` remembers per feed: seen items, ETag, last fetch, errors."""
    return state_dir() / "feeds-state.json"


def state_file() -> Path:
    return state_dir() / "state.json"


def bundled_articles_dir() -> Path:
    """The bundled articles: `articles/` beside the packages in a checkout,
    or the installed `articles` data package after `pip install .`."""
    checkout = Path(__file__).resolve().parent.parent / "articles"
    if checkout.is_dir():
        return checkout
    from importlib import resources  # ~8 ms (with tempfile): only for an installed copy

    return Path(str(resources.files("articles")))


def default_articles_dir() -> Path:
    env = os.environ.get("DIPLO_ARTICLES")
    return Path(env).expanduser() if env else bundled_articles_dir()


def index_dir_for(articles_dir: Path) -> Path:
    """One index per articles folder, named after it and a hash of its real path."""
    real = str(Path(articles_dir).expanduser().resolve())
    digest = hashlib.sha1(real.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    slug = re.sub(r"[^A-Za-z0-9_-]+", "_", Path(real).name)[:40] or "root"
    return cache_dir() / "indexes" / f"{slug}-{digest}"

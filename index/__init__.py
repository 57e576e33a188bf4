"""diplo-reader's core: reading articles, extraction, the Whoosh index, search.

Never imports `reader` or `textual` (a test enforces it).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("diplo-reader")
except PackageNotFoundError:  # running from a checkout without installing
    __version__ = "0+checkout"

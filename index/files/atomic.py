"""Writing a file so that readers see the old content or the new, never half.

The data goes to a temporary file beside the target (its name starts with a
dot, so the index's fingerprint and a folder listing pass over it), is flushed
to disk, and then renamed over the target in one step. Used for the index's
metadata and manifest (index/store/disk.py) and the reader's state file.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def write_atomic(path: Path, data: bytes | str, *, mode: int = 0o666) -> None:
    """Replace `path` by `data` (str is written as UTF-8) atomically.

    A new file gets `mode` less the umask (0o600 for a private file). Raises
    OSError when the folder is not writable; no temporary file is left."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise

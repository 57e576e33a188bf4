"""A plain (non-editable) `pip install .` into a fresh venv finds the bundled
articles without the checkout, and the console script works."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_non_editable_install_finds_bundled_articles(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [
        str(venv / "bin" / "python"),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ]
    # Build from a copy: setuptools writes build/ and *.egg-info next to the source.
    source = tmp_path / "src"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".*", "build", "*.egg-info", "__pycache__", "bench", "tests", "docs"
        ),
    )
    result = subprocess.run([*pip, str(source)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    env = {**os.environ, "DIPLO_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("DIPLO_ARTICLES", None)
    env.pop("PYTHONPATH", None)
    # Run from elsewhere so the checkout is not importable.
    where = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import index.paths as p; print(p.bundled_articles_dir())",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    bundled = Path(where.stdout.strip())
    assert bundled.is_dir() and "site-packages" in bundled.parts, where.stderr
    assert sorted(p.name for p in bundled.glob("*.txt")) == sorted(
        p.name for p in (ROOT / "articles").glob("*.txt")
    )
    out = subprocess.run(
        [
            str(venv / "bin" / "diplo-reader"),
            "extract",
            *map(str, sorted(bundled.glob("*.txt"))),
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    assert len(json.loads(out.stdout)) == 5
    idx = subprocess.run(
        [str(venv / "bin" / "diplo-reader"), "index"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert idx.returncode == 0 and "5 added" in idx.stdout, idx.stderr


def test_version_constant_is_pyprojects() -> None:
    """`index.__version__` is a constant (no importlib.metadata at start-up):
    it must be the version pyproject.toml builds, and the installed one."""
    import tomllib
    from importlib import metadata

    import index

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert index.__version__ == project["version"]
    try:
        installed = metadata.version("diplo-reader")
    except metadata.PackageNotFoundError:
        pytest.skip("diplo-reader is not installed (a bare checkout)")
    assert index.__version__ == installed

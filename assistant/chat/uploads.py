"""Files a user adds from the page, copied into the upload folder under names that cannot leave it."""

from __future__ import annotations

import filecmp
import re
import shutil
import unicodedata
from pathlib import Path

from assistant.indexing.manifest import Skipped
from assistant.sources.loading import SUPPORTED

MAX_STEM = 100


class UnsafeName(ValueError):
    """The name has nothing usable left once path parts and odd characters are removed."""


def safe_name(name: str) -> str:
    """The last path component, NFKC-normalised, restricted to letters, digits, `-`, `_`, `.` and spaces.

    Slashes and backslashes of any origin split the name, so `../../etc/passwd` gives `passwd`;
    leading dots go, so no hidden file and no `..` can come out.
    """
    base = unicodedata.normalize("NFKC", re.split(r"[\\/]", name)[-1])
    base = "".join(ch for ch in base if not unicodedata.category(ch).startswith("C"))
    base = re.sub(r"[^\w. -]+", "_", base)
    base = re.sub(r"\.{2,}", ".", base).strip(" .")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = stem.strip(" .")[:MAX_STEM]
    if not stem.strip("_-"):
        raise UnsafeName(f"unsafe file name: {name!r}")
    return f"{stem}.{suffix.lower()}" if suffix else stem


def _target(folder: Path, name: str, source: Path) -> Path:
    """`name` in `folder`, or `name-2`, `name-3`… if a different file already has it; the same file is reused."""
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, n = folder / name, 1
    while candidate.exists() and not filecmp.cmp(candidate, source, shallow=False):
        n += 1
        candidate = folder / f"{stem}-{n}{suffix}"
    if candidate.resolve().parent != folder.resolve():
        raise UnsafeName(f"unsafe file name: {name!r}")
    return candidate


def _refusal(source: Path, max_mb: float) -> str | None:
    """Why a file is refused before it is copied (type, size); emptiness and content are the loaders' job."""
    suffix = source.suffix.lower()
    if suffix not in SUPPORTED:
        return f"unsupported file type {suffix or '(no extension)'}; Cadre reads {', '.join(SUPPORTED)}"
    size = source.stat().st_size
    if size > max_mb * 2**20:
        return f"file too large: {size / 2**20:.1f} MB, the limit is {max_mb:g} MB (max_file_mb)"
    return None


def stage(sources: list[Path], folder: Path, max_mb: float) -> tuple[list[Path], list[Skipped]]:
    """Copy acceptable files into `folder`; the others come back with an English reason, as the ingest gives them."""
    folder.mkdir(parents=True, exist_ok=True)
    staged: list[Path] = []
    refused: list[Skipped] = []
    for source in sources:
        try:
            name = safe_name(source.name)
        except UnsafeName as exc:
            refused.append(Skipped(source.name, str(exc)))
            continue
        reason = _refusal(source, max_mb)
        if reason:
            refused.append(Skipped(name, reason))
            continue
        target = _target(folder, name, source)
        shutil.copyfile(source, target)
        staged.append(target)
    return staged, refused

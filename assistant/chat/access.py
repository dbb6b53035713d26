"""Who may log in: `user:password` pairs from CADRE_AUTH (comma-separated) and from the users file."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings


def _pair(entry: str, where: str) -> tuple[str, str]:
    user, sep, password = entry.strip().partition(":")
    if not sep or not user or not password:
        raise ValueError(f"{where}: expected a `user:password` line")
    return user, password


def credentials(settings: Settings) -> list[tuple[str, str]]:
    """Every configured login; empty means the page is open (a loopback or already-protected deployment)."""
    pairs = [_pair(entry, "CADRE_AUTH") for entry in settings.auth.split(",") if entry.strip()]
    if settings.users_file:
        path = Path(settings.users_file).expanduser()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                pairs.append(_pair(line, f"{path}:{number}"))
    return pairs

"""Settings from a TOML file and CADRE_* environment variables, with defaults that work from a checkout.

Precedence: environment, then the file named by CADRE_CONFIG (default `cadre.toml` in the
working directory, if present), then the defaults below.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path

from assistant.records import AUTHORITIES

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path = ROOT.parent / "shared" / "corpus"
    sources_file: Path = ROOT / "corpus" / "sources.toml"
    index_dir: Path = ROOT / "index"
    cache_dir: Path = Path.home() / ".cache" / "cadre"
    max_file_mb: float = 5.0
    file_timeout_s: float = 120.0
    chunk_max_chars: int = 1000
    chunk_overlap_chars: int = 200
    faiss_index: str = "Flat"
    # Texts per forward pass: a smaller batch holds smaller activations. `evaluation.bench_ingest` on 2 cores, 8 against
    # 16: the cold ingest's peak RSS fell from 2045 to 1828 MB (target 2048 MB), its time from 384 to 361 s.
    embed_batch_size: int = 8
    user_authority: str = "report"
    today: date | None = None
    llm_url: str = ""
    llm_model: str = ""
    llm_api_key: str = ""
    llm_timeout_s: float = 20.0
    feedback_db: Path = ROOT / "var" / "feedback.sqlite"
    upload_dir: Path = ROOT / "corpus" / "uploads"
    auth: str = ""
    users_file: str = ""
    root_path: str = ""
    default_concurrency_limit: int = 4
    chat_threads: int = 1
    queue_max_size: int = 64


def _coerce(name: str, value: str | int | float, like: object) -> object:
    """The value in the setting's type; an unreadable one is refused with the setting's name, not a bare parse error."""
    try:
        if isinstance(value, date) or (like is None and isinstance(value, str)):
            return date.fromisoformat(str(value))
        if isinstance(like, Path):
            return Path(str(value)).expanduser()
        return type(like)(value)
    except ValueError:
        wanted = "a date YYYY-MM-DD" if like is None else f"a {type(like).__name__}"
        raise ValueError(f"setting {name} (CADRE_{name.upper()}) must be {wanted}, not {value!r}") from None


def load_settings(**overrides: object) -> Settings:
    """Build the settings; keyword overrides (from CLI flags) win over everything."""
    settings = Settings()
    config = Path(os.environ.get("CADRE_CONFIG", "cadre.toml"))
    values: dict[str, object] = {}
    if config.is_file():
        with config.open("rb") as handle:
            values.update(tomllib.load(handle))
    for item in fields(Settings):
        # An empty variable (« CADRE_TODAY= ») leaves the setting as it was, as if it were unset.
        env = os.environ.get(f"CADRE_{item.name.upper()}")
        if env:
            values[item.name] = env
    values.update({k: v for k, v in overrides.items() if v is not None})
    unknown = set(values) - {item.name for item in fields(Settings)}
    if unknown:
        raise ValueError(f"unknown settings in {config}: {', '.join(sorted(unknown))}")
    settings = replace(settings, **{k: _coerce(k, v, getattr(settings, k)) for k, v in values.items()})
    if settings.user_authority not in AUTHORITIES:
        raise ValueError(f"user_authority must be one of {', '.join(AUTHORITIES)}, not {settings.user_authority!r}")
    return settings

"""Reading a JSON source file, with every way it can be unreadable reported as a `LoadError`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from assistant.sources.base import LoadError


def read_json(path: Path, accepts: Callable[[dict], bool], kind: str) -> dict:
    """The JSON object in `path`, checked to have the shape `accepts` recognises (`kind` names it in errors)."""
    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise LoadError(f"cannot read the file ({exc.strerror})") from exc
    except (ValueError, RecursionError) as exc:
        raise LoadError("not valid JSON") from exc
    if not isinstance(data, dict) or not accepts(data):
        raise LoadError(f"not a {kind} file")
    return data


def text_field(record: dict, key: str) -> str:
    """A string field of a JSON record; anything else there means the file is not what it claims to be."""
    value = record.get(key)
    if not isinstance(value, str):
        raise LoadError(f"malformed JSON: {key!r} is not text")
    return value

"""Bytes of a text file turned into text, refusing to guess when the guess would be garbage.

Uploaded text files are mostly UTF-8, sometimes Latin-1 or cp1252 from older office tools;
a wrong guess would silently index mojibake, so a doubtful detection is an error instead.
"""

from __future__ import annotations

import codecs
import logging

from charset_normalizer import from_bytes

from assistant.sources.base import LoadError

log = logging.getLogger(__name__)
MAX_CHAOS = 0.2
MAX_ODD_SHARE = 0.01
_ALLOWED_CONTROLS = frozenset("\n\r\t\f")


def _odd_share(text: str) -> float:
    """Share of characters that never occur in real text: control characters and U+FFFD."""
    if not text:
        return 0.0
    odd = sum(1 for c in text if c == "\ufffd" or (c < " " and c not in _ALLOWED_CONTROLS) or "\x7f" <= c < "\xa0")
    return odd / len(text)


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding name): UTF-8 if it decodes, else a confident charset-normalizer guess."""
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise LoadError("unknown text encoding")
    text = str(best)
    if _odd_share(text) > MAX_ODD_SHARE:
        raise LoadError("unknown text encoding")
    log.debug("%s: decoded as %s (chaos %.2f)", name, best.encoding, best.chaos)
    return text, best.encoding

"""Masks personal data in what the chat keeps (feedback), since agents paste real cases into questions."""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
# NIR: sex (1, 2, or 3, 4, 7, 8 for provisional numbers), year, month, department (2A/2B for Corsica),
# commune, order, then the optional 2-digit key; spaces allowed between the groups.
_NIR = re.compile(r"(?<![\dA-Za-z])[1-478] ?\d{2} ?\d{2} ?(?:\d{2}|2[ABab]) ?\d{3} ?\d{3}(?: ?\d{2})?(?![\dA-Za-z])")
# French numbers: 0X or +33 / 0033 (optionally "(0)") then 9 digits, in pairs separated by spaces, dots or dashes.
_PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00)33 ?(?:\(0\) ?)?|0)[1-9](?:[ .-]?\d{2}){4}(?!\d)")
_RULES = ((_EMAIL, "[courriel masqué]"), (_NIR, "[NIR masqué]"), (_PHONE, "[téléphone masqué]"))


def redact(text: str) -> str:
    """The text with e-mail addresses, social-security numbers and phone numbers replaced by a marker."""
    for pattern, marker in _RULES:
        text = pattern.sub(marker, text)
    return text

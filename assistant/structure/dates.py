"""Calendar dates as the texts print them, in French or in English (« 2 août 2026 », "2 August 2026").

The answer's calendar, the check that an answer gives a date and the trainer's quiz values all
read dates the same way.
"""

from __future__ import annotations

import re
from datetime import date

FRENCH_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
ENGLISH_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_SPACE = "[ \u00a0\u202f]+"
DATE = re.compile(rf"\b(\d{{1,2}})(?:er)?{_SPACE}({'|'.join(FRENCH_MONTHS + ENGLISH_MONTHS)}){_SPACE}(\d{{4}})\b", re.I)


def _month(name: str) -> int:
    name = name.lower()
    return (FRENCH_MONTHS.index(name) if name in FRENCH_MONTHS else ENGLISH_MONTHS.index(name)) + 1


def day_of(printed: str) -> date:
    """The first date printed in `printed`."""
    match = DATE.search(printed)
    if match is None:
        raise ValueError(f"not a date: {printed!r}")
    return date(int(match.group(3)), _month(match.group(2)), int(match.group(1)))


def days_in(text: str) -> list[date]:
    """Every date printed in `text`, in order: a line may date a rule and, later, its exception."""
    return [day_of(match.group()) for match in DATE.finditer(text)]


def french_day(day: date) -> str:
    return f"{'1er' if day.day == 1 else day.day} {FRENCH_MONTHS[day.month - 1]} {day.year}"

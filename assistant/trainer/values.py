"""Amounts, thresholds, durations and dates as the texts print them, with a magnitude to compare them by.

A quiz distractor must be a value of the same kind found elsewhere in the corpus and of a similar
size, so that "35 000 000 EUR" is set against "15 000 000 EUR", never against "72 heures".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.structure.dates import DATE, day_of, french_day

_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60,
}  # fmt: skip
# Kind of each unit, and its size in the kind's base unit (days for durations).
_UNITS = {
    "EUR": ("montant", 1.0),
    "euros": ("montant", 1.0),
    "euro": ("montant", 1.0),
    "%": ("pourcentage", 1.0),
    "heures": ("durée", 1 / 24),
    "jours": ("durée", 1.0),
    "semaines": ("durée", 7.0),
    "mois": ("durée", 30.0),
    "ans": ("durée", 365.0),
    "an": ("durée", 365.0),
    "années": ("durée", 365.0),
    "agents": ("effectif", 1.0),
    "salariés": ("effectif", 1.0),
    "employés": ("effectif", 1.0),
}
_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?"
_VALUE = re.compile(
    rf"(?<![\w,.-])({_NUMBER}|{'|'.join(_WORDS)})[ \u00a0\u202f]?({'|'.join(map(re.escape, _UNITS))})(?![\w])", re.I
)


@dataclass(frozen=True)
class Value:
    """A value at [start, end) of some text, exactly as printed there."""

    text: str
    kind: str
    unit: str
    amount: float
    spelled: bool
    start: int
    end: int


def _number(printed: str) -> float:
    if printed.lower() in _WORDS:
        return float(_WORDS[printed.lower()])
    return float(re.sub(r"\s", "", printed).replace(",", "."))


def values_in(text: str) -> list[Value]:
    """Every amount, percentage, duration and headcount in `text`."""
    found = []
    for match in _VALUE.finditer(text):
        unit = next(u for u in _UNITS if u.lower() == match.group(2).lower())
        kind, scale = _UNITS[unit]
        spelled = not match.group(1)[0].isdigit()
        found.append(Value(match.group(), kind, unit, _number(match.group(1)) * scale, spelled, *match.span()))
    return found


def dates_in(text: str) -> list[Value]:
    """Every calendar date in `text`, French or English; the amount is the day's ordinal."""
    return [
        Value(m.group(), "date", "date", float(day_of(m.group()).toordinal()), False, *m.span())
        for m in DATE.finditer(text)
    ]


def in_french(printed: str) -> str:
    """A date as a French reader writes it ("2 December 2027" -> "2 décembre 2027"); other values unchanged."""
    if not DATE.fullmatch(printed):
        return printed
    return french_day(day_of(printed))

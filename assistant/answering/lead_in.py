"""The sentence that gives a list item its force, quoted before it."""

from __future__ import annotations

import re
from itertools import takewhile

from assistant.records import Chunk
from assistant.structure.sentences import Sentence, sentences

LIST_ITEM = re.compile(r"(?:[a-z]{1,2}|[ivxl]+|\d+°?)\)\s|\d+°\s|[-–•]\s")


def lead_in(sentence: Sentence, passages: list[Chunk]) -> Sentence | None:
    """The sentence ending in « : » that introduces a list item (« c) … »): the item's force comes from it,
    as in « Les pratiques suivantes sont interdites : … c) la note sociale … ». `passages` are the chunks of the
    item's provision in text order, since a long paragraph's items may sit in a later chunk than its opening."""
    if not LIST_ITEM.match(sentence.text):
        return None
    before = []
    for chunk in passages:
        same = chunk.id == sentence.chunk.id
        before += [s for s in sentences(chunk) if not same or s.start < sentence.start]
        if same:
            break
    return next((s for s in reversed(before) if s.text.endswith(":") and not LIST_ITEM.match(s.text)), None)


# How the texts name a commune, a département or a CCAS in a list of cases.
_PUBLIC_BODY_ITEM = re.compile(r"\b(autorités? publiques?|organismes? publics?|public authorit(y|ies))\b", re.I)


def public_body_items(opener: Sentence) -> list[Sentence]:
    """The items of the list `opener` introduces (« … désignent un délégué lorsque : ») that name public bodies
    (« a) le traitement est effectué par une autorité publique… »): for a commune, the cases that are its own. Only
    the opener's own passage is read: a later one may hold another list (Annex III's next point)."""
    after = [s for s in sentences(opener.chunk) if s.start > opener.start]
    items = takewhile(lambda s: LIST_ITEM.match(s.text) is not None, after)
    return [s for s in items if _PUBLIC_BODY_ITEM.search(s.text)]

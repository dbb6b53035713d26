"""Questions about what a named report or guidance says, when the corpus does not hold it.

« Que disent les lignes directrices de la Commission européenne sur… » or « le rapport du Sénat
recommande-t-il… » asks for the content of one publication. The AI Act says that the Commission
shall issue guidelines, and its passages sound close, but they are not the guidelines: quoting them
would pass one text off as another. Such a question is refused, naming the publication, unless a
document of the index comes from that publisher (its catalogue title, short name or file name says
so): a collectivité that adds the Senate's report gets its answers from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_KIND = (
    r"rapport|lignes directrices|guide|FAQ|foire aux questions|recommandations?|livre blanc|étude|feuille de route"
    r"|stratégie nationale|vade-?mecum|fiche pratique|avis|doctrine"
)
# The publication and its publisher, a proper name: « le rapport du Sénat », « les lignes directrices de la Commission
# européenne », « le guide de la CNIL ».
_PUBLICATION = re.compile(
    rf"\b(?i:le|la|les|l['’]|un|une|ce|cette|ces|son|sa|ses)\s*(?P<name>(?i:{_KIND})\s+(?:[a-zé]+\s+){{0,2}}?"
    r"(?:de la|du|des|de l['’]|d['’])\s*(?P<publisher>[A-ZÉ][\w-]*))",
)
# The question asks what the publication says, not whether one exists (« la Commission publiera-t-elle des lignes
# directrices ? » is answered by the AI Act).
_ASKS_CONTENT = re.compile(
    r"\bque (?:dit|disent|prévoi\w*|recommand\w*|préconis\w*|conseill\w*|propos\w*)\b|\bce que (?:dit|disent)\b"
    r"|\bselon\b|\bd['’]après\b|\b(?:recommand|préconis|conseill|propos|prévoi|di)\w*-t-(?:il|elle|ils|elles)\b",
    re.I,
)


def unheld_publication(question: str, publishes: Callable[[str], bool]) -> str | None:
    """The publication, as the question names it, when the question asks what it says and no indexed document comes
    from its publisher (`publishes`)."""
    if not _ASKS_CONTENT.search(question):
        return None
    return next((m["name"] for m in _PUBLICATION.finditer(question) if not publishes(m["publisher"])), None)

"""Questions about what France decided to apply the AI Act: the authority it designated, its adaptation law.

The AI Act leaves Member States to designate their market surveillance authorities (Article 70) and to
set some rules themselves; the corpus holds the regulation, not the French measures that apply it.
« Quelle autorité française a été désignée pour contrôler le RIA ? » finds Article 70, which says
that one must be designated, not which one was: quoting it as the answer would mislead. The GDPR is
another matter: the Loi Informatique et Libertés, in the corpus, makes the CNIL its authority, so
only questions about AI are read this way.
"""

from __future__ import annotations

import re

_ABOUT_AI = re.compile(
    r"\b(?:ia|intelligence artificielle|ria|ai act|ai|artificial intelligence)\b|règlement (?:européen )?sur l['’]ia",
    re.I,
)
_NATIONAL_MEASURE = re.compile(
    r"\bautorités? (?:\w+ ){0,2}(?:qui )?(?:a|ont) été (?:désign|nomm|choisi|retenu)\w*"
    r"|\ben france\b[^?]{0,40}\bquelle autorité|\bquelle autorité\b[^?]{0,60}\ben france\b|\btextes? nationa\w*"
    r"|\b(?:prévue?s?|fixée?s?|retenue?s?) en france\b"
    r"|\bprojet de loi\b|\bloi (?:française |nationale )?(?:d['’]adaptation|de transposition|d['’]application)\b"
    r"|\bdécrets? d['’]application\b"
    r"|\bwhich (?:national )?authorit(?:y|ies) (?:has|have|did) (?:france|the french \w+) (?:designate|appoint)"
    r"|\bfrench (?:implementing|adaptation) (?:law|act|decree)\b",
    re.I,
)
NATIONAL_MEASURES = (
    "Les textes de référence comprennent le règlement européen sur l'IA, mais aucune des mesures françaises prises "
    "pour l'appliquer (autorités désignées, loi d'adaptation, décrets)."
)


def reason(question: str) -> str | None:
    return NATIONAL_MEASURES if _NATIONAL_MEASURE.search(question) and _ABOUT_AI.search(question) else None

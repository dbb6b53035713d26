"""The kind of fact a question asks for (an amount, a time limit, a date), and whether a text gives one.

An answer to « combien de temps peut-on garder… » that quotes a principle but no duration has not
answered: the extractive engine prefers sentences that carry the asked fact, and an answer that
carries no amount or time limit when one was asked says plainly that the texts do not give it.
A date is not held to that: the texts set dates apart from the duty (an entry-into-force article,
the AI Act's Article 113), so a date missing from the quotes says little about the corpus.
Retrieval reads the question too: when a text's rules apply is what its entry-into-force article says.
"""

from __future__ import annotations

import re
from enum import Enum

from assistant.structure import dates

_NUMBER = (
    r"(?:\d[\d  .,]*|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante"
    r"|cinquante|soixante(?:-douze)?|cent|one|two|three|four|five|seven|eight|nine|ten|twelve|fifteen|twenty"
    r"|thirty|sixty|seventy-two)"
)


class Fact(Enum):
    """The value is how a refusal names the fact the passages do not give."""

    AMOUNT = "ce montant"
    DURATION = "ce délai ou cette durée"
    DATE = "cette date"


# The facts an answer must carry, else it is a refusal: the provision that sets an amount or a time limit states it.
REQUIRED = frozenset({Fact.AMOUNT, Fact.DURATION})
_ASKS = {
    Fact.AMOUNT: re.compile(
        r"combien co[uû]t|de quel montant|à partir de quel montant"
        r"|\bquel(?:le)?s? (?:est |sont )?(?:le |la |les )?(?:montant|budget|tarif|prix|co[uû]t|plafond|enveloppe)\b"
        r"|\bhow much\b|\bwhat (?:is|are) the (?:maximum )?(?:amount|fines?|penalt)",
        re.I,
    ),
    Fact.DURATION: re.compile(
        r"combien de (?:temps|jours|mois|ann[ée]es|semaines|heures)|pendant combien"
        r"|\b(?:quel|dans quel|sous quel|en quel) d[ée]lai\b|\bquelle (?:est la )?dur[ée]e\b"
        r"|\bhow long\b|\bwithin what (?:time|period)\b",
        re.I,
    ),
    Fact.DATE: re.compile(
        r"\b(?:depuis|à partir de|jusqu'à|d'ici|pour) quand\b|\bquand\s*\?|\bc'est quand\b"
        r"|\b(?:quelle|à quelle|depuis quelle|de quelle) date\b|\ben quelle année\b"
        r"|\b(?:by|from|since) when\b|\b(?:from |by |on )?what date\b",
        re.I,
    ),
}
_GIVES = {
    Fact.AMOUNT: re.compile(r"\d[\d  .,]*\s*(?:EUR\b|euros?\b|€)|millions? d'euros|\d\s*%", re.I),
    Fact.DURATION: re.compile(
        rf"\b{_NUMBER}\s+(?:heures?|jours?|mois|ans|années?|semaines?|hours?|days?|months?|years?|weeks?)\b"
        r"|\bsans (?:délai|retard)|\bimmédiatement\b|\bwithout (?:undue )?delay\b|\bimmediately\b",
        re.I,
    ),
    Fact.DATE: re.compile(rf"{dates.DATE.pattern}|\b(?:19|20)\d{{2}}\b", re.I),
}


# A question about when rules apply, beyond a plain « quand ? »: « s'appliquent déjà », « toujours d'actualité ».
# Not « quelles règles s'appliquent » nor "what obligations apply": those ask which rules, not since when.
_APPLICATION = re.compile(
    r"\b(calendrier|échéances?|dates? d'(?:entrée en )?application|entr\w+ en (?:vigueur|application)"
    r"|s'appliqu\w*(?:-t-(?:il|elle|ils|elles))? déjà|déjà (?:en vigueur|applicables?)|toujours d'actualité"
    r"|(?:report|repouss)(?:é|ée|és|ées)|plus tard"
    r"|becomes? applicable|appl(?:y|ies) from|enters? into force|entry into force|timeline"
    r"|already (?:appl(?:y|ies|icable)|in force)|when (?:does|do|will) [^?]*\b(?:apply|applicable))\b",
    re.I,
)


# Where one sentence ends and the next begins: not inside « l'art. 12 » or « L. 311-3-1 ».
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-ZÀ-ÖØ-Ý«])")


def asking_sentences(question: str) -> list[str]:
    """The sentences that end in a question mark, when some do: the others set the scene, and « un logiciel qui
    propose pour quel montant l'aide est due. Est-ce une IA à haut risque ? » asks no amount."""
    asking = [s.strip() for s in _SENTENCE_END.split(question) if s.rstrip().endswith("?")]
    return asking or [question.strip()]


def sets_scene(question: str) -> bool:
    """Whether a sentence that does not ask comes with one that does (« On reçoit 400 candidatures. Un logiciel qui
    trie les CV, ça tombe dans quelle case ? »)."""
    sentences = [s.rstrip() for s in _SENTENCE_END.split(question) if s.strip()]
    asking = sum(s.endswith("?") for s in sentences)
    return 0 < asking < len(sentences)


def asked_fact(question: str) -> Fact | None:
    asking = " ".join(asking_sentences(question))
    return next((fact for fact, pattern in _ASKS.items() if pattern.search(asking)), None)


def gives(fact: Fact, text: str) -> bool:
    return _GIVES[fact].search(text) is not None


def asks_when(question: str) -> bool:
    """A date asked (« depuis quand ? », not the « quand » of « quand on utilise… ») or when rules apply."""
    return asked_fact(question) is Fact.DATE or _APPLICATION.search(question) is not None

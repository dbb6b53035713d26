"""Questions about what has happened rather than what the rules are: rulings, sanctions imposed, statistics.

The reference texts lay down rules; they record no judgment, no sanction imposed and no statistic,
and they announce guidelines and templates without saying whether they are out. « La CNIL a-t-elle
déjà sanctionné une commune ? » finds the articles on sanctions, which say what may be imposed, not
what was: quoting them would answer another question. Only the inverted past of a ruling or a
sanction (« a-t-elle déjà sanctionné »), « y a-t-il eu des jugements », case law, head counts of
public bodies, averages and shares, and « il est sorti ? » of a document are read this way:
« s'appliquent déjà », « a-t-il déjà été modifié » (the 2026 amendment is in the corpus) and
« combien de personnes doivent confirmer » ask about the rules themselves.
"""

from __future__ import annotations

import re

_PAST_EVENT = re.compile(
    r"\b(?:a|ont)-t-(?:il|elle|ils|elles|on) déjà (?:été )?"
    r"(?:annul|sanctionn|condamn|jug|censur|verbalis|mis en demeure|poursuivi|inflig|tranch|statu)\w*"
    r"|\by a-t-il (?:déjà )?(?:eu )?(?:déjà )?(?:des |un |une )?"
    r"(?:jugements?|arrêts?|décisions? de justice|condamnations?|sanctions? prononcées?)\b"
    r"|\bjurisprudences?\b|\bréférences? (?:de l['’]arrêt|des arrêts|du jugement)"
    r"|\b(?:tribunal|juge|cour|conseil d['’]état|cnil)\b[^?.]{0,60}\ba déjà (?:été )?"
    r"(?:annul|sanctionn|condamn|jug|censur|verbalis|inflig)\w*"
    r"|\b(?:has|have) (?:\w+ ){1,4}already (?:been )?(?:fined|sanctioned|annulled|convicted|ruled|penali[sz]ed)\b"
    # Whether a document the texts announce is out: « le questionnaire de l'Office, il est sorti ? ».
    r"|\b(?:il|elle|ils|elles) (?:est|sont) (?:déjà |enfin )?(?:sortie?s?|parue?s?)\s*\?"
    r"|\b(?:est|sont)-(?:il|elle|ils|elles) (?:déjà |enfin )?(?:sortie?s?|parue?s?)\b"
    r"|\b(?:a-t-(?:il|elle)|ont-(?:ils|elles)) (?:déjà )?été publiée?s?\b",
    re.I,
)
# Head counts, averages and shares: « combien de communes », « quel budget moyen », « quel pourcentage ».
_STATISTIC = re.compile(
    r"\bcombien d[e'’] ?(?:collectivités|communes|départements|régions|administrations|villes|mairies)\b"
    r"|\b(?:budget|coût|prix|montant|nombre|salaire|délai) moyens?\b|\ben moyenne\b|\bstatistiques?\b"
    r"|\bquel pourcentage\b|\bquelle proportion\b"
    r"|\bhow many (?:municipalities|local authorities|councils|cities|public bodies|administrations)\b"
    r"|\bon average\b|\bwhat (?:percentage|share|proportion)\b",
    re.I,
)
PAST_EVENTS = (
    "Les textes de référence posent des règles : ils ne rapportent ni décisions rendues, ni sanctions prononcées, "
    "ni statistiques, ni la parution des documents qu'ils annoncent."
)


def reason(question: str) -> str | None:
    return PAST_EVENTS if _PAST_EVENT.search(question) or _STATISTIC.search(question) else None

"""Questions about a given product or offer: whether it was found compliant, what a body offers, at what price.

The texts set the rules a product must meet and who checks them; they keep no list of products found
compliant, and a conformity assessment of one product is a fact outside them. Nor do they say what
training or tools a body offers collectivités, or at what price. The nearest passages (conformity
assessment, the GDPR's principles, AI literacy) would read as a verdict on the product or the offer:
the question is refused, saying so. « Notre outil est-il conforme si… ? » asks what the rules require
and is left alone, and so is a free tool an agent already uses (« un chatbot gratuit »).
"""

from __future__ import annotations

import re

_STATUS = re.compile(
    r"\b(?:reconnue?s?|certifiée?s?|homologuée?s?|labellisée?s?) (?:comme )?conformes?\b"
    r"|\b(?:a-t-(?:il|elle)|ont-(?:ils|elles)) (?:déjà )?été (?:certifiée?s?|homologuée?s?|labellisée?s?)\b"
    r"|\b(?:certified|approved|recogni[sz]ed) (?:as )?compliant\b"
    # What a body offers, and for free: « le CNFPT propose-t-il une formation… ? », « mis gratuitement à disposition ».
    r"|\b(?:propose|offre)-t-(?:il|elle)\b|\b(?:proposent|offrent)-(?:ils|elles)\b"
    r"|\b(?:mise?s?|utiliser|fourni\w*) gratuitement\b",
    re.I,
)
PRODUCT_STATUS = (
    "Les textes de référence fixent les règles qu'un produit doit respecter : ils ne tiennent pas de liste des "
    "produits ou services reconnus conformes, ni des offres (outils, formations) proposées aux collectivités et de "
    "leurs conditions."
)


def reason(question: str) -> str | None:
    return PRODUCT_STATUS if _STATUS.search(question) else None

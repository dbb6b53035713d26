"""Questions whether a given product has been found compliant: « Copilot est-il reconnu conforme au RGPD ? ».

The texts set the rules a product must meet and who checks them; they keep no list of products found
compliant, and a conformity assessment of one product is a fact outside them. The nearest passages
(conformity assessment, the GDPR's principles) would read as a verdict on the product: the question
is refused, saying so. « Notre outil est-il conforme si… ? » asks what the rules require and is left alone.
"""

from __future__ import annotations

import re

_STATUS = re.compile(
    r"\b(?:reconnue?s?|certifiée?s?|homologuée?s?|labellisée?s?) (?:comme )?conformes?\b"
    r"|\b(?:a-t-(?:il|elle)|ont-(?:ils|elles)) (?:déjà )?été (?:certifiée?s?|homologuée?s?|labellisée?s?)\b"
    r"|\b(?:certified|approved|recogni[sz]ed) (?:as )?compliant\b",
    re.I,
)
PRODUCT_STATUS = (
    "Les textes de référence fixent les règles qu'un produit doit respecter : ils ne tiennent pas de liste des "
    "produits ou services reconnus conformes."
)


def asks_product_status(question: str) -> bool:
    return _STATUS.search(question) is not None

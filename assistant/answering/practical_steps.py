"""Questions about the concrete steps of a procedure: which form, which address, which setting of a product.

The texts say that a breach is notified to the CNIL within 72 hours, not on which page of its
website; that a provider must document its training data, not where a product hides the switch
that stops it. « Sur quel formulaire et à quelle adresse notifie-t-on une violation ? » finds the
article on notification, which would answer what must be notified instead: the question is refused,
saying that the texts lay down rules and leave the steps to those who run them.
"""

from __future__ import annotations

import re

_STEPS = re.compile(
    r"\b(?:sur|par|via|avec|dans) quel (?:formulaire|site|téléservice|lien|portail|menu)\b"
    r"|\bquel (?:formulaire|téléservice|portail|numéro de téléphone)\b|\bà quelle adresse\b"
    r"|\bcomment (?:on )?(?:le |la |les |ça |cela )?(?:désactiv|paramètr|configur)\w*"
    r"|\bdans les (?:réglages|paramètres)\b|\boù (?:[\w'’-]+ ){0,4}télécharger\b"
    r"|\bwhich (?:form|website|address)\b|\bwhere (?:\w+ ){0,4}download\b",
    re.I,
)
PRACTICAL_STEPS = (
    "Les textes de référence fixent des règles : ils ne décrivent pas les démarches concrètes (formulaires, adresses, "
    "sites, réglages d'un logiciel)."
)


def reason(question: str) -> str | None:
    return PRACTICAL_STEPS if _STEPS.search(question) else None

"""Questions that another body of law answers: the subjects of a collectivité's daily work outside the corpus.

An agent asks about AI and personal data, but also about what surrounds them: when a délibération
goes to the préfecture, the thresholds of a public contract, a DPO's pay, the penalties a criminal
court imposes, who owns a generated logo. The corpus holds none of the codes that settle these, and
its nearest passages (the CRPA's public inquiries, the GDPR's administrative fines) would answer
another question. Such a question is refused with the name of the law that governs it, which is
where the agent should look. Each subject is narrow: « le RGPD prévoit-il des sanctions ? » and
« faut-il une AIPD pour la vidéoprotection ? » are the corpus's own questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A council's act sent to the préfet: « transmettre une délibération au préfet », « la délibération transmise à la
# préfecture ».
_ACT = r"\b(?:délibération|arrêté municipal)s?\b"
_SENT = r"\btransm[ei]\w*"
_PREFECT = r"\b(?:sous-)?préf(?:et|ecture)\b"


@dataclass(frozen=True)
class OtherLaw:
    """A subject the question names, and the law that governs it, as the refusal names it."""

    law: str
    subject: re.Pattern[str]


OTHER_LAWS = (
    OtherLaw(
        "du code général des collectivités territoriales (transmission des actes, contrôle de légalité)",
        re.compile(
            rf"\bcontrôle de légalité\b|{_ACT}[^?.]{{0,60}}{_SENT}[^?.]{{0,30}}{_PREFECT}"
            rf"|{_SENT}[^?.]{{0,30}}{_ACT}[^?.]{{0,30}}{_PREFECT}",
            re.I,
        ),
    ),
    OtherLaw(
        "du code général des collectivités territoriales (compétences du conseil et du maire)",
        re.compile(
            r"\bdélibér\w*[^?]{0,80}\bmaire\b[^?]{0,30}\bseul\b|\bmaire\b[^?]{0,30}\bseul\b[^?]{0,80}\bdélibér\w*",
            re.I,
        ),
    ),
    OtherLaw(
        "du code de la commande publique (seuils et procédures des marchés)",
        re.compile(
            r"\bseuils?\b[^?.]{0,60}\b(?:marchés? publics?|mise en concurrence|appels? d['’]offres)"
            r"|\b(?:procédure formalisée|appels? d['’]offres formalisé|sans (?:publicité ni )?mise en concurrence)"
            r"|\bprocédure adaptée\b|\bMAPA\b",
            re.I,
        ),
    ),
    OtherLaw(
        "du statut de la fonction publique territoriale (code général de la fonction publique)",
        re.compile(
            r"\bquel(?:le)?s? (?:\w+ )?(?:grade|rémunération|salaire|primes?|indemnités?|cadre d['’]emplois)\b"
            r"|\bcadre d['’]emplois\b|\bnouvelle bonification indiciaire\b|\bNBI\b",
            re.I,
        ),
    ),
    OtherLaw(
        "du code pénal",
        re.compile(r"\b(?:prison|emprisonnement|peines? pénales?|amendes? pénales?|casier judiciaire)\b", re.I),
    ),
    OtherLaw(
        "du code de la propriété intellectuelle",
        re.compile(
            r"\bINPI\b|\bbrevet\w*|\bdéposer\b[^?.]{0,40}\bmarque\b|\b(?:titulaire|propriétaire)s? des droits\b"
            r"|\bdroits? d['’]auteur\b[^?.]{0,40}\b(?:logo|image|visuel|illustration|affiche|photo|dessin)",
            re.I,
        ),
    ),
    OtherLaw(
        "du code électoral",
        re.compile(r"\blistes? (?:électorales?|d['’]émargement)\b|\bcampagne électorale\b|\bbureaux? de vote\b", re.I),
    ),
    OtherLaw(
        "du code de la sécurité intérieure (vidéoprotection)",
        re.compile(
            r"\bvidéo(?:protection|surveillance)\b[^?]{0,80}\b(?:autorisation préfectorale|combien de temps|durée)"
            r"|\b(?:conserv\w*|garder|durée)\b[^?.]{0,60}\b(?:images|enregistrements)\b[^?.]{0,20}\b(?:des |de )?"
            r"(?:caméras|vidéoprotection|vidéosurveillance)\b",
            re.I,
        ),
    ),
    OtherLaw(
        "de la loi du 19 mai 2023 relative aux jeux Olympiques et Paralympiques",
        re.compile(r"\bolympiques?\b|\bJOP? (?:2024|de Paris)\b", re.I),
    ),
    OtherLaw(
        "du code du patrimoine (archives publiques)",
        re.compile(
            r"\bdurée d['’]utilité administrative\b|\bDUA\b|\bversement aux archives\b|\bbordereau d['’]élimination\b"
            r"|\barchives (?:départementales|municipales|communales)\b",
            re.I,
        ),
    ),
)


def reason(question: str) -> str | None:
    """The refusal's reason when the question asks about a subject the corpus's laws leave to another."""
    law = next((entry.law for entry in OTHER_LAWS if entry.subject.search(question)), None)
    return None if law is None else f"Cette question relève {law}, qui ne fait pas partie des textes de référence."

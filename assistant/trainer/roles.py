"""Who must act: the roles trainers teach, and the words the texts use for them.

The sheet's table reads `ROLES`; the quiz swaps one actor for another of the same text's
vocabulary (`FAMILIES`), which is only fair when the swapped words take the same article,
hence singular forms starting with a vowel ("l'importateur") are left out of singular swaps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Present-tense duties as the texts write them ("les déployeurs effectuent", "l'administration communique").
DUTY = re.compile(
    r"\b(doit|doivent|veille|veillent|est tenu|sont tenus|s'assure|s'assurent|effectue|effectuent|prend|prennent"
    r"|informe|informent|communique|communiquent|publie|publient|notifie|notifient|désigne|désignent|tient|tiennent"
    r"|conserve|conservent|met en œuvre|mettent en œuvre|fournit|fournissent|coopère|coopèrent|enregistre"
    r"|enregistrent|procède|procèdent|garantit|garantissent|documente|documentent|consulte|consultent|indique"
    r"|indiquent|réalise|réalisent|surveille|surveillent|confie|confient|établit|établissent|respecte|respectent"
    r"|assure|assurent|élabore|élaborent|utilise|utilisent|tient compte|tiennent compte|répond|répondent)\b",
    re.I,
)


@dataclass(frozen=True)
class Role:
    """`specificity` orders who gets a sentence naming two roles ("les déployeurs qui sont des autorités publiques")."""

    name: str
    pattern: re.Pattern[str]
    specificity: int = 0


ROLES = (
    Role("Fournisseur", re.compile(r"\bfournisseurs?\b(?! en aval)", re.I)),
    Role("Déployeur", re.compile(r"\bdéployeurs?\b", re.I)),
    Role(
        "Organisme public / autorité publique",
        re.compile(
            r"\b(autorités? publiques?|organismes? de droit public|organismes? publics?|entités? publiques?"
            r"|administrations?\b(?! centrale)|collectivités? territoriales?)",
            re.I,
        ),
        specificity=1,
    ),
    Role("Responsable du traitement", re.compile(r"\bresponsables? du traitement\b", re.I)),
)


@dataclass(frozen=True)
class Actor:
    """One actor of a text's vocabulary, in both numbers."""

    singular: str
    plural: str

    @property
    def elided(self) -> bool:
        return self.singular[0] in "aeiouéèh"


FAMILIES = (
    (
        Actor("fournisseur", "fournisseurs"),
        Actor("déployeur", "déployeurs"),
        Actor("importateur", "importateurs"),
        Actor("distributeur", "distributeurs"),
        Actor("mandataire", "mandataires"),
    ),
    (
        Actor("responsable du traitement", "responsables du traitement"),
        Actor("sous-traitant", "sous-traitants"),
        Actor("délégué à la protection des données", "délégués à la protection des données"),
    ),
)

"""A question about a text or a label that the corpus never mentions (« la directive NIS 2 », « le RGAA »).

The corpus cannot speak about a text it does not hold, however close its passages sound: such a
question is answered by saying that the text is not among the references. Only names that the
question presents as a text, a standard or a label count: a service (CCAS), a post (DGS) or a
product named in passing does not stop an answer from the general rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.retrieval.expansion import known
from assistant.retrieval.references import names_document

# Acronyms and CamelCase names (RGAA, SecNumCloud, NIS 2), and runs of capitalised words (Data Act).
_NAME = re.compile(r"\b(?:[A-Z][a-z]*[A-Z][A-Za-z]*|[A-Z]{2,})(?:\s?\d+)?\b|\b[A-Z][a-zé]+(?:\s+[A-Z][a-zé]+)+\b")
# Words that make the name that follows them (or that it contains) a text, a standard or a label.
_TEXT_WORD = re.compile(
    r"\b(?:directive|règlement|loi|référentiel|norme|label|qualifi\w*|certifi\w*|respecter"
    r"|regulation|act|standard|comply with)\b",
    re.I,
)
# How many words before the name, in the same sentence, may present it: « le règlement européen sur les données (X) ».
_LOOKBACK_WORDS = 5


def unknown_text(question: str, mentioned: Callable[[str], bool]) -> str | None:
    """The first name the question presents as a text or a label and the corpus never mentions, if any.

    A name of a corpus document (RIA, AI Act) or one the lay-to-legal table knows (DPO) is known even where the
    texts spell it out."""
    for match in _NAME.finditer(question):
        name = match.group()
        sentence = re.split(r"[.?!;]", question[: match.start()])[-1]
        context = " ".join([*sentence.split()[-_LOOKBACK_WORDS:], name])
        if _TEXT_WORD.search(context) and not (mentioned(name) or known(name) or names_document(name)):
            return name
    return None

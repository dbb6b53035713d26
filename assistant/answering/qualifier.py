"""The sentence that qualifies a permission, quoted with it.

« Le délégué peut exécuter d'autres missions et tâches. » reads as a yes to « le DGS peut-il aussi être
le DPO ? »; the sentence after it, « … veille à ce que ces missions et tâches n'entraînent pas de conflit
d'intérêts », is the answer's point. The texts often grant in one sentence and restrict in the next, so a
quoted permission brings along a following sentence of the same paragraph that sets its condition or limit.
"""

from __future__ import annotations

import re

from assistant.structure.sentences import Sentence, sentences

_PERMISSION = re.compile(r"\b(?:peut|peuvent|may)\b", re.I)
_DENIED = re.compile(r"\b(?:ne|n['’]) ?(?:peut|peuvent)\b|\bmay not\b", re.I)
_RESTRICTS = re.compile(
    r"^(?:toutefois|cependant|néanmoins|however)\b|\bveillen?t? à ce que\b|\bà condition\b|\bsous réserve\b"
    r"|\bà moins que\b|\bprovided that\b|\bshall ensure that\b",
    re.I,
)
# A numbered paragraph (« 7. Le délégué… ») starts another rule, not the permission's condition.
_NEW_PARAGRAPH = re.compile(r"^\d+\.\s")


def qualifier(sentence: Sentence) -> Sentence | None:
    """The next sentence of `sentence`'s passage when `sentence` grants a permission and that one restricts it."""
    if not _PERMISSION.search(sentence.text) or _DENIED.search(sentence.text):
        return None
    following = next((s for s in sentences(sentence.chunk) if s.start >= sentence.end), None)
    if following is None or _NEW_PARAGRAPH.match(following.text) or not _RESTRICTS.search(following.text):
        return None
    return following

"""Whether the corpus holds a basis for an answer, from several signals, since no single score separates.

Dense similarity alone barely differs between on-topic and off-topic questions with this
model; the lexical coverage of the question by the best passages, and whether a provision is
named, add evidence. The thresholds are settings, calibrated by `evaluation.tune_refusal`.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.indexing.analysis import analyse
from assistant.records import Hit
from assistant.retrieval.asked_fact import sets_scene
from assistant.retrieval.expansion import asker_words, lay_matches
from assistant.retrieval.hybrid import REFERENCE, Signals

REFUSAL = "Je n'ai pas trouvé de réponse à cette question dans les textes de référence."
LEADS = 3


@dataclass(frozen=True)
class RefusalPolicy:
    """Refuse below `coverage_min`, or below `dense_min` unless the best passages hold `coverage_enough` of the
    question's terms: a question whose words are nearly all in the passages is on topic, however it is phrased.

    A question that sets a scene before it asks (the seasonal staff of the tourist office, the morning rounds of
    the cleaning crews) carries words no passage holds, which lowers both signals: its similarity bar is lower by
    `scene_margin`."""

    dense_min: float = 0.8609
    coverage_min: float = 0.05
    coverage_enough: float = 0.6
    scene_margin: float = 0.016

    def refuses(self, question: str, lang: str, hits: list[Hit], signals: Signals) -> bool:
        if any(REFERENCE in h.retrievers for h in hits):
            return False
        if not hits:
            return True
        share = coverage(question, lang, hits)
        bar = self.dense_min - (self.scene_margin if sets_scene(question) else 0.0)
        return share < self.coverage_min or (signals.dense_top < bar and share < self.coverage_enough)


# Words that ask rather than name what is asked about: they are no part of the topic the passages must cover.
# The modal verbs of « faut-il », « doit-on », « peut-on » ask too: a passage that holds them is no closer in topic.
_ASKING = frozenset(
    analyse("quand combien comment pourquoi quel quelle quels quelles lequel laquelle", "fr")
    + analyse("faut doit doivent devons peut peuvent pouvons", "fr")
    + analyse("when how why which what where must should can may does do", "en")
)


def coverage(question: str, lang: str, hits: list[Hit]) -> float:
    """Share of the question's topic terms found in the three best passages.

    An everyday word counts as found when the legal terms it stands for are (« chatbot » where the
    passage says « interagir directement avec des personnes physiques »). The words that name the
    asker (« une petite commune », « la mairie ») are no part of the topic: the texts say « autorité
    publique », and a commune's question is not off topic for want of its own name in the GDPR."""
    terms = set(analyse(question, lang)) - _ASKING - set(analyse(" ".join(asker_words(question)), lang))
    found: set[str] = set()
    for hit in hits[:3]:
        found |= set(analyse(hit.chunk.text, hit.chunk.lang))
    covered = terms & found
    if lang == "fr":
        for lay, legal in lay_matches(question):
            if set(analyse(legal, lang)) & found:
                covered |= terms & set(analyse(lay, lang))
    return len(covered) / len(terms) if terms else 0.0


def refusal_text(hits: list[Hit], reason: str | None = None) -> str:
    """The plain refusal, why when it is known, and the nearest provisions offered as leads, never as an answer."""
    text = REFUSAL if reason is None else f"{REFUSAL}\n{reason}"
    leads = [h.chunk.label for h in hits[:LEADS]]
    if not leads:
        return text
    return f"{text}\nPistes à vérifier, sans garantie qu'elles répondent : {' ; '.join(leads)}."

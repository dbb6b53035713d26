"""The default engine, with no language model: the answer is made of the passages' own sentences.

Each sentence is scored against the question's analysed terms (everyday words count fully,
the legal terms they expand to count half, and so does « autorité publique » for a commune's
question), the best ones from the best hits are kept, and binding law comes before guidance.
Every sentence of the answer is a verbatim quote, so the verifier can only confirm it; the
engine's job is choosing well and opening with the point.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.answering.lead_in import lead_in, public_body_items
from assistant.answering.qualifier import qualifier
from assistant.indexing.analysis import analyse
from assistant.records import Answer, Chunk, Citation, Hit
from assistant.retrieval.asked_fact import Fact, asked_fact, asking_sentences, gives
from assistant.retrieval.expansion import expand, setting_terms
from assistant.retrieval.hybrid import PINNED_BY, REFERENCE
from assistant.structure.sentences import Sentence, sentences

# The other chunks of a hit's provision, in the same edition: a hit on paragraph 8 may be answered by paragraph 1.
Siblings = Callable[[Chunk], list[Chunk]]
# Cosine between a sentence's vector and the question's (`CorpusIndex.sentence_closeness`).
Closeness = Callable[[Sentence], float]
HITS_READ = 5
# The best sentence of the best hit, and of any provision the question names, is always kept.
PINNED = 100.0
# A sentence that carries the fact the question asks for (an amount, a time limit, a date) counts this much more.
FACT_BONUS = 1.5
# Shared words miss paraphrase: a sentence's score is also multiplied by 1 + SEMANTIC × (cosine − SEMANTIC_FLOOR)
# when its meaning is close to the question's (cosines of unrelated French sentences sit near the floor).
SEMANTIC = 40.0
SEMANTIC_FLOOR = 0.8


@dataclass(frozen=True)
class QuoteSelection:
    """How many sentences an answer quotes and how strict it is with the weaker ones.

    `evaluation.tune_quotes` measures each against citation precision and the share of answers citing a right
    provision: a stricter setting raises the first only by lowering the second, which these defaults keep.
    """

    max_sentences: int = 4
    # Other sentences must score at least this share of the best one: a weak match is noise to the reader.
    relevance: float = 0.5
    # A sentence's score is also scaled by its hit's retrieval score over the best unpinned hit's, to this power: a
    # passage that ranked well behind the first must match far better to be quoted.
    retrieval_power: float = 3.0


# A yes/no question by its first words; not « y a-t-il… ? », which asks whether something exists: a ban in the
# passages would make its « non » a « oui ».
_YES_NO = re.compile(
    r"^(est-ce|peut-on|peut-elle|peut-il|doit-on|doit-elle|doit-il|faut-il|a-t-on|ai-je|avons-nous|sommes-nous"
    r"|suis-je|puis-je|pouvons-nous|devons-nous)\b"
    r"|\b(a-t-on le droit|avons-nous le droit|est-il (possible|permis|interdit|obligatoire))",
    re.I,
)
# A permission or a duty asked by inversion anywhere in a sentence that asks (« la police municipale peut-elle… ? »,
# « le DPO doit-il… ? »): the question the opening answers. Not « y a-t-il une limite ? », whose yes would be a no.
_MODAL = re.compile(
    r"\b(?:peut|peuvent|doit|doivent|faut)-(?:t-)?(?:on|il|elle|ils|elles)\b|\ba-t-(?:on|il|elle) le droit\b"
    r"|\b(?:est-on|sommes-nous|sont-ils|sont-elles|est-il|est-elle) (?:obligée?s?|tenue?s?|autorisée?s?)\b",
    re.I,
)
# Words that make a question open wherever they come before the verb (« concrètement, quelle amende risque-t-on ? »)…
_OPEN_WORD = re.compile(r"^(?:quels?|quelles?|lequel|laquelle|lesquel\w*|combien|comment|pourquoi)$", re.I)
# …and those that do only at its start or just before the verb, being relatives or conjunctions elsewhere (« le
# logiciel qui trie les CV doit-il… », « quand on l'utilise, faut-il… »).
_OPEN_START = re.compile(r"^(?:que|qu|qui|quoi|quand|où|à|dans|de|d|sur|pour|par|jusqu|depuis)$", re.I)
_FORBIDDEN = re.compile(
    r"\b(sont interdit|est interdit|interdit|ne (peut|peuvent|doit|doivent) pas|il est interdit|prohibited|shall not)",
    re.I,
)
_CONDITIONAL = re.compile(
    r"\b(sauf|à condition|lorsque|dans la mesure où|sous réserve|que si|conditions|except|unless|where|only if)\b", re.I
)
_DUTY = re.compile(r"\b(doit|doivent|est tenu|sont tenus|veille|veillent|shall|obligatoire)\b", re.I)


def _terms(question: str, lang: str) -> dict[str, float]:
    weights = {t: 0.5 for t in analyse(f"{expand(question)} {setting_terms(question)}", lang)} if lang == "fr" else {}
    weights.update({t: 1.0 for t in analyse(question, lang)})
    return weights


def _score(sentence: Sentence, terms: dict[str, float], fact: Fact | None, closeness: Closeness | None) -> float:
    found = analyse(sentence.text, sentence.chunk.lang)
    if not found:
        return 0.0
    bonus = FACT_BONUS if fact and gives(fact, sentence.text) else 1.0
    if closeness is not None:
        bonus *= 1.0 + SEMANTIC * max(0.0, closeness(sentence) - SEMANTIC_FLOOR)
    return bonus * sum(terms.get(t, 0.0) for t in set(found)) / math.log(3 + len(found))


def _retrieval_weights(hits: list[Hit], power: float) -> list[float]:
    scores = [hit.score for hit in hits if not PINNED_BY.intersection(hit.retrievers)]
    best = max(scores, default=0.0)
    return [min(1.0, hit.score / best) ** power if best > 0 else 1.0 for hit in hits]


def quote_line(citation: Citation, cut: bool = False) -> str:
    """How an answer quotes a passage: its label, the verbatim quote (« […] » when cut) and its number."""
    return f"{citation.chunk.label} : « {citation.quote}{' […]' if cut else ''} » [{citation.n}]"


def _gives_force(text: str) -> bool:
    return any(pattern.search(text) for pattern in (_FORBIDDEN, _CONDITIONAL, _DUTY))


def _asks_permission_or_duty(sentence: str) -> bool:
    """A permission or a duty asked by inversion, in a sentence that is no open question (« dans quel délai la commune
    doit-elle… », « que doit-on faire ? »)."""
    modal = _MODAL.search(sentence)
    if modal is None:
        return False
    before = re.findall(r"\w+", sentence[: modal.start()])
    return not (
        any(_OPEN_WORD.match(w) for w in before) or any(_OPEN_START.match(w) for w in [*before[:1], *before[-1:]])
    )


def opening(question: str, quotes: list[str], public_case: bool = False, qualified: bool = False) -> str:
    """Oui, non or sous conditions, when a yes/no question meets passages that say so; else nothing.

    The first quote decides a prohibition or a duty; a condition anywhere in the quotes, or one that qualifies the
    permission quoted first (`qualified`), makes it conditional, unless the public body asking meets it
    (`public_case`: the rule's case « le traitement est effectué par une autorité publique » follows its opener),
    which makes it a yes.
    """
    asked = _YES_NO.search(question.strip()) or any(map(_asks_permission_or_duty, asking_sentences(question)))
    if not quotes or not asked:
        return ""
    if _FORBIDDEN.search(quotes[0]):
        return "Non, en principe : "
    if public_case:
        return "Oui, pour une autorité ou un organisme public : "
    if qualified or any(_CONDITIONAL.search(q) for q in quotes):
        return "Sous conditions : "
    if _DUTY.search(quotes[0]):
        return "Oui : "
    return ""


def extractive_answer(
    question: str,
    lang: str,
    hits: list[Hit],
    siblings: Siblings | None = None,
    closeness: Closeness | None = None,
    selection: QuoteSelection = QuoteSelection(),
) -> Answer:
    """Draft answer from the top hits; the verifier and refusal step run after it."""
    provision = siblings or (lambda chunk: [chunk])
    terms = _terms(question, lang)
    fact = asked_fact(question)
    chosen: list[tuple[float, int, Sentence]] = []
    read = hits[:HITS_READ]
    for rank, (hit, weight) in enumerate(zip(read, _retrieval_weights(read, selection.retrieval_power), strict=True)):
        passages = provision(hit.chunk)
        candidates = [s for chunk in passages for s in sentences(chunk)]
        scored = sorted(((weight * _score(s, terms, fact, closeness), s) for s in candidates), key=lambda x: -x[0])
        must = rank == 0 or REFERENCE in hit.retrievers
        for score, sentence in scored[: 2 if rank == 0 else 1]:
            if score > 0 or must:
                chosen.append((score + (PINNED if must else 0.0), rank, sentence))
                must = False
    chosen.sort(key=lambda x: (-x[0], x[1]))
    best = max((score for score, _, _ in chosen if score < PINNED), default=0.0)
    kept = [c for c in chosen if c[0] >= PINNED or c[0] >= selection.relevance * best][: selection.max_sentences]
    kept.sort(key=lambda x: (not x[2].chunk.authority.startswith("binding"), x[1], x[2].start))
    # A list item (« c) la note sociale… ») opens with the sentence that gives it force (« … sont interdites : »),
    # when that sentence bans, requires or sets conditions (not « on entend par : »).
    lead = lead_in(kept[0][2], provision(kept[0][2].chunk)) if kept else None
    if lead is not None and _gives_force(lead.text) and all(sentence != lead for _, _, sentence in kept):
        kept.insert(0, (0.0, kept[0][1], lead))
    # A permission goes with the next sentence when that one sets its condition (« … veille à ce que … »).
    conditions = [qualifier(sentence) for _, _, sentence in kept]
    qualified = bool(conditions) and conditions[0] is not None
    for at, condition in reversed(list(enumerate(conditions))):
        if condition is not None and all(sentence != condition for _, _, sentence in kept):
            kept.insert(at + 1, (0.0, kept[at][1], condition))
    # A list opener quoted first (« désignent un délégué lorsque : ») goes on with the case that names the asker, for
    # a commune's question (« a) le traitement est effectué par une autorité publique »).
    public_case = False
    if kept and kept[0][2].text.endswith(":") and setting_terms(question):
        items = public_body_items(kept[0][2])
        item = max(items, key=lambda s: _score(s, terms, fact, closeness), default=None)
        if item is not None and all(sentence != item for _, _, sentence in kept):
            kept.insert(1, (0.0, kept[0][1], item))
        public_case = item is not None and _gives_force(kept[0][2].text)
    citations = [Citation(n, s.chunk, s.text) for n, (_, _, s) in enumerate(kept, 1)]
    lines = [quote_line(c, sentence.cut) for c, (_, _, sentence) in zip(citations, kept, strict=True)]
    text = "\n".join(lines)
    text = opening(question, [c.quote for c in citations], public_case, qualified) + text
    return Answer(text=text, refused=not kept, citations=citations, engine="extractive")

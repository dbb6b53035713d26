"""What a quiz can ask about a passage: a term it defines, the actor it obliges, a value or a date it sets.

Each fact is a verbatim quote and the exact words in it that answer the question (`answer`), with
the other values of the same kind that could stand in their place (`pool`, most plausible first).
Blanking every occurrence of `answer` in the quote gives the question; putting it back gives the quote.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from assistant.indexing.amendments import LawInForce
from assistant.records import Chunk
from assistant.structure.sentences import Sentence, sentences
from assistant.trainer.dates import DateLine
from assistant.trainer.quotes import Quote, quote_of, relevance, topic_terms
from assistant.trainer.roles import DUTY, FAMILIES, Actor
from assistant.trainer.values import Value, dates_in, values_in

DEFINITIONS = {"gdpr": "art:4", "ai-act": "art:3"}
# Definitions that open with the same words define the same kind of thing: the best distractors for each other.
GENUS_WORDS = 4
# A definition shorter than this only points to another act ("«profilage», le profilage au sens de …").
MIN_DEFINITION = 90
_DEFINED = re.compile(r"^(\d+)\) «([^»]+)»")
# An actor named at most this far before the sentence's first duty verb is the one who must act.
SUBJECT_SPAN = 200
_PLURAL_ARTICLE = r"(?:les|des|aux|ces)"
_SINGULAR_ARTICLE = r"(?:le|du|au|chaque|tout|un)"


@dataclass(frozen=True)
class Fact:
    kind: str
    quote: Quote
    answer: str
    pool: tuple[str, ...]
    weight: float = 0.0
    lead: Quote | None = None

    @property
    def stem(self) -> str:
        return blank(self.quote.text, self.answer)


BLANK = "_____"


def blank(text: str, answer: str) -> str:
    return text.replace(answer, BLANK)


def _current(law: LawInForce, sentence: Sentence) -> bool:
    return law.amendment(sentence.chunk, sentence.text) is None


# Definitions ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Definition:
    number: int
    term: str
    sentence: Sentence

    @property
    def genus(self) -> str:
        """The opening words of the definition ("une personne physique ou morale"): what kind of thing it defines."""
        body = self.sentence.text.split("»", 1)[-1].lstrip(" ,")
        return " ".join(body.split()[:GENUS_WORDS]).lower()


def _definitions(chunks: list[Chunk], doc_id: str) -> list[_Definition]:
    french = [c for c in chunks if c.doc_id == doc_id and c.ref == DEFINITIONS[doc_id] and c.lang == "fr"]
    found = []
    for chunk in sorted(french, key=lambda c: c.start):
        for sentence in sentences(chunk):
            if match := _DEFINED.match(sentence.text):
                found.append(_Definition(int(match.group(1)), match.group(2), sentence))
    return found


def definition_facts(chunks: list[Chunk], theme_chunks: list[Chunk], law: LawInForce) -> list[Fact]:
    """Definitions of the terms the theme uses, the most used first; distractors are terms defined nearby.

    A regulation's definitions hold for its own text: they are asked about the theme's passages of that
    regulation, or about the whole theme when it quotes neither regulation (the CRPA, the French laws).
    """
    facts = []
    defining = {c.doc_id for c in theme_chunks} & set(DEFINITIONS)
    asked: set[str] = set()
    for doc_id in DEFINITIONS:
        if defining and doc_id not in defining:
            continue
        used = "\n".join(c.text for c in theme_chunks if not defining or c.doc_id == doc_id).lower()
        defined = _definitions(chunks, doc_id)
        for item in defined:
            uses = len(re.findall(rf"\b{re.escape(item.term.lower())}\b", used))
            if not uses or item.term in asked or len(item.sentence.text) < MIN_DEFINITION:
                continue
            if not _current(law, item.sentence):
                continue
            asked.add(item.term)
            others = [d for d in defined if d.term != item.term and d.term.lower() not in item.sentence.text.lower()]
            others.sort(key=lambda d: (d.genus != item.genus, abs(d.number - item.number), d.number))
            quote = quote_of(item.sentence)
            facts.append(Fact("définition", quote, item.term, tuple(d.term for d in others), uses))
    return facts


# Obligations ---------------------------------------------------------------------------------------------------


def _named(actor: Actor, plural: bool) -> re.Pattern[str]:
    article, noun = (_PLURAL_ARTICLE, actor.plural) if plural else (_SINGULAR_ARTICLE, actor.singular)
    return re.compile(rf"\b{article} ({re.escape(noun)})\b", re.I)


def _obliged(sentence: Sentence, family: tuple[Actor, ...]) -> tuple[Actor, bool] | None:
    """The actor of `family` who must act in the sentence, and whether it is named in the plural."""
    duty = DUTY.search(sentence.text)
    if duty is None:
        return None
    for actor in family:
        for plural in (True, False):
            match = _named(actor, plural).search(sentence.text)
            if match and 0 <= duty.start() - match.end() <= SUBJECT_SPAN:
                return actor, plural
    return None


def obligation_facts(theme_chunks: list[Chunk], law: LawInForce, terms: set[str]) -> list[Fact]:
    """Who must act: the obliged actor is blanked and the other actors of the same text stand in."""
    facts = []
    for chunk in theme_chunks:
        if chunk.lang != "fr" or not chunk.authority.startswith("binding"):
            continue
        for sentence in sentences(chunk):
            for family in FAMILIES:
                found = _obliged(sentence, family)
                if found is None or not _current(law, sentence):
                    continue
                actor, plural = found
                other_form = actor.singular if plural else actor.plural
                if re.search(rf"\b{re.escape(other_form)}\b", sentence.text, re.I):
                    continue
                pool = tuple(
                    a.plural if plural else a.singular
                    for a in family
                    if a != actor and (plural or not a.elided) and a.singular not in sentence.text.lower()
                )
                noun = _case(sentence.text, actor.plural if plural else actor.singular)
                facts.append(Fact("obligation", quote_of(sentence), noun, pool, relevance(sentence, terms)))
    return facts


def _case(text: str, noun: str) -> str:
    """The noun as printed in the sentence (its capital, when it opens it)."""
    match = re.search(rf"\b{re.escape(noun)}\b", text, re.I)
    return match.group() if match else noun


# Enumerations -------------------------------------------------------------------------------------------------

_ITEM = re.compile(r"^(?:\d+°|[a-z]\)|\([a-z]\)) (.+?)[\s;,.]*(?:et|ou)?[\s;,.]*$")
# Two items sharing this share of their terms say the same thing: one cannot be a distractor for the other.
SAME_ITEM = 0.5
# Enumerations whose introductions share this many terms are on related subjects.
SHARED_INTRO = 2
_DETERMINERS = frozenset(
    ("le", "la", "les", "l'", "un", "une", "des", "du", "son", "sa", "ses", "leur", "leurs", "ce", "cette", "ces")
)


@dataclass(frozen=True)
class _List:
    intro: Sentence
    items: tuple[tuple[Sentence, str], ...]


def _lists(chunks: list[Chunk]) -> list[_List]:
    """Enumerations: a sentence ending with a colon and the "1°" or "a)" items that follow it in the chunk."""
    found = []
    for chunk in chunks:
        intro, items = None, []
        for sentence in [*sentences(chunk), None]:
            match = _ITEM.match(sentence.text) if sentence else None
            if match and intro is not None:
                items.append((sentence, match.group(1)))
                continue
            if intro is not None and len(items) > 1:
                found.append(_List(intro, tuple(items)))
            intro, items = (sentence, []) if sentence and sentence.text.rstrip().endswith(":") else (None, [])
    return found


def alike(a: str, b: str) -> bool:
    """Whether two texts say the same thing (most of the shorter one's terms are in the other)."""
    terms_a, terms_b = topic_terms(a), topic_terms(b)
    return len(terms_a & terms_b) >= SAME_ITEM * max(1, min(len(terms_a), len(terms_b)))


def _opening(text: str) -> str:
    """How an item starts, grammatically: a determiner, or its first word ("est", "une description" → "une")."""
    first = text.split()[0].lower() if text.split() else ""
    return "det" if first in _DETERMINERS else first


def list_facts(theme_chunks: list[Chunk], chunks: list[Chunk], law: LawInForce, terms: set[str]) -> list[Fact]:
    """Which item belongs to an enumeration. The others are items of the same text's enumerations on a related
    subject (their introductions share terms) that open the same way, so that none is ruled out by grammar."""
    binding = [c for c in theme_chunks if c.lang == "fr" and c.authority.startswith("binding")]
    theme_ids = {c.id for c in binding}
    docs = {c.doc_id for c in binding}
    elsewhere = _lists([c for c in chunks if c.doc_id in docs and c.lang == "fr" and c.id not in theme_ids])
    facts = []
    for enumeration in _lists(binding):
        sentence, text = max(enumeration.items, key=lambda item: relevance(item[0], terms))
        if not _current(law, sentence) or sentence.text.count(text) != 1:
            continue
        siblings = [t for _, t in enumeration.items]
        intro_terms = topic_terms(enumeration.intro.text)
        pool = sorted(
            (-shared, other_text)
            for other in elsewhere
            if other.intro.chunk.doc_id == enumeration.intro.chunk.doc_id
            and (shared := len(intro_terms & topic_terms(other.intro.text))) >= SHARED_INTRO
            for _, other_text in other.items
            if _opening(other_text) == _opening(text) and not any(alike(other_text, s) for s in siblings)
        )
        if len(pool) >= 2:
            facts.append(
                Fact("liste", quote_of(sentence), text, tuple(t for _, t in pool), relevance(sentence, terms),
                     quote_of(enumeration.intro))
            )  # fmt: skip
    return facts


# Values and dates ----------------------------------------------------------------------------------------------


def _plausible(answer: Value, others: list[Value], present: set[float]) -> tuple[str, ...]:
    """Other printed values of the same kind, the closest in size first, same unit and spelling preferred."""
    seen: dict[float, Value] = {}
    for value in others:
        if value.kind == answer.kind and value.amount not in present and value.amount > 0:
            seen.setdefault(value.amount, value)
    ranked = sorted(
        seen.values(),
        key=lambda v: (
            v.unit != answer.unit,
            v.spelled != answer.spelled,
            abs(math.log(v.amount / answer.amount)),
            v.text,
        ),
    )
    return tuple(_like(answer.text, v.text) for v in ranked)


def _like(model: str, text: str) -> str:
    return text[:1].lower() + text[1:] if model[:1].islower() else text


def value_facts(theme_chunks: list[Chunk], corpus_values: list[Value], law: LawInForce, terms: set[str]) -> list[Fact]:
    """Amounts, percentages, durations and headcounts the theme's provisions set."""
    facts = []
    for chunk in theme_chunks:
        if chunk.lang != "fr" or not chunk.authority.startswith("binding"):
            continue
        for sentence in sentences(chunk):
            found = values_in(sentence.text)
            if not found or not _current(law, sentence):
                continue
            present = {v.amount for v in found}
            for value in found:
                if sentence.text.count(value.text) == 1:
                    pool = _plausible(value, corpus_values, present)
                    facts.append(Fact(value.kind, quote_of(sentence), value.text, pool, relevance(sentence, terms)))
                    break
    return facts


def corpus_values(chunks: list[Chunk]) -> list[Value]:
    """Every value printed in the binding French texts: where distractors come from."""
    return [
        v
        for c in chunks
        if c.lang == "fr" and c.authority.startswith("binding") and c.kind != "recital"
        for v in values_in(c.text)
    ]


def date_facts(lines: list[DateLine], dated: list[Chunk]) -> list[Fact]:
    """The dates the theme's application lines give; the other dates of the `dated` provisions stand in."""
    every = [d for chunk in dated for d in dates_in(chunk.text)]
    facts = []
    for line in lines:
        found = dates_in(line.quote.text)
        asked = next((v for v in found if v.amount == line.days[0].toordinal()), None)
        if asked is None or line.quote.text.count(asked.text) > 1:
            continue
        pool = _plausible(asked, every, {v.amount for v in found})
        facts.append(Fact("date", line.quote, asked.text, pool, 1.0, line.lead))
    return facts

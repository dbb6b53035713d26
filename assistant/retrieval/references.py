"""The provisions a question names ("l'article 5 du RIA", "Article 26(1) AI Act", "L. 311-3-1"), as ref keys.

Neither dense nor lexical ranking guarantees that "article 5" brings back article 5 rather than
an article that talks about it, so retrieval pins what this parser finds. It only reads the
question (no index access): a reference with no document named is returned with `doc_id=None`
and the caller looks it up in every document. Everything is matched on a folded copy of the
question (lower case, no accents, one apostrophe, one dash), because users type all variants.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.structure.recognize import article_number

MAX_RANGE = 10

_EU_ACT = r"\b(?:(?:reglement|regulation)\s*(?:\((?:ue|eu)\)\s*)?(?:n[°o]?\.?\s*)?)?"
_FR_LAW = r"\bloi\s+(?:n[°o]?\.?\s*)?"

# The names users give the corpus's documents. Several may match at one place: the longest wins.
ALIASES: tuple[tuple[str, str], ...] = (
    ("ai-act", r"\bria\b"),
    ("ai-act", r"\b(?:eu\s+)?ai\s+(?:act|regulation)\b"),
    ("ai-act", r"\bartificial\s+intelligence\s+act\b"),
    ("ai-act", r"\breglement\s+(?:europeen\s+)?(?:(?:sur|relatif\s+a|de)\s+l')?(?:ia|intelligence\s+artificielle)\b"),
    ("ai-act", _EU_ACT + r"2024/1689\b"),
    ("reg-2026-1744", r"\b(?:(?:ai\s+act|digital)\s+)?omnibus(?:\s+(?:numerique|digital|ia|ai|on\s+ai|sur\s+l'ia))?\b"),
    ("reg-2026-1744", _EU_ACT + r"2026/1744\b"),
    # Named by what it did and when: « la réforme de 2026 », « l'Europe a allégé cette règle en 2026 ».
    ("reg-2026-1744", r"\b(?:reforme|revision|modification|texte\s+europeen|reglement\s+europeen)\s+de\s+2026\b"),
    ("reg-2026-1744", r"\b(?:allege|assoupli|modifie|change|durci|revise)e?s?\s+(?:[\w']+\s+){0,3}en\s+2026\b"),
    ("gdpr", r"\b(?:rgpd|gdpr)\b"),
    ("gdpr", r"\breglement\s+general\s+(?:sur\s+la|de)\s+protection\s+des\s+donnees\b"),
    ("gdpr", r"\bgeneral\s+data\s+protection\s+regulation\b"),
    ("gdpr", _EU_ACT + r"2016/679\b"),
    ("crpa", r"\bcrpa\b"),
    ("crpa", r"\bcode\s+des\s+relations\s+entre\s+le\s+public\s+et\s+l'administration\b"),
    ("loi-78-17", r"\b(?:loi\s+)?informatique\s+(?:et|&)\s+libertes\b"),
    ("loi-78-17", r"\blil\b"),
    ("loi-78-17", r"\bloi\s+(?:du\s+6\s+janvier\s+|de\s+)1978\b"),
    ("loi-78-17", _FR_LAW + r"78-17\b"),
    ("loi-78-17", r"\bn[°o]\.?\s*78-17\b"),
    ("loi-78-17", r"\bloi\s+relative\s+a\s+l'informatique,?\s+aux\s+fichiers\s+et\s+aux\s+libertes\b"),
    ("loi-2016-1321", r"\bloi\s+(?:pour\s+une\s+)?republique\s+numerique\b"),
    ("loi-2016-1321", r"\bloi\s+lemaire\b"),
    ("loi-2016-1321", _FR_LAW + r"2016-1321\b"),
    ("loi-2016-1321", r"\bloi\s+du\s+7\s+octobre\s+2016\b"),
    ("loi-2018-493", _FR_LAW + r"2018-493\b"),
    ("loi-2018-493", r"\bloi\s+du\s+20\s+juin\s+2018\b"),
    ("guide-etalab-algorithmes", r"\b(?:guide\s+(?:d'|de\s+l')?)?etalab\b"),
)

# Acts outside the corpus named by their name, not by a number or a bare word: a question about what one of them
# says is one the corpus cannot answer, even where its texts mention that act in passing.
NAMED_FOREIGN_ACTS: tuple[str, ...] = (
    r"\bcode\s+(?:general|civil|penal|electoral|monetaire|rural|minier|forestier"
    r"|du\s+(?:travail|patrimoine|sport|tourisme)|de\s+(?:commerce|procedure|justice)"
    r"|de\s+la\s+(?:sante|securite|consommation|route|commande|construction|defense|recherche|propriete|voirie)"
    r"|de\s+l'(?:education|environnement|urbanisme|action|energie|entree)"
    r"|des\s+(?:postes|transports|douanes|assurances|communes|pensions|impots))\b",
    r"\b(?:cgct|cgi|cja|csp|csi|cpp|cpc|cgppp|ccp)\b",
    r"\b(?:data|digital\s+services|digital\s+markets|data\s+governance|cyber\s+resilience)\s+act\b",
    r"\b(?:dsa|dma|dga|nis\s?2|eidas)\b",
    r"\breglement\s+(?:europeen\s+)?(?:sur|relatif\s+aux?)\s+(?:les\s+services\s+numeriques|les\s+marches\s+numeriques"
    r"|la\s+gouvernance\s+des\s+donnees|les\s+donnees|la\s+cyber-?resilience)\b",
    r"\bportefeuille\s+europeen\s+d'identite\s+numerique\b",
)

# Acts outside the corpus: "l'article 5 du code civil" must not pin article 5 of the RIA or of the RGPD.
# An alias above that matches the same text wins ("règlement (UE) 2016/679" is the RGPD, not a foreign act).
FOREIGN_ACTS: tuple[str, ...] = (
    *NAMED_FOREIGN_ACTS,
    r"\b(?:directive|decision|reglement|regulation)\s*(?:\((?:ue|eu|ce|ec|cee|eec)\)\s*)?(?:n[°o]?\.?\s*)?\d{2,4}/\d{1,4}\b",
    r"\b(?:directive|decret|decree)\b",
    r"\bloi\s+(?:organique\s+)?(?:n[°o]?\.?\s*)?\d{2,4}-\d{1,4}\b",
    r"\bloi\s+(?:du\s+\d|de\s+\d{4}\b)",
    r"\b(?:ordonnance|arrete)\s+(?:n[°o]?\b|du\s+\d|\d)",
    r"\b(?:charte|charter)\s+(?:des\s+droits|of\s+fundamental)",
    r"\b(?:tfue|tfeu|cedh|echr)\b",
    r"\btraite\s+sur\s+(?:le\s+fonctionnement|l'union)",
    r"\bconvention\s+(?:europeenne|108|de\s+sauvegarde)",
)
_NAMED_FOREIGN = re.compile("|".join(NAMED_FOREIGN_ACTS))

_PUNCTUATION = str.maketrans(
    {
        **dict.fromkeys("’‘ʼ`´", "'"),
        **dict.fromkeys("‐‑‒–—−", "-"),
        **dict.fromkeys('«»“”"', " "),
    }
)

_ORDINALS = {
    "premier": "1",
    "1er": "1",
    "deuxieme": "2",
    "second": "2",
    "seconde": "2",
    "troisieme": "3",
    "quatrieme": "4",
    "cinquieme": "5",
}
_ORDINAL = "|".join(_ORDINALS)
# EU French texts print "article 4 bis" where the English text prints "Article 4a".
_LATIN_SUFFIXES = {"bis": "a", "ter": "b", "quater": "c", "quinquies": "d", "sexies": "e", "septies": "f"}
_ROMAN = re.compile(r"x{0,3}(?:ix|iv|v?i{0,3})")
_ROMAN_VALUES = (("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))

_PARAGRAPH_WORD = r"(?:paragraphe|paragraph|para\.|§|alinea|al\.)"
_PARAGRAPH = re.compile(
    rf"\s*\(\s*(?P<paren>\d{{1,2}})\s*\)"
    rf"|\s*,?\s*{_PARAGRAPH_WORD}\s*\(?(?P<word>\d{{1,2}}|premier|1er)\)?(?![\w])"
    rf"|\s*,?\s*(?P<ordinal>{_ORDINAL})\s+(?:alinea|paragraphe)\b"
)
# An annex is cited by its points: « annexe III, point 5 », "Annex III, point (5)(a)"; an annex has no paragraphs,
# so « annexe III, § 5 » means its point 5 too.
_ANNEX_POINT = re.compile(rf"\s*,?\s*(?:points?|{_PARAGRAPH_WORD})\s*\(?(?P<point>\d{{1,2}})\b\)?")
_SUBDIVISIONS = (
    r"(?:\s*,?\s*(?:points?|sous-paragraphe|subparagraph|litt?era|lettre|lit\.)\s*\(?[a-z0-9]{1,4}\)?"
    r"|\s*\((?:[a-z]{1,2}|[ivx]{1,4}|\d{1,2})\))*"
)
# Between a reference and the document it belongs to: "article 5 du RIA", "Article 26(1)(a) of the AI Act".
_SUFFIX_GLUE = re.compile(
    _SUBDIVISIONS + r"[\s,(:]*(?:(?:du|des|de\s+la|de\s+l'|de|d'|of\s+the|of|in\s+the|in|under\s+the|under"
    r"|to\s+the|to|au|aux|dans\s+(?:le|la|l')|selon\s+(?:le|la|l')|le|la|l'|the)\s*)?"
)
# ... and between a document and a reference that follows it: "RGPD art. 9", "le RIA, en son article 5".
_PREFIX_GLUE = re.compile(
    r"(?:'s)?[\s,:]*(?:(?:en\s+son|en\s+ses|a\s+son|a\s+ses|dans\s+son|dans\s+ses|in\s+its|in)\s+)?"
    r"(?:(?:l'|les|le|la|the|son|ses|d')\s*)?"
)
_SINGULAR_KEYWORDS = frozenset({"article", "annexe", "annex", "considerant", "recital"})


@dataclass(frozen=True)
class Reference:
    """A provision a question names: its document when the question says which, its ref key, its paragraph."""

    doc_id: str | None
    ref: str
    paragraph: str | None = None


@dataclass(frozen=True)
class _Kind:
    """One kind of citable provision: the words that introduce it and how its number is written."""

    prefix: str
    keyword: str
    number: re.Pattern[str]
    has_paragraphs: bool


_KINDS = {
    "art": _Kind(
        prefix="art",
        keyword=r"articles?|arts?\.?",
        number=re.compile(
            r"(?P<code>[lrd]\.?\s?\d{1,4}(?:-\d{1,3})+)(?!\d)"
            r"|(?P<num>premier|1er|\d{1,3}(?:-\d{1,3})*)"
            rf"(?:(?P<letter>[a-z])|\s+(?P<latin>{'|'.join(_LATIN_SUFFIXES)}))?(?![\w/])"
        ),
        has_paragraphs=True,
    ),
    "annex": _Kind(
        prefix="annex",
        keyword=r"annex(?:es?)?",
        number=re.compile(r"(?P<num>[ivx]{1,7}|\d{1,2})(?![\w/])"),
        has_paragraphs=False,
    ),
    "recital": _Kind(
        prefix="recital",
        keyword=r"(?<!en )considerants?|recitals?",
        number=re.compile(r"\(?(?P<num>\d{1,3})\)?(?![\w/])"),
        has_paragraphs=False,
    ),
}
# A reference starts at its keyword, possibly after the paragraph it names ("le paragraphe 2 de l'article 5"),
# or at a code number standing alone ("L. 311-3-1"): only the CRPA numbers its articles that way.
_HEAD = re.compile(
    rf"(?:(?<![\w§])(?:{_PARAGRAPH_WORD}\s*(?P<before>\d{{1,2}}|premier|1er)|(?P<before_ordinal>{_ORDINAL})\s+"
    r"(?:alinea|paragraphe))\s+(?:de\s+l'|du\s+|de\s+|of\s+(?:the\s+)?)?)?"
    r"(?<!\w)(?:" + "|".join(f"(?P<{name}>{kind.keyword})" for name, kind in _KINDS.items()) + r")(?![a-z])\s*"
    r"|(?P<bare>(?<![\w.])[lrd]\.?\s?\d{3,4}(?:-\d{1,3})+(?!\d))"
)
# What carries a group on: a list ("5, 6 et 7") or a range ("13 à 15", "13-15", "de l'article 13 à l'article 15").
_CONTINUATION = {
    name: re.compile(
        r"\s*(?:(?P<range>-|(?:au|a|to|through|jusqu'au|jusqu'a)(?![a-z]))|(?:,\s*)?(?:et|and|ou|or|&)(?![a-z])|[,;])"
        rf"\s*(?:(?:l'|les|la|le|the)\s*)?(?:(?P<keyword>{kind.keyword})(?![a-z])\s*)?"
    )
    for name, kind in _KINDS.items()
}
_DOCUMENT_PATTERNS = tuple((doc_id, re.compile(p)) for doc_id, p in ALIASES) + tuple(
    (None, re.compile(p)) for p in FOREIGN_ACTS
)


@dataclass(frozen=True)
class _Mention:
    """Where the question names a document; `doc_id` None for an act outside the corpus."""

    start: int
    end: int
    doc_id: str | None


@dataclass(frozen=True)
class _Group:
    """References cited together ("articles 5 et 6", "annexes III à V") that share the document named after them."""

    kind: _Kind
    items: tuple[tuple[str, str | None], ...]
    start: int
    end: int


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_PUNCTUATION))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def _roman(value: int) -> str:
    out = ""
    for letters, amount in _ROMAN_VALUES:
        while value >= amount:
            out, value = out + letters, value - amount
    return out


def _roman_value(numeral: str) -> int:
    value = 0
    for letters, amount in _ROMAN_VALUES:
        while numeral.startswith(letters):
            numeral, value = numeral[len(letters) :], value + amount
    return value


def names_document(name: str) -> bool:
    """Whether `name` is one of the names users give a corpus document (« RIA », « AI Act »)."""
    folded = _fold(name)
    return any(doc_id and pattern.fullmatch(folded) for doc_id, pattern in _DOCUMENT_PATTERNS)


def _mentions(text: str) -> list[_Mention]:
    """Document names in text order; overlapping names resolve to the longest, then to a corpus document."""
    found = [
        _Mention(m.start(), m.end(), doc_id) for doc_id, pattern in _DOCUMENT_PATTERNS for m in pattern.finditer(text)
    ]
    found.sort(key=lambda m: (m.start, -m.end, m.doc_id is None))
    kept: list[_Mention] = []
    for mention in found:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _key(kind: _Kind, match: re.Match[str]) -> str | None:
    """The ref-key form of a printed number, as `structure` writes it; None if it is no valid number."""
    if kind.prefix == "annex":
        numeral = match["num"]
        if numeral.isdigit():
            return _roman(int(numeral)).upper() if 0 < int(numeral) < 40 else None
        return numeral.upper() if _ROMAN.fullmatch(numeral) else None
    if kind.prefix == "recital":
        return str(int(match["num"])) if int(match["num"]) else None
    if match["code"]:
        code = article_number(match["code"])
        return code[0].upper() + code[1:]
    suffix = match["letter"] or _LATIN_SUFFIXES.get(match["latin"] or "", "")
    return article_number(match["num"]) + suffix


def _item(text: str, pos: int, kind: _Kind) -> tuple[str, str | None, int] | None:
    """One number at `pos` with its paragraph (an annex's point), and where it ends."""
    match = kind.number.match(text, pos)
    if match is None or (key := _key(kind, match)) is None:
        return None
    end, paragraph = match.end(), None
    if kind.has_paragraphs and (found := _PARAGRAPH.match(text, end)):
        paragraph = found["paren"] or _ORDINALS.get(found["word"], found["word"]) or _ORDINALS[found["ordinal"]]
        end = found.end()
    elif kind.prefix == "annex" and (found := _ANNEX_POINT.match(text, end)):
        paragraph, end = found["point"], found.end()
    return key, paragraph, end


def _span(kind: _Kind, first: str, last: str) -> list[str] | None:
    """Every key from `first` to `last`, or None if that is no increasing range; only the two ends past MAX_RANGE."""
    if kind.prefix == "annex":
        low, high = _roman_value(first.lower()), _roman_value(last.lower())
        keys = [_roman(n).upper() for n in range(low, high + 1)]
    else:
        start, end = re.fullmatch(r"(.*?)(\d+)", first), re.fullmatch(r"(.*?)(\d+)", last)
        if start is None or end is None or start[1] != end[1]:
            return None
        low, high = int(start[2]), int(end[2])
        keys = [f"{start[1]}{n}" for n in range(low, high + 1)]
    if high <= low:
        return None
    return keys if len(keys) <= MAX_RANGE else [first, last]


def _group(text: str, head: re.Match[str]) -> _Group | None:
    """The references cited from `head` on; lists and ranges need a plural keyword or a repeated one."""
    if head["bare"]:
        kind, pos, listing = _KINDS["art"], head.start("bare"), False
    else:
        name = next(n for n in _KINDS if head[n])
        kind, pos, listing = _KINDS[name], head.end(), head[name] not in _SINGULAR_KEYWORDS
    first = _item(text, pos, kind)
    if first is None:
        return None
    key, paragraph, pos = first
    before = head["before"] or head["before_ordinal"]
    items = [(key, paragraph or (_ORDINALS.get(before, before) if before else None))]
    if listing and (hyphenated := re.fullmatch(r"(\d+)-(\d+)", key)):
        # "articles 13-15" is a range, while "article 20-1" (Loi 78-17) is one article.
        keys = _span(kind, hyphenated[1], hyphenated[2])
        items = [(k, None) for k in keys] if keys else items
    while (sep := _CONTINUATION[kind.prefix].match(text, pos)) and (listing or sep["keyword"]):
        following = _item(text, sep.end(), kind)
        if following is None:
            break
        if sep["range"]:
            keys = _span(kind, items[-1][0], following[0])
            if keys is None:
                break
            items.extend((k, None) for k in keys[1:-1])
        items.append(following[:2])
        pos = following[2]
    return _Group(kind, tuple(items), head.start(), pos)


def _groups(text: str) -> Iterator[_Group]:
    pos = 0
    while head := _HEAD.search(text, pos):
        group = _group(text, head)
        if group is None:
            pos = head.end()
            continue
        yield group
        pos = group.end


def _named_with(group: _Group, mentions: list[_Mention], text: str) -> _Mention | None:
    """The document named right after the group ("article 5 du RIA"), else right before it ("RGPD art. 9")."""
    after = next((m for m in mentions if m.start >= group.end), None)
    if after and _SUFFIX_GLUE.fullmatch(text, group.end, after.start):
        return after
    before = next((m for m in reversed(mentions) if m.end <= group.start), None)
    if before and _PREFIX_GLUE.fullmatch(text, before.end, group.start):
        return before
    return None


def find_references(question: str) -> list[Reference]:
    """Provisions the question names, in the order it names them, without duplicates.

    The document is the one named beside the reference; failing that, the only one the
    question names at all; failing that, None. Code articles (L/R/D numbers) belong to
    the CRPA, the corpus's only code, and references to acts outside the corpus are dropped.
    """
    text = _fold(question)
    mentions = _mentions(text)
    named = {m.doc_id for m in mentions}
    only = next(iter(named)) if len(named) == 1 else None
    found: list[Reference] = []
    for group in _groups(text):
        mention = _named_with(group, mentions, text)
        if mention is not None and mention.doc_id is None:
            continue
        doc_id = mention.doc_id if mention else only
        for key, paragraph in group.items:
            coded = group.kind.prefix == "art" and key[0] in "LRD"
            found.append(Reference("crpa" if coded else doc_id, f"{group.kind.prefix}:{key}", paragraph))
    return list(dict.fromkeys(found))


def _spelled(question: str) -> tuple[str, str]:
    """The question as the user spelled it, single-spaced, and its folded copy, whose offsets fit the first: folding
    keeps the length of ordinary text (else both are the folded copy)."""
    spaced = " ".join(question.split())
    text = _fold(spaced)
    return (spaced if len(spaced) == len(text) else text), text


def foreign_act_asked(question: str) -> str | None:
    """The act outside the corpus that a question naming no corpus document asks about, as the question spells it."""
    shown, text = _spelled(question)
    mentions = _mentions(text)
    if any(m.doc_id for m in mentions):
        return None
    return next((shown[m.start : m.end] for m in mentions if _NAMED_FOREIGN.fullmatch(text[m.start : m.end])), None)


def without_document(question: str, doc_id: str) -> str:
    """The question with the names it gives `doc_id` taken out: what is left says what it asks about that text."""
    shown, text = _spelled(question)
    kept, end = [], 0
    for mention in _mentions(text):
        if mention.doc_id == doc_id:
            kept.append(shown[end : mention.start])
            end = mention.end
    return " ".join("".join([*kept, shown[end:]]).split())


def mentioned_documents(question: str) -> list[str]:
    """The corpus documents the question names, in order, each once: a soft filter for retrieval."""
    return list(dict.fromkeys(m.doc_id for m in _mentions(_fold(question)) if m.doc_id))

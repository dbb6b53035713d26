"""Language analysis for BM25: lower case, stop words, Snowball stemming, then accent folding.

Stemming runs before folding because the Snowball French rules read accents ("é", "è");
folding afterwards lets "décision" and "decision" meet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_FRENCH

_WORD = re.compile(r"\w+", re.U)
_STEMMERS = {"fr": "french", "en": "english"}
_STOPWORDS = {"fr": STOPWORDS_FRENCH, "en": STOPWORDS_EN}
# Elisions glue the article to the word ("l'article", "d'IA"); both apostrophes occur in the corpus.
_ELISION = re.compile(r"\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]", re.I)


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@cache
def _stemmer(lang: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(_STEMMERS.get(lang, "english"))


@cache
def _stopwords(lang: str) -> frozenset[str]:
    return frozenset(_STOPWORDS.get(lang, STOPWORDS_EN))


def analyse(text: str, lang: str) -> list[str]:
    """Index terms of `text` read as language `lang` ("fr" or "en"; anything else is read as English)."""
    return list(_analysed(text, lang))


@lru_cache(maxsize=16384)
def _analysed(text: str, lang: str) -> tuple[str, ...]:
    """Cached because every answer reads the same passages and sentences again: ranking, verifying and
    refusing each analyse them, and under load this was the largest share of the chat's Python time."""
    words = [w for w in _WORD.findall(_ELISION.sub(" ", text.lower())) if w not in _stopwords(lang)]
    return tuple(fold(stem) for stem in _stemmer(lang).stemWords(words))


# Words that ask, in each language, beyond the stop word lists: « What did the omnibus change on AI literacy? » holds
# one stop word of each ("the"; « ai », « on ») and is English by "what" and "did".
_ASKING_WORDS = {
    "fr": frozenset(
        _WORD.findall("quel quelle quels quelles quoi comment pourquoi quand faut doit peut peuvent doivent")
    ),
    "en": frozenset(
        _WORD.findall(
            "what which who how why when where does did do can could must should may has have under name list"
        )
    ),
}


@cache
def _language_words(lang: str) -> frozenset[str]:
    return _stopwords(lang) | _ASKING_WORDS[lang]


def guess_language(text: str) -> str:
    """French or English, by which language's own words are more frequent, a word both lists hold (« on ») counting
    for neither: enough for questions and user files."""
    words = _WORD.findall(text.lower())
    fr_words, en_words = _language_words("fr"), _language_words("en")
    fr = sum(w in fr_words and w not in en_words for w in words)
    en = sum(w in en_words and w not in fr_words for w in words)
    return "en" if en > fr else "fr"

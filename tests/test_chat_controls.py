"""What the page's controls offer and mean: documents of the live index, filters, engines, logins."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.chat.access import credentials
from assistant.chat.controls import document_choices, engines, search_filters
from assistant.retrieval.filters import BINDING, Filters


def test_document_choices_follow_the_catalogue(cadre):
    assert document_choices(cadre) == [
        ("Tous les documents", "tous"),
        ("Droit contraignant uniquement", "contraignant"),
        ("RIA", "doc:ai-act"),
        ("Omnibus IA", "doc:reg-2026-1744"),
        ("RGPD", "doc:gdpr"),
        ("CRPA", "doc:crpa"),
        ("Loi Informatique et Libertés", "doc:loi-78-17"),
        ("Loi République numérique", "doc:loi-2016-1321"),
        ("Loi 2018-493", "doc:loi-2018-493"),
        ("Guide Etalab", "doc:guide-etalab-algorithmes"),
    ]


@pytest.mark.parametrize(
    ("scope", "lang", "expected"),
    [
        ("tous", "", Filters()),
        ("tous", "fr", Filters(langs=("fr",))),
        ("contraignant", "", Filters(authorities=BINDING)),
        ("doc:gdpr", "en", Filters(doc_ids=("gdpr",), langs=("en",))),
    ],
)
def test_search_filters(scope, lang, expected):
    assert search_filters(scope, lang) == expected


def test_binding_scope_keeps_the_guide_out(cadre):
    hits = cadre.retrieve("transparence des algorithmes publics", k=10, filters=search_filters("contraignant", ""))
    assert hits and {h.chunk.authority for h in hits} <= set(BINDING)


def test_llm_engine_is_offered_only_when_configured(settings):
    assert engines(replace(settings, llm_url="")) == {"extractive": "Par défaut (extractif)"}
    configured = replace(settings, llm_url="http://127.0.0.1:8000/v1", llm_model="mistral-small")
    assert engines(configured) == {
        "extractive": "Par défaut (extractif)",
        "llm": "Modèle de langage (mistral-small)",
    }


def test_logins_come_from_the_variable_and_the_users_file(tmp_path, settings):
    users = tmp_path / "users.txt"
    users.write_text("# agents\nmarie:s3cret:avec:deux-points\n\npaul:motdepasse\n", encoding="utf-8")
    both = replace(settings, auth="admin:admin-pass", users_file=str(users))
    assert credentials(both) == [
        ("admin", "admin-pass"),
        ("marie", "s3cret:avec:deux-points"),
        ("paul", "motdepasse"),
    ]
    assert credentials(replace(settings, auth="", users_file="")) == []


def test_malformed_login_line_names_its_place_not_its_content(tmp_path, settings):
    users = tmp_path / "users.txt"
    users.write_text("marie-sans-mot-de-passe\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"users\.txt:1: expected a `user:password` line") as error:
        credentials(replace(settings, users_file=str(users)))
    assert "marie" not in str(error.value)

"""Ratings are stored redacted in SQLite and come back out as CSV, from the store and from `cadre feedback export`."""

from __future__ import annotations

import csv
import io
import json

import pytest

from assistant.chat.feedback import COLUMNS, FeedbackStore
from assistant.chat.turns import turn_record
from assistant.cli import main

QUESTION = "Je suis à claire.martin@mairie.fr ou au 06 12 34 56 78 : quelles pratiques d'IA sont interdites ?"


@pytest.fixture(scope="module")
def turn(cadre):
    return turn_record(QUESTION, cadre.answer(QUESTION))


def test_rows_are_redacted_and_keep_their_citations(tmp_path, turn):
    store = FeedbackStore(tmp_path / "var" / "feedback.sqlite")
    first = store.add("utile", "Merci, NIR 1 85 05 78 006 084 36 à ne pas garder", turn)
    second = store.add("source_erronee", "", turn)
    assert (first, second) == (1, 2)
    out = io.StringIO()
    assert store.export_csv(out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == COLUMNS
    assert [r["rating"] for r in rows] == ["utile", "source_erronee"]
    assert rows[0]["question"] == (
        "Je suis à [courriel masqué] ou au [téléphone masqué] : quelles pratiques d'IA sont interdites ?"
    )
    assert rows[0]["comment"] == "Merci, NIR [NIR masqué] à ne pas garder"
    assert rows[0]["answer"] == turn["answer"]
    citations = json.loads(rows[0]["citations"])
    assert [c["n"] for c in citations] == [c["n"] for c in turn["citations"]]
    assert citations[0]["quote"] == turn["citations"][0]["quote"]
    assert "text" not in citations[0]
    assert rows[0]["engine"] == "extractive"


def test_unknown_rating_is_refused(tmp_path, turn):
    with pytest.raises(ValueError, match="unknown rating"):
        FeedbackStore(tmp_path / "feedback.sqlite").add("super", "", turn)


def test_cli_exports_csv(tmp_path, turn, monkeypatch, capsys):
    database = tmp_path / "feedback.sqlite"
    FeedbackStore(database).add("reponse_erronee", "l'article cité ne répond pas", turn)
    monkeypatch.setenv("CADRE_FEEDBACK_DB", str(database))
    assert main(["feedback", "export", "--csv"]) == 0
    printed = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert printed[0] == list(COLUMNS)
    assert printed[1][2:4] == ["reponse_erronee", "l'article cité ne répond pas"]
    out = tmp_path / "avis.csv"
    assert main(["feedback", "export", "--csv", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(COLUMNS)

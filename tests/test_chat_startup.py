"""A first start with no index builds one, telling the page and the log how far it is, then answers."""

from __future__ import annotations

import logging
from dataclasses import replace

from assistant.chat.startup import Startup

ONE_LAW = """
[[document]]
doc_id = "loi-2018-493"
title = "Loi n° 2018-493 du 20 juin 2018 relative à la protection des données personnelles (extraits)"
short = "Loi 2018-493"
authority = "binding-fr"
official_url = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000037085952"
  [[document.edition]]
  lang = "fr"
  version = "partial: 8 articles"
  files = ["fr/legi/Loi_2018-493_protection_donnees_JORFTEXT000037085952_ansvar-seed_partial.json"]
  format = "JSON provisions"
"""


def test_first_start_builds_the_index_and_reports_progress(tmp_path, settings, caplog):
    sources = tmp_path / "sources.toml"
    sources.write_text(ONE_LAW, encoding="utf-8")
    fresh = replace(settings, sources_file=sources, index_dir=tmp_path / "index")
    startup = Startup(fresh)
    with caplog.at_level(logging.INFO, logger="assistant.chat.startup"):
        startup.run()
    assert startup.ready.is_set()
    assert startup.message == "Cadre est prêt (9 passages indexés)."
    logged = [r.getMessage() for r in caplog.records]
    assert logged[0] == (
        "Construction de l'index (première utilisation) : Lecture de "
        "Loi_2018-493_protection_donnees_JORFTEXT000037085952_ansvar-seed_partial.json (0/1)"
    )
    # with a fresh vector cache the 9 passages are embedded, and that step is shown too
    assert all(
        m.startswith("Construction de l'index (première utilisation) : Calcul des vecteurs") for m in logged[1:-2]
    )
    assert logged[-2:] == ["index built: 9 chunks from 1 editions", "ready: 9 chunks"]
    assert (tmp_path / "index" / "manifest.json").is_file()


def test_a_start_that_fails_says_why(tmp_path, settings):
    broken = tmp_path / "sources.toml"
    broken.write_text("[[document]]\ndoc_id = 3\n", encoding="utf-8")
    startup = Startup(replace(settings, sources_file=broken, index_dir=tmp_path / "index"))
    startup.run()
    assert startup.ready.is_set()
    assert startup.cadre is None
    assert startup.message.startswith("Cadre n'a pas pu démarrer : ")


def test_a_start_without_the_corpus_says_where_it_looked(tmp_path, settings):
    absent = tmp_path / "absent"
    startup = Startup(replace(settings, corpus_dir=absent, index_dir=tmp_path / "index"))
    startup.run()
    assert startup.ready.is_set() and startup.cadre is None
    assert startup.message == (
        f"Cadre n'a pas pu démarrer : aucun texte de référence n'a été trouvé dans {absent}. "
        "Placez-y le corpus, ou indiquez son dossier (réglage corpus_dir, variable CADRE_CORPUS_DIR)."
    )
    assert not (tmp_path / "index" / "manifest.json").exists()

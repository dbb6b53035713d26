"""The index and model, made ready in the background so that the page answers while they load.

On a first start with no index this is where the default corpus is built; the page and the
terminal both show the progress.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING

from assistant.config import Settings
from assistant.indexing.manifest import NothingToIndex

if TYPE_CHECKING:
    from assistant.api import Cadre

log = logging.getLogger(__name__)
WARM_UP_QUESTION = "Quelles pratiques d'IA sont interdites ?"
LOG_EVERY_S = 2.0


class Startup:
    """Holds the `Cadre` once it exists; handlers wait on `ready` before they touch it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.cadre: Cadre | None = None
        self.ready = threading.Event()
        self.message = "Préparation de Cadre…"
        self._last_log = 0.0
        self._last_step = ""

    def start(self) -> Startup:
        threading.Thread(target=self.run, name="cadre-startup", daemon=True).start()
        return self

    def _progress(self, message: str, done: int, total: int) -> None:
        """Shown in the page at every step; logged once per step kind (each file) and every few seconds."""
        changed = message != self._last_step
        self._last_step = message
        self.message = f"Construction de l'index (première utilisation) : {message} ({done}/{total})"
        now = time.monotonic()
        if changed or now - self._last_log > LOG_EVERY_S:
            self._last_log = now
            log.info("%s", self.message)

    def run(self) -> None:
        """Build the index if there is none, open it, and answer once so the first user does not pay the warm-up."""
        try:
            self.message = "Chargement du modèle et de l'index…"
            from assistant.api import Cadre  # torch and the models: imported here, while the page is already served

            cadre = Cadre(self.settings)
            report = cadre.ensure_index(progress=self._progress)
            if report is not None:
                log.info("index built: %d chunks from %d editions", report.chunks, report.documents)
            chunks = len(cadre.index.chunks)
            cadre.embedder.set_threads(self.settings.chat_threads)
            cadre.answer(WARM_UP_QUESTION)
            self.cadre = cadre
            self.message = f"Cadre est prêt ({chunks} passages indexés)."
            log.info("ready: %d chunks", chunks)
        except NothingToIndex as exc:
            log.error("startup failed: %s", exc)
            self.message = (
                f"Cadre n'a pas pu démarrer : aucun texte de référence n'a été trouvé dans {exc.corpus_dir}. "
                "Placez-y le corpus, ou indiquez son dossier (réglage corpus_dir, variable CADRE_CORPUS_DIR)."
            )
        except Exception as exc:  # the page must say why it cannot answer rather than hang
            log.exception("startup failed")
            self.message = f"Cadre n'a pas pu démarrer : {exc}"
        finally:
            self.ready.set()

"""The « Ajouter des documents » handler: stage the uploads, ingest them, say in French what came in and what not."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

import gradio as gr

from assistant.chat.controls import document_choices
from assistant.chat.reasons import french_reason
from assistant.chat.startup import Startup
from assistant.chat.uploads import stage
from assistant.indexing.manifest import Skipped

if TYPE_CHECKING:
    from assistant.api import Cadre
    from assistant.indexing.build import IngestReport

log = logging.getLogger(__name__)


def _plain(text: str) -> str:
    """A file name shown literally in Markdown."""
    return re.sub(r"([\\`*_\[\]<>#|~])", r"\\\1", text)


def _outcome(cadre: Cadre, staged: list[Path], report: IngestReport) -> tuple[list[str], list[Skipped]]:
    """Lines for the files that are now in the index, and the staged files the ingest refused."""
    wanted = {str(path.resolve()): path for path in staged}
    refused = [s for s in report.skipped if s.path in wanted]
    chunks = {key: count for key, _, count in report.per_edition}
    added = []
    for source in cadre.index.manifest.sources:
        if source.path in wanted:
            count = chunks.get(source.edition_key)
            detail = f"{count} passages" if count is not None else "déjà dans l'index"
            added.append(f"- **Ajouté** : {_plain(wanted[source.path].name)} ({detail})")
    return added, refused


class Uploads:
    def __init__(self, startup: Startup, login_required: bool) -> None:
        self.startup = startup
        self.login_required = login_required

    def add(self, files: list[str] | None, request: gr.Request, progress: gr.Progress = gr.Progress()) -> tuple:  # noqa: B008 (Gradio injects it)
        """Returns (report in Markdown, refreshed document choices, emptied file picker)."""
        if self.login_required and not getattr(request, "username", None):
            return "Connectez-vous pour ajouter des documents.", gr.skip(), gr.skip()
        if not files:
            return "Choisissez d'abord un ou plusieurs fichiers.", gr.skip(), gr.skip()
        cadre = self.startup.cadre
        if cadre is None:
            return f"Cadre n'est pas encore prêt : {self.startup.message}", gr.skip(), gr.skip()
        from assistant.indexing.build import IngestBusy  # loaded with the model, once the page is up

        settings = cadre.settings
        staged, refused = stage([Path(f) for f in files], settings.upload_dir, settings.max_file_mb)
        lines: list[str] = []
        if staged:

            def step(message: str, done: int, total: int) -> None:
                progress((done, max(total, 1)), desc=message)

            try:
                report = cadre.ingest(staged, progress=step)
            except IngestBusy:
                return "Un autre ajout est en cours ; réessayez quand il sera terminé.", gr.skip(), gr.skip()
            added, skipped = _outcome(cadre, staged, report)
            lines += added
            refused += [Skipped(Path(s.path).name, s.reason) for s in skipped]
            for s in skipped:
                Path(s.path).unlink(missing_ok=True)
        lines += [f"- **Refusé** : {_plain(s.path)} — {french_reason(s.reason)}" for s in refused]
        log.info("upload: %d file(s) staged, %d refused", len(staged), len(refused))
        return "\n".join(lines), gr.Dropdown(choices=document_choices(cadre)), None

"""The page: layout and event wiring of the Gradio app, and how it is served."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from assistant.chat.access import credentials
from assistant.chat.adding import Uploads
from assistant.chat.controls import ALL, BROAD_SCOPES, LANGUAGE_CHOICES, document_choices, engines
from assistant.chat.feedback import RATINGS, FeedbackStore
from assistant.chat.rendering import DISCLAIMER, EMPTY_SOURCE
from assistant.chat.session import Session, new_conversation
from assistant.chat.startup import Startup
from assistant.chat.trainer import Trainer
from assistant.config import Settings
from assistant.sources.loading import SUPPORTED

STATIC = Path(__file__).parent / "static"
UPLOAD_CAP_FACTOR = 4
EXAMPLES = (
    "Quelles pratiques d'IA sont interdites ?",
    "Une commune peut-elle utiliser la reconnaissance faciale dans l'espace public ?",
    "Quelles informations donner aux usagers sur un algorithme qui fonde une décision individuelle ?",
    "Quand les règles sur les systèmes d'IA à haut risque s'appliquent-elles ?",
)
# Keyboard and screen-reader users land on the source they asked for; the passage scrolls to the quote.
SHOW_SOURCE_JS = """() => {
  const passage = document.querySelector('#cadre-source .cadre-passage');
  const mark = passage?.querySelector('mark');
  if (mark) passage.scrollTop = mark.offsetTop - passage.clientHeight / 4;
  document.querySelector('#cadre-source h2')?.focus({preventScroll: true});
}"""
# The Word file is written when asked for, then handed to a download button kept out of sight.
DOWNLOAD_DOCX_JS = "() => document.querySelector('#cadre-docx-file')?.click()"
THEME = gr.themes.Default(
    primary_hue=gr.themes.colors.blue,
    neutral_hue=gr.themes.colors.slate,
    font=["system-ui", "Arial", "sans-serif"],
    font_mono=["ui-monospace", "Consolas", "monospace"],
).set(
    button_primary_background_fill="#1e3a8a",
    button_primary_background_fill_hover="#1e40af",
    button_primary_text_color="#ffffff",
    link_text_color="#1e3a8a",
    link_text_color_hover="#1e40af",
    color_accent="*primary_800",
    link_text_color_dark="*primary_300",
    input_placeholder_color="*neutral_500",
)


def _start_choices(startup: Startup) -> list[tuple[str, str]]:
    """The document list once the index is open; only the two broad scopes before."""
    if startup.cadre is not None:
        return document_choices(startup.cadre)
    return BROAD_SCOPES


def _same(text: str) -> str:
    """An example button's label becomes the question."""
    return text


def build_app(startup: Startup, exports: Path) -> gr.Blocks:
    settings = startup.settings
    offered = engines(settings)
    session = Session(startup, FeedbackStore(settings.feedback_db), exports)
    uploads = Uploads(startup, login_required=bool(credentials(settings)))
    trainer = Trainer(startup, exports)

    with gr.Blocks(title="Cadre — les règles de l'IA pour les collectivités", analytics_enabled=False) as app:
        conversation = gr.State(new_conversation())
        gr.HTML(
            "<header id='cadre-header'><div><h1>Cadre</h1><p>Les règles de l'intelligence artificielle pour les "
            "agents des collectivités territoriales, avec leurs sources.</p></div>"
            f"<p id='cadre-disclaimer' role='note'><strong>{DISCLAIMER}</strong></p></header>"
        )
        status = gr.Markdown(startup.message, elem_id="cadre-status")
        timer = gr.Timer(1.0, active=not startup.ready.is_set())
        with gr.Tabs():
            with gr.Tab("Conversation", id="chat"):
                with gr.Row(equal_height=True):
                    scope = gr.Dropdown(
                        _start_choices(startup),
                        value=ALL,
                        label="Documents à interroger",
                        scale=2,
                        min_width=260,
                    )
                    lang = gr.Dropdown(LANGUAGE_CHOICES, value="", label="Langue des textes", scale=1, min_width=160)
                    engine = gr.Dropdown(
                        [(label, key) for key, label in offered.items()],
                        value=next(iter(offered)),
                        label="Moteur de réponse",
                        scale=1,
                        min_width=230,
                    )
                with gr.Row(elem_id="cadre-examples") as examples:
                    gr.Markdown("Exemples de questions :", elem_id="cadre-examples-title")
                    example_buttons = [gr.Button(text, size="sm", variant="secondary") for text in EXAMPLES]
                chatbot = gr.Chatbot(
                    label="Conversation",
                    show_label=False,
                    elem_id="cadre-chat",
                    height="52vh",
                    min_height=280,
                    placeholder="Posez une question sur les règles de l'IA, ou choisissez un exemple ci-dessus.",
                    feedback_options=None,
                    buttons=["copy"],
                    group_consecutive_messages=False,
                )
                with gr.Row(equal_height=True):
                    question = gr.Textbox(
                        label="Votre question",
                        placeholder="Ex. : une mairie peut-elle noter automatiquement les demandes de logement ?",
                        lines=2,
                        max_lines=6,
                        scale=5,
                        min_width=280,
                    )
                    send = gr.Button("Envoyer", variant="primary", scale=1, min_width=120)
                with gr.Row():
                    restart = gr.Button("Nouvelle conversation", variant="secondary")
                    markdown_export = gr.DownloadButton("Exporter (Markdown)", interactive=False)
                    docx_export = gr.Button("Exporter (Word .docx)", interactive=False)
                    docx_file = gr.DownloadButton(visible="hidden", elem_id="cadre-docx-file")
                with gr.Accordion("Donner votre avis sur une réponse", open=False, elem_id="cadre-feedback"):
                    rated = gr.Dropdown([], label="Réponse concernée", elem_id="cadre-rated")
                    rating = gr.Radio(
                        [(label, key) for key, label in RATINGS.items()], label="Votre avis", elem_id="cadre-rating"
                    )
                    comment = gr.Textbox(label="Commentaire (facultatif)", lines=2, elem_id="cadre-comment")
                    rate = gr.Button("Envoyer l'avis", elem_id="cadre-rate")
                    rate_status = gr.Markdown(elem_id="cadre-rate-status")
                cite_key = gr.Textbox(label="Source demandée", visible="hidden", elem_id="cadre-cite-key")
                cite_open = gr.Button("Afficher la source", visible="hidden", elem_id="cadre-cite-open")
            with gr.Tab("Ajouter des documents", id="upload"):
                gr.Markdown(
                    f"Ajoutez vos propres documents (délibérations, notes, guides) : ils seront interrogés avec le "
                    f"corpus. Formats acceptés : {', '.join(SUPPORTED)} ; {settings.max_file_mb:g} Mo au plus par "
                    "fichier. Les PDF doivent contenir du texte (pas seulement des images scannées)."
                )
                files = gr.File(
                    label="Fichiers à ajouter", file_count="multiple", file_types=list(SUPPORTED), elem_id="cadre-files"
                )
                add = gr.Button("Ajouter à l'index", variant="primary", elem_id="cadre-add")
                added = gr.Markdown(elem_id="cadre-added")
            with gr.Tab("Formateur", id="trainer") as trainer_tab:
                gr.Markdown("## Fiche thématique")
                with gr.Row(equal_height=True):
                    theme = gr.Dropdown([], label="Thème de la fiche", scale=3, min_width=280, elem_id="cadre-theme")
                    make_sheet = gr.Button("Générer la fiche", variant="primary", scale=1, min_width=160)
                with gr.Row():
                    sheet_md = gr.DownloadButton("Fiche (Markdown)", interactive=False)
                    sheet_docx = gr.DownloadButton("Fiche (Word .docx)", interactive=False)
                # The sheet scrolls in its own box, so that the handout below stays within reach.
                sheet = gr.Markdown(elem_id="cadre-sheet", max_height=480)
                gr.Markdown("## Support de cours")
                picked = gr.CheckboxGroup([], label="Questions de la conversation à reprendre", elem_id="cadre-picked")
                with gr.Row():
                    handout_md = gr.DownloadButton("Support (Markdown)", interactive=False)
                    handout_docx = gr.DownloadButton("Support (Word .docx)", interactive=False)
        gr.Markdown(f"{DISCLAIMER} Vérifiez toujours le texte officiel cité.", elem_id="cadre-footer")
        with gr.Sidebar(label="Source", position="right", open=False, width=460, elem_id="cadre-panel") as panel:
            source = gr.HTML(EMPTY_SOURCE, elem_id="cadre-source")

        ask_inputs = [question, scope, lang, engine, conversation]
        ask_outputs = [chatbot, conversation, question, rated]
        after_outputs = [markdown_export, docx_export, examples]
        send.click(session.ask, ask_inputs, ask_outputs, api_name="ask").then(
            session.exports_ready, conversation, after_outputs, api_visibility="private"
        )
        question.submit(session.ask, ask_inputs, ask_outputs, api_visibility="private").then(
            session.exports_ready, conversation, after_outputs, api_visibility="private"
        )
        for button in example_buttons:
            button.click(_same, button, question, api_visibility="private", queue=False).then(
                session.ask, ask_inputs, ask_outputs, api_visibility="private"
            ).then(session.exports_ready, conversation, after_outputs, api_visibility="private")
        docx_export.click(session.docx, conversation, docx_file, api_visibility="private").then(
            None, js=DOWNLOAD_DOCX_JS
        )
        cite_open.click(session.open_source, [cite_key, conversation], [source, panel], api_visibility="private").then(
            None, js=SHOW_SOURCE_JS
        )
        rate.click(
            session.rate, [rated, rating, comment, conversation], [rate_status, rating, comment], api_name="rate"
        )
        restart_outputs = [
            chatbot,
            conversation,
            source,
            panel,
            markdown_export,
            docx_export,
            rated,
            rate_status,
            examples,
        ]
        restart.click(session.restart, None, restart_outputs, api_visibility="private")
        chatbot.clear(session.restart, None, restart_outputs, api_visibility="private")
        add.click(uploads.add, files, [added, scope, files], api_name="add", concurrency_limit=1)
        trainer_tab.select(
            trainer.open, conversation, [theme, picked, handout_md, handout_docx], api_visibility="private"
        )
        make_sheet.click(trainer.sheet, theme, [sheet, sheet_md, sheet_docx], api_visibility="private")
        picked.input(trainer.handout, [picked, conversation], [handout_md, handout_docx], api_visibility="private")

        def tick() -> tuple:
            ready = startup.ready.is_set()
            return startup.message, gr.Timer(active=not ready), gr.Dropdown(choices=_start_choices(startup))

        timer.tick(tick, None, [status, timer, scope], api_visibility="private", queue=False)
        app.load(tick, None, [status, timer, scope], api_visibility="private", queue=False)
    return app


@dataclass
class ChatServer:
    """The built page and what launching it needs (Gradio 6 takes theme, CSS and head at launch)."""

    app: gr.Blocks
    settings: Settings
    startup: Startup

    def launch(self, host: str = "127.0.0.1", port: int = 7860, block: bool = True) -> None:
        """Serve the page, then load the model and index behind it (they would slow the server's start)."""
        settings = self.settings
        self.app.launch(
            server_name=host,
            server_port=port,
            auth=credentials(settings) or None,
            auth_message="Cadre : connectez-vous avec l'identifiant fourni par votre administrateur.",
            root_path=settings.root_path or None,
            # Gradio's own refusal is in English: files a little over the limit get through to `stage`,
            # which refuses them in French; only far larger ones are cut off at the door.
            max_file_size=f"{settings.max_file_mb * UPLOAD_CAP_FACTOR:g}mb",
            prevent_thread_lock=True,
            ssr_mode=False,
            footer_links=[],
            theme=THEME,
            css_paths=[STATIC / "cadre.css"],
            head=f"<script>{(STATIC / 'cadre.js').read_text(encoding='utf-8')}</script>",
        )
        self.startup.start()
        if block:
            self.app.block_thread()


def create(settings: Settings) -> ChatServer:
    """The page; its index is prepared (built on a first start) once it is launched."""
    startup = Startup(settings)
    exports = Path(tempfile.mkdtemp(prefix="cadre-exports-"))
    atexit.register(shutil.rmtree, exports, True)
    app = build_app(startup, exports)
    app.queue(default_concurrency_limit=settings.default_concurrency_limit, max_size=settings.queue_max_size)
    return ChatServer(app, settings, startup)

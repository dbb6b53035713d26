"""The web chat as a script (`python ui.py`): the same page as `cadre chat`, with the settings of the environment."""

from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # both are read when Gradio is imported
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

from assistant.chat.app import create
from assistant.config import load_settings

if __name__ == "__main__":
    create(load_settings()).launch()

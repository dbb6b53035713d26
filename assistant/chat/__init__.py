"""The web chat: a Gradio page over `assistant.api.Cadre`, with sources, feedback, exports and uploads."""

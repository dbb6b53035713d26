# Two commands on a fresh machine: `make run` (the main job) and `make test` (what CI runs).
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint browser clean-index

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	# The GIFT parser used by the quiz tests pins an old Markdown that no longer imports; its parser needs neither.
	$(BIN)/pip install --quiet --no-deps pygiftparser==1.1 yattag==1.16.1 Markdown==3.7
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	GRADIO_ANALYTICS_ENABLED=False $(BIN)/cadre chat

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The browser tests drive Debian's Chromium (never a downloaded browser build).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null)

test: lint browser
	$(BIN)/python -m pytest

clean-index:
	rm -rf index

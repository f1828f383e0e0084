# Two commands do all the set-up: `make run` and `make test`. Both create .venv when missing
# and install only when pyproject.toml changed since the last install.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test test-fast lint format bench train check-knowledge clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed; found: $$($(PYTHON) --version 2>&1)" >&2; exit 1; }
	@echo "Creating $(VENV) ..." >&2
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip >&2

# Bytecode is compiled at install (and by `make run` after an edit) even where
# PYTHONDONTWRITEBYTECODE is set: without it, every start of the bot compiles its modules
# again (~0.1 s of a 0.15 s `ask`).
# ryaml (.[fast]) reads large knowledge bases faster; where it has no wheel, PyYAML does it all.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing the bot into $(VENV) ..." >&2
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[fast]' >&2 || \
		$(BIN)/python -m pip install --quiet --disable-pip-version-check -e . >&2
	@$(BIN)/python -m compileall -q bot >&2
	@touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing the bot and its dev tools into $(VENV) ..." >&2
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]' >&2
	@$(BIN)/python -m compileall -q bot >&2
	@touch $@ $(RUN_STAMP)

## run: the Telegram bot when TELEGRAM_BOT_TOKEN is set (environment or .env), else the console
run: $(RUN_STAMP)
	@$(BIN)/python -m compileall -q bot >&2
	@$(BIN)/python -m bot run

## test: the whole test suite
test: $(DEV_STAMP)
	$(BIN)/python -m pytest -q

## test-fast: the quick subset (no processes started, no load tests), under 20 s
test-fast: $(DEV_STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

## lint: ruff (lint + format check) and mypy
lint: $(DEV_STAMP)
	$(BIN)/ruff check bot tests
	$(BIN)/ruff format --check bot tests
	$(BIN)/mypy

format: $(DEV_STAMP)
	$(BIN)/ruff format bot tests
	$(BIN)/ruff check --fix bot tests

## bench: answer latency, throughput and cold start; then the Telegram path (updates/s)
bench: $(DEV_STAMP)
	$(BIN)/python -m bot.bench
	$(BIN)/python tests/bench_telegram.py

## train: learn the grammar's rule weights from the public question sets (bot/engine/grammar/weights.json)
train: $(DEV_STAMP)
	$(BIN)/python -m bot.engine.grammar.train ../shared/eval/dev.jsonl ../shared/eval/understanding.jsonl \
		../shared/eval/breadth.jsonl tests/questions/compose.jsonl tests/questions/compose_dev.jsonl tests/questions/compose_dev2.jsonl \
		tests/questions/compose_dev3.jsonl tests/questions/compose_dev4.jsonl tests/questions/compose_dev5.jsonl \
		tests/questions/compose_dev6.jsonl tests/questions/compose_dev7.jsonl tests/questions/compose_dev8.jsonl \
		tests/questions/compose_dev9.jsonl tests/questions/compose_dev10.jsonl tests/questions/compose_dev11.jsonl \
		tests/questions/compose_dev12.jsonl tests/questions/compose_dev13.jsonl tests/questions/compose_dev14.jsonl tests/questions/compose_dev15.jsonl tests/questions/compose_dev16.jsonl tests/questions/compose_dev17.jsonl tests/questions/compose_dev18.jsonl tests/questions/compose_dev19.jsonl tests/questions/compose_dev20.jsonl \
		tests/questions/grammar.jsonl --write

check-knowledge: $(RUN_STAMP)
	$(BIN)/python -m bot check-knowledge

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache dist build

